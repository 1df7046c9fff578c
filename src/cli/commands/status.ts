/** `roadmap status`: one screen with the milestones, the counts, and what is in progress. */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { compareMilestones } from '../../domain/milestone.js';
import { healthByMilestone, localDate, tallyIssues } from '../../domain/progress.js';
import { DEFAULT_SORT } from '../../domain/query.js';
import type { Context } from '../context.js';
import { paint, statusStyle } from '../output/color.js';
import { formatOf, withFormat } from '../output/format.js';
import { writeIssues, issueJson } from '../output/issues.js';
import { writeJson } from '../output/json.js';
import { dueText, progressCell, progressJson } from '../output/progress.js';
import { writeTable } from '../output/table.js';

/** In-progress issues `status` shows before it says how many more there are. */
const SHOWN_IN_PROGRESS = 20;

export function registerStatus(program: Command, ctx: Context): void {
  withFormat(program.command('status').description('one screen: milestones, counts, what is in progress'), ['table', 'json']).action((opts) => {
    const format = formatOf(opts, ['table', 'json']);
    const store = ctx.store();
    const tallies = tallyIssues(store.progressRows());
    const milestones = store.listMilestones().sort(compareMilestones);
    const health = healthByMilestone(milestones, tallies, localDate(ctx.clock()));
    const overall = tallies.overall.result();
    const backlogProgress = tallies.backlog.result();
    const backlog = backlogProgress.total - backlogProgress.done;
    const blocked = store.countIssues({ blocked: true });
    const ready = store.countIssues({ ready: true });
    // One screen: the first few in progress, and how many there are in all.
    const inProgressCount = store.countIssues({ statuses: ['in-progress'] });
    const inProgress = [...store.listIssues({ statuses: ['in-progress'], sort: DEFAULT_SORT, limit: SHOWN_IN_PROGRESS })];
    const openMilestones = milestones.filter((m) => m.status.toLowerCase() !== 'closed');
    const name = String(store.config().get('project.name') ?? basename(store.paths.root));
    ctx.profiler.mark('query');

    if (format === 'json') {
      writeJson(ctx.io, {
        project: name,
        issues: progressJson(overall),
        backlog_open: backlog,
        blocked,
        ready,
        milestones: milestones.map((m) => ({ name: m.name, status: m.status, path: m.path, progress: progressJson(health.get(m.name)!) })),
        in_progress_count: inProgressCount,
        in_progress: inProgress.map(issueJson),
      });
      return;
    }
    const { io } = ctx;
    const counts = Object.entries(overall.byStatus).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${paint(io.color, statusStyle(s), s)} ${n}`).join(', ');
    io.out(`${paint(io.color, 'bold', name)}  ${overall.total} issues: ${counts || 'none yet'}\n`);
    io.out(`ready ${ready}   blocked ${blocked}   open in backlog ${backlog}   done ${progressCell(io, overall.percent)}\n`);
    if (openMilestones.length > 0) {
      io.out(`\n${paint(io.color, 'bold', 'Open milestones')}\n`);
      writeTable(io, [
        { header: 'NAME', value: (m: (typeof openMilestones)[number]) => m.name, flex: true },
        { header: 'DUE', value: (m) => dueText(health.get(m.name)!), style: (m) => (health.get(m.name)!.overdue ? 'red' : undefined), dropOrder: 1 },
        { header: 'PROGRESS', value: (m) => progressCell(io, health.get(m.name)!.percent) },
        { header: 'DONE', value: (m) => `${health.get(m.name)!.done}/${health.get(m.name)!.total}`, align: 'right' },
      ], openMilestones);
    }
    if (inProgress.length > 0) {
      io.out(`\n${paint(io.color, 'bold', 'In progress')}\n`);
      writeIssues(io, 'table', inProgress);
      const more = inProgressCount - inProgress.length;
      if (more > 0) io.out(`… and ${more.toLocaleString('en-US')} more: roadmap issue list --status in-progress\n`);
    }
    ctx.profiler.mark('render');
  });
}

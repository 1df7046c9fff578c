/** `roadmap milestone …`: create, list with progress, status, update, close, delete. */
import type { Command } from 'commander';
import { UsageError, ValidationError } from '../../errors.js';
import type { FieldEdit } from '../../domain/change.js';
import { compareMilestones, type Milestone } from '../../domain/milestone.js';
import { healthByMilestone, localDate, type MilestoneHealth } from '../../domain/progress.js';
import { DEFAULT_SORT } from '../../domain/query.js';
import { parseDate, parseMilestoneStatus, parseTitle } from '../../domain/validate.js';
import { isOpenStatus } from '../../domain/values.js';
import type { Context } from '../context.js';
import { deletedNote } from '../output/deleted.js';
import { paint } from '../output/color.js';
import { formatOf, withFormat } from '../output/format.js';
import { writeIssues } from '../output/issues.js';
import { writeCsv } from '../output/csv.js';
import { writeJson, writeJsonArray } from '../output/json.js';
import { dueText, progressCell, progressJson } from '../output/progress.js';
import { writeTable } from '../output/table.js';

interface MilestoneRow {
  milestone: Milestone;
  health: MilestoneHealth;
}

function milestoneRows(ctx: Context): MilestoneRow[] {
  const store = ctx.store();
  const milestones = store.listMilestones();
  const health = healthByMilestone(milestones, store.progressRows(), localDate(ctx.clock()));
  ctx.profiler.mark('query');
  return milestones
    .sort(compareMilestones)
    .map((milestone) => ({ milestone, health: health.get(milestone.name)! }));
}

function milestoneJson(row: MilestoneRow): Record<string, unknown> {
  return { ...row.milestone.fields, path: row.milestone.path, progress: progressJson(row.health) };
}

export function registerMilestone(program: Command, ctx: Context): void {
  const milestone = program.command('milestone').description('create milestones and follow their progress');

  milestone
    .command('create')
    .description('create a milestone')
    .argument('[name]', 'its name, which issues refer to (e.g. v1.0)')
    .option('--title <name>', 'the name (the Python tool\'s spelling)')
    .option('-d, --due-date <date>', 'due date, YYYY-MM-DD')
    .option('--description <text>', 'what it delivers')
    .option('--json', 'print the new milestone as JSON')
    .action((name: string | undefined, opts) => {
      const text = name ?? opts.title;
      if (text === undefined) throw new UsageError('milestone create needs a name: roadmap milestone create v1.0');
      const created = ctx.store().createMilestone({
        name: parseTitle(text, 'milestone name'),
        dueDate: opts.dueDate !== undefined ? parseDate(opts.dueDate, 'due date') : null,
        description: opts.description,
      });
      if (opts.json) writeJson(ctx.io, { ...created.fields, path: created.path });
      else ctx.io.out(`${created.name}\n`);
      ctx.note(`created ${created.path}`);
    });

  withFormat(milestone.command('list').alias('ls').description('list milestones with their progress')).action((opts) => {
    const format = formatOf(opts);
    const rows = milestoneRows(ctx);
    const { io } = ctx;
    if (format === 'json') writeJsonArray(io, rows, milestoneJson);
    else if (format === 'ids') for (const row of rows) io.out(`${row.milestone.name}\n`);
    else if (format === 'csv') {
      writeCsv(io, ['name', 'status', 'due_date', 'percent', 'done', 'total', 'hours_left', 'overdue', 'path'], rows, (r) => [
        r.milestone.name, r.milestone.status, r.milestone.dueDate, r.health.percent, r.health.done, r.health.total, r.health.hoursLeft, r.health.overdue, r.milestone.path,
      ]);
    } else {
      writeTable(io, [
        { header: 'NAME', value: (r: MilestoneRow) => r.milestone.name, style: () => 'bold', flex: true },
        { header: 'STATUS', value: (r) => r.milestone.status, style: (r) => (r.milestone.status === 'closed' ? 'dim' : undefined), dropOrder: 3 },
        { header: 'DUE', value: (r) => dueText(r.health), style: (r) => (r.health.overdue ? 'red' : undefined), dropOrder: 2 },
        { header: 'PROGRESS', value: (r) => progressCell(io, r.health.percent) },
        { header: 'DONE', value: (r) => `${r.health.done}/${r.health.total}`, align: 'right' },
        { header: 'HOURS LEFT', value: (r) => (r.health.hoursLeft ? String(r.health.hoursLeft) : ''), align: 'right', dropOrder: 1 },
      ], rows);
      if (rows.length === 0) ctx.note('no milestones yet: roadmap milestone create NAME');
    }
    ctx.profiler.mark('render');
  });

  withFormat(
    milestone.command('status').aliases(['show', 'view']).description('progress, counts by status, hours left and overdue, with its issues').argument('<name>', 'milestone name'),
    ['table', 'json'],
  ).action((name: string, opts) => {
    const format = formatOf(opts, ['table', 'json']);
    const store = ctx.store();
    const found = store.getMilestone(name);
    const row = milestoneRows(ctx).find((r) => r.milestone.path === found.path)!;
    const issues = [...store.listIssues({ milestone: found.name, sort: DEFAULT_SORT })];
    if (format === 'json') {
      writeJson(ctx.io, { ...milestoneJson(row), issues: issues.map((i) => ({ ...i.fields, path: i.path })) });
      return;
    }
    const { io } = ctx;
    const h = row.health;
    const line = (label: string, value: string) => io.out(`${paint(io.color, 'dim', label.padEnd(11))}${value}\n`);
    io.out(`${paint(io.color, 'bold', found.name)}${found.description ? `  ${found.description}` : ''}\n`);
    line('status', found.status);
    line('progress', `${progressCell(io, h.percent)}  (${h.done}/${h.total} issues done)`);
    line('by status', Object.entries(h.byStatus).map(([s, n]) => `${s} ${n}`).join(', ') || 'no issues');
    line('hours left', h.hoursLeft ? `${h.hoursLeft} h` : '0');
    line('due', h.dueDate ? paint(io.color, h.overdue ? 'red' : undefined, dueText(h)) : 'no due date');
    line('path', found.path);
    const open = issues.filter((i) => isOpenStatus(i.status));
    if (issues.length > 0) {
      io.out(`\n${open.length} open of ${issues.length}\n`);
      writeIssues(io, 'table', issues);
    }
    ctx.profiler.mark('render');
  });

  milestone
    .command('update')
    .description('change a milestone (a new name follows into its issues and roadmaps)')
    .argument('<name>', 'milestone name')
    .option('--name <new>', 'rename it')
    .option('-d, --due-date <date>', 'due date, YYYY-MM-DD ("" to clear)')
    .option('--description <text>', 'what it delivers')
    .option('-s, --status <status>', 'open or closed')
    .action((name: string, opts) => {
      const edits: FieldEdit[] = [];
      if (opts.name !== undefined) edits.push({ key: 'name', value: parseTitle(opts.name, 'milestone name') });
      if (opts.dueDate !== undefined) edits.push({ key: 'due_date', value: opts.dueDate.trim() === '' ? null : parseDate(opts.dueDate, 'due date') });
      if (opts.description !== undefined) edits.push({ key: 'description', value: opts.description });
      if (opts.status !== undefined) edits.push({ key: 'status', value: parseMilestoneStatus(opts.status) });
      if (edits.length === 0) throw new UsageError('nothing to change: give --name, --due-date, --description or --status');
      const { milestone: updated, changed } = ctx.store().updateMilestone(name, edits);
      ctx.note(changed ? `updated ${updated.path}` : `${updated.name} was already as asked; not rewritten`);
    });

  milestone
    .command('close')
    .description('close a milestone')
    .argument('<name>', 'milestone name')
    .action((name: string) => {
      const store = ctx.store();
      const { milestone: closed, changed } = store.updateMilestone(name, [{ key: 'status', value: 'closed' }]);
      const open = [...store.listIssues({ milestone: closed.name, open: true })].length;
      ctx.note(changed ? `closed ${closed.name}` : `${closed.name} was already closed`);
      if (open > 0) ctx.warn(`${closed.name} still has ${open} open ${open === 1 ? 'issue' : 'issues'}`);
    });

  milestone
    .command('delete')
    .alias('rm')
    .description('delete a milestone; refused while issues point at it, unless --force moves them to the backlog')
    .argument('<name>', 'milestone name')
    .option('-f, --force', 'move its issues to the backlog, then delete it')
    .action((name: string, opts) => {
      const store = ctx.store();
      const target = store.getMilestone(name);
      const issues = [...store.listIssues({ milestone: target.name, includeArchived: true })];
      if (issues.length > 0) {
        if (!opts.force) {
          throw new ValidationError(`milestone "${target.name}" has ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}; move them first, or use --force to move them to the backlog`);
        }
        store.updateIssues(issues.map((i) => i.id), { milestone: null });
        ctx.note(`moved ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'} to the backlog`);
      }
      const copy = store.gitCopies([target.path]).get(target.path);
      const { milestone: deleted, roadmaps } = store.deleteMilestone(target.name);
      ctx.io.out(`${deleted.name}\n`);
      ctx.note(deletedNote(deleted.path, copy, ctx.rootFromHere()));
      for (const roadmap of roadmaps) ctx.note(`removed ${deleted.name} from the milestones of ${roadmap.path}`);
    });
}

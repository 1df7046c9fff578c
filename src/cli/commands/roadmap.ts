/** `roadmap roadmap …` (alias `project`): plans that group milestones. */
import type { Command } from 'commander';
import { UsageError, ValidationError } from '../../errors.js';
import type { FieldEdit } from '../../domain/change.js';
import { type Milestone, milestoneNamed } from '../../domain/milestone.js';
import { combinedProgress, healthByMilestone, localDate, ProgressTally, type Tallies, tallyIssues } from '../../domain/progress.js';
import { isTiedTo, type Roadmap, roadmapJsonFields, roadmapMilestoneNames } from '../../domain/roadmap.js';
import { parseDate, parseIdRef, parseRoadmapPriority, parseRoadmapStatus, parseTitle } from '../../domain/validate.js';
import type { Context } from '../context.js';
import { deletedNote } from '../output/deleted.js';
import { paint } from '../output/color.js';
import { formatOf, withFormat } from '../output/format.js';
import { writeCsv } from '../output/csv.js';
import { writeJson, writeJsonArray } from '../output/json.js';
import { dueText, progressCell, progressJson } from '../output/progress.js';
import { writeTable } from '../output/table.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface RoadmapView {
  roadmap: Roadmap;
  milestones: string[];
  progress: ReturnType<typeof combinedProgress>;
}

function views(ctx: Context, roadmaps: Roadmap[]): { views: RoadmapView[]; milestones: Milestone[]; tallies: Tallies } {
  const store = ctx.store();
  const milestones = store.listMilestones();
  const tallies = tallyIssues(store.progressRows());
  const result = roadmaps.map((roadmap) => {
    const names = roadmapMilestoneNames(roadmap, milestones);
    return { roadmap, milestones: names, progress: combinedProgress(names.map((n) => tallies.byMilestone.get(n) ?? new ProgressTally())) };
  });
  ctx.profiler.mark('query');
  return { views: result, milestones, tallies };
}

function roadmapJson(view: RoadmapView): Record<string, unknown> {
  return { ...roadmapJsonFields(view.roadmap), path: view.roadmap.path, progress: progressJson(view.progress) };
}

export function registerRoadmap(program: Command, ctx: Context): void {
  const roadmap = program.command('roadmap').alias('project').description('plans that group milestones (alias: project)');

  roadmap
    .command('create')
    .description('create a roadmap; prints its id')
    .argument('<name>', 'its name')
    .option('-o, --owner <name>', 'who owns it')
    .option('-m, --milestone <name>', 'a milestone it includes (repeat for more)', collect)
    .option('--description <text>', 'what it is for')
    .option('-p, --priority <priority>', 'critical, high, medium or low', 'medium')
    .option('-s, --status <status>', 'planning, active, on-hold, completed or cancelled', 'planning')
    .option('--start-date <date>', 'YYYY-MM-DD')
    .option('--target-date <date>', 'target end date, YYYY-MM-DD')
    .option('--json', 'print the new roadmap as JSON')
    .action((name: string, opts) => {
      const created = ctx.store().createRoadmap({
        name: parseTitle(name, 'roadmap name'),
        owner: opts.owner ?? null,
        milestones: opts.milestone ?? [],
        description: opts.description,
        priority: parseRoadmapPriority(opts.priority),
        status: parseRoadmapStatus(opts.status),
        startDate: opts.startDate !== undefined ? parseDate(opts.startDate, 'start date') : null,
        targetEndDate: opts.targetDate !== undefined ? parseDate(opts.targetDate, 'target date') : null,
      });
      if (opts.json) writeJson(ctx.io, { ...created.fields, path: created.path });
      else ctx.io.out(`${created.id}\n`);
      ctx.note(`created ${created.path}`);
    });

  withFormat(roadmap.command('list').alias('ls').description('list roadmaps with their progress')).action((opts) => {
    const format = formatOf(opts);
    const { views: list } = views(ctx, ctx.store().listRoadmaps());
    const { io } = ctx;
    if (format === 'json') writeJsonArray(io, list, roadmapJson);
    else if (format === 'csv') {
      writeCsv(io, ['id', 'name', 'status', 'owner', 'milestones', 'percent', 'done', 'total', 'path'], list, (v) => [
        v.roadmap.id, v.roadmap.name, v.roadmap.status, v.roadmap.owner, v.milestones, v.progress.percent, v.progress.done, v.progress.total, v.roadmap.path,
      ]);
    } else if (format === 'ids') for (const v of list) io.out(`${v.roadmap.id}\n`);
    else {
      writeTable(io, [
        { header: 'ID', value: (v: RoadmapView) => v.roadmap.id, style: () => 'cyan' },
        { header: 'NAME', value: (v) => v.roadmap.name, flex: true },
        { header: 'STATUS', value: (v) => v.roadmap.status, dropOrder: 3 },
        { header: 'OWNER', value: (v) => v.roadmap.owner ?? '', max: 16, dropOrder: 1 },
        { header: 'MILESTONES', value: (v) => String(v.milestones.length), align: 'right', dropOrder: 2 },
        { header: 'PROGRESS', value: (v) => progressCell(io, v.progress.percent) },
      ], list);
      if (list.length === 0) ctx.note('no roadmaps yet: roadmap roadmap create NAME');
    }
    ctx.profiler.mark('render');
  });

  withFormat(roadmap.command('show').alias('view').description('a roadmap with each milestone\'s progress').argument('<id>', 'id or unique prefix'), ['table', 'json']).action((ref: string, opts) => {
    const format = formatOf(opts, ['table', 'json']);
    const found = ctx.store().getRoadmap(parseIdRef(ref));
    const { views: [view], milestones, tallies } = views(ctx, [found]);
    const health = healthByMilestone(milestones, tallies, localDate(ctx.clock()));
    const parts = view!.milestones.map((name) => ({ name, health: health.get(name), milestone: milestones.find((m) => m.name === name) }));
    if (format === 'json') {
      writeJson(ctx.io, {
        ...roadmapJson(view!),
        body: found.body,
        milestone_progress: parts.map((p) => ({ name: p.name, found: p.milestone !== undefined, ...(p.health ? progressJson(p.health) : {}) })),
      });
      return;
    }
    const { io } = ctx;
    const r = found;
    const line = (label: string, value: string) => io.out(`${paint(io.color, 'dim', label.padEnd(11))}${value}\n`);
    io.out(`${paint(io.color, 'cyan', r.id)}  ${paint(io.color, 'bold', r.name)}\n`);
    if (r.description) line('about', r.description);
    line('status', r.status);
    line('priority', r.priority);
    line('owner', r.owner ?? '');
    line('timeline', `${r.startDate?.slice(0, 10) ?? '?'} → ${r.targetEndDate?.slice(0, 10) ?? '?'}`);
    line('progress', `${progressCell(io, view!.progress.percent)}  (${view!.progress.done}/${view!.progress.total} issues done)`);
    line('path', r.path);
    if (parts.length > 0) {
      io.out('\n');
      writeTable(io, [
        { header: 'MILESTONE', value: (p: (typeof parts)[number]) => p.name, style: () => 'bold', flex: true },
        { header: 'STATUS', value: (p) => p.milestone?.status ?? 'missing', style: (p) => (p.milestone ? undefined : 'red'), dropOrder: 2 },
        { header: 'DUE', value: (p) => (p.health ? dueText(p.health) : ''), style: (p) => (p.health?.overdue ? 'red' : undefined), dropOrder: 1 },
        { header: 'PROGRESS', value: (p) => progressCell(io, p.health?.percent ?? 0) },
        { header: 'DONE', value: (p) => (p.health ? `${p.health.done}/${p.health.total}` : ''), align: 'right' },
      ], parts);
    }
    ctx.profiler.mark('render');
  });

  roadmap
    .command('update')
    .description('change a roadmap')
    .argument('<id>', 'id or unique prefix')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'what it is for')
    .option('-o, --owner <name>', 'who owns it')
    .option('-p, --priority <priority>', 'critical, high, medium or low')
    .option('-s, --status <status>', 'planning, active, on-hold, completed or cancelled')
    .option('--start-date <date>', 'YYYY-MM-DD')
    .option('--target-date <date>', 'target end date, YYYY-MM-DD')
    .option('--add-milestone <name>', 'include a milestone (repeat for more)', collect)
    .option('--remove-milestone <name>', 'leave a milestone out (repeat for more)', collect)
    .action((ref: string, opts) => {
      const settable = ['name', 'description', 'owner', 'priority', 'status', 'startDate', 'targetDate', 'addMilestone', 'removeMilestone'];
      if (settable.every((key) => opts[key] === undefined)) throw new UsageError('nothing to change: give at least one field to set');
      const store = ctx.store();
      const current = store.getRoadmap(parseIdRef(ref));
      const usesTimeline = current.fields.timeline != null && typeof current.fields.timeline === 'object' && !('start_date' in current.fields);
      const dateKey = (key: string) => (usesTimeline ? `timeline.${key}` : key);
      const edits: FieldEdit[] = [];
      if (opts.name !== undefined) edits.push({ key: 'name', value: parseTitle(opts.name, 'roadmap name') });
      if (opts.description !== undefined) edits.push({ key: 'description', value: opts.description });
      if (opts.owner !== undefined) edits.push({ key: 'owner', value: opts.owner.trim() || null });
      if (opts.priority !== undefined) edits.push({ key: 'priority', value: parseRoadmapPriority(opts.priority) });
      if (opts.status !== undefined) edits.push({ key: 'status', value: parseRoadmapStatus(opts.status) });
      if (opts.startDate !== undefined) edits.push({ key: dateKey('start_date'), value: parseDate(opts.startDate, 'start date') });
      if (opts.targetDate !== undefined) edits.push({ key: dateKey('target_end_date'), value: parseDate(opts.targetDate, 'target date') });
      // Later Python versions tie a milestone to its roadmap by the milestone's own project_id:
      // such a milestone is in already, and only its own file can take it out.
      const milestones = store.listMilestones();
      const adding = ((opts.addMilestone ?? []) as string[]).map((name) => store.getMilestone(name)).filter((m) => !isTiedTo(m, current)).map((m) => m.name);
      const removing = ((opts.removeMilestone ?? []) as string[]).map((name) => {
        const [known] = milestoneNamed(name, milestones);
        if (known && isTiedTo(known, current)) {
          throw new ValidationError(`milestone "${known.name}" belongs to this roadmap by its own project_id (${known.path}); change it there to leave it out`);
        }
        return (known?.name ?? name).toLowerCase();
      });
      const { roadmap: updated, changed } = store.updateRoadmap(current.id, (fresh) => {
        // A listed name goes whatever case the list spells it in.
        const next = fresh.milestones.filter((m) => !removing.includes(m.toLowerCase()));
        for (const name of adding) if (!next.includes(name)) next.push(name);
        const same = next.length === fresh.milestones.length && next.every((m, i) => m === fresh.milestones[i]);
        return same ? edits : [...edits, { key: 'milestones', value: next }];
      });
      ctx.note(changed ? `updated ${updated.path}` : `${updated.id} was already as asked; not rewritten`);
    });

  roadmap
    .command('delete')
    .alias('rm')
    .description('delete a roadmap file (its milestones and issues stay)')
    .argument('<id>', 'id or unique prefix')
    .action((ref: string) => {
      const store = ctx.store();
      const target = store.getRoadmap(parseIdRef(ref));
      const copy = store.gitCopies([target.path]).get(target.path);
      const deleted = store.deleteRoadmap(target.id);
      ctx.io.out(`${deleted.id}\n`);
      ctx.note(deletedNote(deleted.path, copy, ctx.rootFromHere()));
    });
}

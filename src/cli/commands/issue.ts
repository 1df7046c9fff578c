/**
 * `roadmap issue …`: create, list, show, update and the shortcut verbs, dependencies, ready.
 * Each verb: an options type, a commander declaration that only maps flags to options, and a
 * run function that does the work through the context's store.
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { UsageError, ValidationError } from '../../errors.js';
import { type IssueChange, isEmptyChange } from '../../domain/change.js';
import { DependencyGraph, type DependencyTree } from '../../domain/graph.js';
import type { Issue } from '../../domain/issue.js';
import { milestoneNamed } from '../../domain/milestone.js';
import { DEFAULT_SORT, type IssueQuery, milestoneFilter, parseSort } from '../../domain/query.js';
import {
  parseHours, parseIdRef, parseIssueStatus, parseIssueType, parseLimit, parsePriority, parseProgress,
  parseTitle,
} from '../../domain/validate.js';
import type { UpdateResult } from '../../store/storage.js';
import type { Context } from '../context.js';
import { paint, priorityStyle, statusStyle } from '../output/color.js';
import { type Format, formatOf, withFormat } from '../output/format.js';
import { issueJson, needsOnlySummaries, writeIssues, writeIssueSummaries } from '../output/issues.js';
import { deletedNote } from '../output/deleted.js';
import { writeJson } from '../output/json.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
/** `--status todo,review` and `--status todo --status review` both work. */
const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/**
 * Links to a deleted issue live on in other files, shown as "(no such issue)" from then on:
 * name the issues that hold them, and how to drop them.
 */
function warnOfDanglingLinks(ctx: Context, deleted: Issue[]): void {
  const gone = new Set(deleted.map((issue) => issue.id));
  const listed = (ids: string[]) => (ids.length <= 10 ? ids.join(', ') : `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more`);
  const issues = (n: number) => (n === 1 ? '1 issue' : `${n} issues`);
  for (const id of gone) {
    const nodes = [...ctx.store().dependencyNodes(id)].filter((node) => !gone.has(node.id));
    const dependents = nodes.filter((node) => node.dependsOn.includes(id)).map((node) => node.id).sort();
    const blockers = nodes.filter((node) => node.blocks.includes(id)).map((node) => node.id).sort();
    if (dependents.length > 0) {
      const one = dependents.length === 1;
      ctx.warn(`${issues(dependents.length)} still ${one ? 'depends' : 'depend'} on ${id}: ${listed(dependents)} (drop a link with: roadmap issue deps remove ${one ? dependents[0] : 'ID'} ${id})`);
    }
    if (blockers.length > 0) {
      ctx.warn(`${issues(blockers.length)} still ${blockers.length === 1 ? 'lists' : 'list'} ${id} under blocks: ${listed(blockers)} (edit the file to drop it)`);
    }
  }
}

export function registerIssue(program: Command, ctx: Context): void {
  const issue = program.command('issue').description('create, list, show and change issues');

  issue
    .command('create')
    .description('create an issue; prints its id')
    .argument('[title]', 'the title')
    .option('--title <title>', 'the title (the Python tool\'s spelling)')
    .option('-p, --priority <priority>', 'critical, high, medium or low', 'medium')
    .option('-t, --type <type>', 'feature, bug or other', 'other')
    .option('-s, --status <status>', 'todo, in-progress, blocked, review, done (written as the project spells it) or archived', 'todo')
    .option('-m, --milestone <name>', 'the milestone it belongs to')
    .option('-a, --assignee <name>', 'who works on it')
    .option('-l, --label <label>', 'a label (repeat for more)', collect)
    .option('-e, --estimate <hours>', 'estimated hours')
    .option('--depends-on <id>', 'an issue this one waits for (repeat for more)', collect)
    .addOption(new Option('--body <text>', 'the Markdown body').conflicts('bodyFile'))
    .option('--body-file <file>', 'read the body from a file (- for stdin)')
    .option('--json', 'print the new issue as JSON')
    .action((title: string | undefined, opts) => {
      const text = title ?? opts.title;
      if (text === undefined) throw new UsageError('issue create needs a title: roadmap issue create "Fix the login page"');
      if (title !== undefined && opts.title !== undefined) throw new UsageError('give the title once: as an argument or with --title');
      const created = ctx.store().createIssue({
        title: parseTitle(text),
        priority: parsePriority(opts.priority),
        issueType: parseIssueType(opts.type),
        status: parseIssueStatus(opts.status),
        milestone: opts.milestone ?? null,
        assignee: opts.assignee ?? null,
        labels: opts.label ?? [],
        estimatedHours: opts.estimate !== undefined ? parseHours(opts.estimate) : null,
        dependsOn: (opts.dependsOn ?? []).map(parseIdRef),
        body: opts.bodyFile !== undefined ? readText(opts.bodyFile) : opts.body,
      });
      if (opts.json) writeJson(ctx.io, issueJson(created));
      else ctx.io.out(`${created.id}\n`);
      ctx.note(`created ${created.path}`);
    });

  withFormat(
    issue
      .command('list')
      .alias('ls')
      .description('list issues (archived ones only when asked for)')
      .option('-s, --status <status>', 'only these statuses (repeat, or comma-separate; done also matches closed and completed)', collectList)
      .option('-p, --priority <priority>', 'only these priorities (repeat, or comma-separate)', collectList)
      .option('-a, --assignee <name>', 'only this assignee')
      .addOption(new Option('-m, --milestone <name>', 'only this milestone').conflicts('backlog'))
      .option('--backlog', 'only issues without a milestone')
      .option('-l, --label <label>', 'only issues with this label')
      .option('--open', 'only open issues (not done, not archived)')
      .option('--blocked', 'only blocked issues: status blocked, or waiting on an unfinished dependency')
      .option('--all', 'include archived issues')
      .option('--sort <field[:desc]>', 'order by id, title, status, priority, type, assignee, milestone, created, updated, estimate or progress')
      .option('-n, --limit <n>', 'at most this many'),
  ).action((opts) => {
    const query: IssueQuery = {
      statuses: opts.status?.map(parseIssueStatus),
      priorities: opts.priority?.map(parsePriority),
      assignee: opts.assignee,
      ...milestoneFilter(opts.milestone, Boolean(opts.backlog)),
      label: opts.label,
      open: Boolean(opts.open),
      blocked: Boolean(opts.blocked),
      includeArchived: Boolean(opts.all),
      sort: opts.sort ? parseSort(opts.sort) : DEFAULT_SORT,
      limit: opts.limit !== undefined ? parseLimit(opts.limit) : undefined,
    };
    const format = formatOf(opts);
    const store = ctx.store();
    if (query.milestone) {
      // Issues are matched by the name exactly as they spell it; a name no milestone file has
      // is said so (with the one meant, when only its case differs), and listed all the same.
      const milestones = store.listMilestones();
      if (!milestones.some((m) => m.name === query.milestone)) {
        const [near] = milestoneNamed(query.milestone, milestones);
        ctx.warn(`no milestone named "${query.milestone}"${near ? ` (did you mean "${near.name}"?)` : ''}: listing the issues that name it anyway`);
      }
    }
    const count = needsOnlySummaries(format)
      ? writeIssueSummaries(ctx.io, format, store.listIssueSummaries(query))
      : writeIssues(ctx.io, format, store.listIssues(query));
    ctx.profiler.mark('render');
    if (count === 0 && format === 'table') ctx.note('no issues match');
  });

  withFormat(
    issue.command('show').alias('view').description('show one issue: fields, dependencies and body').argument('<id>', 'id or unique prefix'),
    ['table', 'json'],
  ).action((ref: string, opts) => showIssue(ctx, parseIdRef(ref), formatOf(opts, ['table', 'json'])));

  issue
    .command('update')
    .description('change fields of one or more issues, as one batch')
    .argument('[ids...]', 'ids or unique prefixes')
    .option('--stdin', 'also read ids from standard input (one per line or space-separated)')
    .option('--title <title>', 'new title')
    .option('-s, --status <status>', 'todo, in-progress, blocked, review, done or archived (done is written as the project spells it: done, or closed)')
    .option('-p, --priority <priority>', 'critical, high, medium or low')
    .option('-t, --type <type>', 'feature, bug or other')
    .option('-a, --assignee <name>', 'who works on it ("" to unassign)')
    .addOption(new Option('-m, --milestone <name>', 'move to this milestone').conflicts('backlog'))
    .option('--backlog', 'move to the backlog (no milestone)')
    .option('--add-label <label>', 'add a label (repeat for more)', collect)
    .option('--remove-label <label>', 'remove a label (repeat for more)', collect)
    .option('-e, --estimate <hours>', 'estimated hours ("" to clear)')
    .option('--progress <pct>', 'progress percentage, 0 to 100')
    .option('--json', 'print the updated issues as JSON')
    .action((refs: string[], opts) => {
      const change: IssueChange = {
        title: opts.title !== undefined ? parseTitle(opts.title) : undefined,
        status: opts.status !== undefined ? parseIssueStatus(opts.status) : undefined,
        priority: opts.priority !== undefined ? parsePriority(opts.priority) : undefined,
        issueType: opts.type !== undefined ? parseIssueType(opts.type) : undefined,
        assignee: opts.assignee !== undefined ? opts.assignee.trim() || null : undefined,
        milestone: opts.backlog ? null : opts.milestone,
        addLabels: opts.addLabel,
        removeLabels: opts.removeLabel,
        estimatedHours: opts.estimate !== undefined ? (opts.estimate.trim() === '' ? null : parseHours(opts.estimate)) : undefined,
        progress: opts.progress !== undefined ? parseProgress(opts.progress) : undefined,
      };
      if (isEmptyChange(change)) throw new UsageError('nothing to change: give at least one field to set');
      const ids = [...refs, ...(opts.stdin ? readIdsFromStdin() : [])];
      // In a pipeline an empty list is an answer, not a mistake: `list --format ids | update --stdin`.
      if (ids.length === 0 && opts.stdin) {
        ctx.paths(); // outside a project this is still an error, list or no list
        if (opts.json) writeJson(ctx.io, []);
        ctx.note('no ids on standard input: nothing to update');
        return;
      }
      applyChange(ctx, ids, change, Boolean(opts.json), 'update');
    });

  const shortcut = (name: string, description: string, change: IssueChange, alias?: string) => {
    const command = issue.command(name).description(description).argument('<ids...>', 'ids or unique prefixes').option('--json', 'print the updated issues as JSON');
    if (alias) command.alias(alias);
    command.action((refs: string[], opts) => applyChange(ctx, refs, change, Boolean(opts.json), name));
  };
  shortcut('start', 'mark issues in progress (stamps actual_start_date)', { status: 'in-progress' });
  shortcut('done', 'mark issues done, spelt as the project spells it (stamps actual_end_date and completed_date, progress 100)', { status: 'done' }, 'close');
  shortcut('block', 'mark issues blocked', { status: 'blocked' });
  shortcut('unblock', 'take issues out of blocked (back to in-progress if started, else todo)', { unblock: true });

  issue
    .command('delete')
    .alias('rm')
    .description('delete issue files (git keeps the history)')
    .argument('<ids...>', 'ids or unique prefixes')
    .action((refs: string[]) => {
      const store = ctx.store();
      const targets = store.resolveIssues(refs.map(parseIdRef));
      const copies = store.gitCopies([...new Set(targets.map((t) => t.path))]);
      const deleted = store.deleteIssues(refs.map(parseIdRef));
      for (const gone of deleted) {
        ctx.io.out(`${gone.id}\n`);
        ctx.note(deletedNote(gone.path, copies.get(gone.path), ctx.rootFromHere()));
      }
      warnOfDanglingLinks(ctx, deleted);
    });

  withFormat(
    issue
      .command('deps')
      .description('what an issue depends on and what it blocks, as a tree; or: deps add|remove ID DEP')
      .argument('<args...>', 'ID, or add ID DEP, or remove ID DEP'),
    ['table', 'json'],
  ).action((args: string[], opts) => {
    const [first, ...rest] = args;
    if ((first === 'add' || first === 'remove') && rest.length === 2) {
      const [id, dependency] = rest.map(parseIdRef) as [string, string];
      const change: IssueChange = first === 'add' ? { addDependsOn: [dependency] } : { removeDependsOn: [dependency] };
      applyChange(ctx, [id], change, false, `deps ${first}`);
      return;
    }
    if (args.length !== 1) throw new UsageError('usage: roadmap issue deps ID | roadmap issue deps add ID DEP | roadmap issue deps remove ID DEP');
    showDeps(ctx, parseIdRef(first!), formatOf(opts, ['table', 'json']));
  });

  withFormat(
    issue.command('ready').description('open issues whose dependencies are all done').option('-n, --limit <n>', 'at most this many'),
  ).action((opts) => {
    const format = formatOf(opts);
    const query = { ready: true, sort: DEFAULT_SORT, limit: opts.limit !== undefined ? parseLimit(opts.limit) : undefined };
    const store = ctx.store();
    if (needsOnlySummaries(format)) writeIssueSummaries(ctx.io, format, store.listIssueSummaries(query));
    else writeIssues(ctx.io, format, store.listIssues(query));
    ctx.profiler.mark('render');
  });
}

function readText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new ValidationError(`cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}`);
  }
}

function readIdsFromStdin(): string[] {
  return readText('-').split(/\s+/).filter(Boolean);
}

function applyChange(ctx: Context, refs: string[], change: IssueChange, json: boolean, verb: string): void {
  if (refs.length === 0) throw new UsageError(`issue ${verb} needs at least one id${verb === 'update' ? ' (or --stdin)' : ''}`);
  const results = ctx.store().updateIssues(refs.map(parseIdRef), change);
  ctx.profiler.mark('write');
  if (json) writeJson(ctx.io, results.map((r) => ({ ...issueJson(r.issue), changed: r.changed })));
  reportUpdates(ctx, results);
}

function reportUpdates(ctx: Context, results: UpdateResult[]): void {
  const changed = results.filter((r) => r.changed);
  for (const result of changed) {
    ctx.note(`updated ${result.issue.id} ${result.issue.title}${result.movedFrom ? ` (moved to ${result.issue.path})` : ''}`);
  }
  const unchanged = results.length - changed.length;
  if (unchanged > 0) ctx.note(`${unchanged} ${unchanged === 1 ? 'issue was' : 'issues were'} already as asked; not rewritten`);
}

/** Fields `show` prints in its header; every other field follows under "other fields". */
const SHOWN = new Set([
  'id', 'title', 'status', 'priority', 'issue_type', 'milestone', 'assignee', 'labels', 'estimated_hours',
  'progress_percentage', 'depends_on', 'blocks', 'created', 'updated',
]);

function showIssue(ctx: Context, ref: string, format: Format): void {
  const store = ctx.store();
  const issue = store.getIssue(ref);
  const graph = new DependencyGraph(store.dependencyNodes(issue.id));
  ctx.profiler.mark('query');
  if (format === 'json') {
    writeJson(ctx.io, { ...issueJson(issue), body: issue.body });
    return;
  }
  const { io } = ctx;
  const c = (style: Parameters<typeof paint>[1], text: string) => paint(io.color, style, text);
  // Rows first: the label column is as wide as its longest label, which an extra field sets.
  const rows: Array<[string, string[]]> = [];
  const line = (label: string, ...values: string[]) => rows.push([label, values]);
  line('status', c(statusStyle(issue.status), issue.status));
  line('priority', c(priorityStyle(issue.priority), issue.priority));
  line('type', issue.issueType);
  line('milestone', issue.milestone ?? '(backlog)');
  line('assignee', issue.assignee ?? '');
  line('labels', issue.labels.join(', '));
  line('estimate', issue.estimatedHours != null ? `${issue.estimatedHours} h` : '');
  line('progress', issue.progress != null ? `${issue.progress}%` : '');
  line('created', issue.created ?? '');
  line('updated', issue.updated ?? '');
  const describe = (id: string) => {
    const node = graph.node(id);
    return node ? `${id} ${node.title} [${c(statusStyle(node.status), node.status)}]` : `${id} (no such issue)`;
  };
  line('depends on', ...graph.dependenciesOf(issue.id).map(describe));
  line('blocks', ...graph.dependentsOf(issue.id).map(describe));
  for (const [key, value] of Object.entries(issue.fields)) {
    if (SHOWN.has(key) || value == null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    line(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  line('path', issue.path);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  io.out(`${c('cyan', issue.id)}  ${c('bold', issue.title)}\n`);
  for (const [label, values] of rows) {
    const shown = values.filter((value) => value !== '');
    if (shown.length === 0) io.out(`${c('dim', label)}\n`);
    else io.out(`${c('dim', label.padEnd(width))}${shown.join(`\n${' '.repeat(width)}`)}\n`);
  }
  if (issue.body.trim() !== '') io.out(`\n${issue.body.replace(/\s+$/, '')}\n`);
  ctx.profiler.mark('render');
}

function showDeps(ctx: Context, ref: string, format: Format): void {
  const store = ctx.store();
  const [issue] = store.resolveIssues([ref]) as [Issue];
  const graph = new DependencyGraph(store.dependencyNodes(issue.id));
  const dependsOn = graph.tree(issue.id, 'dependencies');
  const blocks = graph.tree(issue.id, 'dependents');
  ctx.profiler.mark('query');
  if (format === 'json') {
    writeJson(ctx.io, { id: issue.id, title: issue.title, status: issue.status, depends_on: dependsOn.children, blocks: blocks.children });
    return;
  }
  const { io } = ctx;
  io.out(`${paint(io.color, 'cyan', issue.id)}  ${issue.title} [${paint(io.color, statusStyle(issue.status), issue.status)}]\n`);
  io.out('depends on\n');
  writeTree(ctx, dependsOn.children, '  ');
  if (dependsOn.children.length === 0) io.out('  (nothing)\n');
  io.out('blocks\n');
  writeTree(ctx, blocks.children, '  ');
  if (blocks.children.length === 0) io.out('  (nothing)\n');
}

function writeTree(ctx: Context, nodes: DependencyTree[], prefix: string): void {
  const { io } = ctx;
  nodes.forEach((node, index) => {
    const last = index === nodes.length - 1;
    const branch = last ? '└── ' : '├── ';
    const status = node.missing ? 'missing' : node.status;
    const note = node.cycle ? ' (cycle)' : node.repeated ? ' (shown above)' : '';
    io.out(`${prefix}${branch}${paint(io.color, 'cyan', node.id)} ${node.title} [${paint(io.color, node.missing ? 'red' : statusStyle(status), status)}]${note}\n`);
    writeTree(ctx, node.children, prefix + (last ? '    ' : '│   '));
  });
}


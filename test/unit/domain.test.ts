/**
 * src/domain: the pure rules. Progress as the Python tool computed it, the dependency graph from
 * both directions of the format, the filters and sort of `issue list`, the messages users see
 * for bad values, file names from titles, and id resolution as git resolves short hashes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isEmptyChange, planIssueEdits } from '../../src/domain/change.js';
import { DependencyGraph, type DependencyNode, type DependencyTree } from '../../src/domain/graph.js';
import { resolveId } from '../../src/domain/ids.js';
import { type Issue, issueFromFields, newIssueFields } from '../../src/domain/issue.js';
import { combinedProgress, healthByMilestone, milestoneHealth, type ProgressItem, progressOf } from '../../src/domain/progress.js';
import { DEFAULT_SORT, issueComparator, issueMatches, type IssueQuery, parseSort } from '../../src/domain/query.js';
import { matchTier, queryTerms } from '../../src/domain/search.js';
import { folderSlug, slugify } from '../../src/domain/slug.js';
import { closest, editDistance } from '../../src/domain/suggest.js';
import {
  parseDate, parseHours, parseIdRef, parseIssueStatus, parseIssueType, parseLimit, parseMilestoneStatus, parsePriority,
  parseProgress, parseRoadmapStatus, parseTitle,
} from '../../src/domain/validate.js';
import { isDoneStatus, isOpenStatus, DONE_SPELLING_SAMPLE, doneSpellingOf } from '../../src/domain/values.js';
import { AmbiguousError, NotFoundError, ValidationError } from '../../src/errors.js';
import { parseEntityFile } from '../../src/store/frontmatter.js';
import { FIXTURE_NAMES, FIXTURES, filesUnder } from '../helpers.js';

// ---- builders -----------------------------------------------------------------------------

const item = (status: string, estimatedHours: number | null = null, progress: number | null = null): ProgressItem => ({ status, estimatedHours, progress });

let serial = 0;
/** An issue as the store would read it, from a few fields. */
function issue(fields: Record<string, unknown>, path?: string): Issue {
  const id = String(fields.id ?? `0000000${serial++}`.slice(-8));
  const base = newIssueFields({ title: String(fields.title ?? `Issue ${id}`) }, id, '2026-01-01T00:00:00+00:00');
  return issueFromFields({ ...base, ...fields, id }, path ?? `.roadmap/issues/${id}-x.md`);
}

const node = (id: string, status = 'todo', dependsOn: string[] = [], blocks: string[] = []): DependencyNode => ({ id, title: `T ${id}`, status, dependsOn, blocks });

/** A tree as `id[marks](children)` text, so a whole tree is one readable assertion. */
function shape(tree: DependencyTree): string {
  const marks = [tree.missing && 'missing', tree.cycle && 'cycle', tree.repeated && 'repeated'].filter(Boolean);
  const children = tree.children.length ? `(${tree.children.map(shape).join(' ')})` : '';
  return `${tree.id}${marks.length ? `[${marks.join(',')}]` : ''}${children}`;
}

function throwsWith(fn: () => unknown, type: new (...args: never[]) => Error, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.match((error as Error).message, message);
    return true;
  });
}

// ---- progress -----------------------------------------------------------------------------

describe('progress', () => {
  test('is effort-weighted: each issue weighs its estimate, 1 when unset', () => {
    // 3 h done + 1 h half-way + an unestimated todo (weight 1): (3 + 0.5) / 5 = 70%.
    const p = progressOf([item('done', 3), item('in-progress', 1, 50), item('todo')]);
    assert.equal(p.percent, 70);
    assert.equal(p.total, 3);
    assert.equal(p.done, 1);
    assert.equal(p.hoursLeft, 0.5, 'only estimated work counts in hours left');
    assert.deepEqual(p.byStatus, { done: 1, 'in-progress': 1, todo: 1 });
  });

  test('done, closed and completed all count as done, fully, whatever their progress says', () => {
    const p = progressOf([item('done', 2, 0), item('closed', 2, null), item('completed', 2, 10), item('todo', 2)]);
    assert.equal(p.done, 3);
    assert.equal(p.percent, 75);
    assert.equal(p.hoursLeft, 2);
    assert.deepEqual(p.byStatus, { done: 1, closed: 1, completed: 1, todo: 1 }, 'statuses are counted as written');
  });

  test('archived issues are soft-deleted and do not count at all', () => {
    const p = progressOf([item('done', 1), item('archived', 100), item('todo', 1)]);
    assert.equal(p.total, 2);
    assert.equal(p.percent, 50);
    assert.equal(p.hoursLeft, 1);
    assert.equal(p.byStatus.archived, undefined);
  });

  test('no issues is 0%, not NaN; odd progress values are clamped', () => {
    assert.deepEqual(progressOf([]), { total: 0, done: 0, percent: 0, hoursLeft: 0, byStatus: {} });
    assert.equal(progressOf([item('todo', 1, 250)]).percent, 100);
    assert.equal(progressOf([item('todo', 1, -5)]).percent, 0);
    assert.equal(progressOf([item('todo', 0, 50)]).percent, 50, 'a zero estimate weighs 1, like no estimate');
  });

  test('a milestone is overdue when open, past its due date, and not all done', () => {
    const today = '2026-03-10';
    const late = milestoneHealth({ status: 'open', dueDate: '2026-03-01' }, [item('todo'), item('done')], today);
    assert.equal(late.overdue, true);
    assert.equal(late.daysLeft, -9);
    assert.equal(milestoneHealth({ status: 'open', dueDate: '2026-03-01' }, [item('done'), item('closed')], today).overdue, false, 'all done');
    assert.equal(milestoneHealth({ status: 'closed', dueDate: '2026-03-01' }, [item('todo')], today).overdue, false, 'closed');
    assert.equal(milestoneHealth({ status: 'open', dueDate: '2026-03-10' }, [item('todo')], today).overdue, false, 'due today');
    assert.equal(milestoneHealth({ status: 'open', dueDate: '2026-03-20T00:00:00+00:00' }, [item('todo')], today).daysLeft, 10, 'a timestamp due date');
    const undated = milestoneHealth({ status: 'open', dueDate: null }, [item('todo')], today);
    assert.equal(undated.overdue, false);
    assert.equal(undated.daysLeft, null);
  });

  test('health of every milestone comes from its own issues; backlog issues belong to none', () => {
    const health = healthByMilestone(
      [{ name: 'v1', status: 'open', dueDate: null }, { name: 'v2', status: 'open', dueDate: null }],
      [{ ...item('done', 2), milestone: 'v1' }, { ...item('todo', 2), milestone: 'v1' }, { ...item('todo'), milestone: null }],
      '2026-01-01',
    );
    assert.equal(health.get('v1')!.percent, 50);
    assert.equal(health.get('v1')!.total, 2);
    assert.equal(health.get('v2')!.total, 0);
  });

  test('roadmap progress takes its milestones\' issues together, so a big milestone weighs more', () => {
    const p = combinedProgress([[item('done', 9)], [item('todo', 1)]]);
    assert.equal(p.percent, 90);
    assert.equal(p.total, 2);
  });
});

// ---- dependency graph ---------------------------------------------------------------------

describe('dependency graph', () => {
  test('depends_on and blocks say the same thing, and either alone is enough', () => {
    // a depends on b (its own field) and on c (c says it blocks a).
    const graph = new DependencyGraph([node('a', 'todo', ['b']), node('b'), node('c', 'todo', [], ['a'])]);
    assert.deepEqual(graph.dependenciesOf('a'), ['b', 'c']);
    assert.deepEqual(graph.dependentsOf('b'), ['a']);
    assert.deepEqual(graph.dependentsOf('c'), ['a']);
    assert.deepEqual(graph.dependenciesOf('c'), []);
  });

  test('ready: open, not blocked, every dependency done (any done spelling); dangling ids block nothing', () => {
    const graph = new DependencyGraph([
      node('a', 'todo', ['b', 'c']),
      node('b', 'closed'),
      node('c', 'in-progress'),
      node('d', 'todo', ['b', 'gone0000']),
      node('e', 'blocked'),
      node('f', 'done'),
      node('g', 'archived'),
    ]);
    assert.equal(graph.isReady('a'), false, 'c is not done');
    assert.equal(graph.isReady('c'), true);
    assert.equal(graph.isReady('d'), true, 'b is closed = done; a missing issue cannot hold it up');
    assert.equal(graph.isReady('e'), false, 'explicitly blocked');
    assert.equal(graph.isReady('f'), false, 'done is not ready, it is finished');
    assert.equal(graph.isReady('g'), false, 'archived');
    assert.equal(graph.isReady('nope'), false, 'unknown');
  });

  test('isBlocked: status blocked, or open and waiting on an unfinished dependency', () => {
    const graph = new DependencyGraph([node('a', 'todo', ['b']), node('b'), node('c', 'blocked'), node('d', 'done', ['b']), node('e', 'review', [], [])]);
    assert.equal(graph.isBlocked('a'), true);
    assert.equal(graph.isBlocked('b'), false);
    assert.equal(graph.isBlocked('c'), true);
    assert.equal(graph.isBlocked('d'), false, 'a finished issue is not blocked by anything');
    assert.equal(graph.isBlocked('e'), false);
  });

  test('cycles are found, whichever field each edge came from', () => {
    // A diamond with edges from both fields is not a cycle.
    const dag = new DependencyGraph([node('a', 'todo', ['b']), node('b', 'todo', ['d']), node('c', 'todo', [], ['a']), node('d', 'todo', [], ['c'])]);
    // a → b → d, a → c (c blocks a), c → d (d blocks c)
    assert.deepEqual(dag.cycles(), []);
    // d depends on e (e blocks d), e depends on c, c depends on d: d → e → c → d.
    const ring = new DependencyGraph([node('c', 'todo', ['d']), node('d'), node('e', 'todo', ['c'], ['d']), node('x', 'todo', ['c'])]);
    const found = ring.cycles();
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual(new Set(found[0]), new Set(['c', 'd', 'e']));
    assert.equal(found[0]![0], found[0]![found[0]!.length - 1], 'a cycle is given as a closed path');
    // Two separate rings are two cycles; the same edge given by both fields is one edge.
    const two = new DependencyGraph([node('p', 'todo', ['q'], []), node('q', 'todo', ['p'], ['p']), node('r', 'todo', ['r'])]);
    assert.equal(two.cycles().length, 2, JSON.stringify(two.cycles()));
  });

  test('cycleIfLinked refuses an edge that would close a ring, and names the ring', () => {
    const graph = new DependencyGraph([node('a', 'todo', ['b']), node('b', 'todo', ['c']), node('c')]);
    assert.deepEqual(graph.cycleIfLinked('c', 'a'), ['c', 'a', 'b', 'c']);
    assert.deepEqual(graph.cycleIfLinked('a', 'a'), ['a', 'a'], 'an issue cannot depend on itself');
    assert.equal(graph.cycleIfLinked('a', 'c'), null, 'a shortcut is not a cycle');
    assert.equal(graph.cycleIfLinked('c', 'zzzz'), null);
  });

  test('tree marks cycles, missing issues, and issues already shown', () => {
    // Diamond a → b → d, a → c → d; d → a closes a ring; b → gone (no file).
    const graph = new DependencyGraph([
      node('a', 'todo', ['b', 'c']),
      node('b', 'todo', ['d', 'gone']),
      node('c', 'todo', ['d']),
      node('d', 'todo', ['a']),
    ]);
    assert.equal(shape(graph.tree('a', 'dependencies')), 'a(b(d(a[cycle]) gone[missing]) c(d[repeated]))');
    assert.equal(shape(graph.tree('d', 'dependents')), 'd(b(a(d[cycle])) c(a[repeated]))');
    const leaf = graph.tree('gone', 'dependencies');
    assert.equal(leaf.missing, true);
    assert.equal(leaf.title, '');
  });

  test('a long chain is handled without blowing the stack', () => {
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`, 'todo', i + 1 < n ? [`n${i + 1}`] : []));
    const graph = new DependencyGraph(nodes);
    assert.deepEqual(graph.cycles(), []);
    assert.equal(graph.isReady(`n${n - 1}`), true);
  });
});

// ---- query filters and sort ---------------------------------------------------------------

describe('issue list filters and sort', () => {
  const issues = [
    issue({ id: 'aaaa0001', status: 'todo', priority: 'high', assignee: 'Alice', milestone: 'v1', labels: ['UI', 'bug'] }),
    issue({ id: 'aaaa0002', status: 'done', priority: 'low', milestone: '' }),
    issue({ id: 'aaaa0003', status: 'closed', priority: 'medium', milestone: 'backlog' }),
    issue({ id: 'aaaa0004', status: 'completed', priority: 'critical', milestone: null }),
    issue({ id: 'aaaa0005', status: 'archived', priority: 'high', milestone: 'v1' }),
    issue({ id: 'aaaa0006', status: 'in-progress', priority: 'medium', assignee: 'bob', milestone: 'v2', labels: ['ui'] }),
  ];
  const ids = (query: IssueQuery) => issues.filter((i) => issueMatches(i, query)).map((i) => i.id.slice(-1)).join('');

  test('archived issues are hidden unless asked for, by --all or by status', () => {
    assert.equal(ids({}), '12346');
    assert.equal(ids({ includeArchived: true }), '123456');
    assert.equal(ids({ statuses: ['archived'] }), '5');
  });

  test('--status done matches done, closed and completed; several statuses are OR-ed', () => {
    assert.equal(ids({ statuses: ['done'] }), '234');
    assert.equal(ids({ statuses: ['closed'] }), '3', 'a legacy spelling matches only itself');
    assert.equal(ids({ statuses: ['todo', 'in-progress'] }), '16');
  });

  test('priority, assignee (case-insensitive), label (case-insensitive), open', () => {
    assert.equal(ids({ priorities: ['high', 'critical'] }), '14');
    assert.equal(ids({ assignee: 'alice' }), '1');
    assert.equal(ids({ assignee: 'BOB' }), '6');
    assert.equal(ids({ label: 'ui' }), '16');
    assert.equal(ids({ label: 'bug' }), '1');
    assert.equal(ids({ open: true }), '16');
  });

  test('milestone matches the name exactly; null, "" and "backlog" are all the backlog', () => {
    assert.equal(ids({ milestone: 'v1' }), '1');
    assert.equal(ids({ milestone: 'V1' }), '');
    assert.equal(ids({ backlog: true }), '234');
    assert.equal(issues[2]!.milestone, null, '"backlog" reads as no milestone');
  });

  test('sort: priority then created by default; nulls last in both directions; ties by id', () => {
    const a = issue({ id: 'bbbb0001', priority: 'low', estimated_hours: 5, created: '2026-01-03', assignee: 'zed' });
    const b = issue({ id: 'bbbb0002', priority: 'critical', estimated_hours: null, created: '2026-01-02', assignee: null });
    const c = issue({ id: 'bbbb0003', priority: 'critical', estimated_hours: 1, created: '2026-01-01', assignee: 'amy' });
    const d = issue({ id: 'bbbb0004', priority: 'weird', estimated_hours: 3, created: '2026-01-01', assignee: 'amy' });
    const order = (sort: typeof DEFAULT_SORT) => [a, b, c, d].sort(issueComparator(sort)).map((i) => i.id.slice(-1)).join('');
    assert.equal(order(DEFAULT_SORT), '3214', 'critical first, oldest first; unknown priorities after low');
    assert.equal(order(parseSort('estimate')), '3412');
    assert.equal(order(parseSort('estimate:desc')), '1432', 'nulls stay last when descending');
    assert.equal(order(parseSort('assignee')), '3412', 'ties broken by id');
    assert.equal(order(parseSort('assignee:desc')), '1342');
    assert.equal(order(parseSort('estimated_hours:DESC')), '1432', 'the front-matter name and any case work too');
  });

  test('sort by status uses board order, legacy done spellings after done', () => {
    const list = ['review', 'closed', 'todo', 'done', 'in-progress', 'blocked'].map((status, i) => issue({ id: `cccc000${i}`, status }));
    assert.deepEqual(list.sort(issueComparator(parseSort('status'))).map((i) => i.status), ['todo', 'in-progress', 'blocked', 'review', 'done', 'closed']);
  });

  test('a bad sort names the field and the allowed ones', () => {
    throwsWith(() => parseSort('colour'), ValidationError, /invalid sort field "colour": allowed values are id, title, status, priority/);
    throwsWith(() => parseSort('title:up'), ValidationError, /invalid sort "title:up": use FIELD or FIELD:desc/);
  });
});

// ---- planning edits -------------------------------------------------------------------------

describe('planIssueEdits', () => {
  const now = '2026-03-01T10:00:00.000+00:00';

  test('a value already there is no edit at all, so the file is never rewritten', () => {
    const it = issue({ priority: 'high', estimated_hours: 3, progress_percentage: 100, labels: ['a'], assignee: null, status: 'closed' });
    assert.deepEqual(planIssueEdits(it, { priority: 'high' }, now), []);
    assert.deepEqual(planIssueEdits(it, { estimatedHours: 3 }, now), [], '3 and 3.0 are the same number');
    assert.deepEqual(planIssueEdits(it, { addLabels: ['a'] }, now), []);
    assert.deepEqual(planIssueEdits(it, { removeLabels: ['zzz'] }, now), []);
    assert.deepEqual(planIssueEdits(it, { assignee: null }, now), []);
    assert.deepEqual(planIssueEdits(it, { status: 'done' }, now), [], 'closed already means done');
    assert.deepEqual(planIssueEdits(issue({ milestone: '' }), { milestone: null }, now), [], '"" already is the backlog');
  });

  test('start stamps actual_start_date once; done stamps the end, completion and 100%', () => {
    const todo = issue({ status: 'todo' });
    assert.deepEqual(planIssueEdits(todo, { status: 'in-progress' }, now), [
      { key: 'status', value: 'in-progress' },
      { key: 'actual_start_date', value: now },
    ]);
    assert.deepEqual(planIssueEdits(todo, { status: 'done' }, now), [
      { key: 'status', value: 'done' },
      { key: 'actual_end_date', value: now },
      { key: 'completed_date', value: now },
      { key: 'progress_percentage', value: 100 },
    ]);
    const started = issue({ status: 'blocked', actual_start_date: '2026-01-01T00:00:00+00:00' });
    assert.deepEqual(planIssueEdits(started, { status: 'in-progress' }, now), [{ key: 'status', value: 'in-progress' }], 'no second start stamp');
  });

  test('unblock returns to in-progress if work had started, else to todo; leaves others alone', () => {
    assert.deepEqual(planIssueEdits(issue({ status: 'blocked', actual_start_date: '2026-01-01' }), { unblock: true }, now), [{ key: 'status', value: 'in-progress' }]);
    assert.deepEqual(planIssueEdits(issue({ status: 'blocked' }), { unblock: true }, now), [{ key: 'status', value: 'todo' }]);
    assert.deepEqual(planIssueEdits(issue({ status: 'review' }), { unblock: true }, now), []);
  });

  test('labels are added once, in order, and removed', () => {
    const it = issue({ labels: ['a', 'b'] });
    assert.deepEqual(planIssueEdits(it, { addLabels: ['c', 'a', 'c'], removeLabels: ['b'] }, now), [{ key: 'labels', value: ['a', 'c'] }]);
  });

  test('an empty change is recognised', () => {
    assert.equal(isEmptyChange({}), true);
    assert.equal(isEmptyChange({ addLabels: [], status: undefined }), true);
    assert.equal(isEmptyChange({ status: 'done' }), false);
  });
});

// ---- validation -------------------------------------------------------------------------------

describe('validation messages name the field and the allowed values', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['status', () => parseIssueStatus('finished'), /^invalid status "finished": allowed values are todo, in-progress, blocked, review, done, closed, completed, archived$/],
    ['priority', () => parsePriority('urgent'), /^invalid priority "urgent": allowed values are critical, high, medium, low$/],
    ['type', () => parseIssueType('task'), /^invalid type "task": allowed values are feature, bug, other$/],
    ['milestone status', () => parseMilestoneStatus('done'), /^invalid milestone status "done": allowed values are open, closed$/],
    ['roadmap status', () => parseRoadmapStatus('paused'), /^invalid roadmap status "paused": allowed values are planning, active, on-hold, completed, cancelled$/],
    ['estimate', () => parseHours('lots'), /^invalid estimate "lots": expected a number of hours, 0 or more$/],
    ['negative estimate', () => parseHours('-1'), /^invalid estimate "-1"/],
    ['progress', () => parseProgress('150'), /^invalid progress "150": expected a percentage from 0 to 100$/],
    ['due date format', () => parseDate('01/02/2026', 'due date'), /^invalid due date "01\/02\/2026": expected a date as YYYY-MM-DD$/],
    ['due date that does not exist', () => parseDate('2026-02-30', 'due date'), /^invalid due date "2026-02-30"/],
    ['limit', () => parseLimit('0'), /^invalid limit "0": expected a whole number, 1 or more$/],
    ['empty title', () => parseTitle('   '), /^invalid title: it must not be empty$/],
    ['two-line title', () => parseTitle('a\nb'), /^invalid title: it must be one line$/],
    ['id', () => parseIdRef('ab/cd'), /^invalid id "ab\/cd"/],
  ];
  for (const [name, fn, message] of cases) {
    test(name, () => throwsWith(fn, ValidationError, message));
  }

  test('good values are accepted and normalised', () => {
    assert.equal(parseIssueStatus(' Done '), 'done');
    assert.equal(parsePriority('HIGH'), 'high');
    assert.equal(parseHours('2.5'), 2.5);
    assert.equal(parseProgress('40%'), 40);
    assert.equal(parseDate('2024-02-29'), '2024-02-29');
    assert.equal(parseIdRef('ABCD'), 'abcd');
    assert.equal(isDoneStatus('Completed'), true);
    assert.equal(isOpenStatus('archived'), false);
  });
});

// ---- slugs ------------------------------------------------------------------------------------

describe('slugify follows the Python tool', () => {
  test('examples from the format: dots dropped, parentheses dropped, double dashes kept', () => {
    assert.equal(slugify('v0.9.0'), 'v090');
    assert.equal(slugify('feat(init): x (tests + docs)'), 'featinit-x-tests--docs');
    assert.equal(slugify('Refactor to unified datetime parser - eliminate DRY'), 'refactor-to-unified-datetime-parser---eliminate-dry');
    assert.equal(slugify('  Fix_the  test suite  '), 'fix_the--test-suite');
    assert.equal(slugify('Ünïcode Wörds'), 'ünïcode-wörds');
    assert.equal(slugify('!!!'), 'untitled', 'a file needs some name');
  });

  test('every fixture file name is the slug of its title (or name)', () => {
    // The Python tool named these files; any title we read must give the same name back.
    let checked = 0;
    for (const fixture of FIXTURE_NAMES) {
      const dir = join(FIXTURES, fixture, '.roadmap');
      for (const rel of filesUnder(dir, dir, (r) => /^(issues|roadmaps|projects)\/.*\.md$/.test(r))) {
        const { fields } = parseEntityFile(readFileSync(join(dir, rel), 'utf8'));
        const expected = basename(rel, '.md').replace(/^[0-9a-f]{8}-/, '');
        assert.equal(slugify(String(fields.title ?? fields.name)), expected, rel);
        checked++;
      }
      for (const rel of filesUnder(dir, dir, (r) => /^milestones\/.*\.md$/.test(r))) {
        const { fields } = parseEntityFile(readFileSync(join(dir, rel), 'utf8'));
        const name = String(fields.name);
        // Seed-era files are `slugify(name)`; later ones are `folderSlug(name)` (v1.0.2 → v1-0-2).
        assert.ok([slugify(name), folderSlug(name)].includes(basename(rel, '.md')), `${rel} holds ${name}`);
        checked++;
      }
    }
    assert.ok(checked > 120, `checked ${checked}`);
  });

  test('folder names of the per-milestone layout', () => {
    assert.equal(folderSlug('v1.0.2'), 'v1-0-2');
    assert.equal(folderSlug('Sprint 3 / Q2'), 'sprint-3-q2');
    assert.equal(folderSlug('...'), 'untitled');
  });
});

// ---- ids --------------------------------------------------------------------------------------

describe('id resolution', () => {
  const all = [
    { id: '3f2a9c1b', path: 'a.md' },
    { id: '3f2b0000', path: 'b.md' },
    { id: '77777777', path: 'issues/77777777-x.md' },
    { id: '77777777', path: 'archive/issues/77777777-x.md' },
    { id: '9abc0000', path: 'c.md' },
  ];

  test('a full id or a unique prefix resolves, case-insensitively', () => {
    assert.equal(resolveId('3f2a9c1b', 'issue', all).path, 'a.md');
    assert.equal(resolveId('3f2a', 'issue', all).path, 'a.md');
    assert.equal(resolveId('9', 'issue', all).path, 'c.md');
    assert.equal(resolveId('9ABC', 'issue', all).path, 'c.md');
  });

  test('an ambiguous prefix is refused, naming every candidate', () => {
    throwsWith(() => resolveId('3f2', 'issue', all), AmbiguousError, /^issue id "3f2" is ambiguous: it matches 3f2a9c1b, 3f2b0000$/);
  });

  test('one id in two files is refused, naming both paths', () => {
    throwsWith(() => resolveId('77777777', 'issue', all), AmbiguousError, /^issue id "77777777" is in 2 files: archive\/issues\/77777777-x\.md, issues\/77777777-x\.md/);
    throwsWith(() => resolveId('777', 'issue', all), AmbiguousError, /is in 2 files: archive\/issues\/77777777-x\.md, issues\/77777777-x\.md/);
  });

  test('an unknown id (or an empty one) is not found, named', () => {
    throwsWith(() => resolveId('deadbeef', 'issue', all), NotFoundError, /^no issue with id "deadbeef"$/);
    throwsWith(() => resolveId('', 'roadmap', all), NotFoundError, /^no roadmap with id ""$/);
  });

  test('many candidates are listed up to ten, then counted', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ id: `ab${String(i).padStart(6, '0')}`, path: `${i}.md` }));
    throwsWith(() => resolveId('ab', 'issue', many), AmbiguousError, /matches ab000000, .*ab000009 and 3 more$/);
  });

  test('errors carry exit code 1', () => {
    try {
      resolveId('3f2', 'issue', all);
      assert.fail('no error');
    } catch (error) {
      assert.equal((error as AmbiguousError).exitCode, 1);
    }
  });
});

// ---- search -----------------------------------------------------------------------------------

describe('search rules', () => {
  test('each query word must begin a word; title beats labels beats body; accents ignored', () => {
    const terms = queryTerms('Sync GIT');
    const doc = { title: 'Fix git synchronisation', labels: [], body: '', comments: '' };
    assert.equal(matchTier(terms, doc), 'title');
    assert.equal(matchTier(terms, { ...doc, title: 'Fix git', labels: ['sync'] }), 'labels');
    assert.equal(matchTier(terms, { ...doc, title: 'Fix', body: 'the git sync' }), 'body');
    assert.equal(matchTier(terms, { ...doc, title: 'Fix', comments: 'async git' }), null, '"sync" must begin a word');
    assert.equal(matchTier(queryTerms('resume'), { ...doc, title: 'Résumé parser' }), 'title');
  });
});

describe('the spelling of done a project uses', () => {
  test('the spelling most finished issues use; done when none is finished, or on a tie', () => {
    assert.equal(doneSpellingOf([]), 'done');
    assert.equal(doneSpellingOf([['todo', 40], ['closed', 95]]), 'closed');
    assert.equal(doneSpellingOf([['Closed', 3], ['done', 1]]), 'closed', 'case is folded');
    assert.equal(doneSpellingOf([['closed', 2], ['done', 2]]), 'done');
    assert.equal(doneSpellingOf([['done', 2], ['closed', 2]]), 'done', 'whatever the order');
    assert.equal(doneSpellingOf([['completed', 5], ['closed', 4], ['done', 1]]), 'completed');
    assert.equal(doneSpellingOf([['archived', 50], ['in-progress', 9]]), 'done', 'only finished statuses count');
    assert.equal(doneSpellingOf([['completed', 3], ['closed', 3]]), 'closed', 'closed wins a tie with completed');
    assert.equal(doneSpellingOf([['closed', 1], ['Closed', 1], ['done', 1]]), 'closed', 'spellings differing in case add up');
    // Counted up to the sample each, as the index counts them: past it, a tie.
    assert.equal(doneSpellingOf([['closed', DONE_SPELLING_SAMPLE + 500], ['done', DONE_SPELLING_SAMPLE]]), 'done');
    assert.equal(doneSpellingOf([['closed', DONE_SPELLING_SAMPLE], ['done', DONE_SPELLING_SAMPLE - 1]]), 'closed');
  });
});

describe('suggestions for a mistyped name', () => {
  test('edit distance counts inserts, deletes, replacements and swapped neighbours as one each', () => {
    assert.equal(editDistance('use_index', 'use_index'), 0);
    assert.equal(editDistance('use_indx', 'use_index'), 1);
    assert.equal(editDistance('use_idnex', 'use_index'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  test('the nearest candidate is offered only when it is near enough to be meant', () => {
    const keys = ['storage.use_index', 'storage.cache_size', 'debug.log_query_times'];
    assert.equal(closest('storage.use_indx', keys), 'storage.use_index');
    assert.equal(closest('Storage.Cache_Sise', keys), 'storage.cache_size');
    assert.equal(closest('github.owner', keys), undefined);
    assert.equal(closest('x', ['y']), 'y', 'a one-letter word may be one edit off');
    assert.equal(closest('ab', ['xy']), undefined);
  });
});

/**
 * The index must never change an answer: random corpora, random queries, run once answered
 * from SQLite and once from the files alone (--no-index); the output must be identical.
 * Runs the CLI in-process (run()) so hundreds of queries stay fast.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { captureIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { renderEntityFile } from '../../src/store/frontmatter.js';
import { tempDir } from '../helpers.js';

const STATUSES = ['todo', 'in-progress', 'blocked', 'review', 'done', 'closed', 'completed', 'archived', 'Done', 'TODO'];
const PRIORITIES = ['critical', 'high', 'medium', 'low', 'High'];
const ASSIGNEES = [null, '', 'alice', 'Alice', 'bob', 'carol'];
const MILESTONES = [null, '', 'backlog', 'v0', 'v1', 'v2', 'a-done'];
const LABELS = ['ui', 'UI', 'api', 'bug', 'db'];
const WORDS = ['login', 'logout', 'page', 'café', 'cache', 'index', 'sync', 'fast', 'slow', 'naïve', 'tests', 'x2'];
const DATES = [null, '2025-10-11T20:34:42.628405', '2026-02-10T13:45:03+00:00', '2026-01-01T00:00:00+00:00'];

const issueArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  priority: fc.constantFrom(...PRIORITIES),
  assignee: fc.constantFrom(...ASSIGNEES),
  milestone: fc.constantFrom(...MILESTONES),
  labels: fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 3 }),
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
  body: fc.array(fc.constantFrom(...WORDS, 'and', 'the'), { maxLength: 12 }).map((w) => w.join(' ')),
  estimate: fc.constantFrom(null, 1, 2.5, 8),
  progress: fc.constantFrom(null, 0, 50, 100),
  created: fc.constantFrom(...DATES),
  updated: fc.constantFrom(...DATES),
  deps: fc.array(fc.nat(20), { maxLength: 2 }),
  blocks: fc.array(fc.nat(20), { maxLength: 1 }),
  comment: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
});

const queryArb = fc.oneof(
  fc.record({
    status: fc.option(fc.constantFrom('todo', 'done', 'closed', 'archived', 'in-progress,review', 'blocked'), { nil: undefined }),
    priority: fc.option(fc.constantFrom('high', 'critical,low'), { nil: undefined }),
    assignee: fc.option(fc.constantFrom('alice', 'ALICE', 'bob', ''), { nil: undefined }),
    milestone: fc.option(fc.constantFrom('v1', 'v2', 'backlog'), { nil: undefined }),
    label: fc.option(fc.constantFrom('ui', 'Api', 'db'), { nil: undefined }),
    open: fc.boolean(),
    blocked: fc.boolean(),
    all: fc.boolean(),
    sort: fc.option(fc.constantFrom('title', 'status:desc', 'priority', 'assignee', 'milestone:desc', 'created', 'updated:desc', 'estimate', 'progress:desc', 'id,title'), { nil: undefined }),
    limit: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    format: fc.constantFrom('json', 'table', 'ids', 'csv'),
  }).map((q) => {
    const args = ['issue', 'list', '--format', q.format];
    if (q.status) args.push('--status', q.status);
    if (q.priority) args.push('--priority', q.priority);
    if (q.assignee !== undefined) args.push('--assignee', q.assignee);
    if (q.milestone === 'backlog') args.push('--backlog');
    else if (q.milestone) args.push('--milestone', q.milestone);
    if (q.label) args.push('--label', q.label);
    if (q.open) args.push('--open');
    if (q.blocked) args.push('--blocked');
    if (q.all) args.push('--all');
    if (q.sort) args.push('--sort', q.sort);
    if (q.limit) args.push('--limit', String(q.limit));
    return args;
  }),
  fc.array(fc.constantFrom(...WORDS, 'lo', 'cafe', 'naive', 'UI'), { minLength: 1, maxLength: 2 }).map((words) => ['search', '--format', 'json', ...words]),
  fc.constantFrom<string[]>(['issue', 'ready', '--format', 'json'], ['issue', 'ready', '--format', 'table']),
  fc.constantFrom<string[]>(['status', '--format', 'json'], ['status']),
  fc.constant(['milestone', 'list', '--format', 'json'] as string[]),
  fc.nat(20).map((n) => ['issue', 'deps', '--format', 'json', idOf(n)]),
);

function idOf(n: number): string {
  return `a${String(n).padStart(7, '0')}`;
}

type GeneratedIssue = typeof issueArb extends fc.Arbitrary<infer T> ? T : never;

function writeCorpus(root: string, issues: GeneratedIssue[]): void {
  rmSync(join(root, '.roadmap'), { recursive: true, force: true });
  mkdirSync(join(root, '.roadmap', 'issues'), { recursive: true });
  mkdirSync(join(root, '.roadmap', 'milestones'), { recursive: true });
  // Path order (a-done, v0, v1, v2) is not the shown order (open by due date, undated, then closed).
  const milestones: Array<[string, string, string | null]> = [['v0', 'open', '2021-06-01'], ['v1', 'open', '2020-01-01'], ['v2', 'open', null], ['a-done', 'closed', '2019-01-01']];
  for (const [name, status, due] of milestones) {
    writeFileSync(join(root, '.roadmap', 'milestones', `${name}.md`), renderEntityFile({ name, status, due_date: due }, ''));
  }
  issues.forEach((issue, n) => {
    const fields: Record<string, unknown> = {
      id: idOf(n), title: issue.title, priority: issue.priority, status: issue.status, milestone: issue.milestone,
      labels: issue.labels, created: issue.created, updated: issue.updated, assignee: issue.assignee,
      estimated_hours: issue.estimate, depends_on: issue.deps.map(idOf), blocks: issue.blocks.map(idOf),
      progress_percentage: issue.progress,
    };
    if (issue.comment) fields.comments = [{ author: 'x', body: issue.comment }];
    writeFileSync(join(root, '.roadmap', 'issues', `${idOf(n)}-x.md`), renderEntityFile(fields, `# ${issue.title}\n\n${issue.body}\n`));
  });
}

async function cli(root: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const io = captureIO();
  const code = await run(args, { io, cwd: root, env: {}, clock: () => new Date('2026-06-01T12:00:00Z') });
  return { code, stdout: io.stdout() };
}

describe('index and files give the same answers', () => {
  test('random corpora, random queries: --no-index output is identical', async () => {
    const root = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.array(issueArb, { minLength: 0, maxLength: 21 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), async (issues, queries) => {
        writeCorpus(root, issues);
        for (const args of queries) {
          const indexed = await cli(root, args);
          const files = await cli(root, ['--no-index', ...args]);
          assert.equal(indexed.code, files.code, `exit codes differ for ${args.join(' ')}`);
          assert.equal(indexed.stdout, files.stdout, `outputs differ for ${args.join(' ')}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a query through the index really used the index', async () => {
    const root = tempDir();
    writeCorpus(root, [{ status: 'todo', priority: 'high', assignee: 'alice', milestone: 'v1', labels: ['ui'], title: 'login page', body: 'cache', estimate: 1, progress: null, created: null, updated: null, deps: [], blocks: [], comment: undefined }]);
    const io = captureIO();
    await run(['index', 'status', '--format', 'json'], { io, cwd: root, env: {} });
    const status = JSON.parse(io.stdout()) as { rows: { issues: number } };
    assert.equal(status.rows.issues, 1);
  });
});

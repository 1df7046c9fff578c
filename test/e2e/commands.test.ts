/**
 * Every command of spec/CLI.md (index, watch and serve aside) run end to end: the built bundle
 * spawned in a fresh `roadmap init` project inside a temporary git repository, its output read
 * the way a script would read it, and the files checked on disk.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  assertFails, emptyProject, HAS_SCRIPT, read, roadmapJson, roadmapOk, roadmapSync, roadmapTTY, snapshot, assertSameSnapshot,
  tempDir, git, stderrLines, write,
} from '../helpers.js';

type Json = Record<string, unknown>;
const ANSI = /\x1b\[/;
const ID = /^[0-9a-f]{8}$/;

/** `issue create` with flags; returns the new id (checked to be 8 hex). */
function create(dir: string, title: string, ...flags: string[]): string {
  const out = roadmapOk(dir, ['issue', 'create', title, ...flags]);
  const id = out.trim();
  assert.match(id, ID, `issue create printed ${JSON.stringify(out)}`);
  return id;
}

/** The one issue file of `id`, relative to the project root. */
function issuePath(dir: string, id: string): string {
  const found = readdirSync(join(dir, '.roadmap', 'issues')).filter((f) => f.startsWith(`${id}-`));
  assert.equal(found.length, 1, `one file for ${id}: ${found.join(', ')}`);
  return join('.roadmap', 'issues', found[0]!);
}

function fields(dir: string, rel: string): Json {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(read(join(dir, rel)));
  assert.ok(match, `${rel} has front matter`);
  return parseYaml(match[1]!) as Json;
}

const issueFields = (dir: string, id: string) => fields(dir, issuePath(dir, id));
const ids = (out: string) => out.split('\n').filter(Boolean);
const sorted = (list: string[]) => [...list].sort();

/** Change one line of an issue file by hand, as a user (or an older tool) would. */
function setRaw(dir: string, id: string, key: string, value: string): void {
  const path = join(dir, issuePath(dir, id));
  const text = read(path);
  const next = text.replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${value}`);
  assert.notEqual(next, text, `${key} replaced`);
  writeFileSync(path, next);
}

// ---- init ---------------------------------------------------------------------------------

describe('init', () => {
  test('creates the folders, config.yaml with the name, and a .gitignore for derived files', () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    const out = roadmapOk(join(dir, 'sub', 'deeper'), ['init', '--name', 'Demo']);
    assert.equal(out.trim(), join(dir, '.roadmap'), 'init goes to the top of the git work tree');
    for (const folder of ['issues', 'milestones', 'roadmaps']) assert.ok(statSync(join(dir, '.roadmap', folder)).isDirectory(), folder);
    assert.deepEqual(parseYaml(read(join(dir, '.roadmap', 'config.yaml'))).project, { name: 'Demo' });
    const ignore = read(join(dir, '.roadmap', '.gitignore'));
    for (const entry of ['index.db', 'index.db-wal', 'index.db-shm']) assert.match(ignore, new RegExp(`^${entry.replace('.', '\\.')}$`, 'm'));
  });

  test('running init again keeps what is there', () => {
    const dir = emptyProject();
    const config = join(dir, '.roadmap', 'config.yaml');
    writeFileSync(config, '# mine\nproject:\n  name: kept\n');
    const result = roadmapSync(dir, ['init', '--name', 'other']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(read(config), '# mine\nproject:\n  name: kept\n');
    assert.match(result.stderr, /^warning: --name was not applied to the existing project \(roadmap config set project\.name 'other' changes it\)$/m);
    assert.doesNotMatch(roadmapSync(dir, ['init']).stderr, /warning/, 'no --name, nothing to warn of');
    assert.doesNotMatch(roadmapSync(dir, ['init', '--name', 'kept']).stderr, /warning/, 'the name it has already');
  });
});

// ---- issue create ---------------------------------------------------------------------------

describe('issue create', () => {
  let dir: string;
  let dep: string;
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'v1.0']);
    dep = create(dir, 'The dependency');
  });

  test('created done: stamped as issue done stamps it (end, completion, progress 100)', () => {
    const f = fields(dir, issuePath(dir, create(dir, 'Born done', '--status', 'done')));
    assert.deepEqual([f.status, f.actual_end_date, f.completed_date, f.progress_percentage, f.actual_start_date], ['done', f.created, f.created, 100, null]);
  });

  test('with every flag: each lands in its field, the body below the heading', () => {
    const id = create(dir, 'Fix the login page', '--priority', 'high', '--type', 'bug', '--status', 'in-progress', '--milestone', 'v1.0',
      '--assignee', 'alice', '--label', 'ui', '--label', 'auth', '--estimate', '2.5', '--depends-on', dep.slice(0, 5), '--body', 'Steps:\n1. open');
    const rel = issuePath(dir, id);
    assert.equal(rel, join('.roadmap', 'issues', `${id}-fix-the-login-page.md`));
    const f = fields(dir, rel);
    assert.equal(f.id, id);
    assert.equal(f.title, 'Fix the login page');
    assert.equal(f.priority, 'high');
    assert.equal(f.issue_type, 'bug');
    assert.equal(f.status, 'in-progress');
    assert.equal(f.actual_start_date, f.created, 'created in progress: started then, as issue start stamps it');
    assert.equal(f.milestone, 'v1.0');
    assert.equal(f.assignee, 'alice');
    assert.deepEqual(f.labels, ['ui', 'auth']);
    assert.equal(f.estimated_hours, 2.5);
    assert.deepEqual(f.depends_on, [dep], 'a dependency prefix is stored as the full id');
    assert.match(String(f.created), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const text = read(join(dir, rel));
    assert.ok(text.endsWith('---\n\n# Fix the login page\n\nSteps:\n1. open\n'), text.slice(-80));
    assert.match(text, /^created: '/m, 'new timestamps are quoted');
    assert.match(text, /^estimated_hours: 2\.5$/m);
  });

  test('defaults: medium, other, todo, backlog, every seed-era field present in order', () => {
    const id = create(dir, 'Plain one');
    const f = issueFields(dir, id);
    assert.deepEqual(Object.keys(f), [
      'id', 'title', 'priority', 'status', 'issue_type', 'milestone', 'labels', 'github_issue', 'created', 'updated', 'assignee',
      'estimated_hours', 'depends_on', 'blocks', 'actual_start_date', 'actual_end_date', 'progress_percentage', 'handoff_notes',
      'previous_assignee', 'handoff_date', 'git_branches', 'git_commits', 'completed_date',
    ]);
    assert.equal(f.priority, 'medium');
    assert.equal(f.issue_type, 'other');
    assert.equal(f.status, 'todo');
    assert.equal(f.milestone, null);
  });

  test('--body-file reads a file, or stdin with -', () => {
    const file = join(tempDir(), 'body.md');
    writeFileSync(file, 'From a file.\n');
    const fromFile = create(dir, 'Body from file', '--body-file', file);
    assert.match(read(join(dir, issuePath(dir, fromFile))), /\n# Body from file\n\nFrom a file\.\n$/);
    const out = roadmapOk(dir, ['issue', 'create', 'Body from stdin', '--body-file', '-'], { input: 'Piped in.\n' });
    assert.match(read(join(dir, issuePath(dir, out.trim()))), /\nPiped in\.\n$/);
  });

  test('--title (the Python spelling) and --json (the new object, with path)', () => {
    const json = roadmapJson<Json>(dir, ['issue', 'create', '--title', 'Spelled the old way', '--json']);
    assert.match(String(json.id), ID);
    assert.equal(json.title, 'Spelled the old way');
    assert.equal(json.path, `.roadmap/issues/${String(json.id)}-spelled-the-old-way.md`);
    assert.ok(existsSync(join(dir, String(json.path))));
  });
});

// ---- issue list -------------------------------------------------------------------------------

describe('issue list filters, sort, limit and formats', () => {
  let dir: string;
  const id: Record<string, string> = {};
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'v1']);
    id.a = create(dir, 'Alpha, the "login" bug', '--priority', 'high', '--assignee', 'Alice', '--milestone', 'v1', '--label', 'UI', '--estimate', '5');
    id.b = create(dir, 'Beta', '--priority', 'low', '--status', 'in-progress', '--assignee', 'bob', '--label', 'backend', '--estimate', '1');
    id.c = create(dir, 'Gamma', '--priority', 'critical', '--status', 'review', '--milestone', 'v1');
    id.d = create(dir, 'Delta', '--status', 'done');
    id.e = create(dir, 'Epsilon');
    id.f = create(dir, 'Zeta');
    id.g = create(dir, 'Eta archived');
    id.h = create(dir, 'Theta waits', '--depends-on', id.a);
    id.i = create(dir, 'Iota', '--status', 'blocked');
    // Older versions of the Python tool wrote these spellings; they mean done.
    setRaw(dir, id.e, 'status', 'closed');
    setRaw(dir, id.f, 'status', 'completed');
    roadmapOk(dir, ['issue', 'update', id.g, '--status', 'archived']);
  });

  const list = (...args: string[]) => sorted(ids(roadmapOk(dir, ['issue', 'list', ...args, '--format', 'ids'])));
  const of = (...keys: string[]) => sorted(keys.map((k) => id[k]!));

  test('archived issues are hidden unless --all', () => {
    assert.deepEqual(list(), of('a', 'b', 'c', 'd', 'e', 'f', 'h', 'i'));
    assert.deepEqual(list('--all'), of('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'));
  });

  test('--status repeats and comma-separates; done also matches closed and completed', () => {
    assert.deepEqual(list('--status', 'todo', '--status', 'review'), of('a', 'c', 'h'));
    assert.deepEqual(list('--status', 'todo,review'), of('a', 'c', 'h'));
    assert.deepEqual(list('--status', 'done'), of('d', 'e', 'f'));
    assert.deepEqual(list('--status', 'closed'), of('e'));
    assert.deepEqual(list('--status', 'archived'), of('g'));
  });

  test('--priority, --assignee (any case), --milestone, --backlog, --label', () => {
    assert.deepEqual(list('--priority', 'high,critical'), of('a', 'c'));
    assert.deepEqual(list('--assignee', 'alice'), of('a'));
    assert.deepEqual(list('--milestone', 'v1'), of('a', 'c'));
    assert.deepEqual(list('--backlog'), of('b', 'd', 'e', 'f', 'h', 'i'));
    assert.deepEqual(list('--label', 'ui'), of('a'));
  });

  test('--open and --blocked (status blocked, or waiting on an unfinished dependency)', () => {
    assert.deepEqual(list('--open'), of('a', 'b', 'c', 'h', 'i'));
    assert.deepEqual(list('--blocked'), of('h', 'i'));
  });

  test('--sort FIELD[:desc] and --limit', () => {
    const titles = ids(roadmapOk(dir, ['issue', 'list', '--sort', 'title:desc', '--format', 'ids']));
    assert.deepEqual(titles, [id.f, id.h, id.i, id.c, id.e, id.d, id.b, id.a]);
    const byEstimate = ids(roadmapOk(dir, ['issue', 'list', '--sort', 'estimate:desc', '--limit', '3', '--format', 'ids']));
    assert.deepEqual(byEstimate, [id.a, id.b, byEstimate[2]], 'estimated first, biggest first');
    assert.equal(byEstimate.length, 3);
    const defaultOrder = ids(roadmapOk(dir, ['issue', 'list', '--format', 'ids']));
    assert.deepEqual(defaultOrder.slice(0, 2), [id.c, id.a], 'by default: most important first');
  });

  test('--format json: an array of objects with the front-matter fields and path; --json is the same', () => {
    const json = roadmapJson<Json[]>(dir, ['issue', 'list', '--format', 'json']);
    assert.equal(json.length, 8);
    const alpha = json.find((i) => i.id === id.a)!;
    assert.equal(alpha.title, 'Alpha, the "login" bug');
    assert.deepEqual(alpha.labels, ['UI']);
    assert.equal(alpha.path, issuePath(dir, id.a!));
    assert.deepEqual(roadmapJson(dir, ['issue', 'list', '--json']), json);
    assert.deepEqual(roadmapJson(dir, ['issue', 'list', '--status', 'review', '--priority', 'low', '--json']), [], 'no match is an empty array');
  });

  test('--format csv: a header, RFC 4180 quoting, lists joined', () => {
    const csv = roadmapOk(dir, ['issue', 'list', '--format', 'csv', '--label', 'UI']);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'id,title,status,priority,issue_type,assignee,milestone,labels,estimated_hours,progress_percentage,depends_on,blocks,created,updated,path');
    assert.ok(lines[1]!.startsWith(`${id.a},"Alpha, the ""login"" bug",todo,high,other,Alice,v1,UI,5,`), lines[1]);
    assert.ok(lines[1]!.endsWith(`,${issuePath(dir, id.a!)}`), lines[1]);
    assert.equal(lines.length, 3, 'one row and the final line end');
    const withDeps = roadmapOk(dir, ['issue', 'list', '--format', 'csv', '--status', 'todo', '--sort', 'title']).split('\r\n');
    assert.ok(withDeps.some((l) => l.startsWith(id.h!) && l.includes(`,${id.a},`)), 'depends_on listed');
  });

  test('--format table: a header and aligned rows, full titles in a pipe', () => {
    const table = roadmapOk(dir, ['issue', 'list', '--milestone', 'v1']).split('\n').filter(Boolean);
    assert.equal(table.length, 3);
    assert.match(table[0]!, /^ID {8}TITLE {2,}STATUS {2,}PRIORITY {2,}ASSIGNEE {2,}MILESTONE$/);
    const titleAt = table[0]!.indexOf('TITLE');
    for (const row of table.slice(1)) assert.match(row.slice(0, titleAt), /^[0-9a-f]{8} {2}$/);
    assert.ok(table.some((row) => row.includes('Alpha, the "login" bug')));
  });

  test('--format ids: one id per line and nothing else', () => {
    const out = roadmapOk(dir, ['issue', 'list', '--format', 'ids']);
    assert.match(out, /^([0-9a-f]{8}\n)+$/);
  });
});

// ---- issue update and the shortcut verbs ----------------------------------------------------

describe('issue update, start, done, block, unblock, delete', () => {
  let dir: string;
  before(() => {
    dir = emptyProject();
  });

  test('several ids are one batch; --stdin adds ids read from standard input', () => {
    const [a, b, c] = [create(dir, 'One'), create(dir, 'Two'), create(dir, 'Three')];
    roadmapOk(dir, ['issue', 'update', a, b.slice(0, 6), '--priority', 'low', '--add-label', 'batch']);
    for (const x of [a, b]) {
      assert.equal(issueFields(dir, x).priority, 'low');
      assert.deepEqual(issueFields(dir, x).labels, ['batch']);
    }
    assert.equal(issueFields(dir, c).priority, 'medium', 'only the ids given');
    roadmapOk(dir, ['issue', 'update', '--stdin', '--priority', 'critical'], { input: `${b}\n${c}\n` });
    assert.equal(issueFields(dir, a).priority, 'low');
    assert.equal(issueFields(dir, b).priority, 'critical');
    assert.equal(issueFields(dir, c).priority, 'critical');
    const json = roadmapJson<Json[]>(dir, ['issue', 'update', a, c, '--priority', 'critical', '--json']);
    assert.deepEqual(json.map((r) => [r.id, r.changed]), [[a, true], [c, false]]);
  });

  test('each field flag writes its field; "" clears assignee and estimate', () => {
    const id = create(dir, 'Change me', '--assignee', 'zoe', '--estimate', '3', '--label', 'old');
    roadmapOk(dir, ['issue', 'update', id, '--title', 'Changed', '--type', 'feature', '--progress', '40', '--estimate', '8',
      '--add-label', 'new', '--remove-label', 'old', '--assignee', 'yann', '--status', 'review']);
    let f = issueFields(dir, id);
    assert.equal(f.title, 'Changed');
    assert.equal(f.issue_type, 'feature');
    assert.equal(f.progress_percentage, 40);
    assert.equal(f.estimated_hours, 8);
    assert.deepEqual(f.labels, ['new']);
    assert.equal(f.assignee, 'yann');
    assert.equal(f.status, 'review');
    assert.match(read(join(dir, issuePath(dir, id))), /^estimated_hours: 8\.0$/m, 'written as the float it was');
    roadmapOk(dir, ['issue', 'update', id, '--assignee', '', '--estimate', '']);
    f = issueFields(dir, id);
    assert.equal(f.assignee, null);
    assert.equal(f.estimated_hours, null);
  });

  test('start stamps actual_start_date; done stamps actual_end_date, completed_date and progress 100', () => {
    const id = create(dir, 'Lifecycle');
    roadmapOk(dir, ['issue', 'start', id]);
    let f = issueFields(dir, id);
    assert.equal(f.status, 'in-progress');
    assert.match(String(f.actual_start_date), /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(f.actual_end_date, null);
    const started = f.actual_start_date;
    roadmapOk(dir, ['issue', 'done', id]);
    f = issueFields(dir, id);
    assert.equal(f.status, 'done');
    assert.equal(f.actual_start_date, started, 'the start stamp stays');
    assert.match(String(f.actual_end_date), /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(f.completed_date, f.actual_end_date);
    assert.equal(f.updated, f.actual_end_date);
    assert.match(read(join(dir, issuePath(dir, id))), /^progress_percentage: 100\.0$/m);
  });

  test('close is done, view is show', () => {
    const id = create(dir, 'Aliases');
    roadmapOk(dir, ['issue', 'close', id]);
    assert.equal(issueFields(dir, id).status, 'done');
    assert.equal(roadmapOk(dir, ['issue', 'view', id]), roadmapOk(dir, ['issue', 'show', id]));
    const json = roadmapJson<Json>(dir, ['issue', 'show', id, '--json']);
    assert.equal(json.status, 'done');
    assert.equal(json.body, '# Aliases\n');
  });

  test('block, then unblock: back to todo if never started, to in-progress if it was', () => {
    const fresh = create(dir, 'Never started');
    roadmapOk(dir, ['issue', 'block', fresh]);
    assert.equal(issueFields(dir, fresh).status, 'blocked');
    roadmapOk(dir, ['issue', 'unblock', fresh]);
    assert.equal(issueFields(dir, fresh).status, 'todo');
    const started = create(dir, 'Started');
    roadmapOk(dir, ['issue', 'start', started]);
    roadmapOk(dir, ['issue', 'block', started]);
    roadmapOk(dir, ['issue', 'unblock', started]);
    assert.equal(issueFields(dir, started).status, 'in-progress');
  });

  test('a CRLF file stays CRLF: only the changed lines differ, each still ending in CRLF', () => {
    const id = create(dir, 'Windows line ends');
    const path = join(dir, issuePath(dir, id));
    const before = read(path).replace(/\n/g, '\r\n');
    writeFileSync(path, before);
    roadmapOk(dir, ['issue', 'done', id]);
    const after = read(path);
    assert.doesNotMatch(after, /(?<!\r)\n/, 'no bare LF');
    const changed = after.split('\r\n').filter((line) => !before.split('\r\n').includes(line)).map((line) => line.split(':')[0]).sort();
    assert.deepEqual(changed, ['actual_end_date', 'completed_date', 'progress_percentage', 'status', 'updated']);
  });

  test('a milestone named in another case is stored under its own name', () => {
    roadmapOk(dir, ['milestone', 'create', 'Sprint-1']);
    const created = create(dir, 'Case-insensitive milestone', '--milestone', 'sprint-1');
    assert.equal(issueFields(dir, created).milestone, 'Sprint-1', 'create: the name as the milestone file holds it');
    const moved = create(dir, 'Moved later');
    roadmapOk(dir, ['issue', 'update', moved, '--milestone', 'SPRINT-1']);
    assert.equal(issueFields(dir, moved).milestone, 'Sprint-1', 'update: the name as the milestone file holds it');
    const listed = sorted(ids(roadmapOk(dir, ['issue', 'list', '--milestone', 'Sprint-1', '--format', 'ids'])));
    assert.deepEqual(listed, sorted([created, moved]), 'both count for the milestone');
    // A list matches the name as issues spell it, and says which milestone a wrong case meant.
    const cased = roadmapSync(dir, ['issue', 'list', '--milestone', 'SPRINT-1', '--format', 'ids']);
    assert.deepEqual([cased.code, cased.stdout, cased.stderr], [0, '', 'warning: no milestone named "SPRINT-1" (did you mean "Sprint-1"?): listing the issues that name it anyway\n']);
    const unknown = roadmapSync(dir, ['issue', 'list', '--milestone', 'Sprint-9', '--format', 'ids']);
    assert.deepEqual([unknown.code, unknown.stdout, unknown.stderr], [0, '', 'warning: no milestone named "Sprint-9": listing the issues that name it anyway\n']);
  });

  test('delete removes the files and prints their ids', () => {
    const [a, b] = [create(dir, 'Gone one'), create(dir, 'Gone two')];
    const path = issuePath(dir, a);
    const out = roadmapOk(dir, ['issue', 'delete', a, b]);
    assert.deepEqual(ids(out), [a, b]);
    assert.equal(existsSync(join(dir, path)), false);
    assert.equal(roadmapSync(dir, ['issue', 'show', b]).code, 1);
    const twice = create(dir, 'Named twice');
    const result = roadmapSync(dir, ['issue', 'delete', twice, twice.slice(0, 6)]);
    assert.equal(result.stdout, `${twice}\n`, 'one file, one line');
    assert.equal(stderrLines(result).filter((line) => line.startsWith('deleted ')).length, 1);
  });
});

describe('delete says how to get a file back, and which issues still link to it', () => {
  const noteOf = (result: { stderr: string }) => stderrLines(result as never).filter((line) => line.startsWith('deleted '));

  test('a committed file: the restore command it prints brings it back byte for byte', () => {
    const dir = emptyProject();
    const id = create(dir, 'Committed then deleted');
    const path = issuePath(dir, id);
    const text = read(join(dir, path));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'seed');
    const result = roadmapSync(dir, ['issue', 'delete', id]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(noteOf(result), [`deleted ${path} (restore with: git checkout HEAD -- ${path})`]);
    const command = /restore with: (.+)\)$/.exec(noteOf(result)[0]!)![1]!.split(' ');
    assert.equal(spawnSync(command[0]!, command.slice(1), { cwd: dir }).status, 0);
    assert.equal(read(join(dir, path)), text);

    // From a folder below the root, the command is pasted there and still works.
    const below = join(dir, 'src', 'deep');
    mkdirSync(below, { recursive: true });
    const deeper = roadmapSync(below, ['issue', 'delete', id]);
    assert.deepEqual(noteOf(deeper), [`deleted ${path} (restore with: git -C ../.. checkout HEAD -- ${path})`]);
    const again = /restore with: (.+)\)$/.exec(noteOf(deeper)[0]!)![1]!.split(' ');
    assert.equal(spawnSync(again[0]!, again.slice(1), { cwd: below }).status, 0);
    assert.equal(read(join(dir, path)), text);
  });

  test('a file changed since its commit, staged, never committed, or outside git: each says what git can give back', () => {
    const dir = emptyProject();
    const [changed, staged, fresh] = [create(dir, 'Changed later'), create(dir, 'Staged later'), create(dir, 'Committed never')];
    git(dir, 'add', '-A', '--', issuePath(dir, changed), issuePath(dir, staged));
    git(dir, 'commit', '-qm', 'seed');
    roadmapOk(dir, ['issue', 'update', changed, staged, '--priority', 'low']);
    git(dir, 'add', '--', issuePath(dir, staged));
    const paths = [changed, staged, fresh].map((id) => issuePath(dir, id));
    const result = roadmapSync(dir, ['issue', 'delete', changed, staged, fresh]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(noteOf(result), [
      `deleted ${paths[0]}; its changes since git last saw it are gone (git checkout HEAD -- ${paths[0]} restores the version git has)`,
      `deleted ${paths[1]} (restore with: git checkout -- ${paths[1]})`,
      `deleted ${paths[2]}; it was never committed, so git cannot restore it`,
    ]);
    git(dir, 'checkout', '--', paths[1]!);
    assert.match(read(join(dir, paths[1]!)), /^priority: low$/m, 'the staged version is the latest');

    // A folder git ignores: git has no copy of anything in it.
    write(join(dir, '.gitignore'), '.roadmap/issues/\n');
    const ignored = create(dir, 'Kept out of git');
    const ignoredPath = issuePath(dir, ignored);
    assert.deepEqual(noteOf(roadmapSync(dir, ['issue', 'delete', ignored])), [`deleted ${ignoredPath}; it was never committed, so git cannot restore it`]);

    const outside = tempDir();
    roadmapOk(outside, ['init']);
    const lone = create(outside, 'Not in git');
    const lonePath = issuePath(outside, lone);
    assert.deepEqual(noteOf(roadmapSync(outside, ['issue', 'delete', lone])), [`deleted ${lonePath}`]);
  });

  test('a project in a subfolder of the repository, and milestones and roadmaps too', () => {
    const repo = tempDir();
    git(repo, 'init', '-q');
    const dir = join(repo, 'app');
    mkdirSync(dir);
    roadmapOk(repo, ['--root', 'app', 'init']);
    roadmapOk(dir, ['milestone', 'create', 'M1']);
    const plan = roadmapOk(dir, ['roadmap', 'create', 'Plan']).trim();
    const id = create(dir, 'Deep');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'seed');
    const path = issuePath(dir, id);
    assert.deepEqual(noteOf(roadmapSync(dir, ['issue', 'delete', id])), [`deleted ${path} (restore with: git checkout HEAD -- ${path})`]);
    assert.deepEqual(noteOf(roadmapSync(dir, ['milestone', 'delete', 'M1'])), ['deleted .roadmap/milestones/m1.md (restore with: git checkout HEAD -- .roadmap/milestones/m1.md)']);
    const roadmapNote = noteOf(roadmapSync(dir, ['roadmap', 'delete', plan]));
    assert.match(roadmapNote[0]!, new RegExp(`^deleted (\\.roadmap/roadmaps/${plan}-plan\\.md) \\(restore with: git checkout HEAD -- \\1\\)$`));
    git(dir, 'checkout', 'HEAD', '--', '.roadmap');
    assert.equal(roadmapOk(dir, ['issue', 'list', '--format', 'ids']), `${id}\n`);
    const fresh = create(dir, 'Never committed, deep');
    const freshPath = issuePath(dir, fresh);
    assert.deepEqual(noteOf(roadmapSync(dir, ['issue', 'delete', fresh])), [`deleted ${freshPath}; it was never committed, so git cannot restore it`]);
  });

  test('issues that still depend on a deleted issue, or list it under blocks, are named with how to drop the link', () => {
    const dir = emptyProject();
    const target = create(dir, 'Going away');
    const [first, second] = [create(dir, 'Waits one', '--depends-on', target), create(dir, 'Waits two', '--depends-on', target)];
    const blocker = create(dir, 'Blocks it');
    const blockerPath = join(dir, issuePath(dir, blocker));
    write(blockerPath, read(blockerPath).replace(/^blocks: \[\]$/m, `blocks:\n- ${target}`));
    const result = roadmapSync(dir, ['issue', 'delete', target]);
    assert.equal(result.code, 0, result.stderr);
    const [a, b] = [first, second].sort();
    assert.deepEqual(stderrLines(result).filter((line) => line.startsWith('warning: ')), [
      `warning: 2 issues still depend on ${target}: ${a}, ${b} (drop a link with: roadmap issue deps remove ID ${target})`,
      `warning: 1 issue still lists ${target} under blocks: ${blocker} (edit the file to drop it)`,
    ]);
    roadmapOk(dir, ['issue', 'deps', 'remove', first, target]);
    assert.deepEqual(roadmapJson<Json>(dir, ['issue', 'show', first, '--json']).depends_on, []);

    // Deleted together, they owe nobody a warning.
    const [x, y] = [create(dir, 'X'), create(dir, 'Y')];
    roadmapOk(dir, ['issue', 'deps', 'add', y, x]);
    assert.deepEqual(stderrLines(roadmapSync(dir, ['issue', 'delete', x, y])).filter((line) => line.startsWith('warning: ')), []);
  });
});

// ---- dependencies ----------------------------------------------------------------------------

describe('issue deps and ready', () => {
  let dir: string;
  let base: string;
  let mid: string;
  let top: string;
  before(() => {
    dir = emptyProject();
    base = create(dir, 'Base work');
    mid = create(dir, 'Middle', '--depends-on', base);
    top = create(dir, 'Top');
  });

  test('deps add ID DEP records the dependency; deps ID shows both directions as a tree', () => {
    roadmapOk(dir, ['issue', 'deps', 'add', top, mid]);
    assert.deepEqual(issueFields(dir, top).depends_on, [mid]);
    const tree = roadmapOk(dir, ['issue', 'deps', mid]);
    assert.equal(tree, [
      `${mid}  Middle [todo]`,
      'depends on',
      `  └── ${base} Base work [todo]`,
      'blocks',
      `  └── ${top} Top [todo]`,
      '',
    ].join('\n'));
    const deep = roadmapOk(dir, ['issue', 'deps', top]);
    assert.match(deep, new RegExp(`└── ${mid} Middle \\[todo\\]\\n {6}└── ${base} Base work \\[todo\\]`));
    const json = roadmapJson<Json>(dir, ['issue', 'deps', top, '--json']);
    assert.equal(((json.depends_on as Json[])[0]!.children as Json[])[0]!.id, base);
  });

  test('deps add that would close a cycle is refused, naming it, and writes nothing', () => {
    const before = read(join(dir, issuePath(dir, base)));
    const result = roadmapSync(dir, ['issue', 'deps', 'add', base, top]);
    assertFails(result, 1, new RegExp(`^error: ${base} cannot depend on ${top}: that would make a cycle ${base} → ${top} → ${mid} → ${base}$`));
    assert.equal(read(join(dir, issuePath(dir, base))), before);
    assertFails(roadmapSync(dir, ['issue', 'deps', 'add', base, base]), 1, /cycle/);
  });

  test('ready lists open issues whose dependencies are all done', () => {
    assert.deepEqual(ids(roadmapOk(dir, ['issue', 'ready', '--format', 'ids'])), [base]);
    roadmapOk(dir, ['issue', 'done', base]);
    assert.deepEqual(ids(roadmapOk(dir, ['issue', 'ready', '--format', 'ids'])), [mid]);
    assert.deepEqual(roadmapJson<Json[]>(dir, ['issue', 'ready', '--json']).map((i) => i.id), [mid]);
  });

  test('show lists both directions under one aligned label column; deps remove takes one away, once', () => {
    const shown = roadmapOk(dir, ['issue', 'show', mid]).split('\n');
    assert.ok(shown.includes(`depends on  ${base} Base work [done]`), shown.join('\n'));
    assert.ok(shown.includes(`blocks      ${top} Top [todo]`), shown.join('\n'));
    assert.ok(shown.includes('status      todo'), 'every value starts in the same column');
    assert.ok(shown.includes('assignee'), 'an empty value leaves no trailing blanks');
    roadmapOk(dir, ['issue', 'deps', 'remove', top, mid]);
    assert.deepEqual(issueFields(dir, top).depends_on, []);
    assert.ok(roadmapOk(dir, ['issue', 'show', mid]).split('\n').includes('blocks'));
    const again = roadmapSync(dir, ['issue', 'deps', 'remove', top, mid]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /already as asked; not rewritten/);
  });
});

describe('dependencies written the other way round (blocks:)', () => {
  test('X.blocks: [Y] makes Y wait for X, in deps, --blocked and ready', () => {
    const dir = emptyProject();
    const x = create(dir, 'Blocker');
    const y = create(dir, 'Waiter');
    setRaw(dir, x, 'blocks', `['${y}']`);
    assert.match(roadmapOk(dir, ['issue', 'deps', y]), new RegExp(`^depends on\\n  └── ${x} Blocker \\[todo\\]$`, 'm'));
    assert.deepEqual(ids(roadmapOk(dir, ['issue', 'list', '--blocked', '--format', 'ids'])), [y]);
    assert.deepEqual(ids(roadmapOk(dir, ['issue', 'ready', '--format', 'ids'])), [x]);
    const refused = roadmapSync(dir, ['issue', 'deps', 'add', x, y]);
    assertFails(refused, 1, new RegExp(`${x} cannot depend on ${y}: that would make a cycle`));
  });
});

// ---- search -------------------------------------------------------------------------------------

describe('search', () => {
  let dir: string;
  const id: Record<string, string> = {};
  before(() => {
    dir = emptyProject();
    id.title = create(dir, 'Parser crashes on tabs');
    id.label = create(dir, 'Something else', '--label', 'parser');
    id.body = create(dir, 'Unrelated heading', '--body', 'The PARSER is slow here.');
    id.none = create(dir, 'Nothing to see');
  });

  test('finds titles, labels and bodies, title matches first', () => {
    const found = ids(roadmapOk(dir, ['search', 'parser', '--format', 'ids']));
    assert.deepEqual(found, [id.title, id.label, id.body]);
    const table = roadmapOk(dir, ['search', 'pars']);
    assert.match(table, /MATCH/);
    assert.match(table, /Parser crashes on tabs .*title/);
    // Where each matched goes into every format, under the name the web API gives it.
    const json = roadmapJson<Json[]>(dir, ['search', 'parser', '--json']);
    assert.deepEqual(json.map((hit) => [hit.id, hit.matched_in]), [[id.title, 'title'], [id.label, 'labels'], [id.body, 'body']]);
    const csv = roadmapOk(dir, ['search', 'parser', '--format', 'csv']).trim().split(/\r?\n/);
    assert.match(csv[0]!, /,matched_in$/);
    assert.match(csv[1]!, new RegExp(`^${id.title},.*,title$`));
  });

  test('words in the comments of later-version files are found too', () => {
    const other = create(dir, 'Commented');
    const path = join(dir, issuePath(dir, other));
    writeFileSync(path, read(path).replace('completed_date: null\n', 'completed_date: null\ncomments:\n- author: ann\n  body: Seen on zanzibar hosts\n'));
    assert.deepEqual(ids(roadmapOk(dir, ['search', 'zanzibar', '--format', 'ids'])), [other]);
  });

  test('several words must all match; --limit; json; no match is empty, not an error', () => {
    assert.deepEqual(ids(roadmapOk(dir, ['search', 'parser', 'tabs', '--format', 'ids'])), [id.title]);
    assert.deepEqual(ids(roadmapOk(dir, ['search', 'parser', '--limit', '1', '--format', 'ids'])), [id.title]);
    assert.equal(roadmapJson<Json[]>(dir, ['search', 'slow', '--json'])[0]!.id, id.body);
    const none = roadmapSync(dir, ['search', 'zebra', '--format', 'ids']);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
  });
});

// ---- milestones ---------------------------------------------------------------------------------

describe('milestone create, list, status, update, close, delete', () => {
  let dir: string;
  let inV1: string;
  let doneInV1: string;
  let roadmapId: string;
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'v1.0', '--due-date', '2020-01-31', '--description', 'First cut']);
    inV1 = create(dir, 'Open work', '--milestone', 'v1.0', '--estimate', '3');
    doneInV1 = create(dir, 'Done work', '--milestone', 'v1.0', '--estimate', '1', '--status', 'done');
    roadmapId = roadmapOk(dir, ['roadmap', 'create', 'Plan', '--milestone', 'v1.0']).trim();
  });

  test('create prints the name and writes milestones/<slug>.md; --title works too', () => {
    const file = join(dir, '.roadmap', 'milestones', 'v10.md');
    const f = fields(dir, join('.roadmap', 'milestones', 'v10.md'));
    assert.equal(f.name, 'v1.0');
    assert.equal(f.due_date, '2020-01-31');
    assert.equal(f.description, 'First cut');
    assert.equal(f.status, 'open');
    assert.ok(existsSync(file));
    assert.equal(roadmapOk(dir, ['milestone', 'create', '--title', 'Someday']), 'Someday\n');
    assert.ok(existsSync(join(dir, '.roadmap', 'milestones', 'someday.md')));
  });

  test('list shows progress, effort-weighted, and overdue; json and csv too', () => {
    const json = roadmapJson<Json[]>(dir, ['milestone', 'list', '--json']);
    const v1 = json.find((m) => m.name === 'v1.0')!;
    const progress = v1.progress as Json;
    assert.equal(progress.total, 2);
    assert.equal(progress.done, 1);
    assert.equal(progress.percent, 25, '1 h done of 4 h');
    assert.equal(progress.hours_left, 3);
    assert.equal(progress.overdue, true, 'due in 2020 and not finished');
    assert.equal(v1.path, '.roadmap/milestones/v10.md');
    const table = roadmapOk(dir, ['milestone', 'list']);
    assert.match(table, /^v1\.0\s+open\s+2020-01-31 \(overdue \d+ d\)\s+25%\s+1\/2\s+3$/m);
    const csv = roadmapOk(dir, ['milestone', 'list', '--format', 'csv']).split('\r\n');
    assert.equal(csv[0], 'name,status,due_date,percent,done,total,hours_left,overdue,path');
    assert.ok(csv.includes('v1.0,open,2020-01-31,25,1,2,3,true,.roadmap/milestones/v10.md'), csv.join('\n'));
  });

  test('status shows progress, counts by status, hours left, due, and the issues', () => {
    const out = roadmapOk(dir, ['milestone', 'status', 'v1.0']);
    assert.match(out, /^v1\.0 {2}First cut$/m);
    assert.match(out, /^progress\s+25% {2}\(1\/2 issues done\)$/m);
    assert.match(out, /^by status\s+(todo 1, done 1|done 1, todo 1)$/m);
    assert.match(out, /^hours left\s+3 h$/m);
    assert.match(out, /^due\s+2020-01-31 \(overdue/m);
    assert.ok(out.includes(inV1) && out.includes(doneInV1));
  });

  test('update --name renames, and the name follows into its issues and roadmaps', () => {
    roadmapOk(dir, ['milestone', 'update', 'v1.0', '--name', 'v1.1', '--due-date', '2030-06-01']);
    const f = fields(dir, join('.roadmap', 'milestones', 'v10.md'));
    assert.equal(f.name, 'v1.1');
    assert.equal(f.due_date, '2030-06-01');
    assert.equal(issueFields(dir, inV1).milestone, 'v1.1');
    assert.equal(issueFields(dir, doneInV1).milestone, 'v1.1');
    const roadmap = roadmapJson<Json>(dir, ['roadmap', 'show', roadmapId, '--json']);
    assert.deepEqual(roadmap.milestones, ['v1.1']);
    assert.deepEqual(sorted(ids(roadmapOk(dir, ['issue', 'list', '--milestone', 'v1.1', '--format', 'ids']))), sorted([inV1, doneInV1]));
  });

  test('update --description replaces a hand-written block description', () => {
    roadmapOk(dir, ['milestone', 'create', 'blocky']);
    const path = join(dir, '.roadmap', 'milestones', 'blocky.md');
    writeFileSync(path, read(path).replace("description: ''", 'description: |\n  Line one\n  Line two'));
    const result = roadmapSync(dir, ['milestone', 'update', 'blocky', '--description', 'One line now']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fields(dir, join('.roadmap', 'milestones', 'blocky.md')).description, 'One line now');
  });

  test('close sets status closed and warns about open issues', () => {
    const result = roadmapSync(dir, ['milestone', 'close', 'v1.1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^warning: v1\.1 still has 1 open issue$/m);
    assert.equal(fields(dir, join('.roadmap', 'milestones', 'v10.md')).status, 'closed');
    roadmapOk(dir, ['milestone', 'update', 'v1.1', '--status', 'open']);
    assert.equal(fields(dir, join('.roadmap', 'milestones', 'v10.md')).status, 'open');
  });

  test('delete is refused while issues point at it; --force moves them to the backlog', () => {
    const refused = roadmapSync(dir, ['milestone', 'delete', 'v1.1']);
    assertFails(refused, 1, /^error: milestone "v1\.1" has 2 issues; move them first, or use --force to move them to the backlog$/);
    assert.ok(existsSync(join(dir, '.roadmap', 'milestones', 'v10.md')));
    const plan = roadmapOk(dir, ['roadmap', 'create', 'Holds v1.1', '--milestone', 'v1.1', '--milestone', 'Someday']).trim();
    const deleted = roadmapSync(dir, ['milestone', 'delete', 'v1.1', '--force']);
    assert.equal(deleted.stdout, 'v1.1\n', 'the name on stdout, as delete prints ids');
    assert.match(deleted.stderr, new RegExp(`^removed v1\\.1 from the milestones of \\.roadmap/roadmaps/${plan}-holds-v11\\.md$`, 'm'));
    assert.equal(existsSync(join(dir, '.roadmap', 'milestones', 'v10.md')), false);
    assert.deepEqual(roadmapJson<Json>(dir, ['roadmap', 'show', plan, '--json']).milestones, ['Someday'], 'the roadmap no longer lists it');
    assert.equal(issueFields(dir, inV1).milestone, null);
    assert.equal(issueFields(dir, doneInV1).milestone, null);
    roadmapOk(dir, ['milestone', 'delete', 'Someday']);
    assert.equal(existsSync(join(dir, '.roadmap', 'milestones', 'someday.md')), false);
    assert.deepEqual(roadmapJson<Json>(dir, ['roadmap', 'show', plan, '--json']).milestones, []);
    roadmapOk(dir, ['roadmap', 'delete', plan]);
  });
});

// ---- roadmaps -----------------------------------------------------------------------------------

describe('roadmap (alias project) create, list, show, update, delete', () => {
  let dir: string;
  let rid: string;
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'm1']);
    roadmapOk(dir, ['milestone', 'create', 'm2']);
    create(dir, 'In m1', '--milestone', 'm1', '--status', 'done');
    create(dir, 'In m2', '--milestone', 'm2');
    rid = roadmapOk(dir, ['roadmap', 'create', 'Big plan', '--owner', 'olga', '--milestone', 'm1', '--milestone', 'm2']).trim();
  });

  test('create prints the id and writes roadmaps/<id>-<slug>.md with the milestones named', () => {
    assert.match(rid, ID);
    const rel = join('.roadmap', 'roadmaps', `${rid}-big-plan.md`);
    const f = fields(dir, rel);
    assert.equal(f.name, 'Big plan');
    assert.equal(f.owner, 'olga');
    assert.deepEqual(f.milestones, ['m1', 'm2']);
    assert.equal(f.status, 'planning');
  });

  test('list and show, under both names, with progress across its milestones', () => {
    const listed = roadmapJson<Json[]>(dir, ['roadmap', 'list', '--json']);
    assert.deepEqual(listed.map((r) => r.id), [rid]);
    assert.deepEqual(roadmapJson(dir, ['project', 'list', '--json']), listed);
    assert.equal((listed[0]!.progress as Json).percent, 50);
    const shown = roadmapOk(dir, ['project', 'show', rid.slice(0, 4)]);
    assert.match(shown, new RegExp(`^${rid} {2}Big plan$`, 'm'));
    assert.match(shown, /^owner\s+olga$/m);
    assert.match(shown, /^m1\s+open\s+100%\s+1\/1$/m);
    assert.match(shown, /^m2\s+open\s+0%\s+0\/1$/m);
    assert.equal(roadmapOk(dir, ['roadmap', 'list', '--format', 'ids']), `${rid}\n`);
  });

  test('update changes fields and the milestone list', () => {
    roadmapOk(dir, ['roadmap', 'update', rid, '--status', 'active', '--remove-milestone', 'm1', '--owner', 'pat', '--target-date', '2027-01-01']);
    const f = fields(dir, join('.roadmap', 'roadmaps', `${rid}-big-plan.md`));
    assert.equal(f.status, 'active');
    assert.equal(f.owner, 'pat');
    assert.equal(f.target_end_date, '2027-01-01');
    assert.deepEqual(f.milestones, ['m2']);
    roadmapOk(dir, ['project', 'update', rid, '--add-milestone', 'm1']);
    assert.deepEqual(fields(dir, join('.roadmap', 'roadmaps', `${rid}-big-plan.md`)).milestones, ['m2', 'm1']);
  });

  test('delete removes the file, keeping milestones and issues', () => {
    const other = roadmapOk(dir, ['project', 'create', 'Short lived']).trim();
    assert.equal(roadmapOk(dir, ['roadmap', 'delete', other]), `${other}\n`);
    assert.equal(existsSync(join(dir, '.roadmap', 'roadmaps', `${other}-short-lived.md`)), false);
    assert.equal(roadmapJson<Json[]>(dir, ['milestone', 'list', '--json']).length, 2);
  });
});

// ---- status and config --------------------------------------------------------------------------

describe('status', () => {
  test('one screen: counts, ready and blocked, open milestones, what is in progress', () => {
    const dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'soon']);
    const a = create(dir, 'Being done', '--status', 'in-progress', '--milestone', 'soon');
    create(dir, 'Waiting', '--depends-on', a);
    const out = roadmapOk(dir, ['status']);
    assert.match(out, /^test {2}2 issues: (in-progress 1, todo 1|todo 1, in-progress 1)$/m);
    assert.match(out, /^ready 1 {3}blocked 1 {3}open in backlog 1 {3}done 0%$/m);
    assert.match(out, /^Open milestones$/m);
    assert.match(out, /^soon\s/m);
    assert.match(out, new RegExp(`^In progress\\n.*\\n${a} {2}Being done`, 'm'));
    const json = roadmapJson<Json>(dir, ['status', '--json']);
    assert.equal(json.project, 'test');
    assert.equal(json.blocked, 1);
    assert.deepEqual((json.in_progress as Json[]).map((i) => i.id), [a]);
  });
});

describe('config get, set, list', () => {
  let dir: string;
  before(() => {
    dir = emptyProject();
    writeFileSync(join(dir, '.roadmap', 'config.yaml'), '# my settings\nproject:\n  name: demo # shown by status\nstorage:\n  use_index: true\ncustom:\n  keep: [1, 2]\n');
  });

  test('get prints a set value, or the default of a known setting', () => {
    assert.equal(roadmapOk(dir, ['config', 'get', 'project.name']), 'demo\n');
    assert.equal(roadmapOk(dir, ['config', 'get', 'storage.cache_size']), '1000\n');
  });

  test('set changes one key and keeps the others, their order and the comments', () => {
    roadmapOk(dir, ['config', 'set', 'storage.cache_size', '500']);
    roadmapOk(dir, ['config', 'set', 'project.name', 'renamed']);
    assert.equal(read(join(dir, '.roadmap', 'config.yaml')),
      '# my settings\nproject:\n  name: renamed # shown by status\nstorage:\n  use_index: true\n  cache_size: 500\ncustom:\n  keep: [1, 2]\n');
    assert.equal(roadmapOk(dir, ['config', 'get', 'storage.cache_size']), '500\n');
  });

  test('set refuses a key roadmap does not read and the file lacks (a typo), unless --force', () => {
    const file = join(dir, '.roadmap', 'config.yaml');
    const before = read(file);
    assertFails(roadmapSync(dir, ['config', 'set', 'storage.use_indx', 'false']), 1,
      /^error: unknown setting "storage\.use_indx": did you mean storage\.use_index\? \(roadmap reads project\.name, storage\.use_index, .+; to write a key for another tool, add --force\)$/);
    assertFails(roadmapSync(dir, ['config', 'set', 'github.owner', 'me']), 1, /^error: unknown setting "github\.owner" \(roadmap reads .+\)$/);
    assertFails(roadmapSync(dir, ['config', 'set', 'toString', 'x']), 1, /^error: unknown setting "toString" \(roadmap reads .+\)$/);
    assertFails(roadmapSync(dir, ['config', 'get', 'constructor']), 1, /^error: no setting "constructor"/);
    assertFails(roadmapSync(dir, ['config', 'set', 'storage', 'false']), 1,
      /^error: storage is a section \(storage\.use_index, storage\.cache_size\); set one of its keys, or add --force to replace it all$/);
    assert.equal(read(file), before, 'nothing written');
    // --force adds a key for another tool; once the file holds it, it changes like any other.
    roadmapOk(dir, ['config', 'set', 'github.owner', 'me', '--force']);
    roadmapOk(dir, ['config', 'set', 'github.owner', 'you']);
    assert.equal(read(file), `${before}github:\n  owner: you\n`);
    assert.equal(roadmapOk(dir, ['config', 'get', 'github.owner']), 'you\n');
  });

  test('list shows every setting, defaults marked, unknown keys kept', () => {
    const json = roadmapJson<Json>(dir, ['config', 'list', '--json']);
    assert.equal(json['storage.cache_size'], 500);
    assert.equal(json['storage.auto_rebuild_index'], true);
    assert.deepEqual(json['custom.keep'], [1, 2]);
    const table = roadmapOk(dir, ['config', 'list']);
    assert.match(table, /^storage\.auto_rebuild_index\s+true\s+default$/m);
    assert.match(table, /^storage\.cache_size\s+500\s+config\.yaml$/m);
  });
});

// ---- finding the project, and output for pipes --------------------------------------------------

describe('--root, ROADMAP_ROOT, and the walk up to .roadmap/', () => {
  let dir: string;
  let id: string;
  before(() => {
    dir = emptyProject();
    id = create(dir, 'Found from afar');
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
  });

  test('from a subfolder, .roadmap/ is found upward', () => {
    assert.equal(roadmapOk(join(dir, 'src', 'deep'), ['issue', 'list', '--format', 'ids']), `${id}\n`);
  });

  test('--root DIR and ROADMAP_ROOT point at a project from anywhere', () => {
    const elsewhere = tempDir();
    assert.equal(roadmapOk(elsewhere, ['--root', dir, 'issue', 'list', '--format', 'ids']), `${id}\n`);
    assert.equal(roadmapOk(elsewhere, ['issue', 'list', '--root', dir, '--format', 'ids']), `${id}\n`, 'global option after the verb');
    assert.equal(roadmapOk(elsewhere, ['issue', 'list', '--format', 'ids'], { env: { ROADMAP_ROOT: dir } }), `${id}\n`);
  });

  test('--root wins over ROADMAP_ROOT', () => {
    const other = emptyProject();
    assert.equal(roadmapOk(tempDir(), ['--root', dir, 'issue', 'list', '--format', 'ids'], { env: { ROADMAP_ROOT: other } }), `${id}\n`);
  });
});

describe('output for pipes and terminals; reading writes nothing', () => {
  let dir: string;
  let first: string;
  let rid: string;
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'm']);
    first = create(dir, 'Coloured', '--priority', 'critical', '--status', 'in-progress', '--milestone', 'm');
    create(dir, 'Blocked one', '--status', 'blocked', '--depends-on', first);
    rid = roadmapOk(dir, ['roadmap', 'create', 'R', '--milestone', 'm']).trim();
  });

  const readers = (): string[][] => [
    ['issue', 'list'], ['issue', 'show', first], ['issue', 'deps', first], ['issue', 'ready'], ['search', 'coloured'], ['status'],
    ['milestone', 'list'], ['milestone', 'status', 'm'], ['roadmap', 'list'], ['roadmap', 'show', rid], ['config', 'list'],
  ];

  test('in a pipe (not a TTY) no output has ANSI escapes, and reading changes no file', () => {
    const before = snapshot(dir);
    for (const args of readers()) {
      const result = roadmapSync(dir, args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.doesNotMatch(result.stdout + result.stderr, ANSI, args.join(' '));
    }
    for (const args of [['issue', 'list'], ['status']]) {
      assert.doesNotMatch(roadmapOk(dir, args, { env: { NO_COLOR: '1' } }), ANSI);
    }
    assertSameSnapshot(before, snapshot(dir));
  });

  test('on a terminal: colour by default, none with NO_COLOR', { skip: !HAS_SCRIPT && 'needs util-linux `script` for a pseudo-terminal' }, () => {
    const coloured = roadmapTTY(dir, ['issue', 'list']);
    assert.equal(coloured.code, 0, coloured.stdout);
    assert.match(coloured.stdout, ANSI, 'a terminal gets colour (so the NO_COLOR checks below can fail)');
    for (const args of [['issue', 'list'], ['issue', 'show', first], ['status'], ['milestone', 'list'], ['issue', 'deps', first]]) {
      const plain = roadmapTTY(dir, args, { NO_COLOR: '1' });
      assert.equal(plain.code, 0, `${args.join(' ')}: ${plain.stdout}`);
      assert.doesNotMatch(plain.stdout, ANSI, `${args.join(' ')} with NO_COLOR`);
    }
  });

  test('on a terminal the table fits its width, cutting the title; in a pipe nothing is cut', { skip: !HAS_SCRIPT && 'needs util-linux `script`' }, () => {
    const long = `A very long title ${'that goes on '.repeat(12)}until the end`;
    const id = create(dir, long);
    const tty = roadmapTTY(dir, ['issue', 'list', '--all'], { NO_COLOR: '1' }, 80);
    assert.equal(tty.code, 0, tty.stdout);
    const lines = tty.stdout.split('\r\n').filter(Boolean);
    for (const line of lines) assert.ok([...line].length <= 80, `wider than the terminal (${[...line].length}): ${line}`);
    const row = lines.find((line) => line.startsWith(id));
    assert.ok(row?.includes('…'), `the title is cut with an ellipsis: ${row}`);
    // An exported COLUMNS wins over the terminal's width, as it does for ls.
    const narrow = roadmapTTY(dir, ['issue', 'list', '--all'], { NO_COLOR: '1', COLUMNS: '60' }, 80);
    const narrowLines = narrow.stdout.split('\r\n').filter(Boolean);
    assert.ok(narrowLines.some((line) => [...line].length > 50), 'the table still takes the room it has');
    for (const line of narrowLines) assert.ok([...line].length <= 60, `wider than COLUMNS (${[...line].length}): ${line}`);
    assert.ok(roadmapOk(dir, ['issue', 'list']).includes(long), 'a pipe gets the whole title');
    assert.ok(roadmapOk(dir, ['issue', 'list'], { env: { COLUMNS: '60' } }).includes(long), 'a pipe gets the whole title, whatever COLUMNS says');
    roadmapOk(dir, ['issue', 'delete', id]);
  });
});

describe('every list-like command takes --format table|json|csv|ids', () => {
  test('issue list, issue ready, search, milestone list, roadmap list', () => {
    const dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'm1']);
    const id = create(dir, 'Listed thing', '--milestone', 'm1');
    const rid = roadmapOk(dir, ['roadmap', 'create', 'Plan', '--milestone', 'm1']).trim();
    const lists: Array<[string[], string]> = [
      [['issue', 'list'], id], [['issue', 'ready'], id], [['search', 'listed'], id], [['milestone', 'list'], 'm1'], [['roadmap', 'list'], rid],
    ];
    for (const [args, key] of lists) {
      const what = args.join(' ');
      const json = roadmapSync(dir, [...args, '--format', 'json']);
      assert.equal(json.code, 0, `${what} --format json: ${json.stderr}`);
      assert.equal((JSON.parse(json.stdout) as unknown[]).length, 1, what);
      const csv = roadmapSync(dir, [...args, '--format', 'csv']);
      assert.equal(csv.code, 0, `${what} --format csv: ${csv.stderr}`);
      assert.equal(csv.stdout.split('\r\n').filter(Boolean).length, 2, `${what}: a header and one row`);
      const idsOut = roadmapSync(dir, [...args, '--format', 'ids']);
      assert.equal(idsOut.code, 0, `${what} --format ids: ${idsOut.stderr}`);
      assert.equal(idsOut.stdout, `${key}\n`, `${what} --format ids`);
    }
  });
});

describe('global options: --quiet and --profile', () => {
  test('-q prints only data; --profile adds timings on stderr, data unchanged', () => {
    const dir = emptyProject();
    const quiet = roadmapSync(dir, ['-q', 'issue', 'create', 'Quietly']);
    assert.equal(quiet.code, 0);
    assert.match(quiet.stdout, /^[0-9a-f]{8}\n$/);
    assert.equal(quiet.stderr, '', 'no "created ..." note');
    const loud = roadmapSync(dir, ['issue', 'create', 'Loudly']);
    assert.match(loud.stderr, /^created \.roadmap\/issues\/[0-9a-f]{8}-loudly\.md$/m);
    const plain = roadmapOk(dir, ['issue', 'list', '--format', 'ids']);
    const profiled = roadmapSync(dir, ['--profile', 'issue', 'list', '--format', 'ids']);
    assert.equal(profiled.code, 0);
    assert.equal(profiled.stdout, plain);
    assert.match(profiled.stderr, /\d+(\.\d+)? ?ms/, `timings on stderr: ${profiled.stderr}`);
  });
});

/**
 * The index heals itself: files edited behind its back, a missing, corrupt or outdated
 * database, a database that cannot be used at all. Each case runs the built CLI.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SCHEMA_VERSION } from '../../src/store/index/schema.js';
import { cleanEnv, emptyProject, fixtureRepo, REPO, roadmapSync } from '../helpers.js';
import { issueFiles as relativeIssueFiles } from '../helpers.js';

function ids(cwd: string, ...args: string[]): string[] {
  const result = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'ids', ...args]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\n').filter(Boolean).sort();
}

function check(cwd: string): void {
  const result = roadmapSync(cwd, ['index', 'check']);
  assert.equal(result.code, 0, `index check failed:\n${result.stdout}${result.stderr}`);
}

/** Absolute paths of the issue files, in a stable order. */
function issueFiles(cwd: string): string[] {
  return relativeIssueFiles(cwd).map((rel) => join(cwd, rel));
}

describe('freshness without being asked', () => {
  test('edits, additions, deletions and renames made outside the tool show up in the next command', () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const before = ids(cwd);
    assert.equal(before.length, 15);
    const [first, second] = issueFiles(cwd);
    // In place, same size: todo → done would keep the size, so flip a letter of the title.
    const text = readFileSync(first!, 'utf8');
    const id = /^id: (\w+)/m.exec(text)![1]!;
    writeFileSync(first!, text.replace(/^status: \w+/m, 'status: blocked'));
    assert.ok(ids(cwd, '--status', 'blocked').includes(id));
    // A new file, written by hand.
    writeFileSync(join(cwd, '.roadmap', 'issues', 'abcdef01-by-hand.md'), '---\nid: abcdef01\ntitle: Written by hand\nstatus: todo\n---\n\nbody\n');
    assert.ok(ids(cwd).includes('abcdef01'));
    // A deletion.
    const secondId = /^id: (\w+)/m.exec(readFileSync(second!, 'utf8'))![1]!;
    unlinkSync(second!);
    assert.ok(!ids(cwd).includes(secondId));
    // A rename into another folder (as a per-milestone move would do).
    mkdirSync(join(cwd, '.roadmap', 'issues', 'v1'));
    renameSync(join(cwd, '.roadmap', 'issues', 'abcdef01-by-hand.md'), join(cwd, '.roadmap', 'issues', 'v1', 'abcdef01-by-hand.md'));
    const shown = roadmapSync(cwd, ['issue', 'show', 'abcdef01', '--format', 'json']);
    assert.equal(JSON.parse(shown.stdout).path, '.roadmap/issues/v1/abcdef01-by-hand.md');
    check(cwd);
  });

  test('a write the index never saw (a process killed between file and index) is healed', () => {
    const cwd = emptyProject();
    const id = roadmapSync(cwd, ['issue', 'create', 'Crash victim']).stdout.trim();
    const file = issueFiles(cwd)[0]!;
    // What a crash leaves: the file has the change, the index row does not.
    writeFileSync(file, readFileSync(file, 'utf8').replace('priority: medium', 'priority: critical'));
    const listed = JSON.parse(roadmapSync(cwd, ['issue', 'list', '--priority', 'critical', '--format', 'json']).stdout);
    assert.deepEqual(listed.map((i: { id: string }) => i.id), [id]);
    check(cwd);
  });
});

describe('rebuild', () => {
  test('a missing index is rebuilt, and .roadmap/.gitignore ignores it', () => {
    const cwd = fixtureRepo('roadmap-cli-2026-02');
    assert.equal(ids(cwd).length, 104);
    rmSync(join(cwd, '.roadmap', 'index.db'));
    assert.equal(ids(cwd).length, 104);
    const ignore = readFileSync(join(cwd, '.roadmap', '.gitignore'), 'utf8');
    assert.match(ignore, /^index\.db$/m);
    assert.match(ignore, /^index\.db-wal$/m);
  });

  test('a corrupt index is replaced with one warning line and the same answer', () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const expected = ids(cwd);
    for (const suffix of ['-wal', '-shm']) rmSync(join(cwd, '.roadmap', `index.db${suffix}`), { force: true });
    writeFileSync(join(cwd, '.roadmap', 'index.db'), 'this is not a database '.repeat(200));
    const result = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'ids']);
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout.split('\n').filter(Boolean).sort(), expected);
    assert.match(result.stderr, /index\.db was corrupt .*rebuilding it from the files/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    check(cwd);
  });

  test('an index of another schema version is rebuilt', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    ids(cwd);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(cwd, '.roadmap', 'index.db'));
    db.pragma('user_version = 999');
    db.exec('DELETE FROM issues');
    db.close();
    assert.equal(ids(cwd).length, 15);
    check(cwd);
  });

  test('index status reports rows, size and version; rebuild re-reads everything', () => {
    const cwd = fixtureRepo('roadmap-cli-2026-02');
    const rebuilt = roadmapSync(cwd, ['index', 'rebuild']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.match(rebuilt.stderr, /indexed 111 files in \d+ ms/);
    const status = JSON.parse(roadmapSync(cwd, ['index', 'status', '--format', 'json']).stdout);
    assert.equal(status.rows.issues, 104);
    assert.equal(status.rows.milestones, 6);
    assert.equal(status.rows.roadmaps, 1);
    assert.equal(status.stale_files, 0);
    assert.equal(status.schema_version, SCHEMA_VERSION);
    assert.ok(status.database_bytes > 0);
    assert.ok(status.last_rebuild.files === 111);
  });

  test('the JavaScript folder scan (no native addon) finds an index built natively fresh, and sees changes', () => {
    const cwd = fixtureRepo('roadmap-cli-2026-02');
    const status = (env: Record<string, string> = {}) => JSON.parse(roadmapSync(cwd, ['index', 'status', '--format', 'json'], { env }).stdout);
    const native = status();
    assert.equal(native.scanner, 'native');
    const js = status({ ROADMAP_SCAN: 'js' });
    assert.equal(js.scanner, 'javascript');
    assert.equal(js.stale_files, 0);
    assert.deepEqual(js.last_sync, native.last_sync, 'nothing was read again');
    const [path] = issueFiles(cwd);
    writeFileSync(path!, readFileSync(path!, 'utf8').replace(/^title: .*$/m, 'title: Seen by the JavaScript scan'));
    const listed = JSON.parse(roadmapSync(cwd, ['issue', 'list', '--format', 'json'], { env: { ROADMAP_SCAN: 'js' } }).stdout) as Array<{ title: string }>;
    assert.ok(listed.some((issue) => issue.title === 'Seen by the JavaScript scan'));
    assert.equal(status().stale_files, 0);
  });

  test('index check names every difference and exits 1; duplicate ids are reported', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    // Files changed moments ago are read again by every command (they could have changed
    // unseen within one clock tick): age them so a doctored row survives until the check.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of issueFiles(cwd)) utimesSync(file, hourAgo, hourAgo);
    check(cwd);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(cwd, '.roadmap', 'index.db'));
    db.exec(`UPDATE issue_fields SET fields = '{}' WHERE issue = (SELECT min(issue) FROM issue_fields)`);
    // A column queries filter on, changed alone: the fields still match, the lists would not.
    const doctored = db.prepare(`SELECT path FROM issues WHERE priority = 'medium' ORDER BY rowid DESC LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE issues SET priority = 'critical', priority_rank = 0 WHERE path = ?`).run(doctored);
    db.close();
    const file = issueFiles(cwd)[0]!;
    mkdirSync(join(cwd, '.roadmap', 'archive', 'issues'), { recursive: true });
    writeFileSync(join(cwd, '.roadmap', 'archive', 'issues', 'copy.md'), readFileSync(file));
    const result = roadmapSync(cwd, ['index', 'check']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /fields differ from the file/);
    assert.match(result.stdout, new RegExp(`${doctored.replace(/\./g, '\\.')}.*priority, priority_rank differ from the file`));
    assert.match(result.stdout, /is held by 2 files/);
    assert.match(result.stderr, /error: the index differs from the files in \d+ places/);
  });
});

describe('graceful fallback', () => {
  test('--no-index and storage.use_index false answer from the files with the same output', () => {
    const cwd = fixtureRepo('roadmap-cli-2026-02');
    const indexed = roadmapSync(cwd, ['issue', 'list', '--format', 'json']);
    const files = roadmapSync(cwd, ['--no-index', 'issue', 'list', '--format', 'json']);
    assert.equal(files.stdout, indexed.stdout);
    assert.equal(roadmapSync(cwd, ['config', 'set', 'storage.use_index', 'false']).code, 0);
    rmSync(join(cwd, '.roadmap', 'index.db'));
    const configured = roadmapSync(cwd, ['issue', 'list', '--format', 'json']);
    assert.equal(configured.stdout, indexed.stdout);
    assert.equal(configured.stderr, '');
    assert.throws(() => statSync(join(cwd, '.roadmap', 'index.db')), 'no index is made when it is switched off');
  });

  test('with storage.auto_rebuild_index false, a missing index is not built by reads, and index rebuild builds it', () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const expected = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'ids']).stdout;
    assert.equal(roadmapSync(cwd, ['config', 'set', 'storage.auto_rebuild_index', 'false']).code, 0);
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(cwd, '.roadmap', `index.db${suffix}`), { force: true });
    const read = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'ids']);
    assert.equal(read.stdout, expected);
    assert.equal(read.stderr, 'warning: the index needs a rebuild and storage.auto_rebuild_index is false: answering from the files (run `roadmap index rebuild`)\n');
    const rebuilt = roadmapSync(cwd, ['index', 'rebuild']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    const after = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'ids']);
    assert.deepEqual([after.stdout, after.stderr], [expected, ''], 'answered from the rebuilt index, without a warning');
  });

  test('index and watch commands without an index say why there is none, in their one line', () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const noIndex = roadmapSync(cwd, ['--no-index', 'index', 'status']);
    assert.deepEqual([noIndex.code, noIndex.stderr], [1, 'error: the index is not in use: --no-index was given\n']);
    assert.equal(roadmapSync(cwd, ['config', 'set', 'storage.use_index', 'false']).code, 0);
    const off = 'the index is not in use: storage.use_index is false (`roadmap config set storage.use_index true` turns it on)';
    for (const [args, message] of [[['index', 'check'], `error: ${off}\n`], [['watch'], `error: watch keeps the index fresh, and ${off}\n`]] as const) {
      const result = roadmapSync(cwd, [...args]);
      assert.deepEqual([result.code, result.stderr], [1, message], args.join(' '));
    }
  });

  test('an index that cannot be opened: one warning line, the same answer from the files', () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const expected = ids(cwd);
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(cwd, '.roadmap', `index.db${suffix}`), { force: true });
    // A folder where the database file should be: SQLite cannot open it (works as root too).
    mkdirSync(join(cwd, '.roadmap', 'index.db'));
    const result = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'ids']);
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout.split('\n').filter(Boolean).sort(), expected);
    assert.match(result.stderr, /^warning: .*answering from the files\n$/);
  });

  test('an index locked by another process past the timeout: one warning, the same answer', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const expected = ids(cwd);
    // Change a file so the command needs to write to the index, then hold the write lock.
    const file = issueFiles(cwd)[0]!;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: /m, 'title: Renamed '));
    const holder = spawn(process.execPath, ['-e', `
      const Database = require(${JSON.stringify(join(REPO, 'node_modules', 'better-sqlite3'))});
      const db = new Database(${JSON.stringify(join(cwd, '.roadmap', 'index.db'))});
      db.exec('BEGIN EXCLUSIVE');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 9000);
    `], { env: cleanEnv() });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const result = roadmapSync(cwd, ['issue', 'list', '--all', '--format', 'json']);
    holder.kill();
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as Array<{ id: string; title: string }>;
    assert.deepEqual(listed.map((i) => i.id).sort(), expected);
    assert.ok(listed.some((i) => i.title.startsWith('Renamed ')), 'the answer reflects the file, not the stale index');
    assert.match(result.stderr, /^warning: the index is locked by another process: answering from the files\n$/);
  });
});

describe('slow operations', () => {
  test('an operation over the threshold (one second unless ROADMAP_SLOW_MS says) logs one warning', () => {
    const cwd = emptyProject();
    const slow = roadmapSync(cwd, ['issue', 'list'], { env: { ROADMAP_SLOW_MS: '0' } });
    assert.equal(slow.code, 0);
    assert.match(slow.stderr, /^warning: that took \d+\.\d s; run it again with --profile to see where the time went\n/m);
    const profiled = roadmapSync(cwd, ['issue', 'list', '--profile'], { env: { ROADMAP_SLOW_MS: '0' } });
    assert.doesNotMatch(profiled.stderr, /that took/, '--profile already shows the time');
    assert.match(profiled.stderr, /freshness check|watcher check/);
  });

  test('debug.log_query_times logs each query with its rows, plain table lists included', () => {
    const cwd = emptyProject();
    for (const title of ['one', 'two']) assert.equal(roadmapSync(cwd, ['issue', 'create', title]).code, 0);
    assert.equal(roadmapSync(cwd, ['config', 'set', 'debug.log_query_times', 'true']).code, 0);
    for (const [args, query] of [[['issue', 'list'], 'listIssueSummaries'], [['issue', 'list', '--json'], 'listIssues']] as const) {
      const result = roadmapSync(cwd, [...args]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, new RegExp(`^debug: query ${query}: 2 rows, \\d+\\.\\d+ ms \\(with rendering\\)$`, 'm'), args.join(' '));
    }
  });
});

describe('batches', () => {
  test('1,000 ids through --stdin: one batch, every file updated, index clean', () => {
    const cwd = emptyProject();
    const made: string[] = [];
    for (let i = 0; i < 10; i++) made.push(roadmapSync(cwd, ['issue', 'create', `Seed ${i}`]).stdout.trim());
    // Copy the seed files to reach 1,000 issues quickly (fresh ids, same shape).
    const template = readFileSync(issueFiles(cwd)[0]!, 'utf8');
    const all = [...made];
    for (let i = 0; all.length < 1000; i++) {
      const id = (0xa0000000 + i).toString(16);
      all.push(id);
      writeFileSync(join(cwd, '.roadmap', 'issues', `${id}-copy.md`), template.replace(/^id: .*$/m, `id: ${id}`));
    }
    const result = roadmapSync(cwd, ['-q', 'issue', 'update', '--stdin', '--priority', 'critical'], { input: all.join('\n') });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(ids(cwd, '--priority', 'critical').length, 1000);
    check(cwd);
  });

  test('a batch with one unknown id writes nothing', () => {
    const cwd = emptyProject();
    const a = roadmapSync(cwd, ['issue', 'create', 'A']).stdout.trim();
    const before = readFileSync(issueFiles(cwd)[0]!, 'utf8');
    const result = roadmapSync(cwd, ['issue', 'update', a, 'ffffffff', '--priority', 'low']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: no issue with id "ffffffff"\n$/);
    assert.equal(readFileSync(issueFiles(cwd)[0]!, 'utf8'), before);
  });
});


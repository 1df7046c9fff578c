/**
 * `roadmap watch` keeps the index fresh, and commands trust it only while it is healthy:
 * in-place edits, renames, deletions, a 1,000-file branch switch, and a watcher killed at any
 * moment. Every step runs the built CLI.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, renameSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, cleanEnv, emptyProject, fixtureRepo, git, roadmapSync } from '../helpers.js';
import { issueFiles as relativeIssueFiles } from '../helpers.js';

const running: ChildProcess[] = [];
after(() => running.forEach((child) => child.kill('SIGKILL')));

async function startWatcher(cwd: string, debounceMs = 30): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'watch', '--debounce', String(debounceMs)], { cwd, env: cleanEnv() });
  running.push(child);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
      if (err.includes('watching')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`watch exited with ${code}: ${err}`)));
  });
  await settled(cwd);
  return child;
}

interface WatchStatus {
  watcher: { pid: number; generation: number; pending: boolean; trusted: boolean } | null;
}

function watchStatus(cwd: string): WatchStatus {
  return JSON.parse(roadmapSync(cwd, ['index', 'status', '--format', 'json']).stdout) as WatchStatus;
}

/** Wait until the watcher is trusted and past `generation`. */
async function settled(cwd: string, generation = -1): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = watchStatus(cwd).watcher;
    if (status?.trusted && status.generation > generation) return status.generation;
    if (Date.now() > deadline) throw new Error(`watcher did not settle: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function listed(cwd: string, ...args: string[]): { ids: string[]; trusted: boolean } {
  const result = roadmapSync(cwd, ['--profile', 'issue', 'list', '--all', '--format', 'ids', ...args]);
  assert.equal(result.code, 0, result.stderr);
  return { ids: result.stdout.split('\n').filter(Boolean).sort(), trusted: /watcher check/.test(result.stderr) };
}

/** Absolute paths of the issue files, in a stable order. */
function issueFiles(cwd: string): string[] {
  return relativeIssueFiles(cwd).map((rel) => join(cwd, rel));
}

const idOf = (file: string) => /^id: (\w+)/m.exec(readFileSync(file, 'utf8'))![1]!;

describe('roadmap watch', () => {
  test('in-place edits, renames and deletions are indexed, and commands trust the watcher meanwhile', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    await startWatcher(cwd);
    assert.equal(listed(cwd).trusted, true, 'a healthy idle watcher lets the command skip its walk');
    let generation = watchStatus(cwd).watcher!.generation;

    const [first, second, third] = issueFiles(cwd);
    writeFileSync(first!, readFileSync(first!, 'utf8').replace(/^status: \w+/m, 'status: review'));
    generation = await settled(cwd, generation);
    const review = listed(cwd, '--status', 'review');
    assert.ok(review.trusted);
    assert.deepEqual(review.ids, [idOf(first!)]);

    mkdirSync(join(cwd, '.roadmap', 'issues', 'moved'));
    const target = join(cwd, '.roadmap', 'issues', 'moved', 'renamed.md');
    renameSync(second!, target);
    generation = await settled(cwd, generation);
    const shown = JSON.parse(roadmapSync(cwd, ['issue', 'show', idOf(target), '--format', 'json']).stdout) as { path: string };
    assert.equal(shown.path, '.roadmap/issues/moved/renamed.md');

    const gone = idOf(third!);
    unlinkSync(third!);
    generation = await settled(cwd, generation);
    assert.ok(!listed(cwd).ids.includes(gone));
    const check = roadmapSync(cwd, ['index', 'check']);
    assert.equal(check.code, 0, check.stdout);
  });

  test('a branch switch of 1,000 files arrives as one batch and the index matches after', async () => {
    const cwd = emptyProject();
    const template = '---\nid: ID\ntitle: Issue ID\nstatus: todo\npriority: medium\n---\n\nbody\n';
    for (let i = 0; i < 1000; i++) {
      const id = (0xb0000000 + i).toString(16);
      writeFileSync(join(cwd, '.roadmap', 'issues', `${id}-issue.md`), template.replaceAll('ID', id));
    }
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-qm', 'a thousand issues');
    const start = git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD').trim();
    git(cwd, 'checkout', '-qb', 'all-done');
    for (const file of issueFiles(cwd)) writeFileSync(file, readFileSync(file, 'utf8').replace('status: todo', 'status: done'));
    git(cwd, 'commit', '-qam', 'all done');
    git(cwd, 'checkout', '-q', start);
    await startWatcher(cwd);
    const generation = watchStatus(cwd).watcher!.generation;
    git(cwd, 'checkout', '-q', 'all-done');
    const after = await settled(cwd, generation);
    assert.ok(after - generation <= 3, `the checkout came as few batches (${after - generation})`);
    const done = listed(cwd, '--status', 'done');
    assert.equal(done.ids.length, 1000);
    assert.ok(done.trusted);
    const check = roadmapSync(cwd, ['index', 'check']);
    assert.equal(check.code, 0, check.stdout);
  });

  test('a watcher killed at any moment is never trusted: commands walk and stay right', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const files = issueFiles(cwd);
    for (let round = 0; round < 3; round++) {
      const watcher = await startWatcher(cwd);
      const file = files[round]!;
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: [\w-]+/m, 'status: blocked'));
      // Killed mid-change: at once, within the debounce, or after indexing.
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, round === 1 ? 5 : 300));
      watcher.kill('SIGKILL');
      await new Promise((resolve) => watcher.once('exit', resolve));
      const blocked = listed(cwd, '--status', 'blocked');
      assert.equal(blocked.trusted, false, 'a dead watcher is not trusted');
      assert.ok(blocked.ids.includes(idOf(file)), `round ${round}: the change is seen`);
    }
    const check = roadmapSync(cwd, ['index', 'check']);
    assert.equal(check.code, 0, check.stdout);
  });

  test('a lagging watcher (a change seen, not yet indexed) is not trusted: commands walk', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    // A debounce far longer than the test: the change stays pending the whole time.
    const watcher = await startWatcher(cwd, 60_000);
    const file = issueFiles(cwd)[0]!;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: [\w-]+/m, 'status: review'));
    const deadline = Date.now() + 10_000;
    while (!watchStatus(cwd).watcher?.pending) {
      assert.ok(Date.now() < deadline, 'the watcher reports the change as pending');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const review = listed(cwd, '--status', 'review');
    assert.equal(review.trusted, false, 'pending changes: not trusted');
    assert.deepEqual(review.ids, [idOf(file)]);
    watcher.kill('SIGKILL');
    await new Promise((resolve) => watcher.once('exit', resolve));
  });

  test('a stalled watcher (no heartbeat for 2 s) is not trusted, and is again once it reports', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const watcher = await startWatcher(cwd);
    const generation = watchStatus(cwd).watcher!.generation;
    // Stopped, as by Ctrl-Z: alive, but it neither beats nor sees the change below.
    watcher.kill('SIGSTOP');
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_600));
      const file = issueFiles(cwd)[1]!;
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: [\w-]+/m, 'status: review'));
      const review = listed(cwd, '--status', 'review');
      assert.equal(review.trusted, false, 'a stale heartbeat: not trusted');
      assert.deepEqual(review.ids, [idOf(file)]);
    } finally {
      watcher.kill('SIGCONT');
    }
    await settled(cwd, generation);
    const again = listed(cwd, '--status', 'review');
    assert.ok(again.trusted, 'trusted again once it has caught up');
    assert.equal(again.ids.length, 1);
    watcher.kill('SIGKILL');
    await new Promise((resolve) => watcher.once('exit', resolve));
  });

  test('serve with storage.watch_files runs the live index: other commands trust it', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    assert.equal(roadmapSync(cwd, ['config', 'set', 'storage.watch_files', 'true']).code, 0);
    const server = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd, env: cleanEnv() });
    running.push(server);
    await new Promise<void>((resolve, reject) => {
      server.stdout!.once('data', () => resolve());
      server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    await settled(cwd);
    const file = issueFiles(cwd)[0]!;
    const generation = watchStatus(cwd).watcher!.generation;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: [\w-]+/m, 'status: review'));
    await settled(cwd, generation);
    const review = listed(cwd, '--status', 'review');
    assert.ok(review.trusted);
    assert.ok(review.ids.includes(idOf(file)));
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    assert.equal(watchStatus(cwd).watcher, null, 'a server that stops clears its watcher state');
  });
});

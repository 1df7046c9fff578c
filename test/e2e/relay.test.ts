/**
 * A running watcher answers read commands for other processes (src/cli/relay). What it prints
 * must be what the command prints on its own, byte for byte, and it must never answer from
 * an index older than the files: every step runs the built CLI on real files.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FRAME, FrameReader, PROTOCOL_VERSION } from '../../src/cli/relay/protocol.js';
import { CLI, cleanEnv, fixtureRepo, HAS_SCRIPT, issueFiles, roadmapJson, roadmapSync, roadmapTTY } from '../helpers.js';

const running: ChildProcess[] = [];
after(() => running.forEach((child) => child.kill('SIGKILL')));

const RELAYED = { ROADMAP_RELAY: 'require' };
const LOCAL = { ROADMAP_RELAY: 'off' };

/** Start `roadmap watch` and wait until it answers read commands. */
async function startWatcher(cwd: string, env: Record<string, string> = {}, debounceMs = 30): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, [CLI, 'watch', '--debounce', String(debounceMs)], { cwd, env: cleanEnv(env) });
  running.push(child);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      log += d;
      if (log.includes('watching')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`watch exited with ${code}: ${log}`)));
  });
  return { child, log: () => log };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Send a request line to the watcher's socket as our client would, and read the frames back. */
function rawRequest(cwd: string, argv: string[]): Promise<Array<{ kind: number; text: string }>> {
  const request = { version: PROTOCOL_VERSION, argv, cwd, env: cleanEnv(), dir: join(cwd, '.roadmap'), isTTY: false, errIsTTY: false, columns: 0, color: false };
  return new Promise((resolve, reject) => {
    const reader = new FrameReader();
    const frames: Array<{ kind: number; text: string }> = [];
    const connection = createConnection(join(cwd, '.roadmap', 'watch.sock'));
    connection.on('connect', () => connection.write(`${JSON.stringify(request)}\n`));
    connection.on('data', (chunk: Buffer) => frames.push(...reader.push(chunk).map((f) => ({ kind: f.kind, text: f.payload.toString('utf8') }))));
    connection.on('close', () => resolve(frames));
    connection.on('error', reject);
  });
}

const idOf = (file: string) => /^id: (\w+)/m.exec(readFileSync(file, 'utf8'))![1]!;

describe('read commands answered by the watcher', () => {
  test('print what the command prints on its own, byte for byte, exit codes and errors included', async () => {
    const cwd = fixtureRepo('roadmap-cli-2026-02');
    await startWatcher(cwd);
    const file = issueFiles(cwd)[0]!;
    const id = idOf(join(cwd, file));
    const milestone = roadmapJson<Array<{ name: string }>>(cwd, ['milestone', 'list', '--format', 'json'], { env: LOCAL })[0]!.name;
    const roadmap = roadmapJson<Array<{ id: string }>>(cwd, ['roadmap', 'list', '--format', 'json'], { env: LOCAL })[0]?.id;
    const lines: string[][] = [
      ['issue', 'list'],
      ['issue', 'ls', '--status', 'todo', '--sort', 'title:desc'],
      ['issue', 'list', '--all', '--format', 'json'],
      ['issue', 'list', '--format', 'csv', '--limit', '3'],
      ['issue', 'list', '--format', 'ids', '--open'],
      ['issue', 'show', id],
      ['issue', 'view', id, '--format', 'json'],
      ['issue', 'deps', id],
      ['issue', 'ready'],
      ['search', 'the'],
      ['search', 'the', '--format', 'json', '--limit', '2'],
      ['milestone', 'list'],
      ['milestone', 'status', milestone],
      ['roadmap', 'list', '--format', 'json'],
      ...(roadmap ? [['project', 'show', roadmap]] : []),
      ['status'],
      ['status', '--format', 'json'],
      ['config', 'list'],
      ['config', 'get', 'storage.use_index'],
      ['-q', 'issue', 'list', '--status', 'done'],
      // Failures: an unknown id, a bad value, an unknown flag, a missing argument.
      ['issue', 'show', 'ffffffff'],
      ['issue', 'list', '--status', 'nonsense'],
      ['issue', 'list', '--bogus'],
      ['milestone', 'status'],
    ];
    for (const line of lines) {
      const relayed = roadmapSync(cwd, line, { env: RELAYED });
      const local = roadmapSync(cwd, line, { env: LOCAL });
      assert.deepEqual(relayed, local, `roadmap ${line.join(' ')}`);
    }
    const width = roadmapSync(cwd, ['issue', 'list'], { env: { ...RELAYED, COLUMNS: '60' } });
    assert.deepEqual(width, roadmapSync(cwd, ['issue', 'list'], { env: { ...LOCAL, COLUMNS: '60' } }));
  });

  test('on a terminal: the same width, cut and colours as the command on its own', { skip: !HAS_SCRIPT && 'needs script(1)' }, async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    await startWatcher(cwd);
    for (const env of [{}, { NO_COLOR: '1' }] as Array<Record<string, string>>) {
      const relayed = roadmapTTY(cwd, ['issue', 'list'], { ...RELAYED, ...env }, 70);
      const local = roadmapTTY(cwd, ['issue', 'list'], { ...LOCAL, ...env }, 70);
      assert.equal(relayed.code, 0, relayed.stdout);
      assert.equal(relayed.stdout, local.stdout);
    }
  });

  test('a change made just before the command is always in the answer, however fast it follows', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    // A debounce far longer than a command: left to itself, the watcher would index each
    // write only after the command had been answered.
    await startWatcher(cwd, {}, 60_000);
    const files = issueFiles(cwd).slice(0, 10).map((rel) => join(cwd, rel));
    for (const [round, file] of files.entries()) {
      const status = round % 2 === 0 ? 'review' : 'blocked';
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: [\w-]+/m, `status: ${status}`));
      // No wait: the command starts while the watcher may not have heard of the write yet.
      const listed = roadmapSync(cwd, ['issue', 'list', '--status', status, '--format', 'ids'], { env: RELAYED });
      assert.equal(listed.code, 0, listed.stderr);
      assert.ok(listed.stdout.split('\n').includes(idOf(file)), `round ${round}: the write is seen`);
    }
    assert.equal(roadmapSync(cwd, ['index', 'check']).code, 0);
  });

  test('writes are never made by the watcher: the client keeps them, and the watcher refuses one sent anyway', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    await startWatcher(cwd);
    const [a, b] = issueFiles(cwd).map((rel) => join(cwd, rel));
    // Not even asked: with the relay required, a write still runs here, and writes.
    const result = roadmapSync(cwd, ['issue', 'deps', 'add', idOf(a!), idOf(b!)], { env: RELAYED });
    assert.equal(result.code, 0, result.stderr);
    assert.match(readFileSync(a!, 'utf8'), new RegExp(idOf(b!)));
    // A request made by hand, past the client: the watcher's store refuses before writing.
    const before = readFileSync(a!, 'utf8');
    const frames = await rawRequest(cwd, ['issue', 'deps', 'remove', idOf(a!), idOf(b!)]);
    assert.deepEqual(frames.map((f) => f.kind), [FRAME.accepted, FRAME.refused]);
    assert.match(frames[1]!.text, /this store only reads/);
    assert.equal(readFileSync(a!, 'utf8'), before, 'nothing was written');
    const ignored = await rawRequest(cwd, ['issue', 'update', idOf(a!), '--priority', 'low']);
    assert.deepEqual(ignored.map((f) => f.kind), [FRAME.accepted, FRAME.refused], 'a command outside READ_COMMANDS is refused too');
    assert.equal(readFileSync(a!, 'utf8'), before);
  });

  test('a watcher killed mid-life leaves its socket behind: commands run on their own, and the next watcher takes over', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const socket = join(cwd, '.roadmap', 'watch.sock');
    const relayOf = () => roadmapJson<{ relay: string | null }>(cwd, ['index', 'status', '--format', 'json']).relay;
    const first = await startWatcher(cwd);
    assert.ok(lstatSync(socket).isSocket());
    assert.equal(relayOf(), socket, 'index status names the socket');
    await stop(first.child, 'SIGKILL');
    assert.ok(existsSync(socket), 'a killed watcher cannot remove its socket');
    assert.equal(relayOf(), null, 'a dead watcher answers nothing');
    const local = roadmapSync(cwd, ['issue', 'list'], { env: LOCAL });
    assert.deepEqual(roadmapSync(cwd, ['issue', 'list']), local, 'a dead socket costs nothing but the attempt');
    const refused = roadmapSync(cwd, ['issue', 'list'], { env: RELAYED });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /the watcher did not answer/);

    const second = await startWatcher(cwd);
    assert.deepEqual(roadmapSync(cwd, ['issue', 'list'], { env: RELAYED }), local);
    await stop(second.child);
    assert.ok(!existsSync(socket), 'a watcher that stops removes its socket');
  });

  test('a second watcher is refused and the first keeps answering; a file in the socket\'s place is left alone', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const first = await startWatcher(cwd);
    const second = spawnSync(process.execPath, [CLI, 'watch'], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 10_000 });
    assert.equal(second.status, 1, second.stderr);
    assert.match(second.stderr, new RegExp(`^error: a watcher already keeps this index fresh \\(pid ${first.child.pid}\\); stop it first, or leave it running$`, 'm'));
    assert.ok(lstatSync(join(cwd, '.roadmap', 'watch.sock')).isSocket(), 'the first watcher still has its socket');
    assert.equal(roadmapSync(cwd, ['issue', 'list'], { env: RELAYED }).code, 0);
    await stop(first.child);

    writeFileSync(join(cwd, '.roadmap', 'watch.sock'), 'not a socket');
    const third = await startWatcher(cwd);
    assert.match(third.log(), /exists and is not a socket/);
    assert.equal(readFileSync(join(cwd, '.roadmap', 'watch.sock'), 'utf8'), 'not a socket');
    assert.equal(roadmapSync(cwd, ['issue', 'list']).code, 0);
  });

  test('serve with storage.watch_files answers read commands too, until it stops', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    assert.equal(roadmapSync(cwd, ['config', 'set', 'storage.watch_files', 'true']).code, 0);
    const server = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd, env: cleanEnv() });
    running.push(server);
    await new Promise<void>((resolve, reject) => {
      server.stdout!.once('data', () => resolve());
      server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    assert.deepEqual(roadmapSync(cwd, ['issue', 'list'], { env: RELAYED }), roadmapSync(cwd, ['issue', 'list'], { env: LOCAL }));
    await stop(server);
    assert.ok(!existsSync(join(cwd, '.roadmap', 'watch.sock')));
  });

  test('the watcher keeps its socket and cookie files out of git, in a project older than them', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    const ignore = join(cwd, '.roadmap', '.gitignore');
    writeFileSync(ignore, 'index.db\n# mine\n');
    await startWatcher(cwd);
    const lines = readFileSync(ignore, 'utf8').split('\n');
    for (const entry of ['watch.sock', '.watch-cookie-*', '# mine']) assert.ok(lines.includes(entry), entry);
  });

  test('a client in another time zone, or with --no-index, is answered in its own process', async () => {
    const cwd = fixtureRepo('roadmap-cli-2025-10');
    await startWatcher(cwd, { TZ: 'UTC' });
    const zoned = roadmapSync(cwd, ['status'], { env: { ...RELAYED, TZ: 'Asia/Tokyo' } });
    assert.equal(zoned.code, 1);
    assert.match(zoned.stderr, /time zone differs/);
    assert.equal(roadmapSync(cwd, ['status'], { env: { ...RELAYED, TZ: 'UTC' } }).code, 0);
    const files = roadmapSync(cwd, ['--no-index', 'issue', 'list'], { env: RELAYED });
    assert.equal(files.code, 0, 'a command line the relay does not take runs here, required or not');
    assert.deepEqual(files, roadmapSync(cwd, ['--no-index', 'issue', 'list'], { env: LOCAL }));
  });
});

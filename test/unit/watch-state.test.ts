import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { hostname } from 'node:os';
import { HEARTBEAT_STALE_MS, isAlive, otherWatcher, type WatchState } from '../../src/store/index/watch-state.js';

test('a watcher killed while nobody reaps it (a zombie) is not alive, though signal 0 still finds it', { skip: process.platform !== 'linux' && 'zombies are read from /proc' }, async () => {
  // The shell becomes `sleep 60`, which never waits for the `sleep 30` it started.
  const parent = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d).trim()))));
    assert.equal(isAlive(pid), true);
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.doesNotThrow(() => process.kill(pid, 0), 'the zombie still answers signal 0');
    assert.equal(isAlive(pid), false);
  } finally {
    parent.kill('SIGKILL');
  }
});

test('another watcher is one that still runs: a late heartbeat counts while its pid runs roadmap, not after the pid is reused', { skip: process.platform !== 'linux' && 'command lines are read from /proc' }, async () => {
  const now = Date.now();
  const stale = now - HEARTBEAT_STALE_MS - 1000;
  const state = (pid: number, heartbeat: number, host = hostname()): WatchState => ({ pid, host, startedAt: now - 60_000, heartbeat, generation: 3, pending: false });
  // A node process whose command line names roadmap stands in for a busy watcher; `sleep` for a reused pid.
  const busy = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', 'roadmap-watch-stand-in'], { stdio: 'ignore' });
  const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(otherWatcher(state(busy.pid!, now), now)?.pid, busy.pid, 'fresh heartbeat');
    assert.equal(otherWatcher(state(busy.pid!, stale), now)?.pid, busy.pid, 'late heartbeat, still roadmap');
    assert.equal(otherWatcher(state(stranger.pid!, now), now)?.pid, stranger.pid, 'a fresh heartbeat is trusted as it is');
    assert.equal(otherWatcher(state(stranger.pid!, stale), now), null, 'late heartbeat from a pid that no longer runs roadmap');
    assert.equal(otherWatcher(state(busy.pid!, now, 'elsewhere'), now), null, 'another host');
    assert.equal(otherWatcher(state(process.pid, now), now), null, 'this process');
    assert.equal(otherWatcher(null, now), null);
    busy.kill('SIGKILL');
    await new Promise((resolve) => busy.once('exit', resolve));
    assert.equal(otherWatcher(state(busy.pid!, now), now), null, 'gone');
  } finally {
    busy.kill('SIGKILL');
    stranger.kill('SIGKILL');
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { isAlive } from '../../src/store/index/watch-state.js';

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

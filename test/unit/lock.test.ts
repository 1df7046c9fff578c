import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { acquireLock, LOCK_FILE } from '../../src/store/lock.js';
import { tempDir } from '../helpers.js';

test('a lock taken after a long wait is as fresh as its taking, not as old as the wait', () => {
  const dir = tempDir();
  const lock = join(dir, LOCK_FILE);
  // Another live process holds the lock for 1.5 s, then lets it go.
  const holder = spawn('sh', ['-c', `sleep 1.5; rm -f '${lock}'; sleep 1`], { stdio: 'ignore' });
  writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), since: Date.now() }));
  const taken = acquireLock(dir);
  const takenAt = Date.now();
  try {
    const age = takenAt - statSync(lock).mtimeMs;
    assert.ok(age < 500, `the lock file says it was taken ${age} ms before it was`);
  } finally {
    taken.release();
    holder.kill();
  }
});

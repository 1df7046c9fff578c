/**
 * How run() turns what a command threw into stderr and an exit code: our own errors with their
 * code, the system's refusals (a full disk, a permission) as the user's to fix, and anything else
 * as a bug to report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { emptyProject } from '../helpers.js';

async function failWith(thrown: Error): Promise<{ code: number; stderr: string }> {
  const io = captureIO();
  const code = await run(['issue', 'list'], { io, cwd: emptyProject(), env: {}, openStorage: () => { throw thrown; } });
  return { code, stderr: io.stderr() };
}

test('a refusal by the system is one line and exit 1, not a bug report', async () => {
  const full = Object.assign(new Error("ENOSPC: no space left on device, open '/p/.roadmap/.lock'"), { code: 'ENOSPC', syscall: 'open' });
  assert.deepEqual(await failWith(full), { code: 1, stderr: "error: ENOSPC: no space left on device, open '/p/.roadmap/.lock'\n" });
});

test('anything else is a bug: the message, and how to report it', async () => {
  const { code, stderr } = await failWith(new TypeError('x is undefined'));
  assert.equal(code, 1);
  assert.equal(stderr, 'internal error: x is undefined\nThis is a bug in roadmap; run again with ROADMAP_DEBUG=1 for details and report it.\n');
});

/**
 * What a command loads at start-up is part of its speed: Node's streams (with net and tty)
 * cost about 4 ms, and only commands that need them (serve, watch, a relayed read, output to
 * a terminal) may load them. Checked by what Node loaded, not by the clock.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { CLI, cleanEnv, emptyProject, roadmapSync } from '../helpers.js';

/** Node's internal modules loaded by a command, output to a pipe. */
function loadedModules(cwd: string, args: string[]): string[] {
  const script = `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...${JSON.stringify(args)}];
process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED ' + process.moduleLoadList.join(',')));
require(${JSON.stringify(CLI)});`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd, env: cleanEnv(), encoding: 'utf8' });
  const line = /LOADED (.*)$/.exec(result.stderr)?.[1];
  assert.ok(line, result.stderr);
  return line.split(',');
}

test('reads, updates and --version start without Node\'s streams, net or tty', () => {
  const cwd = emptyProject();
  const id = roadmapSync(cwd, ['issue', 'create', 'One']).stdout.trim();
  for (const args of [['--version'], ['issue', 'list'], ['status'], ['search', 'one'], ['issue', 'update', id, '--status', 'done'], ['index', 'status']]) {
    const heavy = loadedModules(cwd, args).filter((name) => /^NativeModule (net|stream|tty|child_process)$/.test(name));
    assert.deepEqual(heavy, [], `roadmap ${args.join(' ')}`);
  }
});

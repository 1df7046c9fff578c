import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Context } from '../../src/cli/context.js';
import { captureIO } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/run.js';
import { FRAME, frame, FrameReader, mayRelay, READ_COMMANDS, rootOption, socketAddress } from '../../src/cli/relay/protocol.js';

const KINDS = Object.values(FRAME);

test('frames come back whole and in order, however the stream is cut', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.string({ unit: 'grapheme', maxLength: 300 })), { maxLength: 20 }),
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 50 }),
      (sent, cuts) => {
        const stream = Buffer.concat(sent.map(([kind, text]) => frame(kind, text)));
        const reader = new FrameReader();
        const received: Array<[number, string]> = [];
        let at = 0;
        for (let i = 0; at < stream.length; i++) {
          const size = cuts[i % cuts.length]!;
          for (const f of reader.push(stream.subarray(at, at + size))) received.push([f.kind, f.payload.toString('utf8')]);
          at += size;
        }
        assert.deepEqual(received, sent);
      },
    ),
  );
});

test('only read command lines are worth a connection; writes, help and local flags are not', () => {
  const relayed = [
    ['issue', 'list'], ['issue', 'ls', '--status', 'todo'], ['-q', 'issue', 'show', 'abc'], ['issue', 'view', 'abc'],
    ['issue', 'deps', 'abc'], ['issue', 'ready'], ['search', 'some', 'words'], ['status'], ['milestone', 'list'],
    ['milestone', 'status', 'v1'], ['milestone', 'show', 'v1'], ['roadmap', 'list'], ['project', 'show', 'x'],
    ['config', 'get', 'storage.use_index'], ['config', 'ls'], ['--root', 'issue', 'issue', 'list'],
  ];
  const local = [
    [], ['init'], ['issue'], ['issue', 'create', 'list'], ['issue', 'update', 'abc', '--status', 'done'],
    ['issue', 'done', 'abc'], ['issue', 'close', 'abc'], ['milestone', 'create', 'list'], ['config', 'set', 'a', 'b'],
    ['index', 'status'], ['watch'], ['serve'], ['--no-index', 'issue', 'list'], ['issue', 'list', '--profile'],
    ['issue', 'list', '--help'], ['-h'], ['--version'], ['issue', 'update', '--stdin'], ['search', '--', '-x'],
    ['--root', 'status', 'init'], ['constructor'], ['issue', 'constructor'], ['issue', 'deps', 'add', 'a', 'b'],
    ['issue', 'deps', '--json', 'remove', 'a', 'b'], ['issue', 'deps', '--format', 'json', 'add', 'a', 'b'],
  ];
  for (const argv of relayed) assert.equal(mayRelay(argv), true, argv.join(' '));
  for (const argv of local) assert.equal(mayRelay(argv), false, argv.join(' '));
});

test('every command the watcher may run is a read the client would send', () => {
  for (const name of READ_COMMANDS) assert.equal(mayRelay(name.split(' ')), true, name);
});

test('--root is found in either spelling, and not after --', () => {
  assert.equal(rootOption(['--root', '/x', 'issue', 'list']), '/x');
  assert.equal(rootOption(['issue', 'list', '--root=/y']), '/y');
  assert.equal(rootOption(['search', '--', '--root', '/z']), undefined);
  assert.equal(rootOption(['issue', 'list']), undefined);
});

test('a socket path too long for the kernel is reached relative to the working directory, or not at all', () => {
  const deep = `/home/${'x'.repeat(120)}/repo/.roadmap/watch.sock`;
  assert.equal(socketAddress('/repo/.roadmap/watch.sock', '/anywhere'), '/repo/.roadmap/watch.sock');
  assert.equal(socketAddress(deep, `/home/${'x'.repeat(120)}/repo/src`), '../.roadmap/watch.sock');
  assert.equal(socketAddress(deep, '/elsewhere'), null);
});

test('the client sends exactly the commands the watcher may run, by every name commander knows them by', () => {
  const ctx = new Context(captureIO(), '/', {}, { index: true, profile: false, quiet: false });
  const program = buildProgram(ctx);
  for (const noun of program.commands) {
    const leaves = noun.commands.length > 0 ? noun.commands.map((verb) => [noun, verb] as const) : [[noun, null] as const];
    for (const [n, v] of leaves) {
      const name = v ? `${n.name()} ${v.name()}` : n.name();
      for (const nounName of [n.name(), ...n.aliases()]) {
        for (const verbName of v ? [v.name(), ...v.aliases()] : [null]) {
          const argv = verbName ? [nounName, verbName, 'x'] : [nounName, 'x'];
          assert.equal(mayRelay(argv), READ_COMMANDS.has(name), `${argv.join(' ')} (${name})`);
        }
      }
    }
  }
});

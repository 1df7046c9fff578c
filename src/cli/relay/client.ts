/**
 * The client's side of the relay (protocol.ts), and the first thing the executable runs: a
 * read command, with a watcher answering on `.roadmap/watch.sock`, is sent there instead of
 * loading the CLI, opening SQLite and reading rows here. Anything else, and any doubt (no
 * socket, someone else's socket, a refusal, a watcher that is slow to take the request or
 * dies mid-answer) leaves the command to run here as usual.
 */
import { lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { findRoadmap, RELAY_SOCKET, type RoadmapPaths } from '../../store/layout.js';
import { type IO, terminalIO } from '../io.js';
import { FRAME, FrameReader, mayRelay, PROTOCOL_VERSION, type RelayRequest, rootOption, socketAddress } from './protocol.js';

/**
 * How long a watcher may take to take the request; then the command runs here. A watcher
 * takes it at once unless it is busy indexing a burst (a checkout) or stopped (Ctrl-Z), and
 * then a command of its own is about as fast as waiting.
 */
const ACCEPT_TIMEOUT_MS = 500;

type Frames = Array<{ kind: number; payload: Buffer }>;

/**
 * Answer this process's command line through a running watcher. False at once when there is
 * none to ask; otherwise resolves to true once the answer is printed and the exit code set,
 * or to false when the command must run here after all.
 */
export function answerThroughWatcher(argv = process.argv.slice(2), cwd = process.cwd(), env = process.env): Promise<boolean> | false {
  if (env.ROADMAP_RELAY === 'off' || !mayRelay(argv)) return false;
  // ROADMAP_RELAY=require: a read command fails rather than run here (for tests, and scripts that must not walk).
  const required = env.ROADMAP_RELAY === 'require';
  const unanswered = (reason: string): Promise<boolean> | false => (required ? Promise.resolve(fail(reason)) : false);
  let paths: RoadmapPaths;
  try {
    paths = findRoadmap(cwd, rootOption(argv) ?? (env.ROADMAP_ROOT || undefined));
  } catch {
    return false; // The command will say why, in its own words.
  }
  const socket = join(paths.dir, RELAY_SOCKET);
  const address = socketAddress(socket, cwd);
  if (address === null || !isOwnSocket(socket)) return unanswered(`no watcher answers on ${socket}`);
  const io = terminalIO(env);
  const request: RelayRequest = {
    version: PROTOCOL_VERSION,
    argv,
    cwd,
    env,
    dir: paths.dir,
    isTTY: io.isTTY,
    errIsTTY: io.errIsTTY,
    columns: io.columns,
    color: io.color,
  };
  return ask(address, request)
    .catch((error: Error) => ({ refused: error.message }))
    .then((answer) => ('refused' in answer ? (required ? fail(answer.refused) : false) : print(answer.frames, io)));
}

function fail(reason: string): true {
  const io = terminalIO(process.env);
  io.err(`error: the watcher did not answer (${reason}) and ROADMAP_RELAY=require\n`);
  io.flush();
  process.exitCode = 1;
  if (io.drained()) process.exit(1);
  return true;
}

/** A socket of this user's: another user's could answer anything. */
function isOwnSocket(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isSocket() && (typeof process.getuid !== 'function' || stat.uid === process.getuid());
  } catch {
    return false;
  }
}

/** The frames of a complete answer, or why there is none: refused, timed out, or cut off. */
function ask(address: string, request: RelayRequest): Promise<{ frames: Frames } | { refused: string }> {
  return new Promise((resolve) => {
    // Loaded here: node:net brings in the streams, which a command that is not relayed never needs.
    const { createConnection } = createRequire(import.meta.url)('node:net') as typeof import('node:net');
    const frames: Frames = [];
    const reader = new FrameReader();
    let settled = false;
    const finish = (answer: { frames: Frames } | { refused: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      connection.destroy();
      resolve(answer);
    };
    const connection: Socket = createConnection(address);
    const timer = setTimeout(() => finish({ refused: `no answer within ${ACCEPT_TIMEOUT_MS} ms` }), ACCEPT_TIMEOUT_MS);
    connection.on('connect', () => connection.write(`${JSON.stringify(request)}\n`));
    connection.on('data', (chunk: Buffer) => {
      for (const f of reader.push(chunk)) {
        if (f.kind === FRAME.accepted) clearTimeout(timer);
        else if (f.kind === FRAME.refused) return finish({ refused: f.payload.toString('utf8') });
        else if (f.kind === FRAME.exit) {
          frames.push(f);
          return finish({ frames });
        } else frames.push(f);
      }
    });
    connection.on('error', (error) => finish({ refused: error.message }));
    connection.on('close', () => finish({ refused: 'the watcher closed the connection' }));
  });
}

/** Print the answer as the command would have, and exit with its code. */
function print(frames: Frames, io: IO): true {
  let code = 1;
  for (const { kind, payload } of frames) {
    if (kind === FRAME.stdout) io.out(payload.toString('utf8'));
    else if (kind === FRAME.stderr) io.err(payload.toString('utf8'));
    else if (kind === FRAME.exit) code = Number(payload.toString('latin1'));
  }
  io.flush();
  process.exitCode = code;
  if (io.drained()) process.exit(code);
  return true;
}

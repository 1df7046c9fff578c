/**
 * The watcher's side of the relay (protocol.ts): listen on `.roadmap/watch.sock`, and for each
 * request wait until every change made before it is indexed (LiveIndex.settle), then run the
 * command line with the same code as any process, on a read-only store over the live index.
 * One request at a time: they share one SQLite connection, and each takes milliseconds.
 */
import { lstatSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { RunElsewhere } from '../../errors.js';
import { unlinkQuietly } from '../../store/atomic.js';
import { RELAY_SOCKET } from '../../store/layout.js';
import type { LiveIndex } from '../../store/live-index.js';
import { storageOnLiveIndex } from '../../store/open.js';
import type { IO } from '../io.js';
import { run } from '../run.js';
import { FRAME, type FrameKind, frame, PROTOCOL_VERSION, READ_COMMANDS, type RelayRequest, socketAddress } from './protocol.js';

export interface Relay {
  /** The socket's path. */
  readonly socket: string;
  close(): void;
}

/** How long a connection may take to send its request line. */
const REQUEST_TIMEOUT_MS = 5000;
/** A request line longer than this is not from our client. */
const MAX_REQUEST_BYTES = 1 << 20;
/** Output goes to the client in pieces of about this many characters. */
const CHUNK = 1 << 16;

/**
 * Answer read commands for other processes until closed. Resolves to null, with the reason
 * logged, when this watcher cannot: the socket path is too long, or another process answers.
 */
export async function startRelay(live: LiveIndex, log: (message: string) => void): Promise<Relay | null> {
  const socket = join(live.store.paths.dir, RELAY_SOCKET);
  const address = socketAddress(socket, process.cwd());
  if (address === null) {
    log(`reads are not relayed: the path of ${socket} is too long for a socket`);
    return null;
  }
  if (!(await claim(socket, address, log))) return null;
  let queue = Promise.resolve();
  const server = createServer((connection) => {
    connection.on('error', () => connection.destroy());
    readRequest(connection, (request) => {
      queue = queue.then(() => answer(live, request, connection, log)).catch((error: unknown) => {
        log(`a relayed command failed: ${(error as Error)?.stack ?? String(error)}`);
        connection.destroy();
      });
    });
  });
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      // From here on an error (too many open files, say) is logged: it must not end the watcher.
      server.on('error', (error) => log(`the relay: ${error.message}`));
      resolve();
    });
  });
  // Only this user may connect: the socket is made with no permission for anyone else. The
  // socket file is created within listen() itself, so the umask is restored right after.
  const umask = process.umask(0o177);
  try {
    server.listen(address);
  } finally {
    process.umask(umask);
  }
  try {
    await listening;
  } catch (error) {
    log(`reads are not relayed: cannot listen on ${socket} (${(error as Error).message})`);
    return null;
  }
  return {
    socket,
    // Node removes the socket file as the server closes. (Two watchers started at the same
    // moment over a dead socket may both listen; the first then has no file left, and commands
    // run in their own process until it is restarted. Correct, only slower.)
    close: () => void server.close(),
  };
}

/** Take the socket's path: free, or left behind by a watcher that died. */
async function claim(socket: string, address: string, log: (message: string) => void): Promise<boolean> {
  let stat;
  try {
    stat = lstatSync(socket);
  } catch {
    return true;
  }
  if (!stat.isSocket()) {
    log(`reads are not relayed: ${socket} exists and is not a socket`);
    return false;
  }
  if (await answers(address)) {
    log(`reads are not relayed by this watcher: another process answers on ${socket}`);
    return false;
  }
  unlinkQuietly(socket); // Another watcher starting now may have removed it first.
  return true;
}

function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(address);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function readRequest(connection: Socket, onRequest: (request: RelayRequest) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  // Our client sends its line at once; a connection that says nothing is let go.
  connection.setTimeout(REQUEST_TIMEOUT_MS, () => connection.destroy());
  const onData = (chunk: Buffer) => {
    const end = chunk.indexOf(0x0a);
    chunks.push(end === -1 ? chunk : chunk.subarray(0, end));
    size += chunk.length;
    if (end === -1) {
      if (size > MAX_REQUEST_BYTES) connection.destroy();
      return;
    }
    connection.off('data', onData);
    connection.setTimeout(0);
    const request = parseRequest(Buffer.concat(chunks).toString('utf8'));
    if (request) onRequest(request);
    else connection.end(frame(FRAME.refused, 'not a request this watcher understands'));
  };
  connection.on('data', onData);
}

function parseRequest(line: string): RelayRequest | null {
  try {
    const request = JSON.parse(line) as RelayRequest;
    const valid =
      request.version === PROTOCOL_VERSION &&
      Array.isArray(request.argv) && request.argv.every((arg) => typeof arg === 'string') &&
      typeof request.cwd === 'string' && typeof request.dir === 'string' &&
      typeof request.env === 'object' && request.env !== null &&
      typeof request.isTTY === 'boolean' && typeof request.errIsTTY === 'boolean' &&
      typeof request.color === 'boolean' && Number.isInteger(request.columns);
    return valid ? request : null;
  } catch {
    return null;
  }
}

async function answer(live: LiveIndex, request: RelayRequest, connection: Socket, log: (message: string) => void): Promise<void> {
  if (connection.destroyed) return;
  const send = (kind: FrameKind, text?: string) => {
    if (!connection.destroyed) connection.write(frame(kind, text));
  };
  const refuse = (reason: string) => {
    if (!connection.destroyed) connection.end(frame(FRAME.refused, reason));
  };
  send(FRAME.accepted);
  const dir = live.store.paths.dir;
  if (request.dir !== dir) return refuse(`this watcher answers for ${dir}`);
  // Dates print in the local time zone: the answer must be the one the client would give.
  if (request.env.TZ !== process.env.TZ) return refuse('the time zone differs');
  try {
    await live.settle();
  } catch (error) {
    return refuse((error as Error).message);
  }
  const io = frameIO(request, send);
  let code: number;
  try {
    code = await run(request.argv, {
      io,
      cwd: request.cwd,
      env: request.env,
      allow: (command) => READ_COMMANDS.has(command),
      openStorage: (paths, globals, options) => {
        if (!globals.index) throw new RunElsewhere('--no-index reads the files');
        if (paths.dir !== dir) throw new RunElsewhere(`this watcher answers for ${dir}`);
        const store = storageOnLiveIndex(live, options);
        if (!store) throw new RunElsewhere('storage.use_index is false');
        return store;
      },
    });
  } catch (error) {
    if (!(error instanceof RunElsewhere)) log(`a relayed command failed: ${(error as Error)?.stack ?? String(error)}`);
    return refuse((error as Error).message);
  }
  io.flush();
  if (!connection.destroyed) connection.end(frame(FRAME.exit, String(code)));
}

/**
 * The client's streams, as frames: its terminal (or not), its width, its colours. Frames are
 * queued on the socket as the command writes (commands run synchronously); the client holds
 * them until the exit frame, so an answer is held whole in both processes for a moment, about
 * 10 MiB for a table of 100,000 issues.
 */
function frameIO(request: RelayRequest, send: (kind: FrameKind, text: string) => void): IO {
  let pieces: string[] = [];
  let buffered = 0;
  const flush = () => {
    if (pieces.length === 0) return;
    send(FRAME.stdout, pieces.join(''));
    pieces = [];
    buffered = 0;
  };
  return {
    out(text) {
      pieces.push(text);
      buffered += text.length;
      if (buffered >= CHUNK) flush();
    },
    flush,
    drained: () => pieces.length === 0,
    err(text) {
      flush();
      send(FRAME.stderr, text);
    },
    isTTY: request.isTTY,
    errIsTTY: request.errIsTTY,
    columns: request.columns,
    color: request.color,
  };
}

/**
 * A running watcher answers read commands for other processes over a Unix socket in
 * `.roadmap/` (RELAY_SOCKET). Its index is hot and its code already compiled, so a query that
 * costs a new process 50 ms of opening SQLite and turning rows into strings costs the client
 * only the connection. The client sends one request line; the watcher runs the same command
 * code on its own store, made read-only, and sends back what the command printed, in frames:
 *
 *   one byte of kind, four bytes of length (big-endian), then the payload.
 *
 * The client prints nothing until the exit frame arrives, so a watcher that dies or refuses
 * mid-answer costs only time: the client then runs the command itself, as if no watcher ran.
 */

import { relative } from 'node:path';

export const PROTOCOL_VERSION = 1;

/** Longest socket path handed to the kernel: its limit is 107 bytes on Linux, 103 on macOS. */
const MAX_SOCKET_PATH = 100;

/**
 * How to reach the socket from `cwd`: its path, or when that is too long for a socket, the
 * path relative to `cwd`; null when both are.
 */
export function socketAddress(socket: string, cwd: string): string | null {
  if (socket.length <= MAX_SOCKET_PATH) return socket;
  const near = relative(cwd, socket);
  return near.length <= MAX_SOCKET_PATH ? near : null;
}

/** A command line, and everything about its process that can change what it prints. */
export interface RelayRequest {
  version: number;
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** The `.roadmap/` folder the client found: a watcher answers only for its own. */
  dir: string;
  isTTY: boolean;
  errIsTTY: boolean;
  columns: number;
  color: boolean;
}

export const FRAME = {
  /** The watcher took the request: from here the client waits as long as the command runs. */
  accepted: 0x61,
  stdout: 0x6f,
  stderr: 0x65,
  /** The exit code, in decimal: the answer is complete. */
  exit: 0x78,
  /** Not answered here (the reason is for debugging): the client runs the command itself. */
  refused: 0x72,
} as const;

export type FrameKind = (typeof FRAME)[keyof typeof FRAME];

const HEADER = 5;

export function frame(kind: FrameKind, text = ''): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.allocUnsafe(HEADER);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/** Cuts a byte stream into frames as chunks arrive. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Array<{ kind: number; payload: Buffer }> {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Array<{ kind: number; payload: Buffer }> = [];
    while (this.pending.length >= HEADER) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < HEADER + length) break;
      frames.push({ kind: this.pending[0]!, payload: this.pending.subarray(HEADER, HEADER + length) });
      this.pending = this.pending.subarray(HEADER + length);
    }
    return frames;
  }
}

/**
 * Commands that only read, by full name: the watcher runs these and no other. A command in
 * this list that still tries to write (`issue deps add`) is stopped by the read-only store.
 */
export const READ_COMMANDS = new Set([
  'issue list', 'issue show', 'issue deps', 'issue ready', 'search', 'status',
  'milestone list', 'milestone status', 'roadmap list', 'roadmap show', 'config get', 'config list',
]);

/** The words a read command line starts with, aliases included (commander resolves them later). */
const READ_WORDS = new Map<string, Set<string> | null>([
  ['issue', new Set(['list', 'ls', 'show', 'view', 'deps', 'ready'])],
  ['search', null],
  ['status', null],
  ['milestone', new Set(['list', 'ls', 'status', 'show', 'view'])],
  ['roadmap', new Set(['list', 'ls', 'show', 'view'])],
  ['project', new Set(['list', 'ls', 'show', 'view'])],
  ['config', new Set(['get', 'list', 'ls'])],
]);

/** Flags whose command is better run in its own process: it reads input, or is about this process. */
const LOCAL_FLAGS = new Set(['--no-index', '--profile', '-h', '--help', '-V', '--version', '--stdin', '--']);

/**
 * Whether a command line is worth sending to a watcher: a cheap look at its first words, so
 * that writes do not pay for a connection. The watcher decides for sure (READ_COMMANDS).
 */
export function mayRelay(argv: string[]): boolean {
  if (argv.some((arg) => LOCAL_FLAGS.has(arg))) return false;
  // Option values land among the words too (`--format json`): only the first two are
  // trusted to be the noun and verb, and the rest are only looked through.
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--root') i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  const [noun, verb, ...rest] = words;
  const verbs = noun === undefined ? undefined : READ_WORDS.get(noun);
  if (verbs === undefined) return false;
  // `issue deps add|remove ID DEP` writes, though it starts as the dependency tree does.
  if (noun === 'issue' && verb === 'deps' && rest.some((word) => word === 'add' || word === 'remove')) return false;
  return verbs === null || (verb !== undefined && verbs.has(verb));
}

/** The value of `--root` on a command line, if any. */
export function rootOption(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--root') return argv[i + 1];
    if (arg.startsWith('--root=')) return arg.slice('--root='.length);
  }
  return undefined;
}

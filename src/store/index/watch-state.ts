/**
 * What a running `roadmap watch` tells other processes, through the index's meta table: who
 * it is, when it last said so (heartbeat), how many batches it has indexed (generation), and
 * whether changes have arrived that it has not indexed yet (pending). A command that finds a
 * healthy, idle watcher skips its own directory walk; anything else and it walks.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { SqliteIndex } from './sqlite-index.js';

export interface WatchState {
  pid: number;
  host: string;
  startedAt: number;
  heartbeat: number;
  generation: number;
  pending: boolean;
}

const KEY = 'watcher';
/** A heartbeat older than this means the watcher is stuck or gone. */
export const HEARTBEAT_STALE_MS = 2000;
export const HEARTBEAT_EVERY_MS = 500;

export function readWatchState(index: SqliteIndex): WatchState | null {
  const raw = index.meta(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as WatchState;
  } catch {
    return null;
  }
}

export function writeWatchState(index: SqliteIndex, state: WatchState | null): void {
  index.write(() => {
    if (state) index.setMeta(KEY, JSON.stringify(state));
    else index.setMeta(KEY, '');
  });
}

/** Why the watcher cannot be trusted right now, or null when it can. */
export function distrust(state: WatchState | null, now = Date.now()): string | null {
  if (!state) return 'no watcher';
  if (state.pending) return 'the watcher has changes it has not indexed yet';
  if (now - state.heartbeat > HEARTBEAT_STALE_MS) return 'the watcher has not reported for over 2 s';
  if (state.host !== hostname()) return 'the watcher runs on another host';
  if (!isAlive(state.pid)) return 'the watcher process is gone';
  return null;
}

/**
 * Another process's watcher that is still running: one per index. A watcher busy with a big
 * branch switch may miss heartbeats, and must not get a rival for it; so a stale heartbeat
 * counts too while its pid still runs roadmap (a pid reused by some other program does not).
 */
export function otherWatcher(state: WatchState | null, now = Date.now()): WatchState | null {
  if (!state?.pid || state.pid === process.pid || state.host !== hostname()) return null;
  if (!isAlive(state.pid)) return null;
  return now - state.heartbeat <= HEARTBEAT_STALE_MS || runsRoadmap(state.pid) ? state : null;
}

/** Whether a process's command line names roadmap; where that cannot be read, assume not. */
function runsRoadmap(pid: number): boolean {
  try {
    return /roadmap/i.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return false;
  }
}

/**
 * Whether a process runs. A process killed while its parent is not looking stays a zombie,
 * which signal 0 still finds, until it is reaped; on Linux its state in /proc says so.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    // The state follows the command name in parentheses, which may itself hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

/**
 * The write lock of a `.roadmap/` folder: held for the few milliseconds a write takes, never
 * for the life of a process, so a running `serve` does not block the command line.
 *
 * The lock file is created whole with link(2), which fails if it exists. A lock whose owner
 * died (same host, pid gone) or that has not been refreshed for a minute is stale and broken;
 * breaking renames it aside first, so two processes breaking at once cannot both win.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { WriteError } from '../errors.js';
import { uniqueSuffix, unlinkQuietly } from './atomic.js';

export const LOCK_FILE = '.lock';
const STALE_AFTER_MS = 60_000;
const REFRESH_EVERY_MS = 5_000;

interface Owner {
  pid: number;
  host: string;
  since: number;
}

export interface Lock {
  /** Keep a long batch from looking stale. */
  refresh(): void;
  release(): void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function acquireLock(dir: string, timeoutMs = 10_000): Lock {
  const path = join(dir, LOCK_FILE);
  const me: Owner = { pid: process.pid, host: hostname(), since: Date.now() };
  const temp = join(dir, `.lock.${process.pid}.${uniqueSuffix()}.tmp`);
  writeFileSync(temp, JSON.stringify(me));
  // The wait is measured per holder: a lock that keeps changing hands is making progress,
  // and a queue of twenty writers must not give up just because the queue is long.
  let deadline = Date.now() + timeoutMs;
  let lastHolder: string | undefined;
  let wait = 2;
  try {
    for (;;) {
      try {
        // The lock's age is its file's mtime: the temp file was written when the wait began,
        // and a lock taken after a long wait must not look a minute old to the next writer.
        if (Date.now() - me.since > 1000) utimesSync(temp, new Date(), new Date());
        linkSync(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readOwner(path);
      if (holder && isStale(holder.owner, holder.mtimeMs)) {
        breakStale(path, holder.raw);
        continue;
      }
      if (holder && holder.raw !== lastHolder) {
        lastHolder = holder.raw;
        deadline = Date.now() + timeoutMs;
      }
      if (Date.now() > deadline) {
        const who = holder?.owner ? `process ${holder.owner.pid} on ${holder.owner.host}` : 'another process';
        throw new WriteError(`could not lock ${path}: held by ${who} for over ${Math.round(timeoutMs / 1000)} s; try again, or remove the file if that process is gone`);
      }
      sleep(wait + Math.random() * wait);
      wait = Math.min(wait * 2, 50);
    }
  } finally {
    unlinkQuietly(temp);
  }
  let refreshedAt = Date.now();
  let held = true;
  return {
    refresh() {
      if (!held || Date.now() - refreshedAt < REFRESH_EVERY_MS) return;
      refreshedAt = Date.now();
      const now = new Date();
      try {
        utimesSync(path, now, now);
      } catch {
        // Broken as stale by someone else: nothing to refresh; the writes already made stand.
      }
    },
    release() {
      if (!held) return;
      held = false;
      const current = readOwner(path);
      if (current?.owner?.pid === me.pid && current.owner.since === me.since && current.owner.host === me.host) {
        unlinkQuietly(path);
      }
    },
  };
}

/** Run `fn` holding the lock; it is released however `fn` ends. */
export function withLock<T>(dir: string, fn: (lock: Lock) => T): T {
  const lock = acquireLock(dir);
  try {
    return fn(lock);
  } finally {
    lock.release();
  }
}

function readOwner(path: string): { owner: Owner | null; raw: string; mtimeMs: number } | null {
  try {
    const raw = readFileSync(path, 'utf8');
    const mtimeMs = statSync(path).mtimeMs;
    let owner: Owner | null = null;
    try {
      owner = JSON.parse(raw) as Owner;
    } catch {
      owner = null;
    }
    return { owner, raw, mtimeMs };
  } catch (error) {
    // Nobody takes a lock as a folder: waiting for it to go would only time out.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new WriteError(`could not lock ${path}: it is a folder, not a lock file; remove it`);
    return null;
  }
}

function isStale(owner: Owner | null, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > STALE_AFTER_MS) return true;
  if (!owner || owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function breakStale(path: string, seen: string): void {
  const aside = `${path}.${process.pid}.${uniqueSuffix()}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Someone else broke it first.
  }
  let content = '';
  try {
    content = readFileSync(aside, 'utf8');
  } catch {
    // Unreadable: treat as the stale one.
  }
  if (content !== seen) {
    // Between our look and the rename a live owner took the lock: give it back.
    try {
      linkSync(aside, path);
    } catch {
      // The slot was taken again meanwhile; that owner holds it now.
    }
  }
  unlinkQuietly(aside);
}

/**
 * Writes that never leave a torn file: a temporary file in the same folder, fsync, rename over
 * the target, fsync the folder. A reader sees the old file or the new one, never half of one.
 */
import {
  closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WriteError } from '../errors.js';

type Step = { kind: 'write'; path: string; temp: string } | { kind: 'remove'; path: string };

/**
 * The writes of one command, landing whole or not at all as far as a file system allows: each
 * new content is written to a temporary file beside its target and fsynced first, which is
 * where a full disk or a size limit fails; only when all of them are on disk are they renamed
 * over their targets and the removed files unlinked. A failure before that changes no file.
 */
export class AtomicBatch {
  private readonly steps: Step[] = [];
  private readonly madeFolders: string[] = [];

  /** `name` shows a path in errors (relative to the project, say). */
  constructor(private readonly name: (path: string) => string = (path) => path) {}

  write(path: string, content: string): void {
    const folder = dirname(path);
    try {
      const made = mkdirSync(folder, { recursive: true });
      if (made) this.madeFolders.push(made);
      this.steps.push({ kind: 'write', path, temp: writeTemp(path, content) });
    } catch (error) {
      throw new WriteError(`could not write ${this.name(path)} (${reason(error)}); no file was changed`);
    }
  }

  /** Write `content` at `to` and, when it is another path, remove `from`: a move with an edit. */
  move(from: string, to: string, content: string): void {
    this.write(to, content);
    if (from !== to) this.remove(from);
  }

  remove(path: string): void {
    this.steps.push({ kind: 'remove', path });
  }

  commit(): void {
    const folders = new Set<string>();
    let done = 0;
    try {
      for (const step of this.steps) {
        if (step.kind === 'write') renameSync(step.temp, step.path);
        else unlinkSync(step.path);
        folders.add(dirname(step.path));
        done++;
      }
    } catch (error) {
      const failed = this.steps[done]!;
      const landed = done === 0 ? 'no file was changed' : `${done} of ${this.steps.length} changes had landed`;
      throw new WriteError(`could not ${failed.kind === 'write' ? 'write' : 'remove'} ${this.name(failed.path)} (${reason(error)}); ${landed}`);
    }
    for (const folder of folders) syncFolder(folder);
  }

  /** After a failure, by whoever owns the batch: temporary files and new empty folders go. */
  abort(): void {
    for (const step of this.steps) if (step.kind === 'write') unlinkQuietly(step.temp);
    for (const folder of this.madeFolders.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty (somebody else wrote there) or gone: either way, not ours to remove.
      }
    }
  }

}

/** One file written atomically, outside any batch (config.yaml, .gitignore). */
export function writeFileAtomic(path: string, content: string): void {
  const batch = new AtomicBatch();
  try {
    batch.write(path, content);
    batch.commit();
  } catch (error) {
    batch.abort();
    throw error;
  }
}

/** The temporary file beside `path`, holding `content`, fsynced; its mode is the target's. */
function writeTemp(path: string, content: string): string {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${uniqueSuffix()}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // A new file: the default mode.
  }
  const fd = openSync(temp, 'wx', mode);
  try {
    const buffer = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < buffer.length) written += writeSync(fd, buffer, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

/** `EFBIG: file too large, write` → `EFBIG: file too large`. */
function reason(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return message.replace(/, \w+(?: '[^']*')*$/, '');
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

let counter = 0;
/** Unique within this process (with the pid, across processes); the file is created with O_EXCL anyway. */
export function uniqueSuffix(): string {
  return `${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

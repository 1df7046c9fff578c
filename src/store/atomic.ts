/**
 * Writes that never leave a torn file: a temporary file in the same folder, fsync, rename over
 * the target, fsync the folder. A reader sees the old file or the new one, never half of one.
 */
import {
  closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `folders`: when given, the folder is added to it rather than fsynced now, so a batch syncs
 * each folder once (`syncFolders`) instead of once per file.
 */
export function writeFileAtomic(path: string, content: string, folders?: Set<string>): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.${basename(path)}.${process.pid}.${uniqueSuffix()}.tmp`);
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
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
  }
  if (folders) folders.add(folder);
  else syncFolder(folder);
}

/** Move a file and write its new content in one step: the new name appears whole, then the old goes. */
export function moveFileAtomic(from: string, to: string, content: string, folders?: Set<string>): void {
  writeFileAtomic(to, content, folders);
  if (from !== to) removeFile(from, folders);
}

export function removeFile(path: string, folders?: Set<string>): void {
  unlinkSync(path);
  if (folders) folders.add(dirname(path));
  else syncFolder(dirname(path));
}

export function syncFolders(folders: Iterable<string>): void {
  for (const folder of folders) syncFolder(folder);
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

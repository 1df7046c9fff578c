/**
 * Keeping the index in step with the files: one directory walk with a stat per file, compared
 * folder by folder with the stamps the index holds; only what was added, changed or removed
 * is read. Folder by folder so that memory stays flat at 100,000 issues.
 */
import { monotonicMs } from '../../time.js';
import { bulkReadPacer } from '../memory.js';
import { join, sep } from 'node:path';
import { entityFolders, type RoadmapPaths } from '../layout.js';
import { readRecords } from './read-batches.js';
import { type FileToRead, readRecord } from './read-record.js';
import type { FileRecord } from './rows.js';
import type { SqliteIndex } from './sqlite-index.js';
import { addToPrint, type FolderPrint, isRacy, RACY_MS, type Stamp, stampHash } from './stamps.js';

/** A file to read, with the stat the walk saw. */
export interface StaleFile extends FileToRead {
  mtimeMs: number;
  size: number;
}

export interface Staleness {
  /** Added, or mtime or size differ: certainly changed. */
  changed: StaleFile[];
  /** Stamp unchanged, but read so soon after its mtime that a change could hide in the tick. */
  racy: StaleFile[];
  removed: string[];
  total: number;
}

export interface SyncReport {
  read: number;
  removed: number;
  total: number;
  ms: number;
}

/**
 * Compare the files with the index's stamps; `empty` treats the index as holding nothing. A
 * folder whose fingerprint matches and holds no racy stamps is unchanged as a whole; only the
 * others are compared file by file.
 */
export function staleness(paths: RoadmapPaths, index: SqliteIndex, empty = false): Staleness {
  const plan: Staleness = { changed: [], racy: [], removed: [], total: 0 };
  const prints = empty ? new Map<string, FolderPrint>() : index.folderPrints();
  const visited = new Set<string>();
  for (const [folder, files] of entityFolders(paths)) {
    visited.add(folder.rel);
    const seen: FolderPrint = { count: 0, sum: 0, xor: 0, racy: 0 };
    for (let i = 0; i < files.length; i++) addToPrint(seen, stampHash(files.name(i), files.mtime(i), files.size(i)), false, 1);
    const known = prints.get(folder.rel);
    if (known && known.count === seen.count && known.sum === seen.sum && known.xor === seen.xor) {
      plan.total += seen.count;
      // Unchanged as a whole; files read too soon after their last change are checked alone.
      if (known.racy > 0) for (const racy of index.racyIn(folder.rel)) plan.racy.push({ ...racy, kind: folder.kind, abs: folder.abs + sep + racy.name, rel: `${folder.rel}/${racy.name}` });
      continue;
    }
    const stamps = empty ? new Map<string, Stamp>() : index.stampsIn(folder.rel);
    for (let i = 0; i < files.length; i++) {
      const name = files.name(i);
      plan.total++;
      const stamp = stamps.get(name);
      stamps.delete(name);
      const stale = { kind: folder.kind, abs: folder.abs + sep + name, rel: `${folder.rel}/${name}`, mtimeMs: files.mtime(i), size: files.size(i) };
      if (!stamp || stamp.mtime !== stale.mtimeMs || stamp.size !== stale.size) plan.changed.push(stale);
      else if (isRacy(stamp)) plan.racy.push(stale);
    }
    for (const name of stamps.keys()) plan.removed.push(`${folder.rel}/${name}`);
  }
  for (const dir of prints.keys()) if (!visited.has(dir)) plan.removed.push(...index.pathsIn(dir));
  return plan;
}

/**
 * Racy files are read again outside any transaction and compared with their rows: unchanged
 * ones need no write (so readers do not queue for the write lock behind every writer); once
 * a file is older than the racy window its stamp is settled, when the index is not busy.
 * Returns the racy files that did change.
 */
function verifyRacy(index: SqliteIndex, racy: StaleFile[]): Set<string> {
  const changed = new Set<string>();
  const settled: FileRecord[] = [];
  for (const file of racy) {
    const record = readRecord(file);
    if (!record || !index.matches(record)) changed.add(file.rel);
    else if (Date.now() - record.mtime >= RACY_MS) settled.push(record);
  }
  if (settled.length > 0) index.tryWrite(() => settled.forEach((record) => index.settle(record.path, record.indexedAt)));
  return changed;
}

/**
 * Bring the index in line with the files, in one write transaction (readers keep seeing the
 * previous state until it commits). With `full`, the index is emptied and every file read.
 */
export function syncIndex(
  index: SqliteIndex,
  paths: RoadmapPaths,
  options: { full?: boolean; onProgress?: (done: number, total: number) => void } = {},
): SyncReport {
  if (options.full) return rebuildIndex(index, paths, options.onProgress);
  const started = monotonicMs();
  const plan = staleness(paths, index);
  const racyChanged = verifyRacy(index, plan.racy);
  let toRead = [...plan.changed, ...plan.racy.filter((f) => racyChanged.has(f.rel))];
  let toRemove = plan.removed;
  const report = () => ({ read: toRead.length, removed: toRemove.length, total: plan.total, ms: monotonicMs() - started });
  if (toRead.length === 0 && toRemove.length === 0) return report();
  index.write(() => {
    // Another process may have done the work while this one waited for the write lock.
    toRead = toRead.filter((file) => {
      const stamp = index.stampOf(file.rel);
      return racyChanged.has(file.rel) || !stamp || stamp.mtime !== file.mtimeMs || stamp.size !== file.size;
    });
    toRemove = toRemove.filter((path) => index.stampOf(path) !== undefined);
    for (const path of toRemove) index.remove(path);
    let done = 0;
    readRecords(toRead, (batch, read) => {
      batch.forEach((record, i) => (record ? index.apply(record) : index.remove(read[i]!.rel)));
      done += batch.length;
      options.onProgress?.(done, toRead.length);
    });
    index.setMeta('last_sync', JSON.stringify({ at: new Date().toISOString(), files: toRead.length, ms: Math.round(monotonicMs() - started) }));
  });
  return report();
}

/**
 * Empty the index and read every file, folder by folder as the walk finds them, so no list
 * of the whole project is ever held (a 100,000-file list kept the heap large for the whole
 * rebuild). The progress total is the index's previous file count, a fair guess.
 */
const REBUILD_BATCH = 500;

function rebuildIndex(index: SqliteIndex, paths: RoadmapPaths, onProgress?: (done: number, total: number) => void): SyncReport {
  const started = monotonicMs();
  const expected = index.counts().files ?? 0;
  let done = 0;
  const memory = bulkReadPacer();
  index.withSmallCache(() => index.write(() => {
    index.beginRebuild();
    for (const [folder, found] of entityFolders(paths)) {
      for (let i = 0; i < found.length; i += REBUILD_BATCH) {
        const files: FileToRead[] = [];
        for (let j = i; j < Math.min(i + REBUILD_BATCH, found.length); j++) {
          const name = found.name(j);
          files.push({ kind: folder.kind, abs: folder.abs + sep + name, rel: `${folder.rel}/${name}` });
        }
        readRecords(files, (batch) => {
          for (const record of batch) if (record) index.apply(record, true);
          done += batch.length;
          onProgress?.(done, Math.max(expected, done));
        });
        memory.read(files.length);
      }
    }
    index.finishRebuild();
    index.setMeta('last_rebuild', JSON.stringify({ at: new Date().toISOString(), files: done, ms: Math.round(monotonicMs() - started) }));
  }));
  return { read: done, removed: 0, total: done, ms: monotonicMs() - started };
}

/** Re-read just these paths (a watcher's batch): each is read again, or forgotten if gone. */
export function refreshPaths(index: SqliteIndex, paths: RoadmapPaths, rels: string[], kindOf: (rel: string) => FileToRead['kind'] | null): void {
  const files: FileToRead[] = [];
  for (const rel of rels) {
    const kind = kindOf(rel);
    if (kind) files.push({ kind, abs: join(paths.root, rel), rel });
  }
  if (files.length === 0) return;
  index.write(() => {
    readRecords(files, (batch, read) => batch.forEach((record, i) => (record ? index.apply(record) : index.remove(read[i]!.rel))));
  });
}

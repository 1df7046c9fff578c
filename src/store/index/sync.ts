/**
 * Keeping the index in step with the files: one directory walk with a stat per file, compared
 * with the stamps the index holds; only what was added, changed or removed is read.
 */
import { type EntityFile, listEntityFiles, type RoadmapPaths } from '../layout.js';
import { readRecords } from './parse-pool.js';
import type { FileToRead } from './read-record.js';
import type { SqliteIndex, Stamp } from './sqlite-index.js';

/**
 * A file read within this long after its mtime may have changed again in the same clock tick
 * without its mtime or size moving (git's "racily clean" problem): such files are read again
 * by a later check.
 */
const RACY_MS = 2000;

export interface Staleness {
  changed: FileToRead[];
  removed: string[];
  total: number;
}

export interface SyncReport extends Staleness {
  ms: number;
}

/** Changed for sure (`racy` false), or possibly changed unseen within one clock tick (`racy` true). */
export function isStale(file: Pick<EntityFile, 'mtimeMs' | 'size'>, stamp: Stamp | undefined, racy = true): boolean {
  if (!stamp || stamp.mtime !== file.mtimeMs || stamp.size !== file.size) return true;
  const age = stamp.indexedAt - stamp.mtime;
  return racy && age >= 0 && age < RACY_MS;
}

/**
 * What differs between the files and the index's stamps. With `racy` false, files read too
 * soon after their last change are not counted (for reports; syncing always re-reads them).
 */
export function staleness(paths: RoadmapPaths, stamps: Map<string, Stamp>, files = listEntityFiles(paths), racy = true): Staleness {
  const known = new Map(stamps);
  const changed: FileToRead[] = [];
  for (const file of files) {
    if (isStale(file, known.get(file.rel), racy)) changed.push({ kind: file.kind, abs: file.abs, rel: file.rel });
    known.delete(file.rel);
  }
  return { changed, removed: [...known.keys()], total: files.length };
}

/**
 * Bring the index in line with the files, in one write transaction (readers keep seeing the
 * previous state until it commits). With `full`, every file is read again.
 */
export function syncIndex(
  index: SqliteIndex,
  paths: RoadmapPaths,
  options: { full?: boolean; onProgress?: (done: number, total: number) => void } = {},
): SyncReport {
  const started = performance.now();
  const files = listEntityFiles(paths);
  let plan = staleness(paths, options.full ? new Map() : index.stamps(), files);
  if (!options.full && plan.changed.length === 0 && plan.removed.length === 0) return { ...plan, ms: performance.now() - started };
  index.write(() => {
    if (options.full) {
      index.reset();
    } else {
      // Another process may have done the work while this one waited for the write lock.
      plan = staleness(paths, index.stamps(), files);
    }
    for (const path of plan.removed) index.remove(path);
    let done = 0;
    readRecords(plan.changed, (batch, read) => {
      batch.forEach((record, i) => (record ? index.apply(record) : index.remove(read[i]!.rel)));
      done += batch.length;
      options.onProgress?.(done, plan.changed.length);
    });
    index.setMeta(options.full ? 'last_rebuild' : 'last_sync', JSON.stringify({ at: new Date().toISOString(), files: plan.changed.length, ms: Math.round(performance.now() - started) }));
  });
  return { ...plan, ms: performance.now() - started };
}

/** Re-read just these paths (a watcher's batch): each is read again, or forgotten if gone. */
export function refreshPaths(index: SqliteIndex, paths: RoadmapPaths, rels: string[], kindOf: (rel: string) => FileToRead['kind'] | null): void {
  const files: FileToRead[] = [];
  for (const rel of rels) {
    const kind = kindOf(rel);
    if (kind) files.push({ kind, abs: `${paths.root}/${rel}`, rel });
  }
  if (files.length === 0) return;
  index.write(() => {
    readRecords(files, (batch, read) => batch.forEach((record, i) => (record ? index.apply(record) : index.remove(read[i]!.rel))));
  });
}

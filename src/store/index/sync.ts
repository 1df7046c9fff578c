/**
 * Keeping the index in step with the files: one directory walk with a stat per file, compared
 * with the stamps the index holds; only what was added, changed or removed is read.
 */
import { type EntityFile, listEntityFiles, type RoadmapPaths } from '../layout.js';
import { readRecords } from './parse-pool.js';
import { type FileToRead, readRecord } from './read-record.js';
import type { FileRecord } from './rows.js';
import type { SqliteIndex, Stamp } from './sqlite-index.js';

/**
 * A file read within this long after its mtime may have changed again in the same clock tick
 * without its mtime or size moving (git's "racily clean" problem): such files are read again
 * by a later check.
 */
const RACY_MS = 2000;

export interface Staleness {
  /** Added, or mtime or size differ: certainly changed. */
  changed: FileToRead[];
  /** Stamp unchanged, but read so soon after its mtime that a change could hide in the tick. */
  racy: Array<FileToRead & { mtimeMs: number }>;
  removed: string[];
  total: number;
}

export interface SyncReport {
  read: number;
  removed: number;
  total: number;
  ms: number;
}

function isRacy(file: Pick<EntityFile, 'mtimeMs'>, stamp: Stamp): boolean {
  const age = stamp.indexedAt - stamp.mtime;
  return age >= 0 && age < RACY_MS;
}

export function staleness(paths: RoadmapPaths, stamps: Map<string, Stamp>, files = listEntityFiles(paths)): Staleness {
  const known = new Map(stamps);
  const changed: Staleness['changed'] = [];
  const racy: Staleness['racy'] = [];
  for (const file of files) {
    const stamp = known.get(file.rel);
    known.delete(file.rel);
    if (!stamp || stamp.mtime !== file.mtimeMs || stamp.size !== file.size) changed.push({ kind: file.kind, abs: file.abs, rel: file.rel });
    else if (isRacy(file, stamp)) racy.push({ kind: file.kind, abs: file.abs, rel: file.rel, mtimeMs: file.mtimeMs });
  }
  return { changed, racy, removed: [...known.keys()], total: files.length };
}

/**
 * Racy files are read again outside any transaction and compared with their rows: unchanged
 * ones need no write (so readers do not queue for the write lock behind every writer); once
 * a file is older than the racy window its stamp is settled, when the index is not busy.
 */
function verifyRacy(index: SqliteIndex, plan: Staleness): void {
  const settled: FileRecord[] = [];
  for (const file of plan.racy) {
    const record = readRecord(file);
    if (!record || !index.matches(record)) plan.changed.push(file);
    else if (Date.now() - record.mtime >= RACY_MS) settled.push(record);
  }
  plan.racy = [];
  if (settled.length > 0) index.tryWrite(() => settled.forEach((record) => index.settle(record.path, record.indexedAt)));
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
  if (!options.full) verifyRacy(index, plan);
  const report = () => ({ read: plan.changed.length, removed: plan.removed.length, total: plan.total, ms: performance.now() - started });
  if (!options.full && plan.changed.length === 0 && plan.removed.length === 0) return report();
  index.write(() => {
    if (options.full) {
      index.reset();
    } else {
      // Another process may have done the work while this one waited for the write lock.
      const again = staleness(paths, index.stamps(), files);
      const racy = new Set(plan.changed.map((f) => f.rel));
      plan = { ...again, changed: [...again.changed, ...again.racy.filter((f) => racy.has(f.rel))], racy: [] };
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
  return report();
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

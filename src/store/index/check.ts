/**
 * `index check`: read every file afresh and compare with what the index holds, row by row.
 * Also reports ids held by more than one file (FORMAT.md: each is listed, none is guessed).
 */
import { listEntityFiles, type RoadmapPaths } from '../layout.js';
import { readRecord } from './read-record.js';
import type { SqliteIndex } from './sqlite-index.js';

export interface Difference {
  path: string;
  problem: string;
}

export function checkIndex(index: SqliteIndex, paths: RoadmapPaths): Difference[] {
  const differences: Difference[] = [];
  for (const problem of index.quickCheck()) differences.push({ path: index.path, problem: `quick_check: ${problem}` });
  const unseen = new Set(index.paths());
  const ids = new Map<string, string[]>();
  for (const file of listEntityFiles(paths)) {
    const stamp = index.stampOf(file.rel);
    unseen.delete(file.rel);
    const fresh = readRecord(file);
    if (!fresh) continue;
    if (!stamp) {
      differences.push({ path: file.rel, problem: 'file is not in the index' });
      continue;
    }
    if (stamp.mtime !== fresh.mtime || stamp.size !== fresh.size) differences.push({ path: file.rel, problem: 'mtime or size differs from the index' });
    const stored = index.storedRecord(file.rel);
    const record = fresh.record;
    if (!record) {
      if (stored) differences.push({ path: file.rel, problem: `index has rows for a file that no longer parses (${fresh.problem?.message})` });
      continue;
    }
    if (!stored) {
      differences.push({ path: file.rel, problem: 'index has no rows for this file' });
      continue;
    }
    const expectedFields = record.kind === 'issue' ? record.row.fields : record.fields;
    if (stored.fields !== expectedFields) differences.push({ path: file.rel, problem: 'fields differ from the file' });
    if (record.kind === 'issue') {
      if (JSON.stringify(stored.labels) !== JSON.stringify(record.labels)) differences.push({ path: file.rel, problem: 'labels differ from the file' });
      if (JSON.stringify(stored.edges) !== JSON.stringify(record.edges)) differences.push({ path: file.rel, problem: 'dependencies differ from the file' });
      const list = ids.get(record.row.id) ?? [];
      list.push(file.rel);
      ids.set(record.row.id, list);
    }
  }
  for (const path of unseen) differences.push({ path, problem: 'index has a file that no longer exists' });
  for (const [id, holders] of ids) {
    if (holders.length > 1) differences.push({ path: holders.join(', '), problem: `id ${id} is held by ${holders.length} files` });
  }
  return differences;
}

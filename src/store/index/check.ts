/**
 * `index check`: read every file afresh and compare with what the index holds, row by row.
 * Also reports ids held by more than one file (FORMAT.md: each is listed, none is guessed).
 */
import { sep } from 'node:path';
import { entityFolders, type RoadmapPaths } from '../layout.js';
import { bulkReadPacer } from '../memory.js';
import { type FileToRead, readRecord } from './read-record.js';
import type { SqliteIndex } from './sqlite-index.js';

export interface Difference {
  path: string;
  problem: string;
}

/**
 * Folder by folder, holding only the folder at hand: the index's own count of each folder's
 * files tells whether any it holds are gone, and duplicate ids come from the index once every
 * row has been compared with its file.
 */
export function checkIndex(index: SqliteIndex, paths: RoadmapPaths): Difference[] {
  return index.withSmallCache(() => compareAll(index, paths));
}

function compareAll(index: SqliteIndex, paths: RoadmapPaths): Difference[] {
  const differences: Difference[] = [];
  for (const problem of index.quickCheck()) differences.push({ path: index.path, problem: `quick_check: ${problem}` });
  const indexedFolders = index.folderPrints();
  const memory = bulkReadPacer();
  for (const [folder, files] of entityFolders(paths)) {
    let indexed = 0;
    for (let i = 0; i < files.length; i++) {
      const name = files.name(i);
      const rel = `${folder.rel}/${name}`;
      const difference = compareFile(index, { kind: folder.kind, abs: folder.abs + sep + name, rel });
      memory.read(1);
      if (difference !== 'not indexed') indexed++;
      if (difference && difference !== 'gone') differences.push({ path: rel, problem: difference === 'not indexed' ? 'file is not in the index' : difference });
    }
    if (indexed < (indexedFolders.get(folder.rel)?.count ?? 0)) {
      const present = new Set(Array.from({ length: files.length }, (_, i) => files.name(i)));
      for (const path of index.pathsIn(folder.rel)) if (!present.has(path.slice(folder.rel.length + 1))) differences.push({ path, problem: 'index has a file that no longer exists' });
    }
    indexedFolders.delete(folder.rel);
  }
  for (const dir of indexedFolders.keys()) for (const path of index.pathsIn(dir)) differences.push({ path, problem: 'index has a file that no longer exists' });
  for (const { id, paths: holders } of index.duplicateIds()) differences.push({ path: holders.join(', '), problem: `id ${id} is held by ${holders.length} files` });
  return differences;
}

/** What differs between one file and its rows: null when nothing does. */
function compareFile(index: SqliteIndex, file: FileToRead): string | null {
  const stamp = index.stampOf(file.rel);
  const fresh = readRecord(file);
  if (!fresh) return stamp ? null : 'gone';
  if (!stamp) return 'not indexed';
  if (stamp.mtime !== fresh.mtime || stamp.size !== fresh.size) return 'mtime or size differs from the index';
  const stored = index.storedRecord(file.rel);
  const record = fresh.record;
  if (!record) return stored ? `index has rows for a file that no longer parses (${fresh.problem?.message})` : null;
  if (!stored) return 'index has no rows for this file';
  const expectedFields = record.kind === 'issue' ? record.row.fields : record.fields;
  if (stored.fields !== expectedFields) return 'fields differ from the file';
  if (record.kind === 'issue') {
    // The columns queries filter and sort on are derived from the fields; they must agree too.
    const row = index.storedIssueRow(file.rel) ?? {};
    const wrong = Object.entries(record.row).filter(([column, value]) => column !== 'fields' && (row[column] ?? null) !== (value ?? null)).map(([column]) => column);
    if (wrong.length > 0) return `${wrong.join(', ')} ${wrong.length === 1 ? 'differs' : 'differ'} from the file`;
    if (JSON.stringify(stored.labels) !== JSON.stringify(record.labels)) return 'labels differ from the file';
    if (JSON.stringify(stored.edges) !== JSON.stringify(record.edges)) return 'dependencies differ from the file';
  }
  return null;
}

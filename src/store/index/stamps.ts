/**
 * A file's stamp (mtime and size when it was read) and what the freshness check derives from
 * stamps: which are racy, and a fingerprint of a whole folder.
 */

export interface Stamp {
  mtime: number;
  size: number;
  indexedAt: number;
}

/**
 * A file read within this long after its mtime may have changed again in the same clock tick
 * without its mtime or size moving (git's "racily clean" problem): such files are read again
 * by a later check.
 */
export const RACY_MS = 2000;

/** The same test in SQL, as the partial index files_racy spells it (so the planner uses it). */
export const RACY_SQL = `indexed_at - mtime >= 0 AND indexed_at - mtime < ${RACY_MS}`;

export function isRacy(stamp: Stamp): boolean {
  const age = stamp.indexedAt - stamp.mtime;
  return age >= 0 && age < RACY_MS;
}

/**
 * A 32-bit FNV-1a mix of a file's name, mtime and size. A folder's fingerprint is the count, sum and
 * xor of its files' hashes: kept up to date row by row in the index, and computed from the
 * walk's stats, it tells in one comparison that nothing in a folder changed.
 */
export function stampHash(name: string, mtime: number, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  // mtime in microseconds is an exact integer below 2^53: mix in both 32-bit halves.
  const micros = Math.round(mtime * 1000);
  hash = Math.imul(hash ^ (micros % 0x100000000), 0x01000193);
  hash = Math.imul(hash ^ Math.floor(micros / 0x100000000), 0x01000193);
  hash = Math.imul(hash ^ (size % 0x100000000), 0x01000193);
  return hash >>> 0;
}

export interface FolderPrint {
  count: number;
  sum: number;
  xor: number;
  /** Files whose stamps are racy: the folder must be checked file by file. */
  racy: number;
}

export function addToPrint(print: FolderPrint, hash: number, racy: boolean, sign: 1 | -1): void {
  print.count += sign;
  print.sum = (print.sum + sign * hash) >>> 0;
  print.xor = (print.xor ^ hash) >>> 0;
  if (racy) print.racy += sign;
}

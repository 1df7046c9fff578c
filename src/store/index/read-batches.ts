/**
 * Reading many files for the index, a batch at a time, so memory stays flat however many
 * files there are. One thread: with js-yaml parsing a file in about 20 µs, worker threads no
 * longer paid for themselves (10,000 files: 1.76 s with two workers, 1.63 s without) and cost
 * about 40 MiB of memory each.
 */
import { type FileToRead, readRecord } from './read-record.js';
import type { FileRecord } from './rows.js';

const BATCH = 200;

/** Read every file and hand each record (null for a file that vanished) to `consume`. */
export function readRecords(files: FileToRead[], consume: (batch: Array<FileRecord | null>, files: FileToRead[]) => void): void {
  for (let i = 0; i < files.length; i += BATCH) {
    const slice = files.slice(i, i + BATCH);
    consume(slice.map(readRecord), slice);
  }
}

import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { parseEntity } from '../entity.js';
import { FrontMatterError } from '../frontmatter.js';
import type { EntityKind } from '../layout.js';
import { type FileRecord, recordFor } from './rows.js';

export interface FileToRead {
  kind: EntityKind;
  abs: string;
  rel: string;
}

/**
 * Read one file for the index. The stamp comes from the same open file the text was read
 * from, so the index never pairs new text with an old mtime. Null when the file is gone.
 */
export function readRecord(file: FileToRead): FileRecord | null {
  let fd: number;
  try {
    fd = openSync(file.abs, 'r');
  } catch {
    return null;
  }
  let text: string;
  let mtime: number;
  let size: number;
  try {
    const stat = fstatSync(fd);
    mtime = stat.mtimeMs;
    size = stat.size;
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const base = { path: file.rel, kind: file.kind, mtime, size, indexedAt: Date.now() };
  try {
    const { fields, body } = parseEntity(file.kind, text);
    return { ...base, record: recordFor(file.kind, file.rel, fields, body) };
  } catch (error) {
    if (error instanceof FrontMatterError) return { ...base, problem: { line: error.line, message: error.message } };
    return { ...base, problem: { line: 1, message: (error as Error).message } };
  }
}

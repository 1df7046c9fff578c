import type { IO } from '../io.js';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: unknown): string {
  const text = value == null ? '' : Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeCsv<Row>(io: IO, header: readonly string[], rows: Iterable<Row>, cells: (row: Row) => unknown[]): number {
  io.out(header.map(csvField).join(',') + '\r\n');
  let count = 0;
  for (const row of rows) {
    io.out(cells(row).map(csvField).join(',') + '\r\n');
    count++;
  }
  return count;
}

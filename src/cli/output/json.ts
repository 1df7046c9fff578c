import type { IO } from '../io.js';

/** A JSON array written one element at a time, so a long list never sits in memory whole. */
export function writeJsonArray<Row>(io: IO, rows: Iterable<Row>, toJson: (row: Row) => unknown): number {
  let count = 0;
  for (const row of rows) {
    io.out((count === 0 ? '[\n' : ',\n') + indent(JSON.stringify(toJson(row), null, 2)));
    count++;
  }
  io.out(count === 0 ? '[]\n' : '\n]\n');
  return count;
}

export function writeJson(io: IO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

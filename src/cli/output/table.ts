import type { IO } from '../io.js';
import { paint, type Style } from './color.js';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  style?: (row: Row) => Style | undefined;
  /** The column that gives up width when the terminal is narrow (the title). */
  flex?: boolean;
  /** Widest it may grow, so one long assignee cannot push the title off screen. */
  max?: number;
  align?: 'right';
}

const BREAKS = /[\t\r\n]/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Visible width: code points, tabs and newlines flattened to spaces. */
export function clean(text: string): string {
  return BREAKS.test(text) ? text.replace(/[\t\r\n]+/g, ' ') : text;
}

/** Code points; most cells have no surrogate pairs, and then that is the length. */
function width(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (width(text) <= max) return text;
  return [...text].slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * Aligned columns. On a terminal the table fits its width: capped columns first, then the flex
 * column is cut with an ellipsis. In a pipe nothing is cut, so `grep` sees whole titles.
 * Widths come from the first `sample` rows, so a long list streams without being held. Each
 * cell is cleaned once and lines are built by concatenation: this runs once per row, and a
 * list of 5,000 rows is a common answer.
 */
export function writeTable<Row>(io: IO, columns: Column<Row>[], rows: Iterable<Row>, sample = 500): number {
  const GAP = '  ';
  const n = columns.length;
  const cellsOf = (row: Row): string[] => {
    const cells = new Array<string>(n);
    for (let i = 0; i < n; i++) cells[i] = clean(columns[i]!.value(row));
    return cells;
  };
  const head: Array<{ row: Row; cells: string[] }> = [];
  const iterator = rows[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done && head.length < sample) {
    head.push({ row: next.value, cells: cellsOf(next.value) });
    next = iterator.next();
  }
  const widths = columns.map((column, i) => {
    let w = width(column.header);
    for (const { cells } of head) w = Math.max(w, width(cells[i]!));
    return column.max && io.isTTY ? Math.min(w, column.max) : w;
  });
  if (io.isTTY && io.columns > 0) {
    const total = widths.reduce((a, b) => a + b, 0) + GAP.length * (n - 1);
    const flex = columns.findIndex((c) => c.flex);
    if (total > io.columns && flex !== -1) widths[flex] = Math.max(10, widths[flex]! - (total - io.columns));
  }
  const line = (cells: string[], row: Row | undefined): string => {
    let text = '';
    for (let i = 0; i < n; i++) {
      const limit = widths[i]!;
      // In a pipe nothing is cut: a row past the sample that is wider simply sticks out.
      const cell = io.isTTY ? truncate(cells[i]!, limit) : cells[i]!;
      const pad = limit - width(cell);
      const padded = pad <= 0 ? cell : columns[i]!.align === 'right' ? ' '.repeat(pad) + cell : i === n - 1 ? cell : cell + ' '.repeat(pad);
      if (i > 0) text += GAP;
      text += io.color ? paint(true, row === undefined ? 'bold' : columns[i]!.style?.(row), padded) : padded;
    }
    return text.trimEnd() + '\n';
  };
  io.out(line(columns.map((c) => c.header), undefined));
  let count = 0;
  for (const { row, cells } of head) {
    io.out(line(cells, row));
    count++;
  }
  while (!next.done) {
    io.out(line(cellsOf(next.value), next.value));
    count++;
    next = iterator.next();
  }
  return count;
}

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

/** Visible width: code points, tabs and newlines flattened to spaces. */
export function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

function width(text: string): number {
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
 * Widths come from the first `sample` rows, so a long list streams without being held.
 */
export function writeTable<Row>(io: IO, columns: Column<Row>[], rows: Iterable<Row>, sample = 500): number {
  const gap = 2;
  const head: Row[] = [];
  const iterator = rows[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done && head.length < sample) {
    head.push(next.value);
    next = iterator.next();
  }
  const widths = columns.map((column) => {
    let w = width(column.header);
    for (const row of head) w = Math.max(w, width(clean(column.value(row))));
    return column.max && io.isTTY ? Math.min(w, column.max) : w;
  });
  if (io.isTTY && io.columns > 0) {
    const total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
    const flex = columns.findIndex((c) => c.flex);
    if (total > io.columns && flex !== -1) widths[flex] = Math.max(10, widths[flex]! - (total - io.columns));
  }
  const line = (cells: string[], styles: Array<Style | undefined>): string => {
    const parts = cells.map((cell, i) => {
      const limit = widths[i]!;
      const text = io.isTTY || columns[i]!.max === undefined ? truncate(cell, limit) : cell;
      const last = i === cells.length - 1;
      const pad = ' '.repeat(Math.max(0, limit - width(text)));
      const padded = columns[i]!.align === 'right' ? pad + text : last ? text : text + pad;
      return paint(io.color, styles[i], padded);
    });
    return parts.join(' '.repeat(gap)).trimEnd() + '\n';
  };
  io.out(line(columns.map((c) => c.header), columns.map(() => 'bold' as Style)));
  let count = 0;
  const emit = (row: Row) => {
    io.out(line(columns.map((c) => clean(c.value(row))), columns.map((c) => c.style?.(row))));
    count++;
  };
  for (const row of head) emit(row);
  while (!next.done) {
    emit(next.value);
    next = iterator.next();
  }
  return count;
}

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

const BREAKS = /[\t\r\n]+/g;
/** What makes a cell more than its characters: line breaks to flatten, surrogate pairs to count. */
const NEEDS_CARE = /[\t\r\n\uD800-\uDFFF]/;
const GAP = '  ';

/** Visible text: tabs and newlines flattened to spaces. */
export function clean(text: string): string {
  return text.replace(BREAKS, ' ');
}

/** Visible width in code points. */
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
 * A row's cells, cleaned, with their widths beside them. Most cells need no care, and then
 * the text is the value and the width its length: one regular expression test per cell.
 */
class Cells {
  readonly text: string[];
  readonly widths: number[];

  constructor(n: number) {
    this.text = new Array<string>(n);
    this.widths = new Array<number>(n);
  }

  static of(values: string[]): Cells {
    const cells = new Cells(values.length);
    values.forEach((value, i) => cells.set(i, value));
    return cells;
  }

  fill<Row>(columns: Column<Row>[], row: Row): this {
    for (let i = 0; i < columns.length; i++) this.set(i, columns[i]!.value(row));
    return this;
  }

  private set(i: number, value: string): void {
    if (NEEDS_CARE.test(value)) {
      const text = clean(value);
      this.text[i] = text;
      this.widths[i] = width(text);
    } else {
      this.text[i] = value;
      this.widths[i] = value.length;
    }
  }
}

/** Runs of spaces, made once per length: a table pads every cell of every row. */
class Spaces {
  private readonly runs: string[] = [''];

  of(n: number): string {
    while (this.runs.length <= n) this.runs.push(this.runs[this.runs.length - 1]! + ' ');
    return this.runs[n]!;
  }
}

/**
 * Aligned columns. On a terminal the table fits its width: capped columns first, then the flex
 * column is cut with an ellipsis. In a pipe nothing is cut, so `grep` sees whole titles.
 * Widths come from the first `sample` rows, so a long list streams without being held.
 * This runs once per row, and a list of 5,000 rows is a common answer: each cell is measured
 * once and the rows after the sample reuse one set of cells.
 */
export function writeTable<Row>(io: IO, columns: Column<Row>[], rows: Iterable<Row>, sample = 500): number {
  const n = columns.length;
  const head: Array<{ row: Row; cells: Cells }> = [];
  const iterator = rows[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done && head.length < sample) {
    head.push({ row: next.value, cells: new Cells(n).fill(columns, next.value) });
    next = iterator.next();
  }
  const widths = columns.map((column, i) => {
    let w = width(column.header);
    for (const { cells } of head) w = Math.max(w, cells.widths[i]!);
    return column.max && io.isTTY ? Math.min(w, column.max) : w;
  });
  if (io.isTTY && io.columns > 0) {
    const total = widths.reduce((a, b) => a + b, 0) + GAP.length * (n - 1);
    const flex = columns.findIndex((c) => c.flex);
    if (total > io.columns && flex !== -1) widths[flex] = Math.max(10, widths[flex]! - (total - io.columns));
  }
  const spaces = new Spaces();
  // What a line shows of each cell, cut to fit on a terminal; reused from line to line.
  const shown = new Cells(n);
  const writeLine = (cells: Cells, row: Row | undefined): void => {
    for (let i = 0; i < n; i++) {
      const limit = widths[i]!;
      // In a pipe nothing is cut: a row past the sample that is wider simply sticks out.
      if (io.isTTY && cells.widths[i]! > limit) {
        shown.text[i] = truncate(cells.text[i]!, limit);
        shown.widths[i] = width(shown.text[i]!);
      } else {
        shown.text[i] = cells.text[i]!;
        shown.widths[i] = cells.widths[i]!;
      }
    }
    // A line has no trailing blanks: not the padding of empty cells, nor a last cell's own.
    let last = n - 1;
    while (last >= 0 && shown.text[last]!.trim() === '') last--;
    let text = '';
    for (let i = 0; i <= last; i++) {
      const cell = i === last ? shown.text[i]!.trimEnd() : shown.text[i]!;
      const limit = widths[i]!;
      const pad = limit > shown.widths[i]! ? spaces.of(limit - shown.widths[i]!) : '';
      const padded = columns[i]!.align === 'right' ? pad + cell : i === last ? cell : cell + pad;
      if (i > 0) text += GAP;
      text += io.color ? paint(true, row === undefined ? 'bold' : columns[i]!.style?.(row), padded) : padded;
    }
    io.out(text + '\n');
  };
  writeLine(Cells.of(columns.map((c) => c.header)), undefined);
  let count = 0;
  for (const { row, cells } of head) {
    writeLine(cells, row);
    count++;
  }
  const reused = new Cells(n);
  while (!next.done) {
    writeLine(reused.fill(columns, next.value), next.value);
    count++;
    next = iterator.next();
  }
  return count;
}

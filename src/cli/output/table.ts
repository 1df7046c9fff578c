import type { IO } from '../io.js';
import { paint, type Style } from './color.js';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  style?: (row: Row) => Style | undefined;
  /** The column that gives up width first when the terminal is narrow (the title, the name). */
  flex?: boolean;
  /** Widest it may grow, so one long assignee cannot push the title off screen. */
  max?: number;
  align?: 'right';
  /**
   * On a terminal too narrow for every column without cutting a header, columns with a drop
   * order are left out, lowest first, rather than all cut to a few useless characters.
   */
  dropOrder?: number;
}

const BREAKS = /[\t\r\n]+/g;
/**
 * What makes a cell more than its characters: line breaks to flatten, and characters that do
 * not take one column of a terminal (combining marks, wide East Asian characters, emoji,
 * which come as surrogate pairs).
 */
const NEEDS_CARE = /[\t\r\n\u0300-\u036f\u1100-\u115f\u200b-\u200f\u2300-\u2bff\u2e80-\ua4cf\uac00-\ud7a3\ud800-\udfff\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
/** Emoji drawn as pictures by default (✅, 🟢, 🚀): two columns, as terminals draw them. */
const EMOJI = /\p{Emoji_Presentation}/u;
const GAP = '  ';
/** A flex column is not cut below this, a capped one not below CAPPED_FLOOR. */
const FLEX_FLOOR = 10;
const CAPPED_FLOOR = 4;

/** Visible text: tabs and newlines flattened to spaces. */
export function clean(text: string): string {
  return text.replace(BREAKS, ' ');
}

/** Columns a character takes on a terminal: 0 for combining marks, 2 for wide ones. */
function columnsOf(char: string): number {
  const code = char.codePointAt(0)!;
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return code >= 0x2300 && EMOJI.test(char) ? 2 : 1;
}

/** Visible width: the columns of a terminal the text takes. */
export function width(text: string): number {
  let n = 0;
  for (const char of text) n += columnsOf(char);
  return n;
}

/** At most `max` columns of the text, with an ellipsis where it was cut (not after a blank). */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (width(text) <= max) return text;
  let kept = '';
  let used = 0;
  for (const char of text) {
    const w = columnsOf(char);
    if (used + w > max - 1) break;
    kept += char;
    used += w;
  }
  return kept.trimEnd() + '…';
}

/**
 * Narrow the columns until the table fits the terminal: each step takes one column from the
 * column with the most to give above its floor (the flex column first, as it is usually the
 * widest, then the capped ones). Columns with neither never shrink.
 */
function fitTo(limit: number, widths: number[], columns: Array<Pick<Column<unknown>, 'flex' | 'max'>>): void {
  const floors = columns.map((c, i) => (c.flex ? FLEX_FLOOR : c.max ? CAPPED_FLOOR : widths[i]!));
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1) - limit;
  while (excess > 0) {
    let giver = -1;
    for (let i = 0; i < widths.length; i++) {
      const room = widths[i]! - floors[i]!;
      if (room > 0 && (giver === -1 || room > widths[giver]! - floors[giver]! || (room === widths[giver]! - floors[giver]! && columns[i]!.flex))) giver = i;
    }
    if (giver === -1) return;
    widths[giver]!--;
    excess--;
  }
}

/**
 * The columns a terminal of `limit` columns shows, and their widths (set in `widths`): all of
 * them, narrowed, unless that overflows or cuts a column narrower than its header (`ASSIG…`
 * tells nobody anything); then those with a drop order are left out, lowest first, until not.
 */
function fitColumns(limit: number, widths: number[], columns: Array<Pick<Column<unknown>, 'header' | 'flex' | 'max' | 'dropOrder'>>): number[] {
  const droppable = columns
    .flatMap((column, i) => (column.dropOrder === undefined ? [] : [{ i, order: column.dropOrder }]))
    .sort((a, b) => a.order - b.order);
  let visible = columns.map((_, i) => i);
  for (;;) {
    const trial = visible.map((i) => widths[i]!);
    fitTo(limit, trial, visible.map((i) => columns[i]!));
    const total = trial.reduce((a, b) => a + b, 0) + GAP.length * (visible.length - 1);
    const stubbed = visible.some((i, k) => trial[k]! < Math.min(width(columns[i]!.header), widths[i]!));
    if ((total <= limit && !stubbed) || droppable.length === 0) {
      visible.forEach((i, k) => (widths[i] = trial[k]!));
      return visible;
    }
    const dropped = droppable.shift()!.i;
    visible = visible.filter((i) => i !== dropped);
  }
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
 * Aligned columns, measured in terminal columns (wide characters take two). On a terminal the
 * table fits its width: capped columns stop at their cap, then the flex and capped columns
 * give up width (fitTo) and their cells are cut with an ellipsis. In a pipe nothing is cut,
 * so `grep` sees whole titles.
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
  const visible = io.isTTY && io.columns > 0 ? fitColumns(io.columns, widths, columns) : columns.map((_, i) => i);
  const spaces = new Spaces();
  // What a line shows of each cell, cut to fit on a terminal; reused from line to line.
  const shown = new Cells(n);
  const writeLine = (cells: Cells, row: Row | undefined): void => {
    for (const i of visible) {
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
    let last = visible.length - 1;
    while (last >= 0 && shown.text[visible[last]!]!.trim() === '') last--;
    let text = '';
    for (let k = 0; k <= last; k++) {
      const i = visible[k]!;
      const cell = k === last ? shown.text[i]!.trimEnd() : shown.text[i]!;
      const limit = widths[i]!;
      const pad = limit > shown.widths[i]! ? spaces.of(limit - shown.widths[i]!) : '';
      const padded = columns[i]!.align === 'right' ? pad + cell : k === last ? cell : cell + pad;
      if (k > 0) text += GAP;
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

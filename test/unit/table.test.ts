import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { captureIO } from '../../src/cli/io.js';
import { type Column, writeTable } from '../../src/cli/output/table.js';

interface Row {
  title: string;
  who: string;
}

const COLUMNS: Column<Row>[] = [
  { header: 'TITLE', value: (r) => r.title, flex: true },
  { header: 'WHO', value: (r) => r.who, max: 8 },
  { header: 'N', value: () => '1', align: 'right' },
];

test('in a pipe nothing is cut, not even a row past the sample that is wider than the rest', () => {
  const rows: Row[] = [{ title: 'short', who: 'ann' }, { title: 'a much longer title than the sample had', who: 'someone-with-a-long-name' }];
  const io = captureIO();
  assert.equal(writeTable(io, COLUMNS, rows, 1), 2);
  const lines = io.stdout().split('\n');
  assert.equal(lines[0], 'TITLE  WHO  N');
  assert.equal(lines[1], 'short  ann  1');
  assert.equal(lines[2], 'a much longer title than the sample had  someone-with-a-long-name  1');
});

test('on a terminal cells are cut to fit, capped columns first, with an ellipsis; tabs and newlines become spaces', () => {
  const rows: Row[] = [{ title: 'a title\twith a tab and\na newline that goes on and on', who: 'someone-with-a-long-name' }];
  const io = captureIO({ isTTY: true, columns: 30 });
  writeTable(io, COLUMNS, rows);
  const lines = io.stdout().split('\n');
  assert.ok(lines.every((line) => [...line].length <= 30), JSON.stringify(lines));
  assert.equal(lines[1], 'a title with a t…  someone…  1');
});

test('widths count code points, so emoji and accents line up', () => {
  const io = captureIO();
  writeTable(io, COLUMNS, [{ title: 'café 🚀', who: 'zoë' }, { title: 'plain', who: 'bob' }]);
  const lines = io.stdout().split('\n');
  assert.equal(lines[1], 'café 🚀  zoë  1');
  assert.equal(lines[2], 'plain   bob  1');
});

/** The table as first written, plainly: the rules the faster one must keep. */
function referenceTable(columns: Column<string[]>[], rows: string[][], isTTY: boolean, termColumns: number, sample: number): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const width = (s: string) => [...s].length;
  const cut = (s: string, max: number) => (max <= 0 ? '' : width(s) <= max ? s : [...s].slice(0, Math.max(0, max - 1)).join('') + '…');
  const cells = rows.map((row) => columns.map((c) => clean(c.value(row))));
  const widths = columns.map((c, i) => {
    const w = Math.max(width(c.header), ...cells.slice(0, sample).map((r) => width(r[i]!)));
    return c.max && isTTY ? Math.min(w, c.max) : w;
  });
  if (isTTY && termColumns > 0) {
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
    const flex = columns.findIndex((c) => c.flex);
    if (total > termColumns && flex !== -1) widths[flex] = Math.max(10, widths[flex]! - (total - termColumns));
  }
  const line = (texts: string[]) =>
    texts
      .map((text, i) => {
        const cell = isTTY ? cut(text, widths[i]!) : text;
        const pad = ' '.repeat(Math.max(0, widths[i]! - width(cell)));
        return columns[i]!.align === 'right' ? pad + cell : i === texts.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd() + '\n';
  return line(columns.map((c) => c.header)) + cells.map(line).join('');
}

test('any rows, on a terminal or not, come out as the plain rules say', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', 'é', '🚀', '\u00a0', '-'), maxLength: 30 });
  fc.assert(
    fc.property(
      fc.array(fc.record({ max: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), right: fc.boolean(), flex: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.array(text, { minLength: 5, maxLength: 5 }), { maxLength: 12 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 80 }),
      fc.integer({ min: 1, max: 6 }),
      (specs, rows, isTTY, termColumns, sample) => {
        const columns: Column<string[]>[] = specs.map((spec, i) => ({
          header: `H${i}`,
          value: (row) => row[i]!,
          max: spec.max,
          align: spec.right ? 'right' : undefined,
          flex: spec.flex && i === specs.findIndex((s) => s.flex),
        }));
        const io = captureIO({ isTTY, columns: termColumns });
        writeTable(io, columns, rows, sample);
        assert.equal(io.stdout(), referenceTable(columns, rows, isTTY, termColumns, sample));
      },
    ),
    { numRuns: 300 },
  );
});

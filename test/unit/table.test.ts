import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { captureIO } from '../../src/cli/io.js';
import { type Column, width, writeTable } from '../../src/cli/output/table.js';

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

test('widths are terminal columns: accents take one, emoji and East Asian characters two', () => {
  const io = captureIO();
  writeTable(io, COLUMNS, [{ title: 'café 🚀', who: 'zoë' }, { title: 'plain', who: 'bob' }, { title: '日本語', who: 'ann' }]);
  const lines = io.stdout().split('\n');
  assert.equal(lines[1], 'café 🚀  zoë  1');
  assert.equal(lines[2], 'plain    bob  1');
  assert.equal(lines[3], '日本語   ann  1');
  assert.equal(width('e\u0301'), 1, 'a combining accent takes no column');
  for (const [text, columns] of [['✅', 2], ['🟢', 2], ['🚀', 2], ['語', 2], ['☀', 1], ['░█', 2], ['→', 1], ['é', 1]] as const) {
    assert.equal(width(text), columns, text);
  }
});

test('on a narrow terminal every column that may shrink gives up width, down to its floor', () => {
  const columns: Column<Row>[] = [
    { header: 'TITLE', value: (r) => r.title, flex: true },
    { header: 'WHO', value: (r) => r.who, max: 16 },
    { header: 'ID', value: () => '12345678' },
  ];
  const rows = [{ title: 'a title long enough to need cutting on any terminal', who: 'someone-with-a-long-name' }];
  for (const termColumns of [60, 40, 30, 26]) {
    const io = captureIO({ isTTY: true, columns: termColumns });
    writeTable(io, columns, rows);
    for (const line of io.stdout().split('\n')) assert.ok(width(line) <= termColumns, `${termColumns}: ${line}`);
  }
  const io = captureIO({ isTTY: true, columns: 10 });
  writeTable(io, columns, rows);
  assert.equal(io.stdout().split('\n')[1], 'a title l…  som…  12345678', 'no column goes below its floor');
});

test('on a terminal too narrow for every column, those with a drop order are left out, lowest first, and only then', () => {
  const columns: Column<Row>[] = [
    { header: 'TITLE', value: (r) => r.title, flex: true },
    { header: 'WHO', value: (r) => r.who, max: 16, dropOrder: 2 },
    { header: 'ID', value: () => '12345678' },
    { header: 'WHERE', value: () => 'milestone-one', dropOrder: 1 },
  ];
  const rows = [{ title: 'a title long enough to need cutting', who: 'someone-long' }];
  const table = (termColumns: number) => {
    const io = captureIO({ isTTY: true, columns: termColumns });
    writeTable(io, columns, rows);
    return io.stdout().split('\n').slice(0, 2);
  };
  assert.deepEqual(table(60), ['TITLE                  WHO           ID        WHERE', 'a title long enough…   someone-long  12345678  milestone-one'], 'cut, not dropped, while it fits');
  assert.deepEqual(table(40), ['TITLE              WHO          ID', 'a title long eno…  someone-lo…  12345678'], 'the lowest drop order goes first');
  assert.deepEqual(table(30), ['TITLE         WHO     ID', 'a title lon…  someo…  12345678'], 'the rest shrink as before');
  assert.deepEqual(table(20), ['TITLE       ID', 'a title l…  12345678'], 'then the next drop order');
  assert.deepEqual(table(10), ['TITLE       ID', 'a title l…  12345678'], 'columns without a drop order stay, even too wide');
  const pipe = captureIO();
  writeTable(pipe, columns, rows);
  assert.equal(pipe.stdout().split('\n')[1], 'a title long enough to need cutting  someone-long  12345678  milestone-one', 'a pipe gets every column');
});

test('a column is left out before any column would be cut narrower than its header', () => {
  interface Card { title: string; who: string; where: string }
  const columns: Column<Card>[] = [
    { header: 'TITLE', value: (r) => r.title, flex: true },
    { header: 'ASSIGNEE', value: (r) => r.who, max: 16, dropOrder: 2 },
    { header: 'MILESTONE', value: (r) => r.where, max: 16, dropOrder: 1 },
  ];
  const table = (termColumns: number) => {
    const io = captureIO({ isTTY: true, columns: termColumns });
    writeTable(io, columns, [{ title: 'Parse YAML front matter', who: 'alexandra', where: 'v1.2.0-beta' }]);
    return io.stdout().split('\n').slice(0, 2);
  };
  assert.deepEqual(table(36), ['TITLE           ASSIGNEE   MILESTONE', 'Parse YAML fr…  alexandra  v1.2.0-b…'], 'cells cut, headers whole');
  // At 30 all three fit only as `ASSI…  MILE…`: the milestone goes, and the rest read whole.
  assert.deepEqual(table(30), ['TITLE                ASSIGNEE', 'Parse YAML front m…  alexandra']);
});

/** The table in a pipe as first written, plainly: the rules the faster one must keep. */
function referenceTable(columns: Column<string[]>[], rows: string[][], sample: number): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const cells = rows.map((row) => columns.map((c) => clean(c.value(row))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.slice(0, sample).map((r) => width(r[i]!))));
  const line = (texts: string[]) =>
    texts
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - width(cell)));
        return columns[i]!.align === 'right' ? pad + cell : i === texts.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd() + '\n';
  return line(columns.map((c) => c.header)) + cells.map(line).join('');
}

test('any rows: in a pipe exactly as the plain rules say; on a terminal within its width when that is possible', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', 'é', '🚀', '\u00a0', '-', '語'), maxLength: 30 });
  fc.assert(
    fc.property(
      fc.array(fc.record({ max: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), right: fc.boolean(), flex: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.array(text, { minLength: 5, maxLength: 5 }), { maxLength: 12 }),
      fc.integer({ min: 0, max: 80 }),
      fc.integer({ min: 1, max: 6 }),
      (specs, rows, termColumns, sample) => {
        const columns: Column<string[]>[] = specs.map((spec, i) => ({
          header: `H${i}`,
          value: (row) => row[i]!,
          max: spec.max,
          align: spec.right ? 'right' : undefined,
          flex: spec.flex && i === specs.findIndex((s) => s.flex),
        }));
        const pipe = captureIO();
        writeTable(pipe, columns, rows, sample);
        assert.equal(pipe.stdout(), referenceTable(columns, rows, sample));
        const terminal = captureIO({ isTTY: true, columns: termColumns });
        writeTable(terminal, columns, rows, rows.length);
        // Only columns that may shrink do: the table fits unless the others alone are too wide.
        const rigid = columns.reduce((sum, c, i) => sum + (c.flex ? 10 : c.max ? Math.min(c.max, 4) : Math.max(width(c.header), ...rows.map((r) => width(r[i]!.replace(/[\t\r\n]+/g, ' ')))) ), 0) + 2 * (columns.length - 1);
        if (termColumns > 0 && rigid <= termColumns) {
          for (const line of terminal.stdout().split('\n')) assert.ok(width(line) <= termColumns, JSON.stringify(line));
        }
      },
    ),
    { numRuns: 300 },
  );
});

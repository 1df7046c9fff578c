import assert from 'node:assert/strict';
import { test } from 'node:test';
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

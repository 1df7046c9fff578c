import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type FolderFiles, type FolderScan, scanFolder, scanInJavaScript, scannerName, scanNatively } from '../../src/store/folder-scan.js';
import { tempDir } from '../helpers.js';

function entries(files: FolderFiles): Array<[string, number, number]> {
  return Array.from({ length: files.length }, (_, i) => [files.name(i), files.mtime(i), files.size(i)]);
}

/** Entries in name order, so the two scans compare whatever order readdir gave. */
function sorted(scan: FolderScan | null | undefined): unknown {
  if (!scan) return scan;
  const files = entries(scan.files).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { files, folders: [...scan.folders].sort() };
}

test('the native scanner is built at install (better-sqlite3 needs the same compiler)', () => {
  assert.equal(scannerName(), 'native');
});

test('native and JavaScript scans agree on every kind of entry, to the last bit of mtime', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.md'), 'a');
  writeFileSync(join(dir, 'b.md'), 'bbbb');
  writeFileSync(join(dir, 'é-ü 雪.md'), 'unicode');
  writeFileSync(join(dir, '.hidden.md'), 'editor scratch');
  writeFileSync(join(dir, 'backup.md~'), 'editor backup');
  writeFileSync(join(dir, 'notes.txt'), 'not an entity');
  mkdirSync(join(dir, 'v1-0'));
  writeFileSync(join(dir, 'v1-0', 'inner.md'), 'in a sub-folder');
  mkdirSync(join(dir, '.git'));
  symlinkSync('a.md', join(dir, 'link.md'));
  symlinkSync('v1-0', join(dir, 'folder-link'));
  symlinkSync('v1-0', join(dir, 'folder-link.md'));
  symlinkSync('missing.md', join(dir, 'dangling.md'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.md')]).status, 0);
  // Sub-millisecond mtimes: the two must compute mtimeMs with the same arithmetic.
  utimesSync(join(dir, 'b.md'), 1_700_000_000.123456, 1_700_000_000.987654);

  const native = scanNatively(dir);
  assert.deepEqual(sorted(native), sorted(scanInJavaScript(dir)));
  const found = entries(native!.files);
  const names = found.map(([name]) => name);
  const mtimes = found.map(([, mtime]) => mtime);
  const sizes = found.map(([, , size]) => size);
  assert.deepEqual([...names].sort(), ['a.md', 'b.md', 'link.md', 'é-ü 雪.md']);
  assert.deepEqual([...native!.folders].sort(), ['folder-link.md', 'v1-0']);
  assert.equal(sizes[names.indexOf('é-ü 雪.md')], Buffer.byteLength('unicode'));
  const mtime = mtimes[names.indexOf('b.md')]!;
  assert.equal(mtime, statSync(join(dir, 'b.md')).mtimeMs);
  assert.ok(Math.abs(mtime - 1_700_000_000_987.654) < 0.01 && !Number.isInteger(mtime));
});

test('native and JavaScript scans agree on a folder large enough to be stat-ed on several threads', () => {
  const dir = tempDir();
  for (let i = 0; i < 1500; i++) writeFileSync(join(dir, `${String(i).padStart(8, '0')}-issue.md`), 'x'.repeat(i));
  const native = scanNatively(dir);
  assert.equal(native!.files.length, 1500);
  assert.deepEqual(sorted(native), sorted(scanInJavaScript(dir)));
});

test('a folder that is not there is null for both, and for the scan commands use', () => {
  const missing = join(tempDir(), 'missing');
  assert.equal(scanNatively(missing), null);
  assert.equal(scanInJavaScript(missing), null);
  assert.equal(scanFolder(missing), null);
  const file = join(tempDir(), 'file.md');
  writeFileSync(file, 'not a folder');
  assert.equal(scanNatively(file), null);
  assert.equal(scanInJavaScript(file), null);
});

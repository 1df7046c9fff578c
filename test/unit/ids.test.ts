import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveId } from '../../src/domain/ids.js';

test('an id in many files names the first five paths and counts the rest, in one line', () => {
  const copies = Array.from({ length: 991 }, (_, i) => ({ id: '34772142', path: `.roadmap/issues/copy-${String(i).padStart(4, '0')}.md` }));
  assert.throws(() => resolveId('34772142', 'issue', copies), (error: Error) => {
    assert.match(error.message, /^issue id "34772142" is in 991 files: (\.roadmap\/issues\/copy-\d{4}\.md, ){4}\.roadmap\/issues\/copy-0004\.md and 986 more \(keep one, or give each its own id\)$/);
    return true;
  });
});

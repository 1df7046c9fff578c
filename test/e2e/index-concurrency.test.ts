/**
 * Writers and readers at once, each a real process: 4 writers of 50 updates each while readers
 * loop. Nothing may fail, no update may be lost, and the index must match the files after.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyProject, roadmapAsync, roadmapSync } from '../helpers.js';

const WRITERS = 4;
const UPDATES = 50;

describe('concurrency', () => {
  test('4 writers × 50 updates with readers looping: no error, no lost update, index check clean', async () => {
    const cwd = emptyProject();
    const shared = roadmapSync(cwd, ['issue', 'create', 'Shared by every writer']).stdout.trim();
    const own = Array.from({ length: WRITERS }, (_, w) => roadmapSync(cwd, ['issue', 'create', `Owned by writer ${w}`]).stdout.trim());
    const failures: string[] = [];

    const writer = async (w: number) => {
      for (let i = 0; i < UPDATES; i++) {
        // Every update touches the shared issue (a read-modify-write of its labels) and the
        // writer's own issue, in one batch.
        const result = await roadmapAsync(cwd, ['-q', 'issue', 'update', shared, own[w]!, '--add-label', `w${w}-${i}`]);
        // On a loaded machine a queued writer can pass the one-second mark; that note is fine.
        const stderr = result.stderr.replace(/^warning: that took .*\n/m, '');
        if (result.code !== 0 || stderr !== '') failures.push(`writer ${w} update ${i}: exit ${result.code} ${result.stderr}`);
      }
    };
    let writing = true;
    let reads = 0;
    const reader = async (args: string[]) => {
      while (writing) {
        // A short pause between reads keeps the two cores for the writers under test.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const result = await roadmapAsync(cwd, args);
        reads++;
        if (result.code !== 0) failures.push(`reader ${args.join(' ')}: exit ${result.code} ${result.stderr}`);
        else if (args.includes('json')) {
          try {
            JSON.parse(result.stdout);
          } catch {
            failures.push(`reader ${args.join(' ')}: output is not JSON`);
          }
        }
      }
    };
    const readers = [reader(['issue', 'list', '--format', 'json']), reader(['search', 'writer', '--format', 'json'])];
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await Promise.all(readers);

    assert.deepEqual(failures, []);
    assert.ok(reads > 0);
    const issue = JSON.parse(roadmapSync(cwd, ['issue', 'show', shared, '--format', 'json']).stdout) as { labels: string[] };
    const expected = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: UPDATES }, (_, i) => `w${w}-${i}`)).flat();
    assert.deepEqual([...issue.labels].sort(), expected.sort());
    for (let w = 0; w < WRITERS; w++) {
      const mine = JSON.parse(roadmapSync(cwd, ['issue', 'show', own[w]!, '--format', 'json']).stdout) as { labels: string[] };
      assert.equal(mine.labels.length, UPDATES);
    }
    const check = roadmapSync(cwd, ['index', 'check']);
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });
});

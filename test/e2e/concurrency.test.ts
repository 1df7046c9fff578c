/**
 * Many processes writing at once: every write is taken under the folder's lock and re-reads the
 * file inside it, so parallel writers lose nothing and never leave a torn file behind.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { emptyProject, read, roadmapAsync, roadmapJson, roadmapOk } from '../helpers.js';

const PROCESSES = 20;

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, `no front matter in:\n${text}`);
  return parseYaml(match[1]!) as Record<string, unknown>;
}

describe('concurrent writers', () => {
  test(`${PROCESSES} processes adding ${PROCESSES} different labels to one issue: all labels are there after`, async () => {
    const dir = emptyProject();
    const id = roadmapOk(dir, ['issue', 'create', 'Busy issue', '--label', 'first']).trim();
    const labels = Array.from({ length: PROCESSES }, (_, i) => `label-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(labels.map((label) => roadmapAsync(dir, ['issue', 'update', id, '--add-label', label])));
    results.forEach((result, i) => assert.equal(result.code, 0, `writer ${i} failed: ${result.stderr}`));

    const files = readdirSync(join(dir, '.roadmap', 'issues'));
    assert.deepEqual(files.filter((f) => !f.startsWith(`${id}-`)), [], 'no temporary files left behind');
    const text = read(join(dir, '.roadmap', 'issues', files[0]!));
    const fields = frontMatter(text);
    assert.deepEqual([...(fields.labels as string[])].sort(), ['first', ...labels].sort(), 'every label, each once');
    assert.ok(text.endsWith('---\n\n# Busy issue\n'), 'the body is whole');
    // The CLI reads it back the same way.
    const shown = roadmapJson<{ labels: string[] }>(dir, ['issue', 'show', id, '--json']);
    assert.equal(shown.labels.length, PROCESSES + 1);
  });

  test(`${PROCESSES} concurrent creates all land, each with its own id and file`, async () => {
    const dir = emptyProject();
    const titles = Array.from({ length: PROCESSES }, (_, i) => `Parallel ${i}`);
    const results = await Promise.all(titles.map((title) => roadmapAsync(dir, ['issue', 'create', title])));
    results.forEach((result, i) => assert.equal(result.code, 0, `create ${i} failed: ${result.stderr}`));
    const ids = results.map((r) => r.stdout.trim());
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}$/);
    assert.equal(new Set(ids).size, PROCESSES, 'distinct ids');
    const files = readdirSync(join(dir, '.roadmap', 'issues'));
    assert.equal(files.length, PROCESSES, files.join('\n'));
    const listed = roadmapJson<Array<{ id: string; title: string }>>(dir, ['issue', 'list', '--json']);
    assert.deepEqual(listed.map((i) => i.id).sort(), [...ids].sort());
    assert.deepEqual(listed.map((i) => i.title).sort(), [...titles].sort());
  });

  test('concurrent updates of different fields of one issue all land', async () => {
    const dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'm']);
    const id = roadmapOk(dir, ['issue', 'create', 'Many hands']).trim();
    const changes = [
      ['--priority', 'critical'], ['--assignee', 'ann'], ['--milestone', 'm'], ['--estimate', '7'], ['--title', 'Many hands, renamed'],
      ['--type', 'bug'], ['--add-label', 'x'], ['--progress', '30'],
    ];
    const results = await Promise.all(changes.map((flags) => roadmapAsync(dir, ['issue', 'update', id, ...flags])));
    results.forEach((result, i) => assert.equal(result.code, 0, `${changes[i]!.join(' ')}: ${result.stderr}`));
    const fields = roadmapJson<Record<string, unknown>>(dir, ['issue', 'show', id, '--json']);
    assert.equal(fields.priority, 'critical');
    assert.equal(fields.assignee, 'ann');
    assert.equal(fields.milestone, 'm');
    assert.equal(fields.estimated_hours, 7);
    assert.equal(fields.title, 'Many hands, renamed');
    assert.equal(fields.issue_type, 'bug');
    assert.deepEqual(fields.labels, ['x']);
    assert.equal(fields.progress_percentage, 30);
  });
});

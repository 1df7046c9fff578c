/**
 * src/store/frontmatter.ts: reading Markdown files with YAML front matter, and editing one field
 * so that nothing else in the file moves. The files belong to the user's git history, so the
 * promise checked here is byte-level: every line outside the edited key, and the body, is the
 * same after an edit as before it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  editEntityFile, editYaml, FrontMatterError, parseEntityFile, renderEntityFile, replaceBody,
} from '../../src/store/frontmatter.js';
import { ISSUE_FIELD_ORDER } from '../../src/domain/issue.js';
import { ALL_ISSUE_STATUSES, ISSUE_TYPES, PRIORITIES } from '../../src/domain/values.js';
import { FIXTURE_NAMES, FIXTURES, filesUnder, linesOutside } from '../helpers.js';

type Fields = Record<string, unknown>;

// ---- generators -------------------------------------------------------------------------

/** Strings that YAML (1.1 or 1.2) would read as something else unless quoted, and friends. */
const TRICKY = [
  'yes', 'no', 'on', 'off', 'Y', 'n', 'null', 'Null', '~', 'true', 'False', '4.0', '1e3', '0x1F', '012', '1_000', '12:30',
  '.inf', '-.nan', '2025-10-12', '2025-10-12T11:42:46.274786', '2026-02-09T21:28:16+00:00', '#hash', 'a # b', 'a: b',
  'a:b', '- item', '-', 'key:', '[x]', '{x: 1}', '*ref', '&anchor', '!tag', '|', '>', '%x', '@bob', '`tick`', "it's",
  '"dq"', "'sq'", ' lead', 'trail ', '', ' ', '---', '...', 'multi\nline', 'ends with newline\n', 'tab\there',
  'cr\rhere', 'crlf\r\nhere', 'ünïcödé ✓', '日本語', 'emoji 🚀', 'back\\slash', 'x'.repeat(200),
  'Foundation & Project Setup - Core infrastructure, project initialization, templates, and basic tooling for a long headline',
];

const text = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const hex8 = fc.stringMatching(/^[0-9a-f]{8}$/);
const isoStamp = fc.oneof(
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString().replace('Z', '+00:00')),
  fc.constantFrom('2025-10-12T11:42:46.274786', '2026-02-10T21:25:38.676310+00:00'),
);
const hours = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 10_000, noNaN: true, noDefaultInfinity: true }));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** Front matter an issue file can hold: every seed-era field in order, plus later ones. */
const issueFields: fc.Arbitrary<Fields> = fc.record({
  id: hex8,
  title: text,
  priority: fc.constantFrom(...PRIORITIES),
  status: fc.constantFrom(...ALL_ISSUE_STATUSES),
  issue_type: fc.constantFrom(...ISSUE_TYPES),
  milestone: nullable(text),
  labels: fc.array(text, { maxLength: 4 }),
  github_issue: nullable(fc.nat()),
  created: isoStamp,
  updated: isoStamp,
  assignee: nullable(text),
  estimated_hours: nullable(hours),
  depends_on: fc.array(hex8, { maxLength: 3 }),
  blocks: fc.array(hex8, { maxLength: 3 }),
  actual_start_date: nullable(isoStamp),
  actual_end_date: nullable(isoStamp),
  progress_percentage: nullable(fc.integer({ min: 0, max: 100 })),
  handoff_notes: nullable(text),
  previous_assignee: nullable(text),
  handoff_date: nullable(isoStamp),
  git_branches: fc.array(text, { maxLength: 2 }),
  git_commits: fc.array(fc.record({ hash: hex8, message: text }, { noNullPrototype: true }), { maxLength: 2 }),
  completed_date: nullable(isoStamp),
  // Later versions of the Python tool add these; they must survive untouched.
  headline: text,
  archived: fc.boolean(),
  remote_ids: fc.record({ github: fc.nat() }, { noNullPrototype: true }),
  comments: fc.array(fc.record({ author: text, body: text }, { noNullPrototype: true }), { maxLength: 2 }),
}, { noNullPrototype: true });

const body = fc.oneof(
  fc.constantFrom('', '# Title\n', '# Title\n\n---\nid: not-front-matter\n---\n', '\n\nstarts blank\n', 'no newline at end'),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

/** A value to set: any type a field may hold. */
const newValue: fc.Arbitrary<unknown> = fc.oneof(
  text,
  isoStamp,
  fc.constant(null),
  hours,
  fc.boolean(),
  fc.array(text, { maxLength: 4 }),
);

// ---- helpers ----------------------------------------------------------------------------

/**
 * Fields that are text by nature: the reader keeps `id: 100000e2` as the text PyYAML saw, so
 * a number or a boolean written there reads back as text. Edits that put a number in them are left out of
 * the properties below (no command does that).
 */
const TEXT_FIELDS = new Set([
  'id', 'title', 'name', 'status', 'priority', 'issue_type', 'milestone', 'assignee', 'owner', 'description', 'headline',
  'previous_assignee', 'project_id',
]);

/** Every entity file of both fixtures: issues, milestones, roadmaps, in every layout. */
const FIXTURE_FILES = FIXTURE_NAMES.flatMap((name) => {
  const dir = join(FIXTURES, name, '.roadmap');
  return filesUnder(dir, dir, (rel) => rel.endsWith('.md') && /^(issues|milestones|roadmaps|projects|archive)\//.test(rel))
    .map((rel) => ({ name: `${name}/${rel}`, text: readFileSync(join(dir, rel), 'utf8') }));
});

function fixtureText(fixture: string, rel: string): string {
  return readFileSync(join(FIXTURES, fixture, '.roadmap', rel), 'utf8');
}

/** A value surely different from `value`, of a type the field might take. */
function changed(value: unknown): unknown {
  if (typeof value === 'string') return `${value} (edited)`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (value === null) return 'now set';
  if (Array.isArray(value)) return [...value, 'added'];
  if (typeof value === 'object') return { ...(value as Fields), added: 'yes' };
  return 'now set';
}

/**
 * The contract of a one-field edit: the new value reads back, every other field keeps its value
 * and place, the body is untouched, and every line outside the edited key is byte-identical.
 */
function assertOneFieldEdit(before: string, key: string, value: unknown, after: string): void {
  const old = parseEntityFile(before);
  const now = parseEntityFile(after);
  const expected = { ...old.fields, [key]: value };
  assert.deepEqual(now.fields, expected, 'fields after the edit');
  assert.deepEqual(Object.keys(now.fields), Object.keys(expected), 'key order after the edit');
  assert.equal(now.body, old.body, 'the body changed');
  assert.deepEqual(linesOutside(after, [key]), linesOutside(before, [key]), `lines outside "${key}" changed`);
  const tailAt = (s: string) => s.indexOf('\n---', 3);
  assert.equal(after.slice(tailAt(after)), before.slice(tailAt(before)), 'the closing delimiter and body must be byte-identical');
}

// ---- reading and writing whole files ----------------------------------------------------

describe('renderEntityFile then parseEntityFile', () => {
  test('any issue fields written then read give the same fields back, in the same order', () => {
    fc.assert(
      fc.property(issueFields, body, (fields, text) => {
        const file = renderEntityFile(fields, text);
        const parsed = parseEntityFile(file);
        assert.deepEqual(parsed.fields, fields);
        assert.deepEqual(Object.keys(parsed.fields), Object.keys(fields));
        assert.equal(parsed.body, text);
      }),
      { numRuns: 300 },
    );
  });

  test('a new file follows the seed-era layout: delimiters, field order, blank line, body', () => {
    const fields = Object.fromEntries(ISSUE_FIELD_ORDER.map((key) => [key, null]));
    const file = renderEntityFile({ ...fields, id: '0123abcd', title: 'T', labels: ['a'] }, '# T\n');
    assert.match(file, /^---\nid: 0123abcd\ntitle: T\npriority: null\n/);
    assert.match(file, /\nlabels:\n- a\n/, 'list items flush with their key, as the Python tool wrote them');
    assert.ok(file.endsWith('completed_date: null\n---\n\n# T\n'), file.slice(-60));
  });

  test('new timestamps are written quoted and whole hours as floats, as the Python tool wrote them', () => {
    const file = renderEntityFile({ created: '2026-01-02T03:04:05.678+00:00', estimated_hours: 4, progress_percentage: 100, github_issue: 7 }, '');
    assert.match(file, /^created: '2026-01-02T03:04:05\.678\+00:00'$/m);
    assert.match(file, /^estimated_hours: 4\.0$/m);
    assert.match(file, /^progress_percentage: 100\.0$/m);
    assert.match(file, /^github_issue: 7$/m, 'an int field stays an int');
  });

  test('strings PyYAML would read as booleans or numbers are quoted', () => {
    for (const value of ['yes', 'no', 'on', 'off', 'y', 'N', '~', '12:30', '1_000']) {
      const file = renderEntityFile({ assignee: value }, '');
      assert.doesNotMatch(file, new RegExp(`^assignee: ${value.replace(/[~]/g, '\\$&')}$`, 'm'), `"${value}" must be quoted`);
      assert.equal(parseEntityFile(file).fields.assignee, value);
    }
  });

  test('characters YAML forbids raw (DEL, C1 controls, U+FFFE, U+FFFF) are escaped, in new files and in edits', () => {
    for (const value of ['\uFFFE', 'a\uFFFFb', 'del\x7F', 'c1\x80\x9F', '\x01control']) {
      const file = renderEntityFile({ id: 'abcd1234', assignee: value }, 'body');
      assert.doesNotMatch(file, /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/, JSON.stringify(file));
      assert.equal(parseEntityFile(file).fields.assignee, value);
      const edited = editEntityFile(renderEntityFile({ id: 'abcd1234', assignee: 'someone' }, 'body'), [{ path: ['assignee'], value }]);
      assert.doesNotMatch(edited, /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/, JSON.stringify(edited));
      assert.equal(parseEntityFile(edited).fields.assignee, value);
    }
  });
});

describe('parseEntityFile on real and odd files', () => {
  test('every fixture entity file parses, and its body is what follows the front matter', () => {
    assert.ok(FIXTURE_FILES.length > 120, `expected the fixtures' entity files, found ${FIXTURE_FILES.length}`);
    for (const { name, text } of FIXTURE_FILES) {
      const { fields, body } = parseEntityFile(text);
      assert.ok(Object.keys(fields).length > 3, name);
      assert.ok(text.endsWith(body), `${name}: the body must be the end of the file`);
    }
  });

  test('a body holding its own "---" and "id:" lines does not confuse the reader', () => {
    const parsed = parseEntityFile('---\nid: aaaa0000\n---\n\nintro\n\n---\nid: abc123\n---\n');
    assert.deepEqual(parsed.fields, { id: 'aaaa0000' });
    assert.equal(parsed.body, 'intro\n\n---\nid: abc123\n---\n');
  });

  test('CRLF files read like LF files', () => {
    const parsed = parseEntityFile('---\r\nid: aaaa0000\r\nlabels:\r\n- a\r\n---\r\n\r\nbody\r\n');
    assert.deepEqual(parsed.fields, { id: 'aaaa0000', labels: ['a'] });
    assert.equal(parsed.body, 'body\r\n');
  });

  test('unquoted timestamps are read as the strings they are written as', () => {
    const text = fixtureText('roadmap-cli-2026-02', 'projects/99d80769-roadmap.md');
    const { fields } = parseEntityFile(text);
    assert.equal(fields.created, '2026-02-09T21:28:16.277476+00:00');
    assert.deepEqual(fields.timeline, { start_date: '2026-02-09T21:28:16.277476+00:00', target_end_date: null });
  });

  test('malformed front matter is a FrontMatterError naming the line of the file where it is', () => {
    // Each case: the file, and the 1-based line of the whole file the error must point at.
    const cases: Array<[string, number]> = [
      ['---\nid: deadbeef\ntitle: ok\nassignee: @bob\n---\n\nbody\n', 4],
      ['---\nid: deadbeef\ntitle: ok\nstatus: todo\nlabels: a: b\n---\n', 5],
      ['---\nid: deadbeef\ntitle: ok\n  bad: indent\nstatus: todo\n---\n', 4],
    ];
    for (const [file, line] of cases) {
      assert.throws(() => parseEntityFile(file), (error: unknown) => {
        assert.ok(error instanceof FrontMatterError, String(error));
        assert.equal(error.line, line, `line of the error in ${JSON.stringify(file)} (message: ${error.message})`);
        return true;
      });
    }
  });

  test('a file without an opening or closing delimiter is refused at line 1', () => {
    for (const file of ['no front matter\n', '---\nid: x\n', '']) {
      assert.throws(() => parseEntityFile(file), (error: unknown) => error instanceof FrontMatterError && error.line === 1);
    }
  });

  test('front matter that is not a mapping is refused', () => {
    assert.throws(() => parseEntityFile('---\n- a\n- b\n---\n'), /not a mapping/);
  });
});

// ---- one-field edits ----------------------------------------------------------------------

describe('editEntityFile: one field changes, nothing else moves', () => {
  test('property: any edit of one field of any issue file keeps every other line and the body', () => {
    fc.assert(
      fc.property(
        issueFields,
        body,
        fc.constantFrom(...ISSUE_FIELD_ORDER, 'headline', 'archived', 'remote_ids', 'comments', 'due_date', 'new_field'),
        newValue,
        (fields, text, key, value) => {
          fc.pre(!(TEXT_FIELDS.has(key) && (typeof value === 'number' || typeof value === 'boolean')));
          const before = renderEntityFile(fields, text);
          const after = editEntityFile(before, [{ path: [key], value }]);
          assertOneFieldEdit(before, key, value, after);
        },
      ),
      { numRuns: 250 },
    );
  });

  test('property: the same on real fixture files, any field, any new value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_FILES), fc.nat(), newValue, (file, pick, value) => {
        const keys = Object.keys(parseEntityFile(file.text).fields);
        const key = keys[pick % keys.length]!;
        fc.pre(!(TEXT_FIELDS.has(key) && (typeof value === 'number' || typeof value === 'boolean')));
        const after = editEntityFile(file.text, [{ path: [key], value }]);
        assertOneFieldEdit(file.text, key, value, after);
      }),
      { numRuns: 250 },
    );
  });

  test('the fields commands change, in every fixture file, can be changed alone, keeping all other lines', () => {
    // Every key of one file of each folder, and in every file the keys commands write (the
    // property above samples the rest): thousands of edits would cost seconds for little more.
    const COMMAND_KEYS = new Set(['title', 'name', 'status', 'priority', 'issue_type', 'milestone', 'labels', 'assignee', 'estimated_hours',
      'progress_percentage', 'depends_on', 'updated', 'actual_start_date', 'actual_end_date', 'completed_date', 'due_date', 'description',
      'owner', 'milestones', 'timeline', 'target_end_date']);
    const firstOfFolder = new Set<string>();
    let edits = 0;
    for (const file of FIXTURE_FILES) {
      const { fields } = parseEntityFile(file.text);
      const folder = file.name.replace(/\/[^/]*$/, '');
      const allKeys = !firstOfFolder.has(folder);
      firstOfFolder.add(folder);
      for (const [key, value] of Object.entries(fields)) {
        if (!allKeys && !COMMAND_KEYS.has(key)) continue;
        const next = changed(value);
        let after: string;
        try {
          after = editEntityFile(file.text, [{ path: [key], value: next }]);
        } catch (error) {
          assert.fail(`${file.name}: editing "${key}" threw ${(error as Error).message}`);
        }
        assertOneFieldEdit(file.text, key, next, after);
        edits++;
      }
      // A field the file does not have yet is added at the end of the front matter.
      const after = editEntityFile(file.text, [{ path: ['due_date_added_by_test'], value: '2026-03-01' }]);
      assertOneFieldEdit(file.text, 'due_date_added_by_test', '2026-03-01', after);
    }
    assert.ok(edits > 1000, `expected over a thousand edits over the fixtures, made ${edits}`);
  });

  test('setting a field to the value it already holds gives back the same bytes (a no-op is detectable)', () => {
    // Scalars and lists: the style they were read in is the style they are rendered in, so a
    // caller that compares the text sees no change and never rewrites the file.
    for (const file of FIXTURE_FILES) {
      const { fields } = parseEntityFile(file.text);
      for (const [key, value] of Object.entries(fields)) {
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) continue;
        const lines = file.text.split('\n');
        const next = lines[lines.findIndex((l) => l.startsWith(`${key}:`)) + 1] ?? '';
        // A plain string folded over several lines is re-rendered on one line: same value,
        // different bytes. Callers compare values first (see the domain test of planIssueEdits).
        const folded = typeof value === 'string' && next.startsWith(' ');
        if (folded) {
          const after = editEntityFile(file.text, [{ path: [key], value }]);
          assert.deepEqual(parseEntityFile(after).fields, fields, `${file.name}: ${key}`);
          continue;
        }
        assert.equal(editEntityFile(file.text, [{ path: [key], value }]), file.text, `${file.name}: re-setting "${key}" changed bytes`);
      }
    }
  });

  test('only the edited key and `updated` change when both are edited together', () => {
    const before = fixtureText('roadmap-cli-2025-10', 'issues/1900c289-auto-create-feature-branch-for-new-issues.md');
    const after = editEntityFile(before, [
      { path: ['status'], value: 'done' },
      { path: ['updated'], value: '2026-03-01T10:00:00.000+00:00' },
    ]);
    assert.deepEqual(linesOutside(after, ['status', 'updated']), linesOutside(before, ['status', 'updated']));
    assert.match(after, /^status: done$/m);
    assert.match(after, /^updated: '2026-03-01T10:00:00\.000\+00:00'$/m);
  });
});

describe('editEntityFile keeps the style values were written in', () => {
  test('a quoted timestamp stays quoted, single or double', () => {
    const single = fixtureText('roadmap-cli-2025-10', 'issues/1900c289-auto-create-feature-branch-for-new-issues.md');
    assert.match(editEntityFile(single, [{ path: ['updated'], value: '2026-03-01T10:00:00+00:00' }]), /^updated: '2026-03-01T10:00:00\+00:00'$/m);
    const double = fixtureText('roadmap-cli-2025-10', 'roadmaps/d9f5556c-roadmap_project.md');
    assert.match(editEntityFile(double, [{ path: ['updated'], value: '2026-03-01T10:00:00+00:00' }]), /^updated: "2026-03-01T10:00:00\+00:00"$/m);
  });

  test('an unquoted timestamp stays unquoted', () => {
    const text = fixtureText('roadmap-cli-2026-02', 'projects/99d80769-roadmap.md');
    const after = editEntityFile(text, [{ path: ['updated'], value: '2026-03-01T10:00:00+00:00' }]);
    assert.match(after, /^updated: 2026-03-01T10:00:00\+00:00$/m);
    assertOneFieldEdit(text, 'updated', '2026-03-01T10:00:00+00:00', after);
  });

  test('a timestamp put where a null was takes the style of the file\'s own stamps', () => {
    const quoted = fixtureText('roadmap-cli-2025-10', 'issues/1900c289-auto-create-feature-branch-for-new-issues.md');
    assert.match(editEntityFile(quoted, [{ path: ['actual_start_date'], value: '2026-03-01T10:00:00+00:00' }]), /^actual_start_date: '2026-03-01T10:00:00\+00:00'$/m);
    const plain = fixtureText('roadmap-cli-2026-02', 'projects/99d80769-roadmap.md');
    const after = editEntityFile(plain, [{ path: ['timeline', 'target_end_date'], value: '2026-06-30T00:00:00+00:00' }]);
    assert.match(after, /^ {2}target_end_date: 2026-06-30T00:00:00\+00:00$/m);
    assert.match(after, /^ {2}start_date: 2026-02-09T21:28:16\.277476\+00:00$/m, 'the sibling stamp is untouched');
    assert.deepEqual(linesOutside(after, ['timeline']), linesOutside(plain, ['timeline']));
  });

  test('editing one key of a flow mapping keeps its other unquoted timestamps unquoted', () => {
    const before = '---\nid: 99d80769\ncreated: 2026-02-09T21:28:16+00:00\ntimeline: {start_date: 2026-02-09T21:28:16+00:00, target_end_date: null}\ntags: []\n---\n\nbody\n';
    const after = editEntityFile(before, [{ path: ['timeline', 'target_end_date'], value: '2026-06-30' }]);
    assert.deepEqual(parseEntityFile(after).fields.timeline, { start_date: '2026-02-09T21:28:16+00:00', target_end_date: '2026-06-30' });
    assert.deepEqual(linesOutside(after, ['timeline']), linesOutside(before, ['timeline']));
    assert.doesNotMatch(after, /'2026-02-09T21:28:16\+00:00'/, `start_date was written unquoted and must stay so:\n${after}`);
  });

  test('`4.0` floats stay floats, ints stay ints, a number where null was is a float in float fields', () => {
    const issue = fixtureText('roadmap-cli-2025-10', 'issues/1900c289-auto-create-feature-branch-for-new-issues.md');
    assert.match(issue, /^estimated_hours: 3\.0$/m);
    assert.match(editEntityFile(issue, [{ path: ['estimated_hours'], value: 5 }]), /^estimated_hours: 5\.0$/m);
    assert.match(editEntityFile(issue, [{ path: ['estimated_hours'], value: 2.5 }]), /^estimated_hours: 2\.5$/m);
    assert.match(editEntityFile(issue, [{ path: ['progress_percentage'], value: 100 }]), /^progress_percentage: 100\.0$/m);
    const roadmap = fixtureText('roadmap-cli-2025-10', 'roadmaps/d9f5556c-roadmap_project.md');
    assert.match(roadmap, /^estimated_hours: 0$/m);
    assert.match(editEntityFile(roadmap, [{ path: ['estimated_hours'], value: 12 }]), /^estimated_hours: 12$/m, 'an int stays an int');
    const milestone = fixtureText('roadmap-cli-2026-02', 'milestones/v0-2-0.md');
    assert.match(editEntityFile(milestone, [{ path: ['github_milestone'], value: 3 }]), /^github_milestone: 3$/m);
  });

  test('comments stay where they are, including one on the edited line', () => {
    const before = [
      '---',
      '# managed by hand',
      'id: aaaa0000',
      'title: Keep my comments  # the title',
      '# status below is what the board shows',
      'status: todo  # not started',
      'labels:',
      '- a  # first',
      '- b',
      'assignee: null',
      '---',
      '',
      'body',
      '',
    ].join('\n');
    const status = editEntityFile(before, [{ path: ['status'], value: 'done' }]);
    assertOneFieldEdit(before, 'status', 'done', status);
    assert.match(status, /^status: done {2}# not started$/m);
    const labels = editEntityFile(before, [{ path: ['labels'], value: ['a', 'b', 'c'] }]);
    assertOneFieldEdit(before, 'labels', ['a', 'b', 'c'], labels);
    const added = editEntityFile(before, [{ path: ['milestone'], value: 'v1' }]);
    assertOneFieldEdit(before, 'milestone', 'v1', added);
  });

  test('unusual quoting is kept: double quotes with escapes, single quotes with doubled quotes', () => {
    const before = [
      '---',
      'id: "aaaa0000"',
      'title: "Say \\"hi\\" to\\tthem"',
      "assignee: 'o''brien'",
      "'status': todo",
      'milestone: "v0.5.0"',
      '---',
      '',
      'body',
      '',
    ].join('\n');
    const title = editEntityFile(before, [{ path: ['title'], value: 'New "title"' }]);
    assertOneFieldEdit(before, 'title', 'New "title"', title);
    assert.match(title, /^title: "New \\"title\\""$/m, 'a double-quoted value stays double-quoted');
    const assignee = editEntityFile(before, [{ path: ['assignee'], value: "d'arcy" }]);
    assertOneFieldEdit(before, 'assignee', "d'arcy", assignee);
    assert.match(assignee, /^assignee: 'd''arcy'$/m, 'a single-quoted value stays single-quoted');
    const status = editEntityFile(before, [{ path: ['status'], value: 'done' }]);
    assertOneFieldEdit(before, 'status', 'done', status);
    assert.match(status, /^'status': done$/m, 'a quoted key keeps its quotes');
    const milestone = editEntityFile(before, [{ path: ['milestone'], value: 'v1.0' }]);
    assert.match(milestone, /^milestone: "v1\.0"$/m);
  });

  test('list items keep their indentation and quoting when one is added', () => {
    const before = fixtureText('roadmap-cli-2025-10', 'roadmaps/d9f5556c-roadmap_project.md');
    const after = editEntityFile(before, [{ path: ['milestones'], value: ['milestone_1', 'milestone_2', 'v0.5.0', 'v1.0'] }]);
    assertOneFieldEdit(before, 'milestones', ['milestone_1', 'milestone_2', 'v0.5.0', 'v1.0'], after);
    assert.match(after, /^milestones:\n {2}- "milestone_1"\n {2}- "milestone_2"\n {2}- "v0\.5\.0"\n {2}- "v1\.0"\n/m);
  });

  test('folded long strings: untouched when another key changes, replaced whole when edited', () => {
    const before = fixtureText('roadmap-cli-2026-02', 'milestones/v0-2-0.md');
    assert.match(before, /^headline: .*,\n {2}\S/m, 'the fixture folds its headline over two lines');
    const status = editEntityFile(before, [{ path: ['status'], value: 'open' }]);
    assertOneFieldEdit(before, 'status', 'open', status);
    const headline = editEntityFile(before, [{ path: ['headline'], value: 'Short now' }]);
    assertOneFieldEdit(before, 'headline', 'Short now', headline);
    assert.match(headline, /^headline: Short now\ndue_date:/m, 'no stray continuation line is left behind');
  });

  test('a block scalar (`description: |`) can be replaced by a one-line value and back', () => {
    // Hand-written files use literal blocks for long descriptions; `milestone update
    // --description` must be able to replace one.
    const before = '---\nname: v1\ndescription: |\n  Line one\n  Line two\ndue_date: null\nstatus: open\n---\n\n# v1\n';
    const oneLine = editEntityFile(before, [{ path: ['description'], value: 'One line now' }]);
    assertOneFieldEdit(before, 'description', 'One line now', oneLine);
    const strip = '---\nname: v1\ndescription: |-\n  Line one\n  Line two\nstatus: open\n---\n';
    assertOneFieldEdit(strip, 'description', 'x', editEntityFile(strip, [{ path: ['description'], value: 'x' }]));
    const block = editEntityFile(oneLine, [{ path: ['description'], value: 'Two\nlines\n' }]);
    assertOneFieldEdit(oneLine, 'description', 'Two\nlines\n', block);
  });

  test('CRLF files keep CRLF on every line, edited or added', () => {
    const lf = fixtureText('roadmap-cli-2025-10', 'issues/1900c289-auto-create-feature-branch-for-new-issues.md');
    const before = lf.replace(/\n/g, '\r\n');
    for (const [key, value] of [
      ['status', 'in-progress'],
      ['labels', ['automation,git-integration,workflow', 'crlf']],
      ['depends_on', ['aaaa0000', 'bbbb1111']],
      ['title', 'A new title'],
      ['new_list_field', ['x', 'y']],
    ] as Array<[string, unknown]>) {
      const after = editEntityFile(before, [{ path: [key], value }]);
      assertOneFieldEdit(before, key, value, after);
      assert.doesNotMatch(after, /(?<!\r)\n/, `a bare LF appeared after editing ${key}`);
    }
  });
});

describe('replaceBody and editYaml', () => {
  test('replaceBody keeps the front matter byte for byte', () => {
    for (const { name, text } of FIXTURE_FILES.slice(0, 20)) {
      const after = replaceBody(text, 'A new body\n');
      assert.equal(parseEntityFile(after).body, 'A new body\n', name);
      assert.equal(after.slice(0, after.indexOf('\n---', 3)), text.slice(0, text.indexOf('\n---', 3)), name);
    }
  });

  test('editYaml on a config file keeps comments and other keys, and adds nested keys', () => {
    const before = '# my settings\nproject:\n  name: demo # the name\nstorage:\n  use_index: true\ncustom:\n  keep: [1, 2]\n';
    const after = editYaml(before, [{ path: ['storage', 'cache_size'], value: 500 }]);
    assert.equal(after, '# my settings\nproject:\n  name: demo # the name\nstorage:\n  use_index: true\n  cache_size: 500\ncustom:\n  keep: [1, 2]\n');
    const flipped = editYaml(before, [{ path: ['storage', 'use_index'], value: false }]);
    assert.equal(flipped, before.replace('use_index: true', 'use_index: false'));
  });
});

test('an unclosed bracket or quote is reported on the line where it opens, not where the front matter ends', () => {
  const cases: Array<[string, number]> = [
    ['---\nid: a\ntitle: x\nlabels: [a, b\n---\nbody\n', 4],
    ['---\nid: a\ntitle: "open quote\nstatus: todo\n---\n', 3],
    ["---\nid: a\ntitle: 'x\nstatus: todo\nmilestone: v1\n---\n", 3],
    ['---\nid: a\nassignee: @bob\n---\n', 3],
    // A multi-line value that does close is not blamed for an error after it.
    ['---\nid: a\nlabels: [a,\n  b]\nassignee: @bob\n---\n', 5],
    ['---\nid: a\nlabels: [a,\n  b]\ntitle: "open\nstatus: todo\n---\n', 5],
    ['---\nid: a\ntitle: "two\n  lines"\nstatus: todo\nlabels: [x,\n---\n', 6],
  ];
  for (const [text, line] of cases) {
    assert.throws(() => parseEntityFile(text), (error: unknown) => error instanceof FrontMatterError && error.line === line, JSON.stringify(text));
  }
});

/**
 * The built CLI on temporary git copies of the Python tool's real `.roadmap/` folders: every
 * issue is read with the fields its file holds, every kind can be shown, and every write changes
 * only the lines of the fields it was asked to change (checked with `git diff`).
 */
import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  assertFails, changedOwners, FIXTURE_NAMES, type FixtureName, filesUnder, fixtureRepo, git, gitChanged, issueFiles, linesOutside,
  resetRepo, roadmapJson, roadmapOk, roadmapSync, stderrLines,
} from '../helpers.js';

type Json = Record<string, unknown>;

/** Front matter read with `yaml` directly, not with the code under test. */
function frontMatter(path: string): Json {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
  assert.ok(match, `${path} has no front matter`);
  return parseYaml(match[1]!) as Json;
}

/** What the fixture's files say, to compare the CLI's answers with. */
interface Expected {
  issues: Array<{ path: string; fields: Json }>;
  milestones: Array<{ path: string; fields: Json }>;
  roadmaps: Array<{ path: string; fields: Json }>;
}

function expectedOf(root: string): Expected {
  const read = (rels: string[]) => rels.map((path) => ({ path, fields: frontMatter(join(root, path)) }));
  const under = (...dirs: string[]) => dirs.flatMap((d) => filesUnder(join(root, '.roadmap', d), root, (r) => r.endsWith('.md')));
  return {
    issues: read(issueFiles(root)),
    milestones: read(under('milestones', 'archive/milestones')),
    roadmaps: read(under('roadmaps', 'projects')),
  };
}

const DONE = new Set(['done', 'closed', 'completed']);

/** Keys whose lines `issue done` may change on a todo issue. */
const DONE_KEYS = new Set(['status', 'updated', 'actual_end_date', 'completed_date', 'progress_percentage']);

function assertOnlyKeysChanged(repo: string, path: string, allowed: Set<string>, required: string[]): void {
  const owners = changedOwners(repo, path);
  for (const owner of owners) assert.ok(allowed.has(owner), `${path}: a line of "${owner}" changed; only ${[...allowed].join(', ')} may`);
  for (const key of required) assert.ok(owners.has(key), `${path}: "${key}" should have changed (changed: ${[...owners].join(', ')})`);
}

/** A todo issue of the fixture (a file path relative to the root, and its id). */
function todoIssue(expected: Expected, where: RegExp = /./): { path: string; id: string; fields: Json } {
  const found = expected.issues.find((i) => i.fields.status === 'todo' && where.test(i.path));
  assert.ok(found, 'the fixture has a todo issue');
  return { ...found, id: String(found.fields.id) };
}

for (const name of FIXTURE_NAMES) {
  describe(`fixture ${name}: reading`, () => {
    // Reading never writes, so one copy serves every test of this block.
    let repo: string;
    let expected: Expected;
    before(() => {
      repo = fixtureRepo(name);
      expected = expectedOf(repo);
    });

    test('issue list --all --format json lists every issue file with the fields it holds', () => {
      const result = roadmapSync(repo, ['issue', 'list', '--all', '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(stderrLines(result), [], 'real files read without a warning (templates and backups are not entities)');
      const listed = JSON.parse(result.stdout) as Json[];
      assert.ok(expected.issues.length >= 15, `the fixture has issues (${expected.issues.length})`);
      assert.equal(listed.length, expected.issues.length, 'one object per issue file');
      const byPath = new Map(listed.map((issue) => [String(issue.path), issue]));
      for (const { path, fields } of expected.issues) {
        const got = byPath.get(path);
        assert.ok(got, `${path} is not listed`);
        assert.equal(got.id, fields.id, path);
        assert.equal(got.title, fields.title, path);
        assert.equal(got.status, fields.status, `${path}: the status is shown as written`);
        const { path: _path, ...rest } = got;
        assert.deepEqual(rest, JSON.parse(JSON.stringify(fields)), `${path}: every front-matter field, unknown ones included`);
      }
      const filesOnly = roadmapSync(repo, ['--no-index', 'issue', 'list', '--all', '--format', 'json']);
      assert.equal(filesOnly.stdout, result.stdout, '--no-index (file-only mode) gives the same answer');
    });

    test('issue list (no --all) hides only archived issues; table and ids agree', () => {
      const open = expected.issues.filter((i) => i.fields.status !== 'archived').map((i) => String(i.fields.id)).sort();
      const ids = roadmapOk(repo, ['issue', 'list', '--format', 'ids']).trim().split('\n').sort();
      assert.deepEqual(ids, open);
      const table = roadmapOk(repo, ['issue', 'list']).trim().split('\n');
      assert.equal(table.length, open.length + 1, 'a header and one row per issue');
      assert.match(table[0]!, /^ID\s+TITLE\s+STATUS\s+PRIORITY/);
    });

    test('--status done finds done, closed and completed issues alike', () => {
      const done = expected.issues.filter((i) => DONE.has(String(i.fields.status))).map((i) => String(i.fields.id)).sort();
      assert.ok(done.length > 5, 'the fixture has finished issues');
      assert.deepEqual(roadmapOk(repo, ['issue', 'list', '--status', 'done', '--format', 'ids']).trim().split('\n').sort(), done);
    });

    test('issue show works by id and by prefix, in table and json, with unknown fields shown', () => {
      const sample = [expected.issues[0]!, expected.issues.find((i) => typeof i.fields.headline === 'string' && i.fields.headline !== '') ?? expected.issues[1]!];
      for (const { path, fields } of sample) {
        const id = String(fields.id);
        const table = roadmapOk(repo, ['issue', 'show', id.slice(0, 6)]);
        assert.ok(table.startsWith(`${id}  ${String(fields.title)}\n`), table.slice(0, 200));
        assert.match(table, new RegExp(`^path\\s+${path.replace(/[.]/g, '\\.')}$`, 'm'));
        if (typeof fields.headline === 'string' && fields.headline !== '') assert.match(table, /^headline\s+\S/m, 'a later-version field is shown');
        const json = roadmapJson<Json>(repo, ['issue', 'view', id, '--format', 'json']);
        assert.equal(json.path, path);
        assert.equal(json.id, id);
        const fileText = readFileSync(join(repo, path), 'utf8');
        assert.ok(typeof json.body === 'string' && fileText.endsWith(json.body), 'the body is the end of the file');
      }
    });

    test('milestone list names every milestone file, with progress from its issues', () => {
      const listed = roadmapJson<Json[]>(repo, ['milestone', 'list', '--json']);
      assert.deepEqual(listed.map((m) => m.name).sort(), expected.milestones.map((m) => String(m.fields.name)).sort());
      for (const milestone of listed) {
        const issues = expected.issues.filter((i) => i.fields.milestone === milestone.name && i.fields.status !== 'archived');
        const progress = milestone.progress as Json;
        assert.equal(progress.total, issues.length, `${String(milestone.name)}: issue count`);
        assert.equal(progress.done, issues.filter((i) => DONE.has(String(i.fields.status))).length, `${String(milestone.name)}: done count`);
      }
      const table = roadmapOk(repo, ['milestone', 'list']);
      for (const m of expected.milestones) assert.match(table, new RegExp(`^${String(m.fields.name).replace(/[.]/g, '\\.')}\\s`, 'm'));
    });

    test('milestone status (and its view alias) shows counts and the milestone\'s issues', () => {
      const busiest = [...new Set(expected.issues.map((i) => i.fields.milestone).filter((m): m is string => typeof m === 'string' && m !== '' && m !== 'backlog'))][0]!;
      const count = expected.issues.filter((i) => i.fields.milestone === busiest).length;
      const table = roadmapOk(repo, ['milestone', 'status', busiest]);
      assert.match(table, new RegExp(`^${busiest.replace(/[.]/g, '\\.')}`));
      assert.match(table, new RegExp(`\\(\\d+/${count} issues done\\)`));
      const json = roadmapJson<Json>(repo, ['milestone', 'view', busiest, '--json']);
      assert.equal((json.issues as Json[]).length, count);
    });

    test('roadmap list and show, and the project alias, find the roadmap file', () => {
      const [roadmap] = expected.roadmaps;
      assert.ok(roadmap, 'the fixture has a roadmap');
      const id = String(roadmap.fields.id);
      const listed = roadmapJson<Json[]>(repo, ['roadmap', 'list', '--json']);
      assert.deepEqual(listed.map((r) => [r.id, r.name, r.path]), [[id, roadmap.fields.name, roadmap.path]]);
      assert.equal(roadmapOk(repo, ['project', 'list', '--format', 'ids']), `${id}\n`);
      const shown = roadmapOk(repo, ['project', 'show', id.slice(0, 4)]);
      assert.ok(shown.startsWith(`${id}  ${String(roadmap.fields.name)}\n`), shown);
      assert.match(shown, /^MILESTONE\s+STATUS/m, 'its milestones are listed');
      const json = roadmapJson<Json>(repo, ['roadmap', 'show', id, '--json']);
      assert.equal(json.path, roadmap.path);
    });

    test('status fits everything on one screen and counts every issue', () => {
      const text = roadmapOk(repo, ['status']);
      const open = expected.issues.filter((i) => i.fields.status !== 'archived').length;
      assert.match(text, new RegExp(`\\b${open} issues: `));
      const json = roadmapJson<Json>(repo, ['status', '--json']);
      assert.equal((json.issues as Json).total, open);
      const inProgress = expected.issues.filter((i) => i.fields.status === 'in-progress').map((i) => i.fields.id).sort();
      assert.deepEqual((json.in_progress as Json[]).map((i) => i.id).sort(), inProgress);
    });

    test('reading left every file as it was', () => {
      assert.deepEqual(gitChanged(repo), []);
    });
  });

  describe(`fixture ${name}: writing changes only the asked fields' lines`, () => {
    // One copy, put back as committed before each test (cheaper than a copy per test).
    let repo: string;
    before(() => {
      repo = fixtureRepo(name);
    });
    beforeEach(() => resetRepo(repo));

    test('issue update ID --status done changes status, updated and the done stamps, nothing else', () => {
      const issue = todoIssue(expectedOf(repo));
      roadmapOk(repo, ['issue', 'update', issue.id, '--status', 'done']);
      assert.deepEqual(gitChanged(repo), [issue.path], 'one file changed');
      assertOnlyKeysChanged(repo, issue.path, DONE_KEYS, ['status', 'updated', 'completed_date', 'actual_end_date']);
      const after = frontMatter(join(repo, issue.path));
      // Written as the folder already spells done: 95 issues of 2026-02 say closed, none done.
      assert.equal(after.status, name === 'roadmap-cli-2026-02' ? 'closed' : 'done');
      assert.equal(Number(after.progress_percentage), 100);
      assert.deepEqual(Object.keys(after), Object.keys(issue.fields), 'key order kept, nothing added');
    });

    test('a no-op update (--priority to its current value) changes no byte and rewrites nothing', () => {
      const issue = todoIssue(expectedOf(repo));
      const mtime = statSync(join(repo, issue.path)).mtimeMs;
      const result = roadmapSync(repo, ['issue', 'update', issue.id, '--priority', String(issue.fields.priority)]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /already as asked; not rewritten/);
      assert.deepEqual(gitChanged(repo), []);
      assert.equal(statSync(join(repo, issue.path)).mtimeMs, mtime, 'the file was not rewritten');
    });

    test('done on an issue already closed/done changes nothing', () => {
      const finished = expectedOf(repo).issues.find((i) => DONE.has(String(i.fields.status)))!;
      roadmapOk(repo, ['issue', 'done', String(finished.fields.id)]);
      assert.deepEqual(gitChanged(repo), []);
    });

    test('a new title: the title line, updated, and the body\'s heading that repeats it change, nothing else', () => {
      const issue = expectedOf(repo).issues.find((i) => readFileSync(join(repo, i.path), 'utf8').includes(`\n# ${String(i.fields.title)}\n`))!;
      const beforeText = readFileSync(join(repo, issue.path), 'utf8');
      roadmapOk(repo, ['issue', 'update', String(issue.fields.id), '--title', 'A better title']);
      const expected = beforeText.replace(`\n# ${String(issue.fields.title)}\n`, '\n# A better title\n');
      assert.deepEqual(linesOutside(readFileSync(join(repo, issue.path), 'utf8'), ['title', 'updated']), linesOutside(expected, ['title', 'updated']));
      assert.equal(frontMatter(join(repo, issue.path)).title, 'A better title');
    });

    test('adding a label changes only the labels block and updated', () => {
      const issue = todoIssue(expectedOf(repo));
      roadmapOk(repo, ['issue', 'update', issue.id, '--add-label', 'from-test']);
      assert.deepEqual(gitChanged(repo), [issue.path]);
      assertOnlyKeysChanged(repo, issue.path, new Set(['labels', 'updated']), ['labels', 'updated']);
      const labels = frontMatter(join(repo, issue.path)).labels as string[];
      assert.deepEqual(labels, [...(issue.fields.labels as string[]), 'from-test']);
    });

    test('issue start stamps actual_start_date and touches nothing else', () => {
      const issue = todoIssue(expectedOf(repo));
      roadmapOk(repo, ['issue', 'start', issue.id]);
      assertOnlyKeysChanged(repo, issue.path, new Set(['status', 'updated', 'actual_start_date']), ['status', 'updated', 'actual_start_date']);
    });

    test('milestone update --due-date changes only due_date and updated', () => {
      const milestone = expectedOf(repo).milestones.find((m) => m.path.includes('/milestones/') && !m.path.includes('archive'))!;
      roadmapOk(repo, ['milestone', 'update', String(milestone.fields.name), '--due-date', '2027-01-15']);
      assert.deepEqual(gitChanged(repo), [milestone.path]);
      assertOnlyKeysChanged(repo, milestone.path, new Set(['due_date', 'updated']), ['due_date', 'updated']);
    });

    test('roadmap update --name --description: the heading and the description paragraph of the body follow, nothing else moves', () => {
      const [roadmap] = expectedOf(repo).roadmaps;
      const id = String(roadmap!.fields.id);
      const beforeText = readFileSync(join(repo, roadmap!.path), 'utf8');
      const heading = `# ${String(roadmap!.fields.name)}`;
      const description = String(roadmap!.fields.description);
      assert.ok(beforeText.includes(`\n${heading}\n`) && beforeText.includes(`\n\n${description}\n\n`), 'the template repeats both');
      roadmapOk(repo, ['roadmap', 'update', id, '--name', 'Renamed plan', '--description', 'Plans as code.']);
      const text = readFileSync(join(repo, roadmap!.path), 'utf8');
      const expected = beforeText.replace(`\n${heading}\n`, '\n# Renamed plan\n').replace(`\n\n${description}\n\n`, '\n\nPlans as code.\n\n');
      const keys = ['name', 'description', 'updated'];
      assert.deepEqual(linesOutside(text, keys), linesOutside(expected, keys));
      const fields = frontMatter(join(repo, roadmap!.path));
      assert.equal(fields.name, 'Renamed plan');
      assert.equal(fields.description, 'Plans as code.');
    });

    test('roadmap update keeps the quoting of the file (double quotes, or none)', () => {
      const [roadmap] = expectedOf(repo).roadmaps;
      const id = String(roadmap!.fields.id);
      const path = roadmap!.path;
      const beforeText = readFileSync(join(repo, path), 'utf8');
      roadmapOk(repo, ['roadmap', 'update', id, '--target-date', '2027-06-30', '--status', 'on-hold']);
      const text = readFileSync(join(repo, path), 'utf8');
      const dateKey = 'timeline' in roadmap!.fields ? 'timeline' : 'target_end_date';
      assertOnlyKeysChanged(repo, path, new Set(['status', 'updated', dateKey]), ['status', 'updated', dateKey]);
      const updatedLine = /^updated: (.*)$/m.exec(beforeText)![1]!;
      const quote = updatedLine[0] === '"' || updatedLine[0] === "'" ? updatedLine[0] : '';
      assert.match(text, new RegExp(`^updated: ${quote}\\d{4}-`, 'm'), `updated keeps its quoting (${quote || 'none'})`);
      assert.deepEqual(linesOutside(text, ['status', 'updated', dateKey]), linesOutside(beforeText, ['status', 'updated', dateKey]));
    });
  });
}

describe('fixture roadmap-cli-2025-10: the seed-era templates', () => {
  let repo: string;
  before(() => {
    repo = fixtureRepo('roadmap-cli-2025-10');
  });
  beforeEach(() => resetRepo(repo));

  test('roadmap update --remove-milestone takes out a listed name whatever case it is typed in', () => {
    const path = '.roadmap/roadmaps/d9f5556c-roadmap_project.md';
    assert.deepEqual(frontMatter(join(repo, path)).milestones, ['milestone_1', 'milestone_2', 'v0.5.0']);
    roadmapOk(repo, ['roadmap', 'update', 'd9f5556c', '--remove-milestone', 'MILESTONE_1', '--remove-milestone', 'V0.5.0']);
    assert.deepEqual(frontMatter(join(repo, path)).milestones, ['milestone_2']);
  });

  test('milestone update --name --description renames the heading and fills the empty Description section', () => {
    const path = '.roadmap/milestones/v020.md';
    const beforeText = readFileSync(join(repo, path), 'utf8');
    assert.match(beforeText, /\n# v020\n\n## Description\n\n\n\n## Goals\n/);
    roadmapOk(repo, ['milestone', 'update', 'v020', '--name', 'v0.2.0', '--description', 'The foundation.']);
    const text = readFileSync(join(repo, path), 'utf8');
    const expected = beforeText.replace('\n# v020\n\n## Description\n\n\n\n## Goals\n', '\n# v0.2.0\n\n## Description\n\nThe foundation.\n\n## Goals\n');
    const keys = ['name', 'description', 'updated'];
    assert.deepEqual(linesOutside(text, keys), linesOutside(expected, keys));
    // And back: the paragraph goes, the section stays.
    roadmapOk(repo, ['milestone', 'update', 'v0.2.0', '--name', 'v020', '--description', '']);
    assert.deepEqual(linesOutside(readFileSync(join(repo, path), 'utf8'), keys), linesOutside(beforeText.replace('## Description\n\n\n\n', '## Description\n\n'), keys));
  });
});

describe('fixture roadmap-cli-2026-02: the per-milestone folder layout', () => {
  const name: FixtureName = 'roadmap-cli-2026-02';
  let repo: string;
  before(() => {
    repo = fixtureRepo(name);
  });
  beforeEach(() => resetRepo(repo));

  test('changing an issue\'s milestone moves its file to that milestone\'s folder: one git rename', () => {
    const issue = todoIssue(expectedOf(repo), /\/issues\/backlog\//);
    const result = roadmapSync(repo, ['issue', 'update', issue.id, '--milestone', 'v1-0-2']);
    assert.equal(result.code, 0, result.stderr);
    const moved = issue.path.replace('/issues/backlog/', '/issues/v1-0-2/');
    assert.match(result.stderr, /moved to \.roadmap\/issues\/v1-0-2\//);
    git(repo, 'add', '-A', '--', '.roadmap/issues');
    const status = git(repo, 'diff', '--cached', '-M', '--name-status').trim().split('\n');
    assert.equal(status.length, 1, status.join('\n'));
    assert.match(status[0]!, new RegExp(`^R\\d+\\t${issue.path}\\t${moved}$`));
    const beforeText = git(repo, 'show', `HEAD:${issue.path}`);
    const afterText = readFileSync(join(repo, moved), 'utf8');
    assert.deepEqual(linesOutside(afterText, ['milestone', 'updated']), linesOutside(beforeText, ['milestone', 'updated']));
    assert.equal(frontMatter(join(repo, moved)).milestone, 'v1-0-2');
  });

  test('renaming a milestone renames it in its issues and moves them to the new folder', () => {
    const before = expectedOf(repo).issues.filter((i) => i.fields.milestone === 'v1-0-2');
    assert.equal(before.length, 8);
    roadmapOk(repo, ['milestone', 'update', 'v1-0-2', '--name', 'v1-1-0']);
    git(repo, 'add', '-A', '--', '.roadmap/issues', '.roadmap/milestones');
    const status = git(repo, 'diff', '--cached', '-M', '--name-status').trim().split('\n').sort();
    const renames = status.filter((line) => line.startsWith('R'));
    assert.equal(renames.length, 8, status.join('\n'));
    for (const issue of before) {
      const moved = issue.path.replace('/issues/v1-0-2/', '/issues/v1-1-0/');
      assert.ok(renames.some((line) => line.endsWith(`\t${issue.path}\t${moved}`)), `${issue.path} → ${moved}`);
      assert.equal(frontMatter(join(repo, moved)).milestone, 'v1-1-0');
    }
    assert.deepEqual(status.filter((line) => !line.startsWith('R')), ['M\t.roadmap/milestones/v1-0-2.md']);
  });

  test('a new issue for a milestone goes into that milestone\'s folder; a backlog one into backlog/', () => {
    const inMilestone = roadmapJson<Json>(repo, ['issue', 'create', 'Fixture milestone issue', '--milestone', 'v1-0-2', '--json']);
    assert.match(String(inMilestone.path), /^\.roadmap\/issues\/v1-0-2\/[0-9a-f]{8}-fixture-milestone-issue\.md$/);
    const inBacklog = roadmapJson<Json>(repo, ['issue', 'create', 'Fixture backlog issue', '--json']);
    assert.match(String(inBacklog.path), /^\.roadmap\/issues\/backlog\/[0-9a-f]{8}-fixture-backlog-issue\.md$/);
  });

  test('`--milestone ""` and `--milestone backlog` mean the backlog, as those values do in the files', () => {
    const backlogCount = roadmapJson<Json[]>(repo, ['issue', 'list', '--backlog', '--json']).length;
    assert.ok(backlogCount > 0);
    for (const value of ['backlog', '']) {
      assert.equal(roadmapJson<Json[]>(repo, ['issue', 'list', '--milestone', value, '--json']).length, backlogCount, `--milestone '${value}'`);
    }
    const [first, second] = expectedOf(repo).issues.filter((i) => /\/issues\/v1-0-2\//.test(i.path));
    for (const [issue, value] of [[first!, ''], [second!, 'backlog']] as const) {
      const moved = roadmapJson<Json[]>(repo, ['issue', 'update', String(issue.fields.id), '--milestone', value, '--json'])[0]!;
      assert.match(String(moved.path), /^\.roadmap\/issues\/backlog\/[0-9a-f]{8}-/, `--milestone '${value}'`);
      assert.equal(moved.milestone, null);
    }
    const created = roadmapJson<Json>(repo, ['issue', 'create', 'Backlog by name', '--milestone', 'backlog', '--json']);
    assert.match(String(created.path), /^\.roadmap\/issues\/backlog\//);
  });

  test('renaming a milestone whose body is empty (as this version wrote them) leaves the body empty', () => {
    const path = '.roadmap/milestones/v1-0-2.md';
    roadmapOk(repo, ['milestone', 'update', 'v1-0-2', '--name', 'v1-1-0', '--description', 'Polish.']);
    const beforeText = git(repo, 'show', `HEAD:${path}`);
    const text = readFileSync(join(repo, path), 'utf8');
    assert.equal(text.slice(text.indexOf('\n---\n')), beforeText.slice(beforeText.indexOf('\n---\n')));
  });

  test('done is written as this folder spells it (closed), and closed may be asked for by name in any folder', () => {
    const issue = todoIssue(expectedOf(repo));
    roadmapOk(repo, ['issue', 'done', issue.id]);
    assert.equal(frontMatter(join(repo, issue.path)).status, 'closed');
    const created = roadmapJson<Json>(repo, ['issue', 'create', 'Born finished', '--status', 'done', '--json']);
    assert.equal(created.status, 'closed');
    const fromFiles = expectedOf(repo).issues.find((i) => i.fields.status === 'todo' && i.path !== issue.path)!;
    roadmapOk(repo, ['--no-index', 'issue', 'done', String(fromFiles.fields.id)]);
    assert.equal(frontMatter(join(repo, fromFiles.path)).status, 'closed', 'the files alone tell the same spelling');
    assert.ok(roadmapJson<Json[]>(repo, ['issue', 'list', '--status', 'done', '--json']).some((i) => i.id === issue.id), '--status done finds it');

    const seedEra = fixtureRepo('roadmap-cli-2025-10');
    const other = todoIssue(expectedOf(seedEra));
    roadmapOk(seedEra, ['issue', 'update', other.id, '--status', 'closed']);
    const fields = frontMatter(join(seedEra, other.path));
    assert.equal(fields.status, 'closed', 'taken as given');
    assert.ok(fields.completed_date, 'and stamped as done');
    const third = expectedOf(seedEra).issues.find((i) => i.fields.status === 'todo' && i.path !== other.path)!;
    roadmapOk(seedEra, ['issue', 'done', String(third.fields.id)]);
    assert.equal(frontMatter(join(seedEra, third.path)).status, 'done', 'the seed era spells it done');
  });

  test('a milestone tied to the roadmap by its own project_id: adding it is a no-op, leaving it out is refused and names its file', () => {
    const path = '.roadmap/projects/99d80769-roadmap.md';
    const added = roadmapSync(repo, ['roadmap', 'update', '99d80769', '--add-milestone', 'v0-2-0']);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /^99d80769 was already as asked; not rewritten$/m);
    assertFails(roadmapSync(repo, ['roadmap', 'update', '99d80769', '--remove-milestone', 'V1-0-2']), 1,
      /^error: milestone "v1-0-2" belongs to this roadmap by its own project_id \(\.roadmap\/milestones\/v1-0-2\.md\); change it there to leave it out$/);
    assert.deepEqual(gitChanged(repo), [], 'nothing written');
    assert.equal((roadmapJson<Json>(repo, ['roadmap', 'show', '99d80769', '--json']).milestone_progress as Json[]).length, 6);
    // A milestone it does not hold can be added, into a list the file starts then.
    roadmapOk(repo, ['milestone', 'create', 'v2']);
    roadmapOk(repo, ['roadmap', 'update', '99d80769', '--add-milestone', 'V2']);
    assert.deepEqual(frontMatter(join(repo, path)).milestones, ['v2']);
    roadmapOk(repo, ['roadmap', 'update', '99d80769', '--remove-milestone', 'v2']);
    assert.deepEqual(frontMatter(join(repo, path)).milestones, []);
    // Tied however the milestone spells the id (case, a longer id), and listed as well: still refused.
    const tiedFile = join(repo, '.roadmap', 'milestones', 'v0-2-0.md');
    writeFileSync(tiedFile, readFileSync(tiedFile, 'utf8').replace(/^project_id: .*$/m, 'project_id: 99D80769'));
    writeFileSync(join(repo, path), readFileSync(join(repo, path), 'utf8').replace(/^milestones: \[\]$/m, 'milestones:\n- v0-2-0'));
    assertFails(roadmapSync(repo, ['roadmap', 'update', '99d80769', '--remove-milestone', 'v0-2-0']), 1, /^error: milestone "v0-2-0" belongs to this roadmap by its own project_id/);
  });

  test('roadmap JSON has start_date and target_end_date at the top, read from timeline: where this version keeps them', () => {
    const [shown] = [roadmapJson<Json>(repo, ['roadmap', 'show', '99d80769', '--json'])];
    assert.deepEqual((shown.timeline as Json).start_date, '2026-02-09T21:28:16.277476+00:00', 'timeline kept as written');
    assert.equal(shown.start_date, '2026-02-09T21:28:16.277476+00:00');
    assert.equal(shown.target_end_date, null);
    const [listed] = roadmapJson<Json[]>(repo, ['roadmap', 'list', '--json']);
    assert.equal(listed!.start_date, shown.start_date);
    // The seed era writes "" for no date: a date or null, in JSON as in the web API.
    const seedEra = roadmapJson<Json[]>(fixtureRepo('roadmap-cli-2025-10'), ['roadmap', 'list', '--json'])[0]!;
    assert.deepEqual([seedEra.start_date, seedEra.target_end_date], [null, null]);
  });

  test('a new roadmap goes to projects/, the folder this project already uses', () => {
    const created = roadmapJson<Json>(repo, ['project', 'create', 'Second plan', '--json']);
    assert.match(String(created.path), /^\.roadmap\/projects\/[0-9a-f]{8}-second-plan\.md$/);
  });
});

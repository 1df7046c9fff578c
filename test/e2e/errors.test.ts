/**
 * Every way a command can fail, run on the built CLI: the one-line reason on stderr (naming the
 * file, id, field or allowed values a user needs to fix it), the exit code (1 failure, 2 usage
 * error), and the guarantee that a failing command leaves every file as it was.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertFails, assertSameSnapshot, CLI, cleanEnv, emptyProject, fixtureRepo, issueFiles, read, roadmapJson, roadmapOk, roadmapSync, snapshot, stderrLines, tempDir,
} from '../helpers.js';

const ID = /^[0-9a-f]{8}$/;

function create(dir: string, title: string, ...flags: string[]): string {
  const id = roadmapOk(dir, ['issue', 'create', title, ...flags]).trim();
  assert.match(id, ID);
  return id;
}

function issuePath(dir: string, id: string): string {
  const found = readdirSync(join(dir, '.roadmap', 'issues')).filter((f) => f.startsWith(`${id}-`));
  assert.equal(found.length, 1, `one file for ${id}`);
  return join(dir, '.roadmap', 'issues', found[0]!);
}

/** Write an issue file by hand with the given id (to make prefixes collide). */
function writeIssue(dir: string, rel: string, id: string, title: string): void {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `---\nid: ${id}\ntitle: ${title}\npriority: medium\nstatus: todo\nissue_type: other\nmilestone: null\nlabels: []\n` +
    `created: '2026-01-01T00:00:00+00:00'\nupdated: '2026-01-01T00:00:00+00:00'\n---\n\n# ${title}\n`);
}

// ---- malformed files ----------------------------------------------------------------------

describe('a malformed file is named, skipped, never rewritten; everything else still works', () => {
  let dir: string;
  let good: string[];
  let badPath: string;
  let badText: string;
  let badMtime: number;
  before(() => {
    dir = emptyProject();
    good = [create(dir, 'First good'), create(dir, 'Second good'), create(dir, 'Third good')];
    badPath = join(dir, '.roadmap', 'issues', 'feedf00d-hand-edited.md');
    // Line 5 is the mistake: `@` cannot start a plain YAML value (a user typed a handle).
    badText = '---\nid: feedf00d\ntitle: Hand edited\nstatus: todo\nassignee: @bob\nlabels: []\n---\n\n# Hand edited\n';
    writeFileSync(badPath, badText);
    badMtime = statSync(badPath).mtimeMs;
  });

  const WARNING = /^warning: \.roadmap\/issues\/feedf00d-hand-edited\.md:5: .+ \(file skipped\)$/;

  test('list names the file and the line on stderr, once, and lists every other issue', () => {
    const result = roadmapSync(dir, ['issue', 'list', '--format', 'ids']);
    assert.equal(result.code, 0, 'one bad file does not fail the command');
    assert.deepEqual(result.stdout.trim().split('\n').sort(), [...good].sort());
    const lines = stderrLines(result);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, WARNING);
  });

  test('the other read commands report it too and still answer', () => {
    for (const args of [['status'], ['search', 'good'], ['issue', 'ready'], ['milestone', 'list']]) {
      const result = roadmapSync(dir, args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /feedf00d-hand-edited\.md:\d+: /, args.join(' '));
    }
  });

  test('asking for the bad file\'s id fails with exit 1 and says which file could not be read', () => {
    const result = roadmapSync(dir, ['issue', 'show', 'feedf00d']);
    assertFails(result, 1, /^error: no issue with id "feedf00d"; \.roadmap\/issues\/feedf00d-hand-edited\.md may hold it, but could not be read \(see the warning above\)$/);
    assertFails(roadmapSync(dir, ['issue', 'show', 'feed']), 1, /feedf00d-hand-edited\.md may hold it/);
    assert.ok(stderrLines(result).some((line) => WARNING.test(line)), result.stderr);
  });

  test('a broken file of another kind is not offered as the missing issue', () => {
    const other = emptyProject();
    mkdirSync(join(other, '.roadmap', 'milestones'), { recursive: true });
    writeFileSync(join(other, '.roadmap', 'milestones', 'cafe.md'), '---\nname: cafe\nstatus: [open\n---\n');
    for (const extra of [[], ['--no-index']]) assertFails(roadmapSync(other, [...extra, 'issue', 'show', 'cafe']), 1, /^error: no issue with id "cafe"$/);
    // The index reads every file, so it names the broken one, on the line its bracket opens.
    assert.match(roadmapSync(other, ['issue', 'show', 'cafe']).stderr, /^warning: \.roadmap\/milestones\/cafe\.md:3: .+ \(file skipped\)$/m);
  });

  test('updates, creates and deletes of other issues never touch the bad file', () => {
    roadmapOk(dir, ['issue', 'update', good[0]!, '--priority', 'high']);
    roadmapOk(dir, ['issue', 'update', ...good, '--add-label', 'all']);
    roadmapOk(dir, ['issue', 'done', good[1]!]);
    const extra = create(dir, 'Made later');
    roadmapOk(dir, ['issue', 'delete', extra]);
    roadmapOk(dir, ['milestone', 'create', 'm']);
    roadmapOk(dir, ['issue', 'update', good[2]!, '--milestone', 'm']);
    assert.equal(read(badPath), badText);
    assert.equal(statSync(badPath).mtimeMs, badMtime, 'never rewritten');
  });

  test('files without front matter, or never closed, are named at line 1', () => {
    const other = emptyProject();
    const id = create(other, 'Fine');
    writeFileSync(join(other, '.roadmap', 'issues', 'aaaa0000-no-front-matter.md'), '# Just markdown\n');
    writeFileSync(join(other, '.roadmap', 'issues', 'bbbb0000-unclosed.md'), '---\nid: bbbb0000\ntitle: x\n');
    const result = roadmapSync(other, ['issue', 'list', '--format', 'ids']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${id}\n`);
    assert.match(result.stderr, /^warning: \.roadmap\/issues\/aaaa0000-no-front-matter\.md:1: no front matter.*\(file skipped\)$/m);
    assert.match(result.stderr, /^warning: \.roadmap\/issues\/bbbb0000-unclosed\.md:1: front matter is not closed.*\(file skipped\)$/m);
  });

  test('in a real fixture, one broken file hides only itself', () => {
    const repo = fixtureRepo('roadmap-cli-2026-02');
    const files = issueFiles(repo);
    const victim = files[10]!;
    const text = read(join(repo, victim));
    // Break the labels line as a careless hand edit would.
    const broken = text.replace(/^labels:.*$/m, 'labels: [unclosed, list');
    writeFileSync(join(repo, victim), broken);
    const result = roadmapSync(repo, ['issue', 'list', '--all', '--format', 'ids']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim().split('\n').length, files.length - 1);
    assert.match(result.stderr, new RegExp(`^warning: ${victim.replace(/[.]/g, '\\.')}:\\d+: .*\\(file skipped\\)$`, 'm'));
    roadmapOk(repo, ['issue', 'update', '--stdin', '--add-label', 'x'], { input: result.stdout.split('\n').slice(0, 5).join('\n') });
    assert.equal(read(join(repo, victim)), broken);
  });
});

// ---- ids ------------------------------------------------------------------------------------

describe('files that can be read but not edited safely, and a malformed config.yaml', () => {
  test('a key written twice: reading takes the last, an edit is refused naming the file, the line and the key', () => {
    const dir = emptyProject();
    const path = join(dir, '.roadmap', 'issues', '11112222-twice.md');
    const text = '---\nid: 11112222\ntitle: Twice\npriority: low\npriority: high\nstatus: todo\n---\n\nbody\n';
    writeFileSync(path, text);
    assert.equal(roadmapJson<{ priority: string }>(dir, ['issue', 'show', '1111', '--json']).priority, 'high');
    assertFails(
      roadmapSync(dir, ['issue', 'update', '1111', '--priority', 'medium']),
      1,
      /^error: \.roadmap\/issues\/11112222-twice\.md:5: the key "priority" is written twice; keep one of them; fix it by hand \(nothing was written\)$/,
    );
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  test('a milestone rename stops before writing anything when one of its issues cannot be edited', () => {
    const dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'v1']);
    const ok = roadmapOk(dir, ['issue', 'create', 'Fine', '--milestone', 'v1']).trim();
    writeFileSync(join(dir, '.roadmap', 'issues', '33334444-twice.md'), '---\nid: 33334444\ntitle: Twice\nmilestone: v1\nmilestone: v1\n---\n');
    const before = snapshot(dir);
    const result = roadmapSync(dir, ['milestone', 'update', 'v1', '--name', 'v2']);
    assertFails(result, 1, /33334444-twice\.md:5: the key "milestone" is written twice/);
    assert.deepEqual(snapshot(dir), before, 'no file changed');
    assert.equal(roadmapJson<{ milestone: string }>(dir, ['issue', 'show', ok, '--json']).milestone, 'v1');
  });

  test('a malformed config.yaml is named and skipped: commands work on the defaults; config set refuses to rewrite it', () => {
    const dir = emptyProject();
    const id = roadmapOk(dir, ['issue', 'create', 'Still listed']).trim();
    const config = join(dir, '.roadmap', 'config.yaml');
    const broken = readFileSync(config, 'utf8') + 'storage: [\n';
    writeFileSync(config, broken);
    const listed = roadmapSync(dir, ['issue', 'list', '--format', 'ids']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout.trim(), id);
    assert.match(listed.stderr, /^warning: .+config\.yaml:5: .+ \(skipped: the default settings apply until it is fixed\)$/m);
    assert.equal(roadmapOk(dir, ['--no-index', 'issue', 'list', '--format', 'ids']).trim(), id);
    const files = roadmapSync(dir, ['--no-index', 'status']);
    assert.equal(files.code, 0, files.stderr);
    assert.equal(stderrLines(files).filter((line) => /config\.yaml:5: .+ \(skipped/.test(line)).length, 1, files.stderr);
    assertFails(roadmapSync(dir, ['config', 'set', 'storage.cache_size', '10']), 1, /config\.yaml:\d+: .+; fix it by hand, it was not changed$/);
    assert.equal(readFileSync(config, 'utf8'), broken);
  });

  test('a config.yaml that cannot be read at all (a folder of that name) is named, not reported as a bug', () => {
    const dir = emptyProject();
    const id = roadmapOk(dir, ['issue', 'create', 'Still listed']).trim();
    const config = join(dir, '.roadmap', 'config.yaml');
    rmSync(config);
    mkdirSync(config);
    const listed = roadmapSync(dir, ['issue', 'list', '--format', 'ids']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout.trim(), id);
    assert.match(listed.stderr, /^warning: .+config\.yaml: cannot be read \(EISDIR: .+\) \(skipped: the default settings apply until it is fixed\)$/m);
    assertFails(roadmapSync(dir, ['config', 'set', 'storage.cache_size', '10']), 1, /^error: .+config\.yaml: cannot be read \(EISDIR: .+\)$/);
  });
});

describe('ids that do not resolve to one issue', () => {
  let dir: string;
  let real: string;
  before(() => {
    dir = emptyProject();
    real = create(dir, 'Real one');
    writeIssue(dir, '.roadmap/issues/abcd0001-twin-one.md', 'abcd0001', 'Twin one');
    writeIssue(dir, '.roadmap/issues/abcd0002-twin-two.md', 'abcd0002', 'Twin two');
    // The same id in an issue file and its archived copy, as real folders hold.
    writeIssue(dir, '.roadmap/issues/77770000-kept.md', '77770000', 'Kept');
    writeIssue(dir, '.roadmap/archive/issues/77770000-kept.md', '77770000', 'Kept');
  });

  test('an unknown id: exit 1 naming it, for every verb that takes ids', () => {
    for (const args of [['issue', 'show', 'deadbeef'], ['issue', 'update', 'deadbeef', '--priority', 'low'], ['issue', 'done', 'deadbeef'],
      ['issue', 'start', 'deadbeef'], ['issue', 'delete', 'deadbeef'], ['issue', 'deps', 'deadbeef'], ['issue', 'deps', 'add', real, 'deadbeef'],
      ['issue', 'create', 'Needs a dep', '--depends-on', 'deadbeef']]) {
      assertFails(roadmapSync(dir, args), 1, /^error: no issue with id "deadbeef"$/, args.join(' '));
    }
  });

  test('an ambiguous prefix: exit 1 naming every candidate', () => {
    for (const args of [['issue', 'show', 'abcd'], ['issue', 'update', 'abcd', '--priority', 'low'], ['issue', 'deps', 'add', real, 'abc']]) {
      assertFails(roadmapSync(dir, args), 1, /^error: issue id "abc(d)?" is ambiguous: it matches abcd0001, abcd0002$/, args.join(' '));
    }
    assert.match(roadmapOk(dir, ['issue', 'show', 'abcd0001']), /^abcd0001 {2}Twin one$/m, 'a full id still works');
  });

  test('one id in two files: both are listed, and a command given the id names both paths', () => {
    const listed = roadmapOk(dir, ['issue', 'list', '--all', '--json']);
    const paths = (JSON.parse(listed) as Array<{ id: string; path: string }>).filter((i) => i.id === '77770000').map((i) => i.path).sort();
    assert.deepEqual(paths, ['.roadmap/archive/issues/77770000-kept.md', '.roadmap/issues/77770000-kept.md']);
    const before = snapshot(dir);
    for (const args of [['issue', 'show', '77770000'], ['issue', 'done', '7777'], ['issue', 'delete', '77770000']]) {
      assertFails(roadmapSync(dir, args), 1,
        /^error: issue id "77770000" is in 2 files: \.roadmap\/archive\/issues\/77770000-kept\.md, \.roadmap\/issues\/77770000-kept\.md/, args.join(' '));
    }
    assertSameSnapshot(before, snapshot(dir));
  });

  test('a roadmap id that does not exist, and an id that is not hex at all', () => {
    assertFails(roadmapSync(dir, ['roadmap', 'show', 'ffff0000']), 1, /^error: no roadmap with id "ffff0000"$/);
    assertFails(roadmapSync(dir, ['issue', 'show', 'no/such']), 1, /^error: invalid id "no\/such"/);
  });
});

// ---- bad values -------------------------------------------------------------------------------

describe('bad values: exit 1 naming the field and what is allowed, nothing written', () => {
  let dir: string;
  let id: string;
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'm1']);
    id = create(dir, 'Target');
  });

  const STATUS = /^error: invalid status "finished": allowed values are todo, in-progress, blocked, review, done, closed, completed, archived$/;
  const PRIORITY = /^error: invalid priority "urgent": allowed values are critical, high, medium, low$/;
  const TYPE = /^error: invalid type "task": allowed values are feature, bug, other$/;
  const ESTIMATE = /^error: invalid estimate "lots": expected a number of hours, 0 or more$/;
  const PROGRESS = /^error: invalid progress "150": expected a percentage from 0 to 100$/;
  const DUE = /^error: invalid due date "(2026-02-30|next week)": expected a date as YYYY-MM-DD$/;

  const cases = (): Array<[string[], RegExp]> => [
    [['issue', 'create', 'X', '--status', 'finished'], STATUS],
    [['issue', 'update', id, '--status', 'finished'], STATUS],
    [['issue', 'list', '--status', 'finished'], /^error: invalid status "finished": allowed values are todo, in-progress, blocked, review, done, closed, completed, archived$/],
    [['issue', 'create', 'X', '--priority', 'urgent'], PRIORITY],
    [['issue', 'update', id, '--priority', 'urgent'], PRIORITY],
    [['issue', 'list', '--priority', 'urgent'], PRIORITY],
    [['issue', 'create', 'X', '--type', 'task'], TYPE],
    [['issue', 'update', id, '--type', 'task'], TYPE],
    [['issue', 'create', 'X', '--estimate', 'lots'], ESTIMATE],
    [['issue', 'update', id, '--estimate', 'lots'], ESTIMATE],
    [['issue', 'update', id, '--estimate', '-2'], /^error: invalid estimate "-2"/],
    [['issue', 'update', id, '--progress', '150'], PROGRESS],
    [['issue', 'update', id, '--progress', 'half'], /^error: invalid progress "half"/],
    [['milestone', 'create', 'm2', '--due-date', '2026-02-30'], DUE],
    [['milestone', 'update', 'm1', '--due-date', 'next week'], DUE],
    [['milestone', 'update', 'm1', '--status', 'done'], /^error: invalid milestone status "done": allowed values are open, closed$/],
    [['roadmap', 'create', 'R', '--status', 'paused'], /^error: invalid roadmap status "paused": allowed values are planning, active, on-hold, completed, cancelled$/],
    [['issue', 'list', '--sort', 'colour'], /^error: invalid sort field "colour": allowed values are id, title, status, priority/],
    [['issue', 'list', '--limit', '0'], /^error: invalid limit "0": expected a whole number, 1 or more$/],
    [['issue', 'create', '   '], /^error: invalid title: it must not be empty$/],
    [['issue', 'create', 'X', '--body-file', '/no/such/file.md'], /^error: cannot read \/no\/such\/file\.md: /],
    [['config', 'set', 'storage.use_index', 'maybe'], /^error: invalid value "maybe" for storage\.use_index: allowed values are true, false$/],
  ];

  test('each bad value is refused with its own message', () => {
    const before = snapshot(dir);
    for (const [args, message] of cases()) assertFails(roadmapSync(dir, args), 1, message, args.join(' '));
    assertSameSnapshot(before, snapshot(dir));
  });
});

// ---- milestones -----------------------------------------------------------------------------

describe('milestone not found', () => {
  test('status, update, close, delete, and issues pointing at it: exit 1 naming it and the known ones', () => {
    const dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'v1']);
    const id = create(dir, 'Somewhere');
    const before = snapshot(dir);
    const missing = /^error: no milestone named "v9" \(milestones: v1\)$/;
    for (const args of [['milestone', 'status', 'v9'], ['milestone', 'update', 'v9', '--status', 'closed'], ['milestone', 'close', 'v9'],
      ['milestone', 'delete', 'v9'], ['issue', 'create', 'Lost', '--milestone', 'v9'], ['issue', 'update', id, '--milestone', 'v9'],
      ['roadmap', 'create', 'R', '--milestone', 'v9']]) {
      assertFails(roadmapSync(dir, args), 1, missing, args.join(' '));
    }
    assertSameSnapshot(before, snapshot(dir));
  });

  test('a second milestone with a taken name is refused', () => {
    const dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'v1']);
    assertFails(roadmapSync(dir, ['milestone', 'create', 'v1']), 1, /^error: a milestone named "v1" already exists$/);
  });
});

// ---- no project -------------------------------------------------------------------------------

describe('no .roadmap/ folder', () => {
  test('every command that needs one fails with exit 1 and a hint to run init', () => {
    const dir = tempDir();
    for (const args of [['issue', 'list'], ['issue', 'create', 'X'], ['status'], ['milestone', 'list'], ['roadmap', 'list'], ['search', 'x'], ['config', 'list']]) {
      assertFails(roadmapSync(dir, args), 1, /^error: no \.roadmap\/ found in .* or any parent folder \(run `roadmap init` to create one\)$/, args.join(' '));
    }
  });

  test('init where .roadmap is a file names it, and writes nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.roadmap'), 'notes\n');
    assertFails(roadmapSync(dir, ['init']), 1, /^error: .+\/\.roadmap is a file, not a folder; move it aside, then run roadmap init again$/);
    assert.equal(readFileSync(join(dir, '.roadmap'), 'utf8'), 'notes\n');
    assert.deepEqual(readdirSync(dir), ['.roadmap']);
  });

  test('init where .roadmap is a link to nothing names it, and writes nothing', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'gone'), join(dir, '.roadmap'));
    assertFails(roadmapSync(dir, ['init']), 1, /^error: .+\/\.roadmap is a link to a folder that does not exist; fix or remove it, then run roadmap init again$/);
    assert.deepEqual(readdirSync(dir), ['.roadmap']);
  });

  test('--root and ROADMAP_ROOT pointing at a folder without one say so, with the same hint', () => {
    const dir = tempDir();
    assertFails(roadmapSync(tempDir(), ['--root', dir, 'issue', 'list']), 1, /^error: no \.roadmap\/ in .* \(run `roadmap init` there first\)$/);
    assertFails(roadmapSync(tempDir(), ['issue', 'list'], { env: { ROADMAP_ROOT: dir } }), 1, /run `roadmap init`/);
  });
});

// ---- usage errors -----------------------------------------------------------------------------

describe('usage errors exit 2', () => {
  let dir: string;
  before(() => {
    dir = emptyProject();
  });

  const cases: Array<[string[], RegExp]> = [
    [['issue', 'list', '--bogus'], /^error: unknown option '--bogus'$/],
    [['issue', 'show'], /^error: missing required argument 'id'$/],
    [['milestone', 'status'], /^error: missing required argument 'name'$/],
    [['bogus'], /^error: unknown command 'bogus'$/],
    [['issue', 'frobnicate'], /^error: unknown command 'frobnicate'$/],
    [['issue', 'list', '--format', 'xml'], /^error: invalid --format "xml": allowed values are table, json, csv, ids$/],
    [['roadmap', 'list', '--format', 'yaml'], /^error: invalid --format "yaml": allowed values are table, json, csv, ids$/],
    [['issue', 'show', 'x', '--format', 'csv'], /^error: invalid --format "csv": allowed values are table, json$/],
    [['issue', 'list', '--limit'], /^error: option '-n, --limit <n>' argument missing$/],
    [['issue', 'create'], /^error: issue create needs a title/],
    [['issue', 'update', '--priority', 'low'], /^error: issue update needs at least one id/],
    [['issue', 'update', 'abc'], /^error: nothing to change: give at least one field to set$/],
    [['issue', 'update', '--stdin'], /^error: nothing to change: give at least one field to set$/],
    [['milestone', 'update', 'v1'], /^error: nothing to change: give --name, --due-date, --description or --status$/],
    [['roadmap', 'update', 'abc'], /^error: nothing to change: give at least one field to set$/],
    [['issue', 'show', 'a', 'b'], /^error: too many arguments for 'show'/],
    [['issue', 'list', '--milestone', 'm', '--backlog'], /^error: option '.*--milestone <name>' cannot be used with option '--backlog'$/],
  ];

  for (const [args, message] of cases) {
    test(args.join(' '), () => assertFails(roadmapSync(dir, args), 2, message, args.join(' ')));
  }

  test('--stdin with no ids is not an error: a pipeline whose list came back empty changes nothing', () => {
    const before = snapshot(dir);
    const quiet = roadmapSync(dir, ['issue', 'update', '--stdin', '--priority', 'high'], { input: '' });
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout, '');
    assert.match(quiet.stderr, /no ids on standard input: nothing to update/);
    assert.equal(roadmapSync(dir, ['issue', 'update', '--stdin', '--json', '--priority', 'high'], { input: '\n' }).stdout.trim(), '[]');
    assertSameSnapshot(before, snapshot(dir));
    assertFails(roadmapSync(tempDir(), ['issue', 'update', '--stdin', '--priority', 'high'], { input: '' }), 1, /^error: no \.roadmap\/ found in /);
  });

  test('usage errors are checked before anything is read: no project needed', () => {
    assertFails(roadmapSync(tempDir(), ['issue', 'list', '--bogus']), 2, /unknown option '--bogus'/);
  });
});

// ---- nothing half-written ---------------------------------------------------------------------

describe('a failing batch writes nothing', () => {
  let dir: string;
  let ids: string[];
  before(() => {
    dir = emptyProject();
    roadmapOk(dir, ['milestone', 'create', 'm']);
    ids = [create(dir, 'One'), create(dir, 'Two'), create(dir, 'Three')];
    writeIssue(dir, '.roadmap/issues/abcd0001-twin-one.md', 'abcd0001', 'Twin one');
    writeIssue(dir, '.roadmap/issues/abcd0002-twin-two.md', 'abcd0002', 'Twin two');
  });

  test('one bad id among good ones: exit 1 naming it, and no file changed', () => {
    const before = snapshot(dir);
    const [a, b, c] = ids as [string, string, string];
    const cases: Array<[string[], RegExp, string?]> = [
      [['issue', 'update', a, b, 'deadbeef', c, '--status', 'done'], /"deadbeef"/],
      [['issue', 'update', a, 'abcd', '--add-label', 'x'], /ambiguous/],
      [['issue', 'update', a, b, '--milestone', 'nope'], /no milestone named "nope"/],
      [['issue', 'done', a, 'deadbeef'], /"deadbeef"/],
      [['issue', 'start', 'deadbeef', b], /"deadbeef"/],
      [['issue', 'block', a, b, 'ffffffff'], /"ffffffff"/],
      [['issue', 'delete', a, b, 'deadbeef'], /"deadbeef"/],
      [['issue', 'update', '--stdin', '--priority', 'critical'], /"deadbeef"/, `${a}\n${b}\ndeadbeef\n`],
    ];
    for (const [args, message, input] of cases) {
      assertFails(roadmapSync(dir, args, input !== undefined ? { input } : {}), 1, message, args.join(' '));
      assertSameSnapshot(before, snapshot(dir));
    }
    for (const id of ids) assert.ok(statSync(issuePath(dir, id)).isFile());
  });

  test('the same batch without the bad id changes every file in it', () => {
    const [a, b, c] = ids as [string, string, string];
    roadmapOk(dir, ['issue', 'update', a, b, c, '--status', 'done']);
    for (const id of [a, b, c]) assert.match(read(issuePath(dir, id)), /^status: done$/m);
  });

  test('no temporary or lock files are left behind by failures', () => {
    const leftovers = readdirSync(join(dir, '.roadmap', 'issues')).filter((f) => !/^[0-9a-f]{8}-.*\.md$/.test(f));
    assert.deepEqual(leftovers, []);
  });
});

describe('a write the disk refuses changes no file', () => {
  /** The CLI under a file-size limit of 1 KiB (ulimit -f): writing a bigger file fails with EFBIG. */
  function underSizeLimit(dir: string, args: string[]) {
    const result = spawnSync('bash', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, CLI, '--no-index', ...args], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  test('every file of the batch is on disk before any replaces its original: a failure on the last changes none', () => {
    const dir = emptyProject();
    const small = create(dir, 'Small');
    const big = create(dir, 'Big', '--body', 'x'.repeat(4000));
    const before = snapshot(dir);
    const result = underSizeLimit(dir, ['issue', 'update', small, big, '--priority', 'high']);
    const bigFile = issuePath(dir, big).slice(dir.length + 1);
    assertFails(result, 1, new RegExp(`^error: could not write ${bigFile.replace(/\./g, '\\.')} \\(EFBIG: file too large\\); no file was changed$`));
    assertSameSnapshot(before, snapshot(dir));
    assert.deepEqual(readdirSync(join(dir, '.roadmap', 'issues')).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
    assert.ok(underSizeLimit(dir, ['issue', 'update', small, '--priority', 'high']).code === 0, 'a file under the limit is written as usual');
  });

  test('a file is replaced by a rename, not rewritten in place: a reader holding the old one reads it whole', () => {
    const dir = emptyProject();
    const id = create(dir, 'Linked', '--body', 'y'.repeat(2000));
    const path = issuePath(dir, id);
    chmodSync(path, 0o600);
    const old = read(path);
    const keep = join(dir, 'held-by-a-reader.md');
    linkSync(path, keep);
    roadmapOk(dir, ['issue', 'update', id, '--priority', 'high']);
    assert.equal(readFileSync(keep, 'utf8'), old, 'the old inode still holds the old bytes');
    assert.notEqual(statSync(path).ino, statSync(keep).ino);
    assert.match(read(path), /^priority: high$/m);
    assert.equal(statSync(path).mode & 0o777, 0o600, 'the file keeps its mode');
  });
});

test('a folder where the lock file goes is named at once, not waited on as if another process held it', () => {
  const dir = emptyProject();
  const id = create(dir, 'Untouched');
  mkdirSync(join(dir, '.roadmap', '.lock'));
  const before = snapshot(dir);
  for (const args of [['issue', 'create', 'Never written'], ['issue', 'update', id, '--priority', 'low'], ['config', 'set', 'storage.cache_size', '5']]) {
    assertFails(roadmapSync(dir, args), 1, /^error: could not lock .+\/\.roadmap\/\.lock: it is a folder, not a lock file; remove it$/, args.join(' '));
  }
  assertSameSnapshot(before, snapshot(dir));
});

describe('a file written by another tool in the middle is not clobbered', () => {
  test('an update re-reads the file under the lock, so a hand edit made before it is kept', () => {
    const dir = emptyProject();
    const id = create(dir, 'Shared');
    const path = issuePath(dir, id);
    writeFileSync(path, read(path).replace('# Shared\n', '# Shared\n\nA note typed in an editor.\n'));
    roadmapOk(dir, ['issue', 'update', id, '--priority', 'high']);
    const text = read(path);
    assert.match(text, /A note typed in an editor\./);
    assert.match(text, /^priority: high$/m);
  });

  test('a copy of an issue for safekeeping outside the entity folders is not an entity', () => {
    const dir = emptyProject();
    const id = create(dir, 'Original');
    mkdirSync(join(dir, '.roadmap', 'backups'), { recursive: true });
    copyFileSync(issuePath(dir, id), join(dir, '.roadmap', 'backups', 'copy.md'));
    mkdirSync(join(dir, '.roadmap', 'templates'), { recursive: true });
    writeFileSync(join(dir, '.roadmap', 'templates', 'issue.md'), '---\nid: {{ id }}\ntitle: {{ title }\n---\n');
    const result = roadmapSync(dir, ['issue', 'show', id]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(stderrLines(result), [], 'templates and backups are never parsed');
  });
});

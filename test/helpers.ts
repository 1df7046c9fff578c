/**
 * Shared test tools: throw-away project folders, copies of the Python tool's fixtures, and the
 * built CLI run as a real process with an environment made from scratch.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI, wherever package.json's `bin` says it is (`node scripts/build.mjs` makes it). */
export const CLI = join(REPO, (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: { roadmap: string } }).bin.roadmap);

/** End-to-end tests need the bundle; unit tests, which import this file too, do not. */
function ensureBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` before the end-to-end tests`);
}
/** Copies of ../shared/fixtures, kept in the repository so CI needs nothing beside it. */
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const FIXTURE_NAMES = ['roadmap-cli-2025-10', 'roadmap-cli-2026-02'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'roadmap-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh git repository holding a copy of a fixture's `.roadmap/`, committed. */
export function fixtureRepo(name: FixtureName): string {
  const dir = tempDir(`roadmap-${name}-`);
  cpSync(join(FIXTURES, name, '.roadmap'), join(dir, '.roadmap'), { recursive: true });
  // The checked-in fixtures may be read-only (they are reference data); the copy must not be,
  // or every write would fail for a user who is not root.
  makeWritable(join(dir, '.roadmap'));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'fixture');
  return dir;
}

function makeWritable(path: string): void {
  const st = statSync(path);
  chmodSync(path, st.mode | (st.isDirectory() ? 0o700 : 0o600));
  if (st.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/** An empty project: `roadmap init` in a new git repository. */
export function emptyProject(): string {
  const dir = tempDir();
  git(dir, 'init', '-q');
  const result = roadmapSync(dir, ['init', '--name', 'test']);
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'core.autocrlf=false', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Put a fixture repository back as committed, so one copy serves many writing tests: tracked
 * files restored, new entity files removed. The tool's own files (the index) are left for it
 * to bring up to date, as it must after a user's `git checkout`.
 */
export function resetRepo(cwd: string): void {
  git(cwd, 'reset', '-q', '--hard', 'HEAD');
  git(cwd, 'clean', '-fdq', '--', '.roadmap/issues', '.roadmap/milestones', '.roadmap/roadmaps', '.roadmap/projects', '.roadmap/archive');
}

/** Commit everything, so the next `git diff` shows only what the command under test did. */
export function commitAll(cwd: string, message = 'checkpoint'): void {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-qm', message, '--allow-empty');
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a user has, minus anything of ours that could leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // A loaded CI machine can take over a second for any command; the slow-operation warning
  // is tested on its own (test/e2e/index-health.test.ts), not left to chance everywhere.
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ROADMAP_SLOW_MS: '600000', ...extra };
}

/** Run the built CLI in `cwd` and wait for it. */
export function roadmapSync(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Result {
  ensureBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: cleanEnv(options.env),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Run the built CLI, assert it succeeded (showing stderr when it did not), return stdout. */
export function roadmapOk(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): string {
  const result = roadmapSync(cwd, args, options);
  assert.equal(result.code, 0, `roadmap ${args.join(' ')} exited ${result.code}\nstderr: ${result.stderr}\nstdout: ${result.stdout}`);
  return result.stdout;
}

/** Run the built CLI and parse its stdout as JSON. */
export function roadmapJson<T = unknown>(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): T {
  const stdout = roadmapOk(cwd, args, options);
  try {
    return JSON.parse(stdout) as T;
  } catch (error) {
    throw new Error(`roadmap ${args.join(' ')} did not print JSON: ${(error as Error).message}\n${stdout}`);
  }
}

/**
 * The lines of stderr that are about the project, without the note a slow command adds
 * ("warning: that took 1.7 s ..."): whether it appears depends on the machine's load.
 */
export function stderrLines(result: Result): string[] {
  return result.stderr.split('\n').filter((line) => line !== '' && !/^warning: that took [\d.]+ s\b/.test(line));
}

/** Assert a failure: the exit code, and that stderr holds exactly one line matching `message`. */
export function assertFails(result: Result, code: number, message: RegExp, what = ''): void {
  assert.equal(result.code, code, `${what} expected exit ${code}, got ${result.code}\nstderr: ${result.stderr}\nstdout: ${result.stdout}`);
  const errorLines = result.stderr.split('\n').filter((line) => /^error: /.test(line));
  assert.equal(errorLines.length, 1, `${what} expected one "error:" line on stderr, got:\n${result.stderr}`);
  assert.match(errorLines[0]!, message, what);
}

/** Run the built CLI without waiting (for tests of many processes at once). */
export function roadmapAsync(cwd: string, args: string[], options: { env?: Record<string, string> } = {}): Promise<Result> {
  ensureBuilt();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

/** Is util-linux `script` here, to run the CLI on a pseudo-terminal? */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Run the built CLI on a pseudo-terminal (stdout is a TTY) `columns` wide; stdout and stderr
 * arrive together in `stdout`, with CRLF line ends.
 */
export function roadmapTTY(cwd: string, args: string[], env: Record<string, string> = {}, columns = 100): Result {
  ensureBuilt();
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = `stty cols ${columns} rows 50 2>/dev/null; ${[process.execPath, CLI, ...args].map(quote).join(' ')}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: cleanEnv({ SHELL: '/bin/sh', TERM: 'xterm', ...env }),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

export function write(path: string, text: string): void {
  writeFileSync(path, text);
}

/** Every file under `dir`, as paths relative to `base` with `/` separators, sorted. */
export function filesUnder(dir: string, base = dir, keep: (rel: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const visit = (at: string) => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const abs = join(at, entry.name);
      if (entry.isDirectory()) visit(abs);
      else {
        const rel = relative(base, abs).split(sep).join('/');
        if (keep(rel)) out.push(rel);
      }
    }
  };
  visit(dir);
  return out.sort();
}

/** The issue files of a project (`issues/**` and `archive/issues/**`), relative to its root. */
export function issueFiles(root: string): string[] {
  return [
    ...filesUnder(join(root, '.roadmap', 'issues'), root, (rel) => rel.endsWith('.md')),
    ...filesUnder(join(root, '.roadmap', 'archive', 'issues'), root, (rel) => rel.endsWith('.md')),
  ].sort();
}

/** Bytes and mtime of every file under `.roadmap/`, to prove a command touched nothing. */
export function snapshot(root: string): Map<string, { text: string; mtimeMs: number }> {
  const out = new Map<string, { text: string; mtimeMs: number }>();
  for (const rel of filesUnder(join(root, '.roadmap'), root)) {
    if (TOOL_FILES.test(rel)) continue;
    const abs = join(root, rel);
    out.set(rel, { text: readFileSync(abs, 'latin1'), mtimeMs: statSync(abs).mtimeMs });
  }
  return out;
}

/** Assert two snapshots hold the same files with the same bytes (and, if asked, mtimes). */
export function assertSameSnapshot(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>, checkMtime = true): void {
  assert.deepEqual([...after.keys()], [...before.keys()], 'the set of files changed');
  for (const [rel, was] of before) {
    const now = after.get(rel)!;
    assert.ok(now.text === was.text, `${rel} changed`);
    if (checkMtime) assert.equal(now.mtimeMs, was.mtimeMs, `${rel} was rewritten (mtime changed)`);
  }
}

/**
 * Which part of an entity file each line belongs to: the top-level front-matter key that owns
 * it (its own line, its list items, its indented or folded continuation lines), `#comment`
 * for a comment line between keys, `---` for the delimiters, `body` after them. Lines are
 * split on `\n`, so a `\r` stays part of its line and is compared with it.
 */
export function lineOwners(text: string): string[] {
  const lines = text.split('\n');
  const owners: string[] = [];
  let state: 'before' | 'yaml' | 'body' = 'before';
  let key = '(none)';
  for (const line of lines) {
    const bare = line.replace(/\r$/, '');
    if (state === 'before') {
      owners.push('---');
      state = 'yaml';
    } else if (state === 'yaml' && /^---[ \t]*$/.test(bare)) {
      owners.push('---');
      state = 'body';
    } else if (state === 'body') {
      owners.push('body');
    } else if (/^#/.test(bare)) {
      owners.push('#comment');
    } else {
      const match = /^(?:'([^']*)'|"([^"]*)"|([^\s#'"-][^:]*?)):(?:[ \t]|$)/.exec(bare);
      if (match) key = match[1] ?? match[2] ?? match[3]!;
      owners.push(key);
    }
  }
  return owners;
}

/** The file's lines that do not belong to any of `keys`, each tagged with its owner. */
export function linesOutside(text: string, keys: Iterable<string>): string[] {
  const skip = new Set(keys);
  const owners = lineOwners(text);
  return text.split('\n').flatMap((line, i) => (skip.has(owners[i]!) ? [] : [`${owners[i]}\t${line}`]));
}

/**
 * The owners (see `lineOwners`) of every line `git diff` reports changed in one file, old side
 * from HEAD and new side from the working tree: the keys a command really touched.
 */
export function changedOwners(cwd: string, path: string): Set<string> {
  const before = git(cwd, 'show', `HEAD:${path}`);
  const after = readFileSync(join(cwd, path), 'utf8');
  const oldOwners = lineOwners(before);
  const newOwners = lineOwners(after);
  const diff = git(cwd, 'diff', '-U0', '--no-color', '--no-ext-diff', 'HEAD', '--', path);
  const owners = new Set<string>();
  for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
    const [oldStart, oldCount, newStart, newCount] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3]), Number(match[4] ?? 1)];
    for (let i = 0; i < oldCount; i++) owners.add(oldOwners[oldStart - 1 + i]!);
    for (let i = 0; i < newCount; i++) owners.add(newOwners[newStart - 1 + i]!);
  }
  return owners;
}

/**
 * Files the tool keeps for itself inside `.roadmap/`: the derived index and its journal, the
 * write lock, temp files, and the `.gitignore` that keeps them out of git (written the first
 * time the index is made in a folder `init` did not create). Not project content.
 */
export const TOOL_FILES = /^\.roadmap\/(\.gitignore|\.lock|index\.db(-\w+)?|watch\.json|.*\.tmp)$/;

/** Paths `git status` reports as changed, added or removed (untracked included), tool files aside. */
export function gitChanged(cwd: string): string[] {
  return git(cwd, 'status', '--porcelain', '--untracked-files=all')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => !TOOL_FILES.test(path));
}

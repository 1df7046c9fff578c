/**
 * Shared test tools: throw-away project folders, copies of the Python tool's fixtures, and the
 * built CLI run as a real process with an environment made from scratch.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(REPO, 'dist', 'roadmap.js');
/** Copies of ../shared/fixtures, kept in the repository so CI needs nothing beside it. */
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const FIXTURE_NAMES = ['roadmap-cli-2025-10', 'roadmap-cli-2026-02'] as const;

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
export function fixtureRepo(name: (typeof FIXTURE_NAMES)[number]): string {
  const dir = tempDir(`roadmap-${name}-`);
  cpSync(join(FIXTURES, name, '.roadmap'), join(dir, '.roadmap'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'fixture');
  return dir;
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
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a user has, minus anything of ours that could leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...extra };
}

/** Run the built CLI in `cwd` and wait for it. */
export function roadmapSync(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Result {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: cleanEnv(options.env),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Run the built CLI without waiting (for tests of many processes at once). */
export function roadmapAsync(cwd: string, args: string[], options: { env?: Record<string, string> } = {}): Promise<Result> {
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

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

export function write(path: string, text: string): void {
  writeFileSync(path, text);
}

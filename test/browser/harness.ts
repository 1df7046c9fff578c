/**
 * Tools for the web view's tests: the built CLI's `serve` started in a throw-away project (its
 * address read from stdout), plain HTTP requests with full control of the headers, and Debian's
 * Chromium driven by playwright-core with a fresh profile.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { cleanEnv, type FixtureName, fixtureRepo, REPO, tempDir } from '../helpers.js';

/** The built CLI, wherever package.json's `bin` says it is. */
export const CLI = join(REPO, (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: { roadmap: string } }).bin.roadmap);

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Why browser tests cannot run here, or undefined when they can. */
export const noBrowser = existsSync(CHROMIUM) ? undefined : `no ${CHROMIUM}: apt-get install -y chromium`;

/** A git repository holding a writable copy of one of the Python tool's fixtures. */
export function fixtureCopy(name: FixtureName = 'roadmap-cli-2026-02'): string {
  return fixtureRepo(name);
}

export interface Served {
  /** What the server printed: the address to open. */
  url: string;
  origin: string;
  /** The write token, as the page finds it in its HTML. */
  token: string;
  /** Milliseconds from spawn to the address on stdout. */
  startMs: number;
  stderr(): string;
  stop(): Promise<void>;
}

/** Start `roadmap serve --port 0` in `dir` and wait for the address it prints. */
export async function serve(dir: string, args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { cwd: dir, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s\nstderr: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code} before printing an address\nstderr: ${stderr}`));
    });
  });
  const startMs = performance.now() - started;
  const origin = new URL(url).origin;
  const page = await get(url);
  const token = /<meta name="roadmap-token" content="([^"]*)">/.exec(page.body)?.[1] ?? '';
  return { url, origin, token, startMs, stderr: () => stderr, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

/** One HTTP request with exactly the headers given (Host and Origin included). */
export function request(method: string, url: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export const get = (url: string, headers: Record<string, string> = {}) => request('GET', url, { headers });

/** A PATCH as the page sends it: JSON, the token, from its own origin. */
export function patch(served: Served, id: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request('PATCH', `${served.origin}/api/issues/${id}`, {
    headers: { 'Content-Type': 'application/json', 'X-Roadmap-Token': served.token, Origin: served.origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Chromium with a fresh profile; close it when done. */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('roadmap-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
}

/** Poll until `check` returns a value (not undefined/false), or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

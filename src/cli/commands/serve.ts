/**
 * `roadmap serve`: the web view (board, issues, milestones, roadmap) over the same store, until
 * Ctrl-C. Prints the address to stdout. Listens on 127.0.0.1 unless told otherwise; another
 * address needs a token given by the user, which every request must then carry.
 */
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { MIN_TOKEN_LENGTH } from '../../server/limits.js';
import type { Context } from '../context.js';
import { stopSignal } from '../stop.js';

export interface ServeOptions {
  port: number;
  host: string;
  token?: string;
  open: boolean;
  /** Resolves when the server should stop (Ctrl-C, SIGTERM). */
  until: Promise<unknown>;
}

export function registerServe(program: Command, ctx: Context): void {
  program
    .command('serve')
    .description('the web view: board, issues, milestones and roadmap, live as files change')
    .option('-p, --port <n>', 'port to listen on (0 picks a free one)', '7777')
    .option('--host <address>', 'address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--token <token>', `the token for changes (and, off loopback, for every request); at least ${MIN_TOKEN_LENGTH} characters, or $ROADMAP_TOKEN`)
    .option('--open', 'open the page in the default browser')
    .action(async (opts) => {
      await serve(ctx, {
        port: parsePort(opts.port),
        host: String(opts.host).trim(),
        token: opts.token ?? (ctx.env.ROADMAP_TOKEN || undefined),
        open: Boolean(opts.open),
        until: stopSignal(),
      });
    });
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new UsageError(`invalid port "${value}": expected 0 to 65535 (0 picks a free one)`);
  return port;
}

export async function serve(ctx: Context, options: ServeOptions): Promise<void> {
  // Loaded here: it needs node:crypto and node:net, which other commands never should.
  const { isLoopbackHost, newToken } = await import('../../server/security.js');
  if (options.host === '') throw new UsageError('--host needs an address, such as 127.0.0.1 or 0.0.0.0');
  if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(`the token must be at least ${MIN_TOKEN_LENGTH} characters long`);
  }
  if (!isLoopbackHost(options.host) && options.token === undefined) {
    throw new UsageError(
      `--host ${options.host} lets other machines reach the project: give a token too ` +
        `(--token "$(openssl rand -hex 16)" or $ROADMAP_TOKEN); every request will need it`,
    );
  }
  const store = ctx.store();
  // Loaded only here: other commands never pay for the server's code.
  const { startServer } = await import('../../server/server.js');
  const { defaultWebDir } = await import('../../server/static.js');
  const server = await startServer({
    store,
    host: options.host,
    port: options.port,
    token: options.token ?? newToken(),
    webDir: defaultWebDir(import.meta.url),
    projectName: () => String(store.config().get('project.name') ?? basename(store.paths.root)),
    clock: ctx.clock,
    log: (message) => ctx.warn(message),
  });
  // With storage.watch_files the server's watcher is the live index: it answers reads too.
  const relay = server.live && ctx.env.ROADMAP_RELAY !== 'off' ? await (await import('../relay/server.js')).startRelay(server.live, (message) => ctx.note(message)) : null;
  ctx.io.out(`${server.url}\n`);
  ctx.note(`serving ${store.paths.dir}${relay ? '; answering read commands' : ''} (Ctrl-C to stop)`);
  if (options.open) openBrowser(server.url, (message) => ctx.warn(message));
  try {
    await options.until;
  } finally {
    relay?.close();
    await server.close();
  }
}

function openBrowser(url: string, warn: (message: string) => void): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  // Loaded here: child_process (with net and streams) is not for every command's start-up.
  // A require, not import(): the bundle runs from a code cache, where import() of a built-in
  // has no loader and throws.
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => warn(`could not open a browser (no ${command} found); open ${url} yourself`));
    // xdg-open without a desktop says so only by its exit code.
    child.on('exit', (code) => {
      if (code) warn(`could not open a browser (${command} exited with ${code}); open ${url} yourself`);
    });
    child.unref();
  } catch {
    warn(`could not open a browser; open ${url} yourself`);
  }
}

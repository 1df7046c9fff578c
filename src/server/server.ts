/**
 * The web view's server: node:http, the routes of the API, the built page, and server-sent
 * events fed by the watcher. Everything goes through the one Storage the CLI uses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RoadmapError } from '../errors.js';
import type { Storage } from '../store/storage.js';
import { watchStore } from '../store/open.js';
import { HybridStore } from '../store/hybrid-store.js';
import { otherWatcher, readWatchState } from '../store/index/watch-state.js';
import type { LiveIndex } from '../store/live-index.js';
import type { ChangeBatch } from '../store/watcher.js';
import type { ApiDeps } from './api/deps.js';
import { board, boardData, getIssue, listIssues, patchIssue, search } from './api/issues.js';
import { listMilestones, listRoadmaps, project } from './api/plans.js';
import { EventHub } from './events.js';
import { HttpError, sendError, statusOf } from './http.js';
import { StoreReads } from './reads.js';
import { Router } from './router.js';
import { accessPolicy, checkHost, checkRead, checkWrite, hostForUrl, tokenCookie, tokenMatches, type AccessPolicy } from './security.js';
import { StaticFiles } from './static.js';

export interface ServerOptions {
  store: Storage;
  host: string;
  /** 0 picks any free port. */
  port: number;
  token: string;
  /** The built front end (dist/web). */
  webDir: string;
  projectName: () => string;
  clock?: () => Date;
  /** Failures that are bugs, for the server's stderr. */
  log?: (message: string) => void;
  /** Watch `.roadmap/` and push changes to pages (default true). */
  watch?: boolean;
}

export interface RunningServer {
  /** The address to open: with `?token=` when every request needs it. */
  url: string;
  port: number;
  /** With storage.watch_files: the live index, which may also answer other commands' reads. */
  live: LiveIndex | null;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const files = new StaticFiles(options.webDir, options.token);
  const reads = new StoreReads(options.store);
  const hub = new EventHub();
  const deps: ApiDeps = {
    store: options.store,
    reads,
    clock: options.clock ?? (() => new Date()),
    changed: () => reads.invalidate(),
    projectName: options.projectName,
  };
  const log = options.log ?? (() => {});
  const router = new Router()
    .on('GET', '/api/project', project(deps))
    .on('GET', '/api/issues', listIssues(deps))
    .on('GET', '/api/issues/:id', getIssue(deps))
    .on('PATCH', '/api/issues/:id', patchIssue(deps))
    .on('GET', '/api/board', board(deps))
    .on('GET', '/api/search', search(deps))
    .on('GET', '/api/milestones', listMilestones(deps))
    .on('GET', '/api/roadmaps', listRoadmaps(deps))
    .on('GET', '/api/events', ({ req, res }) => (req.method === 'HEAD' ? void res.writeHead(200, { 'Content-Type': 'text/event-stream' }).end() : hub.add(res)));

  let policy: AccessPolicy | undefined;
  const server = createServer((req, res) => {
    if (!policy) {
      sendError(res, 503, 'starting: try again in a moment');
      return;
    }
    handle(req, res, router, files, policy).catch((error: unknown) => {
      const { status, message, headers } = statusOf(error);
      if (status === 500) log(`internal error on ${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`);
      sendError(res, status, message, headers);
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const port = await listen(server, options.host, options.port);

  // The watcher starts before the first read, so no change can slip between the two.
  // With storage.watch_files, the watcher is the live index other commands trust too.
  // One live index per project: with `roadmap watch` already running, the server only follows
  // the files for its pages.
  const live = options.store.config().bool('storage.watch_files') && !(options.store instanceof HybridStore && otherWatcher(readWatchState(options.store.index)));
  const watching = options.watch === false ? undefined : watchStore(options.store, (batch: ChangeBatch) => {
    reads.invalidate();
    hub.send('change', { paths: batch.paths, other: batch.other, generation: reads.generation });
  }, { live, onError: (error) => log(`refresh after a change failed: ${error.message}`) });
  const close = () =>
    new Promise<void>((resolve) => {
      watching?.watcher.close();
      hub.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  // Ask the store the board's question before saying the server is ready: on a large project
  // the first answer (an index check, or reading every file) is the slow one, and the first
  // page should not wait for it.
  try {
    boardData(deps, new URLSearchParams());
    reads.listMilestones();
  } catch (error) {
    await close();
    throw error;
  }
  policy = accessPolicy({ host: options.host, port, token: options.token });

  const base = `http://${hostForUrl(displayHost(options.host))}:${port}/`;
  return {
    url: policy.tokenForReads ? `${base}?token=${encodeURIComponent(options.token)}` : base,
    port,
    live: watching?.live ?? null,
    close,
  };
}

/** A wildcard address is not one to open: show the loopback name instead. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new RoadmapError(`port ${port} is in use: choose another with --port N (0 picks a free one)`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new RoadmapError(`cannot listen on ${host}: no such address on this machine`));
      else if (error.code === 'EACCES') reject(new RoadmapError(`not allowed to listen on ${host}:${port} (ports under 1024 need privileges)`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, router: Router, files: StaticFiles, policy: AccessPolicy): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server.invalid');
  checkHost(req, policy);
  checkRead(req, url, policy);
  const method = req.method ?? 'GET';
  if (!url.pathname.startsWith('/api/')) {
    if (!files.has(url.pathname)) throw new HttpError(404, `no such page: ${url.pathname}`);
    // Opened with ?token= when reads need it: the page's own requests carry it as a cookie.
    const given = url.searchParams.get('token');
    const cookie: Record<string, string> = policy.tokenForReads && given !== null && tokenMatches(given, policy.token) ? { 'Set-Cookie': tokenCookie(policy.token) } : {};
    files.serve(req, res, url.pathname, cookie);
    return;
  }
  const { handler, params } = router.match(method, url.pathname);
  if (method !== 'GET' && method !== 'HEAD') checkWrite(req, policy);
  await handler({ req, res, url, params });
}

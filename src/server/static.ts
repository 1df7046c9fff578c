/**
 * The built front end (dist/web/), read into memory once at start and served from there: a
 * request path is only ever looked up among the files found, never joined to a folder. The page
 * gets the write token in a meta tag of its HTML; hashed assets are cached for good.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RoadmapError } from '../errors.js';
import { HttpError, SECURITY_HEADERS } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const TOKEN_PLACEHOLDER = '__ROADMAP_TOKEN__';

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  cache: string;
}

export class StaticFiles {
  private readonly assets = new Map<string, Asset>();

  constructor(dir: string, token: string) {
    if (!existsSync(join(dir, 'index.html'))) {
      throw new RoadmapError(`the web page is not built (${join(dir, 'index.html')} is missing): run \`npm run build\``);
    }
    for (const abs of files(dir)) {
      const rel = `/${relative(dir, abs).split(sep).join('/')}`;
      let body = readFileSync(abs);
      if (rel === '/index.html') body = Buffer.from(body.toString('utf8').replaceAll(TOKEN_PLACEHOLDER, escapeAttribute(token)));
      const type = TYPES[extname(abs)] ?? 'application/octet-stream';
      const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
      this.assets.set(rel, {
        type,
        body,
        gzip: compressible ? gzipSync(body, { level: 9 }) : null,
        cache: rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    this.assets.set('/', this.assets.get('/index.html')!);
  }

  has(pathname: string): boolean {
    return this.assets.has(pathname);
  }

  serve(req: IncomingMessage, res: ServerResponse, pathname: string, extraHeaders: Record<string, string> = {}): void {
    const asset = this.assets.get(pathname);
    if (!asset) throw new HttpError(404, `no such file: ${pathname}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method} is not allowed here: use GET`, { Allow: 'GET, HEAD' });
    const gzip = asset.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzip! : asset.body;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': asset.type,
      'Content-Length': body.length,
      'Cache-Control': asset.cache,
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...extraHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(abs));
    else if (statSync(abs).isFile()) out.push(abs);
  }
  return out;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"'<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the built page is: beside the bundled CLI (dist/web), or dist/web when run from source. */
export function defaultWebDir(moduleUrl: string): string {
  const candidates = [new URL('./web/', moduleUrl), new URL('../../dist/web/', moduleUrl), new URL('../../../dist/web/', moduleUrl)];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return fileURLToPath(new URL('./web/', moduleUrl));
}

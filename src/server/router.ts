/**
 * A table of routes: `GET /api/issues/:id` and the like. A path that no route knows is a 404; a
 * known path asked with another method is a 405 that names the methods it takes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => void | Promise<void>;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: split(pattern), handler });
    return this;
  }

  /** The handler for a request and the values of its `:params`; throws 404 or 405. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } {
    const parts = split(pathname);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchParts(route.parts, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    if (allowed.length > 0) {
      throw new HttpError(405, `${method} is not allowed here: use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
    }
    throw new HttpError(404, `no such route: ${pathname}`);
  }
}

function split(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function matchParts(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = parts[i]!;
    if (want.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(got);
      } catch {
        throw new HttpError(400, `invalid percent-encoding in the path: ${got}`);
      }
      params[want.slice(1)] = value;
    } else if (want !== got) return null;
  }
  return params;
}

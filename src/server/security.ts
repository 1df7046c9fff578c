/**
 * Who may talk to the server. By default it listens on the loopback address only, answers only
 * requests addressed to it by a loopback name (so a web page cannot reach it through DNS
 * rebinding), and changes files only for a same-origin request that carries the per-server token.
 * Bound to another address it asks the token of every request (header, or the cookie the page
 * gets once it was opened with `?token=`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { HttpError } from './http.js';

export const TOKEN_HEADER = 'x-roadmap-token';
export const TOKEN_COOKIE = 'roadmap_token';
/** A token given by the user must be at least this long: it is all that guards the project. */
export { MIN_TOKEN_LENGTH } from './limits.js';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** 127.0.0.0/8, ::1 and `localhost`: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

function isWildcard(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '0.0.0.0' || bare === '::';
}

export interface AccessPolicy {
  token: string;
  /** Every request needs the token (the server listens beyond this machine). */
  tokenForReads: boolean;
  /** `Host` header values the server answers to, or null for any (wildcard bind, token required). */
  allowedHosts: Set<string> | null;
}

export function accessPolicy(options: { host: string; port: number; token: string }): AccessPolicy {
  const loopback = isLoopbackHost(options.host);
  const port = options.port;
  let allowedHosts: Set<string> | null = null;
  if (!isWildcard(options.host)) {
    const names = ['127.0.0.1', 'localhost', '[::1]', hostForUrl(options.host)];
    allowedHosts = new Set(names.map((name) => `${name.toLowerCase()}:${port}`));
  }
  return { token: options.token, tokenForReads: !loopback, allowedHosts };
}

/** `::1` → `[::1]`, as a URL and a Host header write an IPv6 address. */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** Refuse a request addressed to a name the server does not answer to (DNS rebinding). */
export function checkHost(req: IncomingMessage, policy: AccessPolicy): void {
  if (!policy.allowedHosts) return;
  const host = (req.headers.host ?? '').toLowerCase();
  if (!policy.allowedHosts.has(host)) {
    throw new HttpError(403, `this server does not answer to the host "${host}"; open it by the address it printed`);
  }
}

export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the request carries: the header (scripts, the page's writes) or the page's cookie. */
export function tokenOf(req: IncomingMessage, fromCookie: boolean): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer /i.test(auth)) return auth.slice(7).trim();
  if (fromCookie) return cookie(req, TOKEN_COOKIE);
  return undefined;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Reads: free on loopback; beyond it, the token by header, cookie, or `?token=` on the page. */
export function checkRead(req: IncomingMessage, url: URL, policy: AccessPolicy): void {
  if (!policy.tokenForReads) return;
  if (tokenMatches(tokenOf(req, true), policy.token)) return;
  if (tokenMatches(url.searchParams.get('token') ?? undefined, policy.token)) return;
  throw new HttpError(401, 'this server needs its token: open the address it printed, with ?token=');
}

/**
 * Writes: the token in the header (a cookie alone is not enough: a browser sends it on a
 * cross-site request too), and a request from the page itself, never from another site.
 */
export function checkWrite(req: IncomingMessage, policy: AccessPolicy): void {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const expected = `http://${req.headers.host ?? ''}`.toLowerCase();
    if (origin.toLowerCase() !== expected) throw new HttpError(403, `cross-origin request refused (from ${origin})`);
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, `cross-site request refused (${site})`);
  }
  if (!tokenMatches(tokenOf(req, false), policy.token)) {
    throw new HttpError(403, `changes need the server's token in the ${TOKEN_HEADER} header (the page sends it; scripts find it in the page)`);
  }
}

/** Cookie that lets the page's own requests through when reads need the token. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

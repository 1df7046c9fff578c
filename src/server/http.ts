/**
 * The little HTTP vocabulary the server speaks: an error that carries its status, JSON replies,
 * and a request body read with a size limit. Every failure becomes `{"error": "..."}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AmbiguousError, NotFoundError, RoadmapError, UsageError, ValidationError, WriteError } from '../errors.js';

/** The largest request body the API accepts (a PATCH of one issue is a few hundred bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Headers every reply carries: no sniffing, no framing, no referrer, same-origin only. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: message }, headers);
}

/**
 * The HTTP status of a failure: the store's errors say what went wrong in words the user can
 * act on, so their message is passed on; anything else is a bug and says so without details.
 */
export function statusOf(error: unknown): { status: number; message: string; headers?: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.status, message: error.message, headers: error.headers };
  if (error instanceof NotFoundError) return { status: 404, message: error.message };
  if (error instanceof ValidationError || error instanceof UsageError) return { status: 400, message: error.message };
  if (error instanceof AmbiguousError || error instanceof WriteError) return { status: 409, message: error.message };
  // Any other error of the store: the files are not in a state the request can work with.
  if (error instanceof RoadmapError) return { status: 409, message: error.message };
  return { status: 500, message: 'internal error (see the server\'s output)' };
}

/** The request body, refused with 413 as soon as it passes the limit. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // discard the rest, so the client reads the 413 instead of a reset connection
    return Promise.reject(new HttpError(413, `request body too large: at most ${limit} bytes`, { Connection: 'close' }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        req.resume();
        reject(new HttpError(413, `request body too large: at most ${limit} bytes`, { Connection: 'close' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** A JSON object from the body: 415 unless it says it is JSON, 400 with the parser's reason. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'send the body as JSON, with Content-Type: application/json');
  const raw = (await readBody(req)).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new HttpError(400, `invalid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'invalid body: expected a JSON object such as {"status": "done"}');
  }
  return value as Record<string, unknown>;
}

/**
 * Server-sent events: open pages hold `GET /api/events` and hear a `change` event with the
 * changed paths whenever files change. A comment every 15 s keeps proxies and idle timers from
 * closing the stream; `retry` tells the browser to reconnect within a second when it drops.
 */
import type { ServerResponse } from 'node:http';
import { HttpError, SECURITY_HEADERS } from './http.js';

export const HEARTBEAT_MS = 15_000;
/** Plenty for people's tabs; bounded so a runaway client cannot hold every socket. */
export const MAX_CLIENTS = 64;

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextId = 1;

  constructor(heartbeatMs = HEARTBEAT_MS) {
    this.heartbeat = setInterval(() => this.writeAll(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Turn a response into an event stream that stays open until the client leaves. */
  add(res: ServerResponse): void {
    if (this.clients.size >= MAX_CLIENTS) throw new HttpError(503, `too many open event streams (at most ${MAX_CLIENTS})`);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    res.write('retry: 1000\n: connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Send one event to every open page. */
  send(event: string, data: unknown): void {
    const id = this.nextId++;
    this.writeAll(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private writeAll(text: string): void {
    for (const res of this.clients) {
      if (res.writableEnded || res.destroyed) this.clients.delete(res);
      else res.write(text);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

/** `roadmap index status|rebuild|check`: the health of the SQLite index. */
import { lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { RoadmapError } from '../../errors.js';
import { checkIndex } from '../../store/index/check.js';
import { HybridStore } from '../../store/hybrid-store.js';
import { RELAY_SOCKET } from '../../store/layout.js';
import { indexPath } from '../../store/open.js';
import { SCHEMA_VERSION } from '../../store/index/schema.js';
import { staleness, syncIndex } from '../../store/index/sync.js';
import { scannerName } from '../../store/folder-scan.js';
import { distrust, readWatchState } from '../../store/index/watch-state.js';
import type { Context } from '../context.js';
import { paint } from '../output/color.js';
import { formatOf, withFormat } from '../output/format.js';
import { writeJson } from '../output/json.js';

function hybrid(ctx: Context, options: { freshen?: boolean } = {}): HybridStore {
  const store = ctx.store(options);
  if (!(store instanceof HybridStore)) throw new RoadmapError(`the index is not in use: ${store.whyNoIndex ?? 'it could not be opened'}`);
  return store;
}

function isSocket(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function registerIndex(program: Command, ctx: Context): void {
  const index = program.command('index').description('the SQLite index: health, rebuild, and a row-by-row check against the files');

  withFormat(index.command('status').description('rows, stale files, size, last rebuild, schema version'), ['table', 'json']).action((opts) => {
    // Opening the store already brought the index up to date; report what it holds now.
    const store = hybrid(ctx);
    const db = indexPath(store.paths);
    const stale = staleness(store.paths, store.index);
    const parse = (key: string) => {
      const raw = store.index.meta(key);
      return raw ? (JSON.parse(raw) as { at: string; files: number; ms: number }) : null;
    };
    const watcher = readWatchState(store.index);
    const trusted = watcher?.pid ? distrust(watcher) === null : false;
    const socket = join(store.paths.dir, RELAY_SOCKET);
    const status = {
      path: db,
      schema_version: SCHEMA_VERSION,
      rows: store.index.counts(),
      stale_files: stale.changed.length + stale.removed.length,
      scanner: scannerName(),
      database_bytes: fileSize(db) + fileSize(`${db}-wal`),
      last_rebuild: parse('last_rebuild'),
      last_sync: parse('last_sync'),
      watcher: watcher?.pid
        ? { pid: watcher.pid, generation: watcher.generation, pending: watcher.pending, heartbeat_age_ms: Date.now() - watcher.heartbeat, trusted }
        : null,
      /** Where a live watcher answers read commands (ROADMAP_RELAY=off: never ask it). */
      relay: trusted && isSocket(socket) ? socket : null,
    };
    if (formatOf(opts, ['table', 'json']) === 'json') return writeJson(ctx.io, status);
    const { io } = ctx;
    const line = (label: string, value: string) => io.out(`${paint(io.color, 'dim', label.padEnd(16))}${value}\n`);
    line('index', db);
    line('schema version', String(SCHEMA_VERSION));
    line('rows', Object.entries(status.rows).map(([k, v]) => `${k} ${v}`).join(', '));
    line('stale files', String(status.stale_files));
    line('scanner', status.scanner === 'native' ? 'native (native/scan.c)' : 'javascript (the native scanner is not built; folders are scanned about 4x slower)');
    line('size', `${(status.database_bytes / 1024 / 1024).toFixed(1)} MiB`);
    line('last rebuild', status.last_rebuild ? `${status.last_rebuild.at} (${status.last_rebuild.files} files in ${status.last_rebuild.ms} ms)` : 'never');
    line('last sync', status.last_sync ? `${status.last_sync.at} (${status.last_sync.files} files in ${status.last_sync.ms} ms)` : 'never');
    line('watcher', watcher?.pid ? `pid ${watcher.pid}, generation ${watcher.generation}, ${distrust(watcher) ?? 'trusted: commands skip the walk'}` : 'none (commands check freshness with a directory walk)');
    line('read commands', status.relay ? `answered by the watcher on ${status.relay}` : 'answered by each command itself');
  });

  index
    .command('rebuild')
    .description('drop the index and read every file again')
    .action(() => {
      const store = hybrid(ctx, { freshen: false });
      const report = syncIndex(store.index, store.paths, {
        full: true,
        onProgress: ctx.io.errIsTTY ? (done, total) => ctx.io.err(`\rindexing ${done}/${total} files`) : undefined,
      });
      if (ctx.io.errIsTTY) ctx.io.err('\r\x1b[K');
      ctx.note(`indexed ${report.read} files in ${Math.round(report.ms)} ms`);
    });

  withFormat(index.command('check').description('compare the index with the files row by row; exits 1 on any difference'), ['table', 'json']).action((opts) => {
    const store = hybrid(ctx);
    const differences = checkIndex(store.index, store.paths);
    if (formatOf(opts, ['table', 'json']) === 'json') writeJson(ctx.io, differences);
    else for (const d of differences) ctx.io.out(`${d.path}: ${d.problem}\n`);
    if (differences.length > 0) throw new RoadmapError(`the index differs from the files in ${differences.length} ${differences.length === 1 ? 'place' : 'places'} (roadmap index rebuild fixes the index)`);
    ctx.note('the index matches the files');
  });
}

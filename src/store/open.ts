/**
 * Choose the storage for a command: the hybrid index when it can be used, the files alone
 * otherwise, with one warning line saying why. The index is made fresh here: a missing,
 * outdated or corrupt index is rebuilt without being asked (unless
 * storage.auto_rebuild_index is false).
 */
import { monotonicMs } from '../time.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Fields } from '../domain/fields.js';
import { unlinkQuietly } from './atomic.js';
import { type Config, CONFIG_FILE, configFromRaw, readConfigOrDefaults } from './config.js';
import { FileStore } from './file-store.js';
import { HybridStore } from './hybrid-store.js';
import { ensureGitignore } from './init.js';
import type { RoadmapPaths } from './layout.js';
import { IndexUnavailable, isCorruption, SqliteIndex } from './index/sqlite-index.js';
import { syncIndex } from './index/sync.js';
import { type LiveIndex, startLiveIndex } from './live-index.js';
import { type ChangeBatch, type Watcher, watchRoadmap } from './watcher.js';
import { distrust, readWatchState } from './index/watch-state.js';
import type { Storage } from './storage.js';

export const INDEX_FILE = 'index.db';

export interface OpenOptions {
  useIndex: boolean;
  clock?: () => Date;
  warn: (message: string) => void;
  profiler?: { mark(name: string): void };
  /** Where a rebuild's progress bar goes, when stderr is a terminal. */
  progress?: (text: string) => void;
  /** Debug lines (debug.log_query_times). */
  log?: (message: string) => void;
  /** False for `index rebuild`, which reads everything anyway: no walk first. */
  freshen?: boolean;
}

export function indexPath(paths: RoadmapPaths): string {
  return join(paths.dir, INDEX_FILE);
}

export function removeIndex(paths: RoadmapPaths): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) unlinkQuietly(indexPath(paths) + suffix);
}

export function openStorage(paths: RoadmapPaths, options: OpenOptions): Storage {
  const files = (whyNoIndex: string) => new FileStore(paths, { clock: options.clock, warn: options.warn, whyNoIndex });
  if (!options.useIndex) return files('--no-index was given');
  const switchedOff = 'storage.use_index is false (`roadmap config set storage.use_index true` turns it on)';
  let index: SqliteIndex | undefined;
  try {
    // Without an index yet, read the settings first: switched off, none must be created.
    if (!existsSync(indexPath(paths)) && !readConfigOrDefaults(paths.dir, options.warn).config.bool('storage.use_index')) return files(switchedOff);
    const opened = openIndex(paths, options);
    options.profiler?.mark('open index');
    index = opened.index;
    const config = cachedConfig(index, paths, options.warn);
    options.profiler?.mark('read config');
    if (!config.bool('storage.use_index')) {
      index.close();
      return files(switchedOff);
    }
    // `index rebuild` (freshen false) is the rebuild the setting waits for: it goes ahead.
    if (opened.fresh && options.freshen !== false && !config.bool('storage.auto_rebuild_index') && hasEntityFolders(paths)) {
      index.close();
      const why = 'the index needs a rebuild and storage.auto_rebuild_index is false';
      options.warn(`${why}: answering from the files (run \`roadmap index rebuild\`)`);
      return files(why);
    }
    if (opened.fresh) ensureGitignore(paths.dir);
    if (options.freshen === false) {
      options.profiler?.mark('open');
    } else if (!opened.fresh && distrust(readWatchState(index)) === null) {
      // A live watcher has indexed every change it was told of: no walk needed.
      options.profiler?.mark('watcher check');
    } else {
      freshen(index, paths, options, opened.fresh);
      options.profiler?.mark('freshness check');
    }
    return new HybridStore(paths, index, { clock: options.clock, config, warn: options.warn, log: options.log });
  } catch (error) {
    index?.close();
    if (error instanceof IndexUnavailable) {
      options.warn(`${error.message}: answering from the files`);
      return files(error.message);
    }
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      const why = 'the index is locked by another process';
      options.warn(`${why}: answering from the files`);
      return files(why);
    }
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'EACCES' || code === 'EROFS') {
      const why = `the index cannot be written (${code})`;
      options.warn(`${why}: answering from the files`);
      return files(why);
    }
    throw error;
  }
}

/**
 * The store for one command answered inside the watcher's process, for another process: the
 * watcher's own index (fresh once LiveIndex.settle resolved), config.yaml as it is now, and
 * reads only. Null when the settings say the index is not to be used.
 */
export function storageOnLiveIndex(live: LiveIndex, options: Pick<OpenOptions, 'clock' | 'warn' | 'log'>): Storage | null {
  const { index, paths } = live.store;
  const config = cachedConfig(index, paths, options.warn);
  if (!config.bool('storage.use_index')) return null;
  return new HybridStore(paths, index, { clock: options.clock, config, warn: options.warn, log: options.log, readOnly: true, borrowedIndex: true });
}

/** Open the index; a file that is not a sound database is replaced by a new one. */
function openIndex(paths: RoadmapPaths, options: OpenOptions): { index: SqliteIndex; fresh: boolean } {
  const path = indexPath(paths);
  try {
    return SqliteIndex.open(path);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    options.warn(`${path} was corrupt (${(error as Error).message}); rebuilding it from the files`);
    removeIndex(paths);
    return SqliteIndex.open(path);
  }
}

function hasEntityFolders(paths: RoadmapPaths): boolean {
  return ['issues', 'milestones', 'roadmaps', 'projects'].some((f) => existsSync(join(paths.dir, f)));
}

/** Walk and re-read what changed; show progress on a terminal when it takes over a second. */
function freshen(index: SqliteIndex, paths: RoadmapPaths, options: OpenOptions, full: boolean): void {
  const started = monotonicMs();
  let shown = false;
  const onProgress = options.progress
    ? (done: number, total: number) => {
        if (!shown && monotonicMs() - started < 1000) return;
        shown = true;
        options.progress!(`\rindexing ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`);
      }
    : undefined;
  try {
    syncIndex(index, paths, { full, onProgress });
  } catch (error) {
    if (!isCorruption(error)) throw error;
    options.warn(`${indexPath(paths)} is corrupt (${(error as Error).message}); rebuilding it from the files`);
    index.reset();
    syncIndex(index, paths, { full: true, onProgress });
  }
  if (shown) options.progress!('\r\x1b[K');
}

/**
 * config.yaml as of its mtime and size, kept in the index so that a command answered from the
 * index does not need the YAML parser at all.
 */
function cachedConfig(index: SqliteIndex, paths: RoadmapPaths, warn: (message: string) => void): Config {
  const file = join(paths.dir, CONFIG_FILE);
  let stamp = 'none';
  try {
    const st = statSync(file);
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    // No config.yaml: the defaults.
  }
  const cached = index.meta('config');
  if (cached) {
    const { stamp: was, raw } = JSON.parse(cached) as { stamp: string; raw: Fields };
    if (was === stamp) return configFromRaw(raw);
  }
  const { config, sound } = readConfigOrDefaults(paths.dir, warn);
  // Opportunistic: a busy or read-only index leaves the settings right, just not cached.
  if (sound) index.tryWrite(() => index.setMeta('config', JSON.stringify({ stamp, raw: config.raw })));
  return config;
}

/**
 * Follow file changes for as long as a process runs, keeping the store in step, and report
 * each batch once it is indexed. With the index and `live` (storage.watch_files), this is the
 * live index of `roadmap watch`: its heartbeat lets other commands skip their walk too, and
 * it is returned so that it can answer their reads (src/cli/relay).
 */
export function watchStore(
  store: Storage,
  onChange: (batch: ChangeBatch) => void,
  options: { live: boolean; onError?: (error: Error) => void },
): { watcher: Watcher; live: LiveIndex | null } {
  if (options.live && store instanceof HybridStore) {
    const live = startLiveIndex(store, { onIndexed: (batch) => onChange(batch), onError: options.onError });
    return { watcher: live, live };
  }
  const watcher = watchRoadmap(store.paths, (batch) => {
    try {
      store.refresh(batch.rescan ? undefined : batch.paths);
    } catch (error) {
      options.onError?.(error as Error);
    }
    onChange(batch);
  });
  return { watcher, live: null };
}

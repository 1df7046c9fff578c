/**
 * Keep the index hot for as long as a process runs (`roadmap watch`, or `serve` with
 * storage.watch_files): every burst of file events becomes one index transaction, and the
 * watcher's state is published so other commands can skip their directory walk.
 */
import { hostname } from 'node:os';
import type { HybridStore } from './hybrid-store.js';
import { ensureGitignore } from './init.js';
import { HEARTBEAT_EVERY_MS, readWatchState, type WatchState, writeWatchState } from './index/watch-state.js';
import { syncIndex } from './index/sync.js';
import { type ChangeBatch, watchRoadmap } from './watcher.js';

export interface LiveIndex {
  readonly store: HybridStore;
  state(): WatchState;
  /**
   * Resolves once every change made before the call is in the index: the point at which the
   * watcher's process may answer a query for another (src/cli/relay). Rejects when it cannot
   * say so within `timeoutMs`, or the index could not take the last batch.
   */
  settle(timeoutMs?: number): Promise<void>;
  close(): void;
}

export interface LiveIndexOptions {
  debounceMs?: number;
  /** After each batch is indexed: the server tells open pages. */
  onIndexed?: (batch: ChangeBatch, state: WatchState) => void;
  onError?: (error: Error) => void;
}

export function startLiveIndex(store: HybridStore, options: LiveIndexOptions = {}): LiveIndex {
  const index = store.index;
  const state: WatchState = {
    pid: process.pid,
    host: hostname(),
    startedAt: Date.now(),
    heartbeat: Date.now(),
    generation: readWatchState(index)?.generation ?? 0,
    pending: true,
  };
  const publish = () => {
    state.heartbeat = Date.now();
    writeWatchState(index, { ...state });
  };
  const fail = (error: unknown) => options.onError?.(error as Error);
  // The watcher's own files (its socket, the cookies of LiveIndex.settle) stay out of git,
  // in projects made before they existed too.
  try {
    ensureGitignore(store.paths.dir);
  } catch (error) {
    fail(error);
  }
  // Pending until the first full sync is done: events may have been missed before we started.
  publish();
  const watcher = watchRoadmap(
    store.paths,
    (batch) => {
      try {
        if (batch.rescan) syncIndex(index, store.paths);
        else store.refresh(batch.paths);
        state.generation++;
        state.pending = false;
        publish();
        options.onIndexed?.(batch, { ...state });
      } catch (error) {
        fail(error);
      }
    },
    {
      debounceMs: options.debounceMs,
      onFirstEvent: () => {
        state.pending = true;
        try {
          publish();
        } catch (error) {
          fail(error);
        }
      },
    },
  );
  try {
    syncIndex(index, store.paths);
    state.pending = false;
    publish();
  } catch (error) {
    fail(error);
  }
  const heartbeat = setInterval(() => {
    try {
      state.heartbeat = Date.now();
      index.tryWrite(() => index.setMeta('watcher', JSON.stringify(state)));
    } catch (error) {
      fail(error);
    }
  }, HEARTBEAT_EVERY_MS);
  heartbeat.unref();
  return {
    store,
    state: () => ({ ...state }),
    async settle(timeoutMs) {
      await watcher.settle(timeoutMs);
      if (state.pending) throw new Error('the watcher has changes it could not index');
    },
    close() {
      clearInterval(heartbeat);
      watcher.close();
      try {
        writeWatchState(index, null);
      } catch {
        // The index is going away with us; a stale state is detected by its pid anyway.
      }
    },
  };
}

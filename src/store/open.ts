/**
 * Choose the storage for a command: the hybrid index when it can be used, the files alone
 * otherwise, with one warning line saying why.
 */
import { FileStore } from './file-store.js';
import type { RoadmapPaths } from './layout.js';
import type { Storage } from './storage.js';

export interface OpenOptions {
  useIndex: boolean;
  clock?: () => Date;
  warn: (message: string) => void;
  profiler?: { mark(name: string): void };
  /** Where a rebuild's progress bar goes, when stderr is a terminal. */
  progress?: (text: string) => void;
}

export function openStorage(paths: RoadmapPaths, options: OpenOptions): Storage {
  return new FileStore(paths, { clock: options.clock });
}

/**
 * Notice changes to a `.roadmap/` folder (editor saves, `git pull`, branch switches) and report
 * them in debounced batches of entity paths. The server pushes them to open pages; the index
 * re-reads them.
 */
import { type FSWatcher, watch } from 'node:fs';
import { sep } from 'node:path';
import { kindOfPath, type RoadmapPaths } from './layout.js';

export interface ChangeBatch {
  /** Entity files that changed, relative to the repository root, `/`-separated. */
  paths: string[];
  /** Other files in `.roadmap/` (config.yaml), relative to the repository root. */
  other: string[];
}

export interface Watcher {
  close(): void;
}

/**
 * Watch with `fs.watch` (recursive: inotify on Linux, FSEvents on macOS) and report each burst
 * of events once it has been quiet for `debounceMs`, so a checkout of thousands of files
 * arrives as one batch.
 */
export function watchRoadmap(
  paths: RoadmapPaths,
  onBatch: (batch: ChangeBatch) => void,
  options: { debounceMs?: number; onFirstEvent?: () => void } = {},
): Watcher {
  const debounceMs = options.debounceMs ?? 50;
  const entities = new Set<string>();
  const other = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const rootRel = '.roadmap';
  const flush = () => {
    timer = undefined;
    if (entities.size === 0 && other.size === 0) return;
    const batch = { paths: [...entities], other: [...other] };
    entities.clear();
    other.clear();
    onBatch(batch);
  };
  const watcher: FSWatcher = watch(paths.dir, { recursive: true }, (_event, filename) => {
    if (!filename) return;
    const rel = filename.toString().split(sep).join('/');
    if (rel.startsWith('.') || rel.includes('/.') || rel.startsWith('index.db')) return;
    if (kindOfPath(rel)) entities.add(`${rootRel}/${rel}`);
    else if (rel.endsWith('.yaml')) other.add(`${rootRel}/${rel}`);
    else return;
    // The first event of a burst: say so at once, before the debounce, so nobody trusts an
    // index that is about to change.
    if (!timer) options.onFirstEvent?.();
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  watcher.on('error', () => {
    // The folder went away (e.g. a checkout that removed it); stop quietly.
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}


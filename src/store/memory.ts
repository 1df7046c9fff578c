/**
 * Memory for the long loops that read many files (an index rebuild reads 100,000). Left to
 * itself V8 sizes the heap for throughput: each batch's records outlive a young-generation
 * collection or two and are promoted, promoted garbage piles up to the old generation's limit,
 * and the young generation grows to 32 MiB. A rebuild of 100,000 files peaked at 208 MiB RSS
 * with about 20 MiB alive. Node has no API for either without start-up flags, which a
 * command cannot choose; V8 flags set at run time serve:
 *
 * - `--semi-space-growth-factor=1` keeps the young generation at its starting 2 MiB;
 * - `--expose-gc` gives a new context the `gc` function, for a full collection per batch.
 *
 * Flags change V8's code cache check, so this is called once the loop is under way (the
 * chunks it needs are loaded by then), and only by loops long enough to need it.
 */
import { createRequire } from 'node:module';

/** Files a bulk read gets through between full collections (each about 10 ms at 100,000 files). */
const FILES_PER_COLLECTION = 2000;

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | null | undefined;

/** A full collection, after the young generation was told to stop growing. */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      // Loaded here, not at the top: node:v8 brings in Node's streams, 4 ms every command would pay.
      const load = createRequire(import.meta.url);
      const { setFlagsFromString } = load('node:v8') as typeof import('node:v8');
      const { runInNewContext } = load('node:vm') as typeof import('node:vm');
      setFlagsFromString('--semi-space-growth-factor=1');
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/** A loop is long enough to need this once it has read this many files (small projects never do). */
const FIRST_COLLECTION_AT = 500;

/**
 * For a loop that reads many files: `read(n)` after each file or batch. The first collection
 * comes early, before the young generation has grown; then one every FILES_PER_COLLECTION.
 */
export function bulkReadPacer(): { read(files: number): void } {
  let untilCollection = FIRST_COLLECTION_AT;
  return {
    read(files) {
      untilCollection -= files;
      if (untilCollection > 0) return;
      collectGarbage();
      untilCollection = FILES_PER_COLLECTION;
    },
  };
}

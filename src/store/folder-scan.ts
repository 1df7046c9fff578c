/**
 * One folder's entries as the walk needs them: its entity files (`.md`, not hidden) with the
 * stat of each, and its sub-folders. Every command's freshness check pays this for every file,
 * so it has two implementations with one contract:
 *
 * - native/scan.c, built at install when a C compiler is there (it is: better-sqlite3 needs
 *   one): about 2.4 µs a file at 10,000 files on our 2-core VM;
 * - the JavaScript below, used when the addon is missing or `ROADMAP_SCAN=js`: about 10 µs.
 *
 * test/unit/folder-scan.test.ts holds both to the same answers.
 */
import { constants, opendirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `.md` files of one folder, in parallel arrays (cheaper than objects). */
export interface FolderFiles {
  names: string[];
  mtimes: number[];
  sizes: number[];
}

export interface FolderScan {
  files: FolderFiles;
  folders: string[];
}

interface NativeScanner {
  scanFolder(path: string): { names: string; stats: Float64Array } | null | undefined;
}

const ADDON = 'roadmap-scan.node';
const KIND_FILE = 1;
const { S_IFDIR, S_IFMT, S_IFREG } = constants;

let native: NativeScanner | null | undefined;

/** The addon, beside the bundle (dist/) or, running from the sources, in dist/. */
function loadNative(): NativeScanner | null {
  if (native !== undefined) return native;
  native = null;
  if (process.env.ROADMAP_SCAN === 'js') return native;
  const here = dirname(fileURLToPath(import.meta.url));
  const load = createRequire(import.meta.url);
  for (const candidate of [join(here, ADDON), join(here, '..', '..', 'dist', ADDON)]) {
    try {
      native = load(candidate) as NativeScanner;
      break;
    } catch {
      // Not built here (no compiler at install): the JavaScript scan gives the same answers.
    }
  }
  return native;
}

/** Which implementation scans folders: shown by `roadmap index status`. */
export function scannerName(): 'native' | 'javascript' {
  return loadNative() ? 'native' : 'javascript';
}

/** The folder's entity files and sub-folders; null when it cannot be opened (or is not there). */
export function scanFolder(abs: string): FolderScan | null {
  const found = loadNative() ? scanNatively(abs) : undefined;
  // undefined: an entry could not be stat'ed; the JavaScript scan reports that as Node does.
  return found === undefined ? scanInJavaScript(abs) : found;
}

/** The addon's answer: undefined when an entry could not be stat'ed for a real reason. */
export function scanNatively(abs: string): FolderScan | null | undefined {
  const scanner = loadNative();
  if (!scanner) throw new Error(`the native folder scanner (${ADDON}) is not built`);
  const found = scanner.scanFolder(abs);
  return found ? fromNative(found) : found;
}

function fromNative({ names, stats }: { names: string; stats: Float64Array }): FolderScan {
  const scan: FolderScan = { files: { names: [], mtimes: [], sizes: [] }, folders: [] };
  if (stats.length === 0) return scan;
  const all = names.split('\0');
  for (let i = 0; i < all.length; i++) {
    if (stats[i * 3] === KIND_FILE) {
      scan.files.names.push(all[i]!);
      scan.files.mtimes.push(stats[i * 3 + 1]!);
      scan.files.sizes.push(stats[i * 3 + 2]!);
    } else {
      scan.folders.push(all[i]!);
    }
  }
  return scan;
}

/** Is this a file we may have left behind or an editor's scratch file? */
export function isHidden(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~');
}

/**
 * Plain string concatenation (the folder path is already normal) and the mode bits rather
 * than Stats methods: at 10,000 files this loop took 85 ms against 181 ms for the obvious one.
 */
export function scanInJavaScript(abs: string): FolderScan | null {
  let dir;
  try {
    dir = opendirSync(abs, { bufferSize: 1024 });
  } catch {
    return null;
  }
  const scan: FolderScan = { files: { names: [], mtimes: [], sizes: [] }, folders: [] };
  const prefix = abs + sep;
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      const name = entry.name;
      if (isHidden(name)) continue;
      if (entry.isDirectory()) {
        scan.folders.push(name);
        continue;
      }
      // Some file systems do not say what an entry is: then only a stat tells.
      const unknown = !entry.isFile() && !entry.isSymbolicLink();
      if (!name.endsWith('.md') && !unknown) continue;
      // Gone between readdir and stat: it is simply not there any more.
      const st = statSync(prefix + name, { throwIfNoEntry: false });
      if (!st) continue;
      const type = st.mode & S_IFMT;
      if (type === S_IFREG && name.endsWith('.md')) {
        scan.files.names.push(name);
        scan.files.mtimes.push(st.mtimeMs);
        scan.files.sizes.push(st.size);
      } else if (type === S_IFDIR) {
        scan.folders.push(name);
      }
    }
  } finally {
    dir.closeSync();
  }
  return scan;
}

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

/**
 * The `.md` files of one folder, by position. Names stay in the one string the scan made and
 * are cut out when asked for: a folder of 100,000 files held as 100,000 strings outlived
 * young-generation collections, and V8 answered by growing that generation to its 32 MiB
 * maximum for the rest of the command.
 */
export class FolderFiles {
  private constructor(
    private readonly joined: string,
    /** Start and end of each name in `joined`. */
    private readonly bounds: Int32Array,
    /** mtime and size of each file. */
    private readonly stats: Float64Array,
  ) {}

  /** From names joined by NUL, with the [mtime, size] of each. */
  static fromJoined(joined: string, bounds: Int32Array, stats: Float64Array): FolderFiles {
    return new FolderFiles(joined, bounds, stats);
  }

  static fromLists(names: string[], mtimes: number[], sizes: number[]): FolderFiles {
    const bounds = new Int32Array(names.length * 2);
    const stats = new Float64Array(names.length * 2);
    let at = 0;
    names.forEach((name, i) => {
      bounds[i * 2] = at;
      bounds[i * 2 + 1] = at += name.length;
      at++;
      stats[i * 2] = mtimes[i]!;
      stats[i * 2 + 1] = sizes[i]!;
    });
    return new FolderFiles(names.join('\0'), bounds, stats);
  }

  get length(): number {
    return this.bounds.length / 2;
  }

  name(i: number): string {
    return this.joined.slice(this.bounds[i * 2]!, this.bounds[i * 2 + 1]!);
  }

  mtime(i: number): number {
    return this.stats[i * 2]!;
  }

  size(i: number): number {
    return this.stats[i * 2 + 1]!;
  }
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
  const entries = stats.length / 3;
  let fileCount = 0;
  for (let i = 0; i < entries; i++) if (stats[i * 3] === KIND_FILE) fileCount++;
  const bounds = new Int32Array(fileCount * 2);
  const fileStats = new Float64Array(fileCount * 2);
  const folders: string[] = [];
  let start = 0;
  let k = 0;
  for (let i = 0; i < entries; i++) {
    const end = i === entries - 1 ? names.length : names.indexOf('\0', start);
    if (stats[i * 3] === KIND_FILE) {
      bounds[k * 2] = start;
      bounds[k * 2 + 1] = end;
      fileStats[k * 2] = stats[i * 3 + 1]!;
      fileStats[k * 2 + 1] = stats[i * 3 + 2]!;
      k++;
    } else {
      folders.push(names.slice(start, end));
    }
    start = end + 1;
  }
  return { files: FolderFiles.fromJoined(names, bounds, fileStats), folders };
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
  const names: string[] = [];
  const mtimes: number[] = [];
  const sizes: number[] = [];
  const folders: string[] = [];
  const prefix = abs + sep;
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      const name = entry.name;
      if (isHidden(name)) continue;
      if (entry.isDirectory()) {
        folders.push(name);
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
        names.push(name);
        mtimes.push(st.mtimeMs);
        sizes.push(st.size);
      } else if (type === S_IFDIR) {
        folders.push(name);
      }
    }
  } finally {
    dir.closeSync();
  }
  return { files: FolderFiles.fromLists(names, mtimes, sizes), folders };
}

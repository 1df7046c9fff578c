/**
 * Where things are in a `.roadmap/` folder: finding it, and telling entity files from the rest
 * (templates, backups, logs and other files are never parsed as entities).
 */
import { constants, existsSync, opendirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { NotFoundError } from '../errors.js';

export const ROADMAP_DIR = '.roadmap';

const { S_IFDIR, S_IFMT, S_IFREG } = constants;

export interface RoadmapPaths {
  /** The folder that holds `.roadmap/` (the repository root). */
  root: string;
  /** The `.roadmap/` folder itself. */
  dir: string;
}

/** Walk up from `cwd` to the nearest folder holding `.roadmap/`, as git finds `.git`. */
export function findRoadmap(cwd: string, rootOverride?: string): RoadmapPaths {
  if (rootOverride) {
    const root = resolve(cwd, rootOverride);
    const dir = join(root, ROADMAP_DIR);
    if (!isDirectory(dir)) throw new NotFoundError(`no ${ROADMAP_DIR}/ in ${root} (run \`roadmap init\` there first)`);
    return { root, dir };
  }
  for (let at = resolve(cwd); ; at = dirname(at)) {
    const dir = join(at, ROADMAP_DIR);
    if (isDirectory(dir)) return { root: at, dir };
    if (dirname(at) === at) break;
  }
  throw new NotFoundError(`no ${ROADMAP_DIR}/ found in ${resolve(cwd)} or any parent folder (run \`roadmap init\` to create one)`);
}

/** Where `init` puts a new `.roadmap/`: the enclosing git work tree's top, else `cwd`. */
export function initTarget(cwd: string, rootOverride?: string): RoadmapPaths {
  let root = resolve(cwd, rootOverride ?? '.');
  if (!rootOverride) {
    for (let at = root; ; at = dirname(at)) {
      if (existsSync(join(at, '.git'))) {
        root = at;
        break;
      }
      if (dirname(at) === at) break;
    }
  }
  return { root, dir: join(root, ROADMAP_DIR) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export type EntityKind = 'issue' | 'milestone' | 'roadmap';

/** Top folders that hold entities, and what they hold. `archive/` mirrors them. */
const ENTITY_FOLDERS: Array<[string, EntityKind, boolean]> = [
  ['issues', 'issue', true],
  ['milestones', 'milestone', true],
  ['roadmaps', 'roadmap', false],
  ['projects', 'roadmap', false],
  ['archive/issues', 'issue', true],
  ['archive/milestones', 'milestone', true],
  ['archive/roadmaps', 'roadmap', true],
  ['archive/projects', 'roadmap', true],
];

export interface EntityFile {
  kind: EntityKind;
  /** Absolute path. */
  abs: string;
  /** Relative to the repository root, `/`-separated: the `path` of JSON output. */
  rel: string;
  mtimeMs: number;
  size: number;
}

/** Is this a file we may have left behind or an editor's scratch file? */
function isHidden(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~');
}

/** The `.md` files of one folder as the walk saw them, in parallel arrays (cheaper than objects). */
export interface FolderFiles {
  names: string[];
  mtimes: number[];
  sizes: number[];
}

export interface FolderInfo {
  abs: string;
  rel: string;
  kind: EntityKind;
}

/** What a walk tells, folder by folder and file by file. */
export interface WalkVisitor {
  enter?(folder: FolderInfo): void;
  file?(name: string, mtimeMs: number, size: number): void;
  /**
   * The folder is done. `files` is its list, or null when the folder held too many files to
   * keep them all (100,000 in one folder is a real layout); `relist` reads it again then.
   */
  leave(folder: FolderInfo, files: FolderFiles | null, relist: () => FolderFiles): void;
}

/** Folders with more files than this are not kept in memory during a walk. */
const KEEP_LIMIT = 2000;

/**
 * Visit every folder that holds entities, with the stat of each `.md` file in it: one
 * directory walk and one stat a file, the cost the index's freshness check pays on every
 * command. File by file and folder by folder, so memory stays flat however big the project.
 */
export function walkEntityFolders(paths: RoadmapPaths, visitor: WalkVisitor, only?: EntityKind): void {
  const rootRel = relative(paths.root, paths.dir).split(sep).join('/');
  for (const [folder, kind, recursive] of ENTITY_FOLDERS) {
    if (only && only !== kind) continue;
    walk({ abs: join(paths.dir, folder), rel: `${rootRel}/${folder}`, kind }, recursive, visitor);
  }
}

/**
 * This loop runs once per file on every command: plain string concatenation (the folder path
 * is already normal) and the mode bits rather than Stats methods. Measured at 10,000 files on
 * this machine: 85 ms against 181 ms for the obvious version.
 */
function walk(folder: FolderInfo, recursive: boolean, visitor: WalkVisitor): void {
  const folders: string[] = [];
  let files: FolderFiles | null = { names: [], mtimes: [], sizes: [] };
  const seen = scan(folder, recursive, (name, mtimeMs, size) => {
    visitor.file?.(name, mtimeMs, size);
    if (!files) return;
    if (files.names.length >= KEEP_LIMIT) {
      files = null;
      return;
    }
    files.names.push(name);
    files.mtimes.push(mtimeMs);
    files.sizes.push(size);
  }, folders, visitor);
  if (!seen) return;
  visitor.leave(folder, files, () => {
    const again: FolderFiles = { names: [], mtimes: [], sizes: [] };
    scan(folder, false, (name, mtimeMs, size) => {
      again.names.push(name);
      again.mtimes.push(mtimeMs);
      again.sizes.push(size);
    }, [], undefined);
    return again;
  });
  for (const name of folders) walk({ abs: folder.abs + sep + name, rel: `${folder.rel}/${name}`, kind: folder.kind }, recursive, visitor);
}

/** Read one folder entry by entry; false when it cannot be opened. */
function scan(
  folder: FolderInfo,
  recursive: boolean,
  onFile: (name: string, mtimeMs: number, size: number) => void,
  folders: string[],
  visitor: WalkVisitor | undefined,
): boolean {
  let dir;
  try {
    dir = opendirSync(folder.abs, { bufferSize: 1024 });
  } catch {
    return false;
  }
  visitor?.enter?.(folder);
  const prefix = folder.abs + sep;
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      const name = entry.name;
      if (isHidden(name)) continue;
      if (entry.isDirectory()) {
        if (recursive) folders.push(name);
        continue;
      }
      // Some file systems do not say what an entry is: then only a stat tells.
      const unknown = !entry.isFile() && !entry.isSymbolicLink();
      if (!name.endsWith('.md') && !(unknown && recursive)) continue;
      // Gone between readdir and stat: it is simply not there any more.
      const st = statSync(prefix + name, { throwIfNoEntry: false });
      if (!st) continue;
      const type = st.mode & S_IFMT;
      if (type === S_IFREG && name.endsWith('.md')) onFile(name, st.mtimeMs, st.size);
      else if (type === S_IFDIR && recursive) folders.push(name);
    }
  } finally {
    dir.closeSync();
  }
  return true;
}

/** Every entity file with its stat, as one list (for scans of a whole project). */
export function listEntityFiles(paths: RoadmapPaths, only?: EntityKind): EntityFile[] {
  const out: EntityFile[] = [];
  walkEntityFolders(
    paths,
    {
      leave(folder, kept, relist) {
        const files = kept ?? relist();
        files.names.forEach((name, i) => {
          out.push({ kind: folder.kind, abs: join(folder.abs, name), rel: `${folder.rel}/${name}`, mtimeMs: files.mtimes[i]!, size: files.sizes[i]! });
        });
      },
    },
    only,
  );
  return out;
}

/** The entity kind a path inside `.roadmap/` holds, or null for anything else. */
export function kindOfPath(relToDir: string): EntityKind | null {
  const rel = relToDir.split(sep).join('/');
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  if (!name.endsWith('.md') || isHidden(name)) return null;
  for (const [folder, kind, recursive] of ENTITY_FOLDERS) {
    if (!rel.startsWith(`${folder}/`)) continue;
    const inside = rel.slice(folder.length + 1);
    if (recursive || !inside.includes('/')) return kind;
  }
  return null;
}

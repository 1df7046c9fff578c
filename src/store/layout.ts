/**
 * Where things are in a `.roadmap/` folder: finding it, and telling entity files from the rest
 * (templates, backups, logs and other files are never parsed as entities).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { NotFoundError } from '../errors.js';
import { type FolderFiles, isHidden, scanFolder } from './folder-scan.js';

export const ROADMAP_DIR = '.roadmap';
/** Where a running watcher answers read commands for other processes (src/cli/relay). */
export const RELAY_SOCKET = 'watch.sock';

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

export interface FolderInfo {
  abs: string;
  rel: string;
  kind: EntityKind;
}

/**
 * Every folder that holds entities, with the stat of each `.md` file in it: one directory walk
 * and one stat a file, the cost the index's freshness check pays on every command. Folder by
 * folder, so memory follows the largest folder, not the project.
 */
export function* entityFolders(paths: RoadmapPaths, only?: EntityKind): Generator<[FolderInfo, FolderFiles]> {
  const rootRel = relative(paths.root, paths.dir).split(sep).join('/');
  for (const [folder, kind, recursive] of ENTITY_FOLDERS) {
    if (only && only !== kind) continue;
    yield* walk({ abs: join(paths.dir, folder), rel: `${rootRel}/${folder}`, kind }, recursive);
  }
}

function* walk(folder: FolderInfo, recursive: boolean): Generator<[FolderInfo, FolderFiles]> {
  const scan = scanFolder(folder.abs);
  if (!scan) return;
  yield [folder, scan.files];
  if (!recursive) return;
  for (const name of scan.folders) yield* walk({ abs: folder.abs + sep + name, rel: `${folder.rel}/${name}`, kind: folder.kind }, true);
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

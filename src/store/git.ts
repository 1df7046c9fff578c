/**
 * What git could give back of a file about to be deleted, so `delete` prints a way back that
 * works (or says there is none) instead of a `git checkout` that fails on a file never committed.
 */
import { createRequire } from 'node:module';

export interface GitCopy {
  /** Where git keeps a copy: the last commit, the index (staged), or nowhere. */
  source: 'HEAD' | 'index' | null;
  /** Whether that copy is the file as it is now, or an older version. */
  whole: boolean;
}

/**
 * Git's copy of each path (relative to `root`), from one `git status` of just those paths;
 * none for a path when `root` is not in a git work tree or there is no git to ask.
 */
export function gitCopies(root: string, rels: string[]): Map<string, GitCopy> {
  const copies = new Map<string, GitCopy>();
  if (rels.length === 0) return copies;
  // Loaded here, not at start-up: only `delete` asks git anything.
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const git = (args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  // Status names paths from the top of the work tree; the prefix maps them back to `root`.
  const prefix = git(['rev-parse', '--show-prefix']);
  if (prefix.status !== 0) return copies;
  const status = git(['status', '--porcelain=v1', '-z', '--ignored=matching', '--untracked-files=all', '--no-renames', '--', ...rels]);
  if (status.status !== 0) return copies;
  // A path status does not list is committed as it is.
  for (const rel of rels) copies.set(rel, { source: 'HEAD', whole: true });
  const top = prefix.stdout.trim();
  for (const entry of status.stdout.split('\0')) {
    if (entry.length < 4) continue;
    const [staged, unstaged] = [entry[0], entry[1]];
    const path = entry.slice(3);
    const rel = path.startsWith(top) ? path.slice(top.length) : path;
    if (!copies.has(rel)) continue;
    if (staged === '?' || staged === '!') copies.set(rel, { source: null, whole: false });
    // A staged version is newer than the commit.
    else if (staged !== ' ') copies.set(rel, { source: 'index', whole: unstaged === ' ' });
    else copies.set(rel, { source: 'HEAD', whole: false });
  }
  return copies;
}

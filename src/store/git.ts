/**
 * What git could give back of a file about to be deleted, so `delete` prints a way back that
 * works (or says there is none) instead of a `git checkout` that fails on a file never committed.
 */
import { createRequire } from 'node:module';

export interface GitCopy {
  /** Where git keeps a copy: the last commit, the index (staged), or nowhere. */
  source: 'HEAD' | 'index' | null;
  /** Whether that copy is the file as it is now, not an older version. */
  current: boolean;
}

/**
 * Git's copy of each path (relative to `root`), asked of git positively: tracked files from
 * `ls-files`, then which differ from the index and which the index holds newer than HEAD.
 * None for a path when `root` is not in a git work tree or there is no git to ask.
 */
export function gitCopies(root: string, rels: string[]): Map<string, GitCopy> {
  const copies = new Map<string, GitCopy>();
  if (rels.length === 0) return copies;
  // Loaded here, not at start-up: only `delete` asks git anything.
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  // Paths come back relative to `root`, NUL-separated; none of this takes git's index lock.
  const paths = (args: string[]): Set<string> | null => {
    const result = spawnSync('git', ['--literal-pathspecs', '-C', root, ...args, '-z', '--', ...rels], {
      encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    return result.status === 0 ? new Set(result.stdout.split('\0').filter(Boolean)) : null;
  };
  const tracked = paths(['ls-files', '--cached']);
  if (!tracked) return copies;
  const changed = paths(['diff', '--relative', '--name-only']) ?? new Set<string>();
  const staged = paths(['diff', '--cached', '--relative', '--name-only']) ?? new Set<string>();
  for (const rel of rels) {
    if (!tracked.has(rel)) copies.set(rel, { source: null, current: false });
    else copies.set(rel, { source: staged.has(rel) ? 'index' : 'HEAD', current: !changed.has(rel) });
  }
  return copies;
}

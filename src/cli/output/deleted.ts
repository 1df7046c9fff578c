/** The note `delete` prints for each file it removed: a way back that works, or that there is none. */
import type { GitCopy } from '../../store/git.js';

/**
 * `rel` is relative to the project root; `rootFromHere` is that root as seen from the working
 * directory ('' when they are the same), so the command works pasted where the user is.
 */
export function deletedNote(rel: string, copy: GitCopy | undefined, rootFromHere = ''): string {
  if (!copy) return `deleted ${rel}`;
  if (copy.source === null) return `deleted ${rel}; it was never committed, so git cannot restore it`;
  const at = rootFromHere === '' ? '' : `-C ${shellWord(rootFromHere)} `;
  const restore = `git ${at}checkout ${copy.source === 'HEAD' ? 'HEAD ' : ''}-- ${shellWord(rel)}`;
  if (copy.current) return `deleted ${rel} (restore with: ${restore})`;
  return `deleted ${rel}; its changes since git last saw it are gone (${restore} restores the version git has)`;
}

/** A path as one shell word, so the command can be pasted as it is. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

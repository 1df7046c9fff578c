import { AmbiguousError, NotFoundError } from '../errors.js';

export interface Located {
  id: string;
  path: string;
}

/**
 * Resolve an id or a unique prefix of one, as git resolves short hashes. Refused: a prefix
 * that fits several ids (each named), and an id held by several files (each path named).
 */
export function resolveId<T extends Located>(ref: string, kind: string, candidates: Iterable<T>): T {
  const wanted = ref.trim().toLowerCase();
  const exact: T[] = [];
  const byPrefix = new Map<string, T[]>();
  for (const candidate of candidates) {
    if (candidate.id === wanted) exact.push(candidate);
    else if (wanted !== '' && candidate.id.startsWith(wanted)) {
      const list = byPrefix.get(candidate.id) ?? [];
      list.push(candidate);
      byPrefix.set(candidate.id, list);
    }
  }
  if (exact.length > 0) return single(exact, kind);
  if (byPrefix.size === 1) return single([...byPrefix.values()][0]!, kind);
  if (byPrefix.size > 1) {
    const ids = [...byPrefix.keys()].sort();
    const shown = ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : ids.join(', ');
    throw new AmbiguousError(`${kind} id "${ref}" is ambiguous: it matches ${shown}`);
  }
  throw new NotFoundError(`no ${kind} with id "${ref}"`, wanted, kind);
}

function single<T extends Located>(found: T[], kind: string): T {
  if (found.length === 1) return found[0]!;
  const paths = found.map((f) => f.path).sort();
  const shown = paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ');
  throw new AmbiguousError(`${kind} id "${found[0]!.id}" is in ${found.length} files: ${shown} (keep one, or give each its own id)`);
}

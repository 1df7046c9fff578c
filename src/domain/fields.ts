/**
 * Tolerant readers for front-matter values. Real files hold nulls, empty strings, numbers
 * written as strings and lists where a scalar was expected; reading never throws, it takes
 * what makes sense and leaves the raw value in `fields` for output.
 */

/** Front matter as read: every key in file order, unknown keys included. */
export type Fields = Record<string, unknown>;

export function text(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function nonEmptyText(value: unknown): string | null {
  const s = text(value);
  return s == null || s.trim() === '' ? null : s;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((s): s is string => s != null && s !== '');
  const single = nonEmptyText(value);
  return single == null ? [] : [single];
}

/** ASCII-only case folding, the same rule the index uses, so both modes match alike. */
export function foldCase(value: string): string {
  return value.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** Every string found in a value, depth first (for full-text search over `comments`). */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value != null && typeof value === 'object') for (const item of Object.values(value)) allStrings(item, out);
  return out;
}

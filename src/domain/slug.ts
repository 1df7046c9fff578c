/**
 * File names derived from titles and names, as the Python tool made them: letters, digits,
 * spaces, `-` and `_` kept, trimmed, each space to `-`, lowercased.
 */
const MAX_SLUG_LENGTH = 80;

export function slugify(text: string): string {
  const kept = text.replace(/[^\p{L}\p{N} _-]/gu, '').trim().replace(/ /g, '-').toLowerCase();
  const cut = [...kept].slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
  return cut === '' ? 'untitled' : cut;
}

/**
 * Folder name for a milestone in the per-milestone issue layout (`v1.0.2` → `v1-0-2`), the
 * spelling later versions of the Python tool used.
 */
export function folderSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'untitled' : slug;
}

/**
 * File names derived from titles and names, as the Python tool made them: letters, digits,
 * spaces, `-` and `_` kept, trimmed, each space to `-`, lowercased.
 */
/** File names may hold 255 bytes: room for the id, a dash and `.md`, with a margin. */
const MAX_SLUG_BYTES = 200;

export function slugify(text: string): string {
  const kept = text.replace(/[^\p{L}\p{N} _-]/gu, '').trim().replace(/ /g, '-').toLowerCase();
  let cut = '';
  let bytes = 0;
  for (const char of kept) {
    bytes += utf8Length(char.codePointAt(0)!);
    if (bytes > MAX_SLUG_BYTES) break;
    cut += char;
  }
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

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

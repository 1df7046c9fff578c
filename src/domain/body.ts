/**
 * A milestone's or roadmap's body repeats two of its fields: it opens with the name as a heading,
 * and the description stands as a paragraph (ours: `# name` then the description; the Python
 * tool's templates put it under `## Description` or `## Overview`). When `update` changes either
 * field these copies follow, so the file does not contradict itself. Only text that is exactly
 * such a copy changes; anything a person wrote in its place is left as it is.
 */

export interface Titled {
  name: string;
  description: string;
}

/** Sections of the Python tool's templates that hold the description, empty at first. */
const DESCRIPTION_SECTION = /^##\s+(project\s+)?(description|overview)\s*$/i;

const isBlank = (line: string) => line.trim() === '';

export function followFieldsInBody(body: string, before: Titled, after: Titled): string {
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const lines = body.split(eol);
  const heading = lines.findIndex((line) => !isBlank(line));
  if (heading >= 0 && before.name !== after.name && lines[heading]!.trimEnd() === `# ${before.name}`) {
    lines[heading] = `# ${after.name}`;
  }
  const was = before.description.trim();
  const now = after.description.trim();
  if (was !== now) replaceDescription(lines, heading, was, now);
  return lines.join(eol);
}

function replaceDescription(lines: string[], heading: number, was: string, now: string): void {
  const nowLines = now === '' ? [] : now.split(/\r?\n/);
  if (was !== '') {
    const at = findParagraph(lines, was.split(/\r?\n/));
    if (at === undefined) return;
    const length = was.split(/\r?\n/).length;
    if (nowLines.length > 0) {
      lines.splice(at, length, ...nowLines);
    } else {
      // The paragraph goes with one of the blank lines around it, so no gap is left doubled.
      const blankAfter = at + length < lines.length && isBlank(lines[at + length]!);
      lines.splice(at, length + (blankAfter ? 1 : 0));
    }
    return;
  }
  if (nowLines.length === 0) return;
  const section = lines.findIndex((line) => DESCRIPTION_SECTION.test(line.trim()));
  if (section >= 0) {
    let end = section + 1;
    while (end < lines.length && !lines[end]!.startsWith('#')) {
      if (!isBlank(lines[end]!)) return;
      end++;
    }
    lines.splice(section + 1, end - section - 1, '', ...nowLines, '');
    return;
  }
  // Our own new files: the heading alone, then the description as its paragraph.
  if (heading >= 0 && lines[heading]!.startsWith('# ') && lines.slice(heading + 1).every(isBlank)) {
    lines.splice(heading + 1, lines.length, '', ...nowLines, '');
  }
}

/** Where `paragraph` stands as whole lines between blank lines (or headings, or the ends). */
function findParagraph(lines: string[], paragraph: string[]): number | undefined {
  const bounded = (i: number) => i < 0 || i >= lines.length || isBlank(lines[i]!) || lines[i]!.startsWith('#');
  for (let at = 0; at + paragraph.length <= lines.length; at++) {
    if (!paragraph.every((line, k) => lines[at + k]!.trim() === line.trim())) continue;
    if (bounded(at - 1) && bounded(at + paragraph.length)) return at;
  }
  return undefined;
}

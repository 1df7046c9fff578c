/**
 * An issue's body opens with its title as a heading, in files of both tools; a milestone's or
 * roadmap's body repeats two of its fields: it opens with the name as a heading,
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
  const section = lines.findIndex((line) => DESCRIPTION_SECTION.test(line.trim()));
  if (was !== '') {
    const wasLines = was.split(/\r?\n/);
    const at = findParagraph(lines, [heading, section], wasLines);
    if (at === undefined) return;
    const length = wasLines.length;
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

/**
 * Where the description stands, if it does: only where the templates put it, as the first
 * paragraph under the `# name` heading or under a Description or Overview section (the line
 * numbers of those two, -1 when absent). The same
 * words elsewhere (a goal that reads "TBD") are a person's, and stay.
 */
function findParagraph(lines: string[], [heading, section]: [number, number], paragraph: string[]): number | undefined {
  const firstAfter = (line: number) => {
    let at = line + 1;
    while (at < lines.length && isBlank(lines[at]!)) at++;
    return at;
  };
  const places = [heading >= 0 ? firstAfter(heading) : 0];
  if (section >= 0) places.push(firstAfter(section));
  const bounded = (i: number) => i >= lines.length || isBlank(lines[i]!) || lines[i]!.startsWith('#');
  return places.find((at) =>
    at + paragraph.length <= lines.length &&
    paragraph.every((line, k) => lines[at + k]!.trim() === line.trim()) &&
    bounded(at + paragraph.length));
}

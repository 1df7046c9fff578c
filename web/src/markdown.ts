/**
 * Markdown to a small tree of known node types: headings, paragraphs, lists (with task boxes),
 * quotes, code, rules, tables; inline code, emphasis, strike-through and links. Raw HTML in the
 * source is not HTML here: it stays text, and the page shows it as written. Links keep only
 * http(s) and relative targets; images become links (nothing is loaded from elsewhere). Pure: no
 * DOM, so it is tested under Node.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

export interface ListItem {
  /** null: not a task; otherwise whether its box is ticked. */
  checked: boolean | null;
  children: Block[];
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'quote'; children: Block[] }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'table'; align: Array<'left' | 'center' | 'right' | null>; head: Inline[][]; rows: Inline[][][] }
  | { type: 'hr' };

/** A link target the page may follow: http(s), or relative to the page. Anything else: null. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (href === '') return null;
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  const squeezed = href.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed);
  if (scheme) return /^https?$/i.test(scheme[1]!) ? href : null;
  if (squeezed.startsWith('\\') || /^\/[\\]/.test(squeezed)) return null;
  return href;
}

const MAX_DEPTH = 12;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  return parseBlocks(lines, 0);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,12})([-*+]|\d{1,9}[.)])( +|$)(.*)$/;
const TABLE_RULE = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (depth >= MAX_DEPTH) {
      // Absurd nesting: the rest is one paragraph of text rather than a deeper tree.
      blocks.push({ type: 'paragraph', children: [{ type: 'text', text: lines.slice(i).join('\n').trim() }] });
      break;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`).test(lines[i]!)) {
        body.push(lines[i]!);
        i++;
      }
      i++; // the closing fence (or the end)
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1, children: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(lines[i++]!.replace(QUOTE, ''));
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      i = parseList(lines, i, depth, blocks);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!) && lines[i + 1]!.includes('-')) {
      i = parseTable(lines, i, blocks);
      continue;
    }
    if (/^ {4}/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (/^ {4}/.test(lines[i]!) || (lines[i]!.trim() === '' && /^ {4}/.test(lines[i + 1] ?? '')))) {
        body.push(lines[i]!.slice(4));
        i++;
      }
      blocks.push({ type: 'code', lang: '', text: body.join('\n') });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && (para.length === 0 || !startsBlock(lines[i]!))) {
      para.push(lines[i]!.trim());
      i++;
    }
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n')) });
  }
  return blocks;
}

/** Items of one list: same kind of marker; an item holds the lines indented under it. */
function parseList(lines: string[], start: number, depth: number, out: Block[]): number {
  const first = ITEM.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const delimiter = ordered ? first[2]!.slice(-1) : first[2]!;
  const items: ListItem[] = [];
  let i = start;
  while (i < lines.length) {
    const match = ITEM.exec(lines[i]!);
    if (!match) break;
    const marker = match[2]!;
    const sameKind = ordered ? /\d/.test(marker) && marker.endsWith(delimiter) : marker === delimiter;
    if (!sameKind || match[1]!.length > first[1]!.length + 1) break;
    const contentIndent = match[1]!.length + marker.length + Math.min(Math.max(match[3]!.length, 1), 4);
    const body = [match[4] ?? ''];
    i++;
    while (i < lines.length) {
      const next = lines[i]!;
      if (next.trim() === '') {
        // A blank line continues the item only if indented content follows.
        const after = lines.slice(i + 1).find((l) => l.trim() !== '');
        if (after !== undefined && indentOf(after) >= contentIndent) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      if (indentOf(next) >= contentIndent) body.push(next.slice(contentIndent));
      else if (!startsBlock(next) && body[body.length - 1]!.trim() !== '') body.push(next.trim()); // lazy continuation
      else break;
      i++;
    }
    let checked: boolean | null = null;
    const task = /^\[([ xX])\](?:\s+|$)/.exec(body[0]!);
    if (task) {
      checked = task[1] !== ' ';
      body[0] = body[0]!.slice(task[0].length);
    }
    items.push({ checked, children: parseBlocks(body, depth + 1) });
    while (i < lines.length && lines[i]!.trim() === '' && ITEM.test(lines[i + 1] ?? '')) i++;
  }
  out.push({ type: 'list', ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items });
  return i;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function cells(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '|') {
      current += '|';
      i++;
    } else if (c === '|') {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  out.push(current.trim());
  return out;
}

function parseTable(lines: string[], start: number, out: Block[]): number {
  const head = cells(lines[start]!);
  const align = cells(lines[start + 1]!).map((cell) => {
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
  const rows: Inline[][][] = [];
  let i = start + 2;
  while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.includes('|')) {
    const row = cells(lines[i]!);
    rows.push(head.map((_, c) => parseInline(row[c] ?? '')));
    i++;
  }
  out.push({ type: 'table', align: head.map((_, c) => align[c] ?? null), head: head.map((cell) => parseInline(cell)), rows });
  return i;
}

// ---- inline --------------------------------------------------------------------------------

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const BARE_URL = /^https?:\/\/[^\s<>"]+/i;

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      if (next === '\n') {
        flush();
        out.push({ type: 'br' });
        i += 2;
        continue;
      }
      if (PUNCTUATION.test(next)) {
        buffer += next;
        i += 2;
        continue;
      }
    }
    if (c === '\n') {
      const hard = / {2,}$/.test(buffer);
      buffer = buffer.replace(/ +$/, '');
      if (hard) {
        flush();
        out.push({ type: 'br' });
      } else buffer += '\n';
      i++;
      continue;
    }
    if (c === '`') {
      const ticks = /^`+/.exec(rest)![0];
      const close = text.indexOf(ticks, i + ticks.length);
      if (close !== -1 && text[close + ticks.length] !== '`') {
        flush();
        const code = text.slice(i + ticks.length, close).replace(/\n/g, ' ');
        out.push({ type: 'code', text: /^ .* $/.test(code) && code.trim() !== '' ? code.slice(1, -1) : code });
        i = close + ticks.length;
        continue;
      }
      buffer += ticks;
      i += ticks.length;
      continue;
    }
    if (depth < MAX_DEPTH && (c === '[' || (c === '!' && text[i + 1] === '['))) {
      const image = c === '!';
      const link = parseLinkAt(text, image ? i + 1 : i);
      if (link) {
        flush();
        const label = link.label === '' && image ? link.url : link.label;
        const href = safeHref(link.url);
        const children = parseInline(label, depth + 1);
        if (href !== null) out.push({ type: 'link', href, children: image ? [{ type: 'text', text: 'image: ' }, ...children] : children });
        else out.push(...children);
        i = link.end;
        continue;
      }
    }
    if (c === '<') {
      const auto = /^<(https?:\/\/[^\s<>]+)>/i.exec(rest);
      if (auto) {
        flush();
        out.push({ type: 'link', href: auto[1]!, children: [{ type: 'text', text: auto[1]! }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
      const bare = BARE_URL.exec(rest);
      if (bare) {
        const url = bare[0].replace(/[.,:;!?)'\]]+$/, '');
        flush();
        out.push({ type: 'link', href: url, children: [{ type: 'text', text: url }] });
        i += url.length;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (c === '*' || c === '_' || c === '~')) {
      const span = parseEmphasisAt(text, i, depth);
      if (span) {
        flush();
        out.push(span.node);
        i = span.end;
        continue;
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

/** `[label](url "title")` starting at `start` (the `[`), or null. */
function parseLinkAt(text: string, start: number): { label: string; url: string; end: number } | null {
  let level = 0;
  let close = -1;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') level++;
    else if (c === ']' && --level === 0) {
      close = j;
      break;
    }
  }
  if (close === -1 || text[close + 1] !== '(') return null;
  const target = /^\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'))?\s*\)/.exec(text.slice(close + 1));
  if (!target) return null;
  const url = target[1]!.replace(/^<|>$/g, '');
  return { label: text.slice(start + 1, close), url, end: close + 1 + target[0].length };
}

function parseEmphasisAt(text: string, start: number, depth: number): { node: Inline; end: number } | null {
  const c = text[start]!;
  const run = new RegExp(`^\\${c}+`).exec(text.slice(start))![0];
  if (c === '~' && run.length !== 2) return null;
  const size = c === '~' ? 2 : Math.min(run.length, 2);
  const marker = c.repeat(size);
  const inner = start + size;
  // An opener is followed by a non-space; `_` must not sit inside a word (snake_case stays text).
  if (inner >= text.length || /\s/.test(text[inner]!)) return null;
  if (c === '_' && start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) return null;
  for (let j = inner + 1; j <= text.length - size; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '`') {
      const ticks = /^`+/.exec(text.slice(j))![0];
      const close = text.indexOf(ticks, j + ticks.length);
      if (close !== -1) j = close + ticks.length - 1;
      continue;
    }
    if (text.startsWith(marker, j) && !/\s/.test(text[j - 1]!)) {
      if (size === 1 && text[j + 1] === c) {
        j++; // part of a `**` run inside single emphasis: skip it whole
        continue;
      }
      if (c === '_' && j + size < text.length && /[\p{L}\p{N}]/u.test(text[j + size]!)) continue;
      const children = parseInline(text.slice(inner, j), depth + 1);
      const type = c === '~' ? 'del' : size === 2 ? 'strong' : 'em';
      return { node: { type, children }, end: j + size };
    }
  }
  return null;
}

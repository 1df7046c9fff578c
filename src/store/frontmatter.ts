/**
 * Markdown files with YAML front matter: reading them, and editing one field at a time so that
 * nothing else in the file moves. The only module that imports a YAML library.
 *
 * Reading uses js-yaml with a schema that reads scalars as the Python tool's PyYAML does
 * (numbers need a plain decimal form or a dot, so `id: 00095853` or `id: 0040e480` stay text);
 * it parses front matter about 9x faster than `yaml` (20 µs against 184 µs a file, measured
 * on the 10,000-issue benchmark corpus), which is most of the cost of an index rebuild.
 * Editing uses `yaml`'s Document, whose source ranges and scalar styles make in-place edits
 * possible.
 *
 * Edits are made by splicing text: the `yaml` Document gives each node's source range, the new
 * value is rendered by `yaml` itself in the style the old one was written in, and only that
 * range is replaced. Every other byte (comments, key order, quoting, folding, the body) stays.
 * The result is parsed again and compared with what was asked before anyone writes it.
 */
import type { Schema } from 'js-yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Fields } from '../domain/fields.js';
import { yamlLibraries } from './yaml-libraries.js';

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** 1-based line in the whole file. */
    readonly line: number,
  ) {
    super(message);
  }
}

/** A file split at its front matter delimiters; `head + yaml + tail` is the file again. */
interface Split {
  head: string;
  yaml: string;
  tail: string;
  eol: string;
}

/** Warnings (such as odd template keys) are not the user's concern; errors are reported. */
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;

// The libraries load on first use (yaml-libraries.ts says why); these keep the code plain.
const yaml = () => yamlLibraries().yaml;
const isScalar = (node: unknown): node is Scalar => yaml().isScalar(node);
const isMap = (node: unknown): node is YAMLMap<unknown, unknown> => yaml().isMap(node);
const isSeq = (node: unknown): node is YAMLSeq<unknown> => yaml().isSeq(node);
const isCollection = (node: unknown): node is YAMLMap<unknown, unknown> | YAMLSeq<unknown> => yaml().isCollection(node);
const parseDocument = (source: string) => yaml().parseDocument(source, PARSE_OPTIONS);
const newDocument = (value: unknown): Document => new (yaml().Document)(value);

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/m;

function split(text: string): Split {
  const open = OPENING.exec(text);
  if (!open) throw new FrontMatterError('no front matter: the file must start with a line "---"', 1);
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) throw new FrontMatterError('front matter is not closed by a line "---"', 1);
  return {
    head: open[0],
    yaml: rest.slice(0, close.index),
    tail: rest.slice(close.index),
    eol: open[0].endsWith('\r\n') ? '\r\n' : '\n',
  };
}

export interface ParsedFile {
  fields: Fields;
  body: string;
}

/** Read a whole file: its fields in file order and its Markdown body. */
export function parseEntityFile(text: string): ParsedFile {
  const parts = split(text);
  return { fields: textFieldsAsText(readMapping(parts.yaml, 1)), body: bodyOf(parts.tail) };
}

/** Fields that hold text by nature, even when what is written reads as a number. */
const TEXT_FIELDS = new Set([
  'id', 'title', 'name', 'status', 'priority', 'issue_type', 'milestone', 'assignee', 'owner',
  'description', 'headline', 'previous_assignee', 'project_id',
]);
const TEXT_LIST_FIELDS = new Set(['labels', 'depends_on', 'blocks', 'milestones', 'tags', 'git_branches']);

/**
 * `id: 77770000` is the id "77770000": JSON output and every comparison must see text. The
 * read schema makes numbers only of plain decimals and dotted floats, so String() gives back
 * what was written for any id.
 */
function textFieldsAsText(fields: Fields): Fields {
  const asText = (value: unknown) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);
  for (const key of Object.keys(fields)) {
    if (TEXT_FIELDS.has(key)) fields[key] = asText(fields[key]);
    else if (TEXT_LIST_FIELDS.has(key) && Array.isArray(fields[key])) fields[key] = (fields[key] as unknown[]).map(asText);
  }
  return fields;
}

const CLOSING_AND_GAP = /^---[ \t]*(?:\r?\n|$)(?:[ \t]*\r?\n)?/;

/** The Markdown after the closing delimiter, without the blank line that separates it. */
function bodyOf(tail: string): string {
  return tail.slice(CLOSING_AND_GAP.exec(tail)![0].length);
}

let readSchema: Schema | undefined;

/** Plain scalars as PyYAML resolves what it writes; everything else is text. */
function readSchemaOnce(): Schema {
  if (readSchema) return readSchema;
  const { FAILSAFE_SCHEMA, Type } = yamlLibraries().jsYaml;
  readSchema = FAILSAFE_SCHEMA.extend({
    implicit: [
      new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (d: string) => /^(?:~|null|Null|NULL)?$/.test(d), construct: () => null }),
      new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (d: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(d), construct: (d: string) => d.toLowerCase() === 'true' }),
      new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (d: string) => /^[-+]?(?:0|[1-9][0-9]*)$/.test(d), construct: (d: string) => Number(d) }),
      new Type('tag:yaml.org,2002:float', {
        kind: 'scalar',
        // A dot makes a float, as in YAML 1.1; so does a signed exponent (`1e+21`, as numbers
        // are written back); `1234e567` without either is an id, not a number.
        resolve: (d: string) => /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+][0-9]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(d),
        construct: (d: string) => {
          const lower = d.toLowerCase();
          if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
          return lower === '.nan' ? NaN : Number(d);
        },
      }),
    ],
  });
  return readSchema;
}

/** Parse YAML text that must be a mapping; `lineOffset` turns its lines into the file's. */
function readMapping(source: string, lineOffset: number): Fields {
  let value: unknown;
  try {
    value = loadYaml(source);
  } catch (error) {
    if (error instanceof yamlLibraries().jsYaml.YAMLException) {
      const line = unclosedFrom(source, error.reason ?? '') ?? error.mark?.line ?? 0;
      throw new FrontMatterError(error.reason, line + 1 + lineOffset);
    }
    throw error;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new FrontMatterError('front matter is not a mapping of fields', 1 + lineOffset);
  return value as Fields;
}

function loadYaml(source: string): unknown {
  return yamlLibraries().jsYaml.load(source, { schema: readSchemaOnce(), json: true });
}

/**
 * The line (0-based) where a quote or bracket that never closes opens: js-yaml reports it
 * where the text ends, which is not where anyone should look. The longest run of leading
 * lines that parses cleanly ends just before it (a shorter run could stop inside a
 * multi-line value that does close, and blame that). Null for every other error.
 */
function unclosedFrom(source: string, reason: string): number | null {
  if (!/end of the stream within/.test(reason)) return null;
  const lines = source.split('\n');
  for (let end = lines.length - 1; end > 0; end--) {
    try {
      loadYaml(lines.slice(0, end).join('\n'));
      return end;
    } catch {
      // still inside the unclosed value, or another error before it: look further up
    }
  }
  return 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** One change: set the value at `path` (a key, or keys into nested mappings). */
export interface YamlEdit {
  path: string[];
  value: unknown;
}

/** Apply edits to a Markdown file's front matter; the body is left as it is. */
export function editEntityFile(text: string, edits: YamlEdit[]): string {
  const parts = split(text);
  const yaml = editYaml(parts.yaml, edits, parts.eol, 2);
  return parts.head + yaml + parts.tail;
}

/** Replace a file's body, keeping the front matter byte for byte. */
export function replaceBody(text: string, body: string): string {
  const parts = split(text);
  let separator = CLOSING_AND_GAP.exec(parts.tail)![0];
  if (!separator.endsWith('\n')) separator += parts.eol;
  if (!/\n[ \t]*\r?\n$/.test(separator)) separator += parts.eol;
  return parts.head + parts.yaml + separator + body;
}

/**
 * Apply edits to a YAML document (the front matter, or `config.yaml`), whose first line is
 * line `firstLine` of its file. A key written twice is refused: which one an edit should
 * change is the author's call, not ours.
 */
export function editYaml(source: string, edits: YamlEdit[], eol = '\n', firstLine = 1): string {
  const doc = parseDocument(source);
  rejectRepeatedKeys(doc, source, firstLine);
  const { text: spliced, done } = spliceTopLevel(doc, source, edits, eol);
  let text = spliced;
  for (const edit of edits) if (!done.has(edit)) text = applyEdit(text, edit, eol);
  verify(source, text, edits);
  return text;
}

/** Readers take the last of a repeated key; which one an edit should change is the author's call. */
function rejectRepeatedKeys(doc: Document, source: string, firstLine: number): void {
  if (!isMap(doc.contents)) return;
  const seen = new Set<string>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key === null) continue;
    if (seen.has(key)) {
      const at = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
      const line = firstLine + (source.slice(0, at).match(/\n/g)?.length ?? 0);
      throw new FrontMatterError(`the key "${key}" is written twice; keep one of them`, line);
    }
    seen.add(key);
  }
}

/**
 * The common case in one parse: replacing values of keys that already exist at the top level.
 * Each becomes a splice of the original text; they are applied from the end backwards so the
 * offsets of the others stay valid. Other edits (new keys, nested paths) are left to the
 * caller, to apply one by one.
 */
function spliceTopLevel(doc: Document, source: string, edits: YamlEdit[], eol: string): { text: string; done: Set<YamlEdit> } {
  const done = new Set<YamlEdit>();
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { text: source, done };
  const map = doc.contents as YAMLMap<unknown, unknown>;
  const latest = new Map<string, { pair: Pair<unknown, unknown>; value: unknown }>();
  for (const edit of edits) {
    const pair = edit.path.length === 1 ? findPair(map, edit.path[0]!) : undefined;
    if (!pair) continue;
    latest.set(edit.path[0]!, { pair, value: edit.value });
    done.add(edit);
  }
  const splices = [...latest.values()].map(({ pair, value }) => valueSplice(source, doc, pair, value, eol));
  splices.sort((a, b) => b.start - a.start);
  return { text: splices.reduce(applySplice, source), done };
}

/** Parse a plain YAML document (config.yaml) into a mapping. */
export function parseYamlMapping(source: string): Fields {
  return readMapping(source, 0);
}

/** Render a new file: fields in the order given, then the body. */
export function renderEntityFile(fields: Fields, body: string): string {
  const doc = newDocument(fields);
  const yaml = render(doc);
  return `---\n${yaml}---\n\n${body}`;
}

/** Render a new YAML document (a fresh config.yaml). */
export function renderYaml(fields: Fields): string {
  return render(newDocument(fields));
}

/** Fields the Python tool typed as floats: whole numbers are written `4.0`, as it wrote them. */
const FLOAT_FIELDS = new Set(['estimated_hours', 'progress_percentage', 'actual_hours']);

function render(doc: Document, indentSeq = false): string {
  styleScalars(doc.contents);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && FLOAT_FIELDS.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'number') {
        pair.value.minFractionDigits = 1;
      }
    }
  }
  return doc.toString({ indentSeq, lineWidth: 0, singleQuote: true, nullStr: 'null' }).replace(UNPRINTABLE_RAW, escapeUnprintable);
}

/**
 * Characters YAML does not allow raw in a file (DEL, C1 controls, U+FFFE, U+FFFF) but `yaml`
 * leaves raw inside double quotes: PyYAML and js-yaml refuse the whole file then. Strings
 * holding one are double-quoted (styleScalars) and the character escaped. C0 controls `yaml`
 * escapes itself.
 */
const UNPRINTABLE = /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;
const UNPRINTABLE_RAW = new RegExp(UNPRINTABLE.source, 'g');

function escapeUnprintable(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Timestamps are written quoted (as the Python tool wrote them), and strings that YAML 1.1
 * readers (PyYAML) would take for booleans or numbers are quoted too. */
function styleScalars(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && UNPRINTABLE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    else if (typeof node.value === 'string' && node.type === undefined) {
      if (TIMESTAMP.test(node.value) || YAML11_AMBIGUOUS.test(node.value)) node.type = 'QUOTE_SINGLE';
    }
  } else if (isCollection(node)) {
    for (const item of node.items) {
      if (isScalar(item) || isCollection(item)) styleScalars(item);
      else if (item && typeof item === 'object' && 'value' in item) styleScalars((item as Pair).value);
    }
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const YAML11_AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?(0|[1-9][0-9_]*)(_[0-9]+)+)$/;

function applyEdit(text: string, edit: YamlEdit, eol: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`cannot edit: ${firstLine(doc.errors[0]!.message)}`);
  if (doc.contents === null) return text + renderFresh(edit.path, edit.value, 0, false, eol);
  if (!isMap(doc.contents)) throw new Error('cannot edit: the YAML document is not a mapping');

  let map = doc.contents as YAMLMap<unknown, unknown>;
  for (let depth = 0; depth < edit.path.length; depth++) {
    const key = edit.path[depth]!;
    const pair = findPair(map, key);
    const rest = edit.path.slice(depth + 1);
    if (!pair) {
      if (map.flow) return render(newDocument(setIn(map.toJSON(), edit.path.slice(depth), edit.value)));
      return insertPair(text, map, edit.path.slice(depth), edit.value, eol);
    }
    if (rest.length === 0) return applySplice(text, valueSplice(text, doc, pair, edit.value, eol));
    const child = pair.value;
    if (isMap(child) && child.flow) {
      // Edit a copy of the node itself: the values around the change keep their own style.
      const copy = child.clone() as YAMLMap<unknown, unknown>;
      copy.setIn(rest, doc.createNode(edit.value));
      return applySplice(text, valueSplice(text, doc, pair, copy, eol));
    }
    if (!isMap(child)) return applySplice(text, valueSplice(text, doc, pair, setIn({}, rest, edit.value), eol));
    map = child as YAMLMap<unknown, unknown>;
  }
  return text;
}

function findPair(map: YAMLMap<unknown, unknown>, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

function setIn(base: unknown, path: string[], value: unknown): Fields {
  const out: Fields = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Fields) } : {};
  const [head, ...rest] = path;
  out[head!] = rest.length === 0 ? value : setIn(out[head!], rest, value);
  return out;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isCollection(value);
}

interface Splice {
  start: number;
  end: number;
  replacement: string;
}

function applySplice(text: string, { start, end, replacement }: Splice): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

/** The new value of an existing key: from just after its colon to the end of the old value. */
function valueSplice(text: string, doc: Document, pair: Pair<unknown, unknown>, value: unknown, eol: string): Splice {
  const key = pair.key as Scalar;
  const keyStart = key.range![0];
  const indent = keyStart - lineStart(text, keyStart);
  const colon = text.indexOf(':', key.range![1]);
  const old = pair.value as Node | null;
  let end = old?.range ? old.range[1] : colon + 1;
  // A block value (list, mapping, `|` or `>` text) ends after its line breaks; the break that
  // ends the key's last line stays, and so do blank lines after it.
  const isBlock = old != null && ((isCollection(old) && !old.flow) || (isScalar(old) && (old.type === 'BLOCK_LITERAL' || old.type === 'BLOCK_FOLDED')));
  if (isBlock) while (end > colon + 1 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const node = isNode(value) ? value : nodeInStyleOf(doc, old, value, key.value as string);
  if (isScalar(node) && typeof node.value === 'number' && FLOAT_FIELDS.has(String(key.value)) && !(isScalar(old) && typeof old.value === 'number' && !old.source?.includes('.'))) {
    node.minFractionDigits = 1;
  }
  const rendered = renderValue(node, indent, indentSeqOf(text, old, indent), eol);
  return { start: colon + 1, end, replacement: rendered };
}

/** Add a key that is not there yet at the end of its mapping. */
function insertPair(text: string, map: YAMLMap<unknown, unknown>, path: string[], value: unknown, eol: string): string {
  const first = map.items[0]?.key as Scalar | undefined;
  const indent = first?.range ? first.range[0] - lineStart(text, first.range[0]) : 0;
  let at = map.range![1];
  // A block map's range ends after its last line; a trailing comment line still belongs above.
  if (at > 0 && text[at - 1] !== '\n') {
    const next = text.indexOf('\n', at);
    at = next === -1 ? text.length : next + 1;
  }
  const prefix = at > 0 && text[at - 1] !== '\n' ? eol : '';
  const rendered = renderFresh(path, value, indent, indentSeqOf(text, null, indent), eol);
  return text.slice(0, at) + prefix + rendered + text.slice(at);
}

function renderFresh(path: string[], value: unknown, indent: number, indentSeq: boolean, eol: string): string {
  const nested = path.slice(1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  const doc = newDocument({ [path[0]!]: nested });
  const lines = render(doc, indentSeq).replace(/\n$/, '').split('\n');
  return lines.map((line) => ' '.repeat(indent) + line).join(eol) + eol;
}

/** Render a value to follow `key:` (a leading space for scalars, a newline for blocks). */
function renderValue(node: unknown, indent: number, indentSeq: boolean, eol: string): string {
  const doc = newDocument({ k: null });
  (doc.contents as YAMLMap).items[0]!.value = node;
  const rendered = render(doc, indentSeq).replace(/\n$/, '').slice('k:'.length);
  const lines = rendered.split('\n');
  return lines.map((line, i) => (i === 0 ? line : ' '.repeat(indent) + line)).join(eol);
}

/**
 * Build the new value node so that it reads like the old one: a quoted string stays quoted the
 * same way, `4.0` stays a float, list items keep their quoting, and a timestamp put where a null
 * was takes the style of the file's own `created` stamp.
 */
function nodeInStyleOf(doc: Document, old: Node | null, value: unknown, key: string): unknown {
  const node = doc.createNode(value) as Node;
  if (isScalar(node)) styleScalarLike(node, old, doc, key);
  if (isSeq(node)) {
    const oldItems = isSeq(old) ? old.items.filter(isScalar) : [];
    const sample = oldItems[0] as Scalar | undefined;
    node.items.forEach((item) => {
      if (!isScalar(item)) return;
      const same = oldItems.find((o) => (o as Scalar).value === item.value) as Scalar | undefined;
      if (same?.type) item.type = same.type;
      else if (sample?.type && typeof sample.value === 'string' && typeof item.value === 'string') item.type = sample.type;
    });
    if (isSeq(old) && old.flow && node.items.length > 0 && old.items.length > 0) node.flow = true;
  }
  return node;
}

function styleScalarLike(node: Scalar, old: Node | null, doc: Document, key: string): void {
  const oldScalar = isScalar(old) ? old : null;
  if (typeof node.value === 'number') {
    const oldSource = oldScalar && typeof oldScalar.value === 'number' ? (oldScalar as Scalar & { source?: string }).source : undefined;
    if (oldSource?.includes('.') && Number.isInteger(node.value)) node.minFractionDigits = 1;
    return;
  }
  if (typeof node.value !== 'string') return;
  const oldIsString = oldScalar != null && typeof oldScalar.value === 'string';
  if (TIMESTAMP.test(node.value)) {
    const model = oldIsString && TIMESTAMP.test(oldScalar.value as string) ? oldScalar : timestampModel(doc, key);
    node.type = model?.type ?? 'QUOTE_SINGLE';
    return;
  }
  if (oldIsString && oldScalar.type && oldScalar.type !== 'PLAIN') node.type = oldScalar.type;
  if (YAML11_AMBIGUOUS.test(node.value) && (node.type === undefined || node.type === 'PLAIN')) node.type = 'QUOTE_SINGLE';
}

function timestampModel(doc: Document, key: string): Scalar | null {
  for (const name of ['updated', 'created']) {
    if (name === key) continue;
    const node = doc.get(name, true);
    if (isScalar(node) && typeof node.value === 'string' && TIMESTAMP.test(node.value)) return node;
  }
  return null;
}

/** Does this file indent list items under their key (`key:\n  - a`) or not (`key:\n- a`)? */
function indentSeqOf(text: string, old: Node | null, keyIndent: number): boolean {
  if (isSeq(old) && !old.flow && old.range) {
    return old.range[0] - lineStart(text, old.range[0]) > keyIndent;
  }
  const sample = /^( *)[^\s:#][^:\n]*:[ \t]*\r?\n( *)- /m.exec(text);
  return sample ? sample[2]!.length > sample[1]!.length : false;
}

/** Parse the edited text and check every edit took and nothing else moved. */
function verify(before: string, after: string, edits: YamlEdit[]): void {
  const expected = parseDocument(before).toJS() ?? {};
  for (const edit of edits) setPath(expected, edit.path, edit.value);
  const doc = parseDocument(after);
  if (doc.errors.length > 0) throw new Error(`edit produced invalid YAML: ${firstLine(doc.errors[0]!.message)}`);
  const actual = doc.toJS() ?? {};
  if (!deepEqual(actual, expected)) throw new Error('edit did not produce the expected fields');
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (!next || typeof next !== 'object' || Array.isArray(next)) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Fields)[k], (b as Fields)[k]));
  }
  return false;
}

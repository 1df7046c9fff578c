#!/usr/bin/env node
/**
 * Write a synthetic `.roadmap/` corpus for the benchmark: N issues in the seed-era format of
 * FORMAT.md (the field order of its table, PyYAML style as the Python roadmap-cli wrote it),
 * milestones, roadmaps, dependencies and comments. Deterministic for a given --seed.
 *
 *   node bench/generate.mjs --count 10000 [--seed 42] [--out bench/corpora/10000] [--now ISO]
 *
 * Beside `.roadmap/` it writes `bench.json`: what was generated and the values the benchmark
 * uses (a busy assignee, a searchable word, ids worth showing, updating and tracing).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSIGNEES, COMPONENTS, FUNCTION_WORDS, LABELS, ROADMAP_NAMES, TITLE_SHAPES, WORDS } from './words.mjs';

/** Bump when the output changes, so run.mjs regenerates corpora made by an older version. */
export const GENERATOR_VERSION = 1;

const HERE = dirname(fileURLToPath(import.meta.url));
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Randomness: one seeded generator (sfc32), and the distributions built on it.

function hashSeed(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

export function makeRandom(seed) {
  const next = hashSeed(String(seed));
  let a = next(), b = next(), c = next(), d = next();
  const u32 = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  const float = () => u32() / 4294967296;
  const rnd = {
    u32,
    float,
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    chance: (p) => float() < p,
    pick: (list) => list[Math.floor(float() * list.length)],
    /** `table` is [[value, weight], ...]. */
    weighted(table) {
      let total = 0;
      for (const [, w] of table) total += w;
      let x = float() * total;
      for (const [value, w] of table) if ((x -= w) < 0) return value;
      return table[table.length - 1][0];
    },
    normal() {
      const u = 1 - float();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * float());
    },
    shuffle(list) {
      const out = list.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(float() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rnd;
}

/**
 * Draw from `items` with Zipf-Mandelbrot weights by position, 1 / (rank + offset)^exponent:
 * the first is the most frequent; an offset flattens the head as real vocabularies are.
 */
function zipf(rnd, items, exponent = 1, offset = 0) {
  const cumulative = [];
  let sum = 0;
  for (let i = 0; i < items.length; i++) cumulative.push((sum += 1 / Math.pow(i + 1 + offset, exponent)));
  return () => {
    const x = rnd.float() * sum;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
    }
    return items[lo];
  };
}

// ---------------------------------------------------------------------------------------------
// YAML in the style PyYAML's safe_dump(sort_keys=False) writes.

// PyYAML's implicit resolvers (YAML 1.1): a string one of them would read as something else
// must be quoted. Note what they do not catch: `12e45678` (no dot) is written plain, as real files hold it.
const PYYAML_RESOLVERS = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<|=|~|null|Null|NULL)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
];

/** A string as PyYAML's safe_dump writes it: plain when it can be, else in single quotes. */
export function yamlString(text) {
  const plain = text !== ''
    && !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text)
    && !/\s$/.test(text)
    && !/: |:$| #|[\n\t]/.test(text)
    && !PYYAML_RESOLVERS.some((re) => re.test(text));
  return plain ? text : `'${text.replace(/'/g, "''")}'`;
}

/**
 * `key: value` for a string, folded as PyYAML folds long scalars: at a single space once the
 * line is past column 80, continuing on the next line at `indent`.
 */
export function yamlLine(prefix, text, indent = 2) {
  const rendered = yamlString(text);
  if (prefix.length + rendered.length <= 80) return `${prefix}${rendered}\n`;
  let out = prefix;
  let column = prefix.length;
  const words = rendered.split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (i > 0) {
      // Only a single space between words is a break opportunity.
      if (w !== '' && words[i - 1] !== '' && column > 80) {
        out += '\n' + ' '.repeat(indent);
        column = indent;
      } else {
        out += ' ';
        column++;
      }
    }
    out += w;
    column += w.length;
  }
  return out + '\n';
}

const yamlTime = (ms) => `'${isoLocal(ms)}'`;
const yamlFloat = (n) => (Number.isInteger(n) ? `${n}.0` : String(n));
const yamlNullable = (value, render) => (value === null || value === undefined ? 'null' : render(value));
const yamlList = (key, items) => (items.length === 0 ? `${key}: []\n` : `${key}:\n${items.map((i) => `- ${yamlString(i)}\n`).join('')}`);

/** Python's datetime.isoformat() of a naive timestamp, with microseconds and no offset. */
function isoLocal(ms) {
  const whole = Math.floor(ms / 1000) * 1000;
  const micro = Math.floor((ms - whole) * 1000);
  // Python leaves out a zero fraction (a date at midnight, say).
  return new Date(whole).toISOString().slice(0, 19) + (micro === 0 ? '' : '.' + String(micro).padStart(6, '0'));
}

/** A due date as the Python tool wrote it: midnight, no fraction. */
const yamlDay = (ms) => `'${new Date(ms).toISOString().slice(0, 10)}T00:00:00'`;

/** FORMAT.md's slug: letters, digits, spaces, `-`, `_`; trimmed; spaces to `-`; lowercased. */
export function slugify(text) {
  const kept = text.replace(/[^\p{L}\p{N} _-]/gu, '').trim().replace(/ /g, '-').toLowerCase();
  const cut = [...kept].slice(0, 80).join('').replace(/-+$/, '');
  return cut === '' ? 'untitled' : cut;
}

// ---------------------------------------------------------------------------------------------
// Text: titles and Markdown bodies from the seeded vocabulary.

function makeWriter(rnd) {
  const vocabulary = rnd.shuffle(WORDS);
  const word = zipf(rnd, vocabulary, 1, 15);
  const glue = zipf(rnd, FUNCTION_WORDS, 1);
  // The long tail every project has (product names, jargon, people): pronounceable made-up
  // words, each rare, so a search can hit about 1% of the issues as real searches do.
  const known = new Set(WORDS);
  const tail = [];
  while (tail.length < 3000) {
    let w = '';
    for (let n = rnd.int(2, 3); n > 0; n--) w += rnd.pick('bdfgklmnprstvz') + rnd.pick('aeiou') + (rnd.chance(0.25) ? rnd.pick('lnrs') : '');
    if (!known.has(w)) { known.add(w); tail.push(w); }
  }
  const rare = zipf(rnd, tail, 1, 5);
  const component = zipf(rnd, COMPONENTS, 0.9);
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const ident = () => `${word()}${cap(word())}`;
  const snake = () => `${word()}_${word()}`;
  const path = () => `src/${word()}/${word()}.${rnd.pick(['ts', 'ts', 'py', 'go', 'md'])}`;

  function sentence() {
    const n = rnd.int(6, 18);
    const parts = [];
    for (let i = 0; i < n; i++) {
      const r = rnd.float();
      let w;
      if (i > 0 && r < 0.3) w = glue();
      else if (r > 0.97) w = `\`${ident()}()\``;
      else if (r > 0.955) w = `\`${path()}\``;
      else if (r > 0.94) w = `the ${component()}`;
      else if (r > 0.89) w = rare();
      else w = word();
      parts.push(w);
      if (i > 2 && i < n - 2 && rnd.chance(0.08)) parts[parts.length - 1] += ',';
    }
    return cap(parts.join(' ')) + (rnd.chance(0.06) ? '?' : '.');
  }
  const paragraph = () => Array.from({ length: rnd.int(2, 5) }, sentence).join(' ');
  const phrase = (lo, hi) => Array.from({ length: rnd.int(lo, hi) }, (_, i) => (i > 0 && rnd.chance(0.25) ? glue() : word())).join(' ');

  function title(type) {
    return rnd.pick(TITLE_SHAPES[type])
      .replace(/\{w\}/g, () => word())
      .replace(/\{W\}/g, () => cap(word()))
      .replace(/\{c\}/g, () => component())
      .replace(/\{C\}/g, () => cap(component()));
  }

  function codeBlock() {
    const lang = rnd.weighted([['bash', 3], ['ts', 3], ['python', 2], ['yaml', 2], ['json', 1], ['', 1]]);
    const lines = [];
    const n = rnd.int(3, 10);
    for (let i = 0; i < n; i++) {
      switch (lang) {
        case 'bash': lines.push(rnd.chance(0.2) ? `# ${phrase(3, 7)}` : `roadmap ${word()} ${word()} --${word()} ${snake()}`); break;
        case 'ts': lines.push(rnd.chance(0.3) ? `const ${ident()} = await ${ident()}(${word()}, { ${word()}: ${rnd.int(1, 500)} });` : `  if (!${word()}.${ident()}) throw new Error('${phrase(2, 5)}');`); break;
        case 'python': lines.push(rnd.chance(0.3) ? `def ${snake()}(${word()}, ${word()}=None):` : `    ${snake()} = ${word()}.${snake()}(${rnd.int(0, 99)})`); break;
        case 'yaml': lines.push(`${snake()}: ${rnd.chance(0.5) ? rnd.int(1, 1000) : word()}`); break;
        case 'json': lines.push(`  "${word()}": "${word()}-${rnd.int(1, 99)}",`); break;
        default: lines.push(`${word().toUpperCase()} ${phrase(2, 6)} ${rnd.int(100, 9999)}ms`);
      }
    }
    return '```' + lang + '\n' + lines.join('\n') + '\n```';
  }

  const bullets = (lo, hi, box) => Array.from({ length: rnd.int(lo, hi) }, () => `- ${box ? '[ ] ' : ''}${cap(phrase(3, 10))}`).join('\n');
  const numbered = (lo, hi) => Array.from({ length: rnd.int(lo, hi) }, (_, i) => `${i + 1}. ${cap(phrase(3, 9))}`).join('\n');

  /** A body of about `target` bytes: the Python tool's template, grown with real sections. */
  function body(titleText, type, target) {
    const sections = [`# ${titleText}`, `## Description\n\n${paragraph()}`];
    const extra = [];
    if (type === 'bug') {
      extra.push(`## Steps to Reproduce\n\n${numbered(3, 6)}`);
      extra.push(`## Expected Behavior\n\n${paragraph()}`);
      extra.push(`## Actual Behavior\n\n${paragraph()}\n\n${codeBlock()}`);
    } else {
      extra.push(`## Motivation\n\n${paragraph()}`);
      extra.push(`## Proposed Solution\n\n${paragraph()}\n\n${bullets(2, 5, false)}`);
    }
    extra.push(`## Technical Notes\n\n${paragraph()}\n\n${codeBlock()}`);
    extra.push(`### ${cap(phrase(2, 4))}\n\n${paragraph()}\n\n${bullets(2, 6, false)}`);
    extra.push(`## Open Questions\n\n${bullets(1, 4, false)}`);
    extra.push(`## Notes\n\n${paragraph()}`);
    let size = sections.join('\n\n').length;
    for (const section of extra) {
      if (size >= target) break;
      if (size + section.length > 3600) continue;
      sections.push(section);
      size += section.length + 2;
    }
    while (size < target) {
      const section = rnd.chance(0.5) ? `## ${cap(phrase(1, 3))}\n\n${paragraph()}` : `${paragraph()}`;
      if (size + section.length > 3600) break;
      sections.push(section);
      size += section.length + 2;
    }
    sections.push(`## Acceptance Criteria\n\n${bullets(2, 5, true)}`);
    let text = sections.join('\n\n') + '\n';
    if (text.length > 4096) text = text.slice(0, text.lastIndexOf('\n\n', 4000)) + '\n';
    return text;
  }

  return { word, vocabulary: vocabulary.concat(tail), sentence, paragraph, phrase, title, body, cap };
}

// ---------------------------------------------------------------------------------------------
// The corpus.

function uniqueHex(rnd, taken) {
  for (;;) {
    const id = rnd.u32().toString(16).padStart(8, '0');
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function milestoneNames(rnd, count) {
  const names = [];
  const slugs = new Set();
  let major = 0, minor = 1;
  while (names.length < count) {
    let name;
    if (rnd.chance(0.12)) name = `Sprint ${names.length + 1}`;
    else {
      name = `v${major}.${minor}.0`;
      if (++minor > 9) { major++; minor = 0; }
    }
    const slug = slugify(name);
    if (slugs.has(slug)) continue;
    slugs.add(slug);
    names.push(name);
  }
  return names;
}

const HOURS = [[0.5, 2], [1, 6], [2, 8], [3, 6], [4, 6], [6, 3], [8, 4], [12, 2], [16, 2], [24, 1], [40, 0.5]];

/**
 * Build the corpus in memory (metadata only; bodies are written as they are made), then write
 * every file with plain synchronous fs calls.
 */
export function generate({ count, seed = 42, out, now = '2026-10-30T12:00:00Z', log = () => {} }) {
  const started = performance.now();
  const rnd = makeRandom(`${seed}:${count}`);
  const text = makeWriter(rnd);
  const nowMs = Date.parse(now);
  const startMs = nowMs - 3.5 * 365 * DAY;
  const assignee = zipf(rnd, ASSIGNEES, 0.8);
  const label = zipf(rnd, LABELS, 0.9);
  const ids = new Set();

  // Milestones: evenly spaced due dates over the history, the last few in the future.
  const milestoneCount = Math.max(2, Math.round(count / 250));
  const names = milestoneNames(rnd, milestoneCount);
  const futureMs = nowMs + 120 * DAY;
  const milestones = names.map((name, i) => {
    const due = startMs + ((i + 1) / milestoneCount) * (futureMs - startMs);
    const dueDay = Math.floor(due / DAY) * DAY;
    const created = Math.min(nowMs - rnd.int(2, 20) * DAY, Math.max(startMs - 10 * DAY, dueDay - rnd.int(40, 120) * DAY)) + rnd.float() * DAY;
    const past = dueDay < nowMs - 14 * DAY;
    return {
      name, slug: slugify(name), due: dueDay, created, touch: rnd.float(), status: past && rnd.chance(0.85) ? 'closed' : 'open',
      description: text.cap(text.phrase(4, 10)),
    };
  });

  // Issues in creation order (a dependency always points at an older issue: no cycles).
  const issues = new Array(count);
  for (let i = 0; i < count; i++) {
    const fraction = Math.pow((i + rnd.float()) / count, 0.8); // the project grows: more issues lately
    const created = startMs + fraction * (nowMs - startMs - DAY);
    const type = rnd.weighted([['feature', 55], ['bug', 35], ['other', 10]]);
    const title = text.title(type);
    // The milestone due next after creation (or the one after), for most issues.
    let milestone = '';
    if (rnd.chance(0.72)) {
      let m = milestones.findIndex((ms) => ms.due >= created);
      if (m === -1) m = milestones.length - 1;
      if (rnd.chance(0.25) && m + 1 < milestones.length) m++;
      milestone = milestones[m];
    }
    const age = (nowMs - created) / DAY;
    const doneBias = milestone ? (milestone.due < nowMs - 14 * DAY ? 0.9 : milestone.due < nowMs ? 0.6 : 0.15) : Math.min(0.55, age / 600);
    let status;
    if (rnd.chance(doneBias)) status = rnd.weighted([['done', 92], ['closed', 5], ['completed', 3]]);
    else if (!milestone && rnd.chance(0.04)) status = 'archived';
    else status = rnd.weighted([['todo', 55], ['in-progress', 22], ['review', 10], ['blocked', 8], ['todo', 5]]);
    const done = status === 'done' || status === 'closed' || status === 'completed';
    const priority = rnd.weighted([['critical', 6], ['high', 24], ['medium', 50], ['low', 20]]);
    const nLabels = rnd.weighted([[0, 25], [1, 35], [2, 25], [3, 10], [4, 5]]);
    const labels = new Set();
    if (type === 'bug' && rnd.chance(0.6)) labels.add('bug');
    while (labels.size < nLabels) labels.add(label());
    const who = rnd.chance(0.1) ? null : assignee();
    const estimate = rnd.chance(0.7) ? rnd.weighted(HOURS) : null;
    const lastTouch = done ? Math.min(nowMs - 3600e3, created + rnd.int(1, 60) * DAY * rnd.float()) : Math.min(nowMs - 60e3, created + rnd.float() * Math.min(age, 90) * DAY);
    const started = status !== 'todo' && status !== 'archived' && rnd.chance(0.8) ? created + rnd.float() * (lastTouch - created) : null;
    const progress = done ? 100 : status === 'in-progress' || status === 'review' ? rnd.pick([10, 25, 40, 50, 60, 75, 90]) : rnd.chance(0.5) ? null : 0;
    issues[i] = {
      id: uniqueHex(rnd, ids), title, type, status, priority, milestone, labels: [...labels],
      github: rnd.chance(0.2) ? rnd.int(1, Math.max(50, count * 3)) : null,
      created, updated: lastTouch, assignee: who, estimate, started,
      ended: done && rnd.chance(0.7) ? lastTouch : null,
      progress, completed: done && rnd.chance(0.3) ? lastTouch : null,
      dependsOn: [], blocks: [], comments: [], branches: [], commits: [], handoff: null,
      bodySize: Math.round(Math.min(4000, Math.max(520, Math.exp(7.2 + 0.55 * rnd.normal())))),
    };
    const issue = issues[i];
    if (status === 'in-progress' || (done && rnd.chance(0.3))) {
      if (rnd.chance(0.5)) issue.branches.push(`feature/${issue.id}-${slugify(title).slice(0, 30).replace(/-+$/, '')}`);
      if (done && rnd.chance(0.3)) {
        for (let c = rnd.int(1, 3); c > 0; c--) {
          issue.commits.push({ hash: (rnd.u32().toString(16) + rnd.u32().toString(16)).padStart(16, '0').slice(0, 12), message: text.cap(text.phrase(3, 8)), date: created + rnd.float() * (lastTouch - created) });
        }
      }
    }
    if (who && rnd.chance(0.03)) {
      issue.handoff = { previous: assignee(), notes: text.sentence(), date: created + rnd.float() * (lastTouch - created) };
    }
    if (rnd.chance(0.15)) {
      let at = created;
      for (let c = rnd.int(1, 5); c > 0; c--) {
        at += rnd.float() * Math.max(1, lastTouch - at);
        issue.comments.push({ id: 1_000_000 + rnd.u32() % 9_000_000, author: assignee(), body: text.sentence(), at });
      }
    }
    // ~20% depend on 1-3 recent issues, mostly in the same milestone.
    if (i > 0 && rnd.chance(0.2)) {
      const n = rnd.weighted([[1, 60], [2, 30], [3, 10]]);
      for (let tries = 0; issue.dependsOn.length < n && tries < 10; tries++) {
        const j = Math.max(0, i - 1 - Math.floor(Math.abs(rnd.normal()) * 60));
        const dep = issues[j];
        if (dep.milestone !== issue.milestone && rnd.chance(0.6)) continue;
        if (!issue.dependsOn.includes(dep.id)) {
          issue.dependsOn.push(dep.id);
          // Some writers also recorded the other direction (`blocks`), as the format allows.
          if (rnd.chance(0.3)) dep.blocks.push(issue.id);
        }
      }
    }
  }

  // Roadmaps: consecutive slices of the milestones.
  const roadmapCount = Math.min(ROADMAP_NAMES.length, 5);
  const roadmaps = [];
  for (let r = 0; r < roadmapCount; r++) {
    const from = Math.floor((r / roadmapCount) * milestones.length);
    const to = Math.max(from + 1, Math.floor(((r + 1) / roadmapCount) * milestones.length));
    const slice = milestones.slice(from, to);
    const done = slice.every((m) => m.due < nowMs);
    roadmaps.push({
      id: uniqueHex(rnd, ids), name: ROADMAP_NAMES[r], slice,
      status: done ? 'completed' : slice[0].due < nowMs ? 'active' : 'planning',
      priority: rnd.pick(['high', 'medium', 'high', 'critical']), owner: ASSIGNEES[r],
      description: text.sentence(), created: slice[0].created - 7 * DAY, touch: rnd.float(),
    });
  }

  // ------------------------------------------------------------------------- write the files
  const target = resolve(out);
  const dir = join(target, '.roadmap');
  if (existsSync(dir)) {
    if (!existsSync(join(target, 'bench.json'))) {
      throw new Error(`${dir} exists and was not made by this generator (no bench.json beside it): not touching it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  for (const folder of ['issues', 'milestones', 'roadmaps']) mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), `project:\n  name: bench-${count}\nstorage:\n  use_index: true\n`);
  writeFileSync(join(dir, '.gitignore'), '# Derived by roadmap; rebuilt from the Markdown files at any time.\n'
    + ['index.db', 'index.db-wal', 'index.db-shm', 'index.db-journal', '.lock', '.*.tmp', 'watch.json'].join('\n') + '\n');

  let bytes = 0;
  const sampleEvery = Math.max(1, Math.floor(count / 4000));
  const docFrequency = new Map();
  let sampled = 0;
  for (let i = 0; i < count; i++) {
    const issue = issues[i];
    const body = text.body(issue.title, issue.type, issue.bodySize);
    const file = renderIssue(issue, body);
    bytes += Buffer.byteLength(file);
    writeFileSync(join(dir, 'issues', `${issue.id}-${slugify(issue.title)}.md`), file);
    if (i % sampleEvery === 0) {
      sampled++;
      const words = new Set(`${issue.title} ${issue.labels.join(' ')} ${body} ${issue.comments.map((c) => c.body).join(' ')}`.toLowerCase().split(/[^\p{L}\p{N}]+/u));
      for (const w of words) docFrequency.set(w, (docFrequency.get(w) ?? 0) + 1);
    }
    if (i > 0 && i % 20000 === 0) log(`  ${i.toLocaleString('en')} issues written`);
  }
  for (const m of milestones) {
    const file = renderMilestone(m, nowMs);
    bytes += Buffer.byteLength(file);
    writeFileSync(join(dir, 'milestones', `${m.slug}.md`), file);
  }
  for (const r of roadmaps) {
    const file = renderRoadmap(r, issues, nowMs);
    bytes += Buffer.byteLength(file);
    writeFileSync(join(dir, 'roadmaps', `${r.id}-${slugify(r.name)}.md`), file);
  }

  const picks = choosePicks({ issues, milestones, rnd, docFrequency, sampled, vocabulary: text.vocabulary, nowMs });
  const manifest = {
    generator: GENERATOR_VERSION, seed, count, now, files: count + milestones.length + roadmaps.length + 2, bytes,
    milestones: milestones.length, roadmaps: roadmaps.length,
    dependencies: issues.reduce((n, i) => n + i.dependsOn.length, 0),
    comments: issues.reduce((n, i) => n + i.comments.length, 0),
    numberLikeIds: issues.filter((i) => looksLikeNumber(i.id)).length,
    statuses: countBy(issues, (i) => i.status),
    seconds: +((performance.now() - started) / 1000).toFixed(2),
    picks,
  };
  writeFileSync(join(target, 'bench.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

function countBy(list, key) {
  const out = {};
  for (const item of list) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function renderIssue(x, body) {
  let y = '---\n';
  y += `id: ${yamlString(x.id)}\n`;
  y += yamlLine('title: ', x.title);
  y += `priority: ${x.priority}\n`;
  y += `status: ${x.status}\n`;
  y += `issue_type: ${x.type}\n`;
  y += `milestone: ${x.milestone ? yamlString(x.milestone.name) : "''"}\n`;
  y += yamlList('labels', x.labels);
  y += `github_issue: ${yamlNullable(x.github, String)}\n`;
  y += `created: ${yamlTime(x.created)}\n`;
  y += `updated: ${yamlTime(x.updated)}\n`;
  y += `assignee: ${yamlNullable(x.assignee, yamlString)}\n`;
  y += `estimated_hours: ${yamlNullable(x.estimate, yamlFloat)}\n`;
  y += yamlList('depends_on', x.dependsOn);
  y += yamlList('blocks', x.blocks);
  y += `actual_start_date: ${yamlNullable(x.started, yamlTime)}\n`;
  y += `actual_end_date: ${yamlNullable(x.ended, yamlTime)}\n`;
  y += `progress_percentage: ${yamlNullable(x.progress, yamlFloat)}\n`;
  y += x.handoff ? yamlLine('handoff_notes: ', x.handoff.notes) : 'handoff_notes: null\n';
  y += `previous_assignee: ${yamlNullable(x.handoff?.previous, yamlString)}\n`;
  y += `handoff_date: ${yamlNullable(x.handoff?.date, yamlTime)}\n`;
  y += yamlList('git_branches', x.branches);
  if (x.commits.length === 0) y += 'git_commits: []\n';
  else {
    y += 'git_commits:\n';
    for (const c of x.commits) y += `- hash: ${yamlString(c.hash)}\n` + yamlLine('  message: ', c.message, 4) + `  date: ${yamlTime(c.date)}\n`;
  }
  y += `completed_date: ${yamlNullable(x.completed, yamlTime)}\n`;
  // `comments` came with later versions of the Python tool; it follows the seed-era fields.
  if (x.comments.length > 0) {
    y += 'comments:\n';
    for (const c of x.comments) {
      y += `- id: ${c.id}\n  issue_id: ${yamlString(x.id)}\n  author: ${yamlString(c.author)}\n` + yamlLine('  body: ', c.body, 4);
      y += `  created_at: ${yamlTime(c.at)}\n  updated_at: ${yamlTime(c.at)}\n  github_url: null\n`;
    }
  }
  return `${y}---\n\n${body}`;
}

function renderMilestone(m, nowMs) {
  const updated = Math.min(nowMs - 3600e3, (m.status === 'closed' ? m.due + 2 * DAY : m.created + 5 * DAY) + m.touch * DAY);
  return '---\n'
    + `name: ${yamlString(m.name)}\n`
    + yamlLine('description: ', m.description)
    + `due_date: ${yamlDay(m.due)}\n`
    + `status: ${m.status}\n`
    + 'github_milestone: null\n'
    + `created: ${yamlTime(m.created)}\n`
    + `updated: ${yamlTime(Math.max(m.created, updated))}\n`
    + `---\n\n# ${m.name}\n\n## Description\n\n${m.description}\n\n## Goals\n\n- [ ] ${m.description}\n`;
}

function renderRoadmap(r, issues, nowMs) {
  const names = r.slice.map((m) => m.name);
  const set = new Set(names);
  const hours = issues.reduce((sum, i) => sum + (i.milestone && set.has(i.milestone.name) ? i.estimate ?? 0 : 0), 0);
  const start = r.slice[0].created;
  const end = r.slice[r.slice.length - 1].due;
  return '---\n'
    + `id: ${yamlString(r.id)}\n`
    + `name: ${yamlString(r.name)}\n`
    + yamlLine('description: ', r.description)
    + `status: ${r.status}\n`
    + `priority: ${r.priority}\n`
    + `owner: ${yamlString(r.owner)}\n`
    + `start_date: ${yamlTime(start)}\n`
    + `target_end_date: ${yamlTime(end)}\n`
    + `actual_end_date: ${r.status === 'completed' ? yamlTime(end) : 'null'}\n`
    + `created: ${yamlTime(r.created)}\n`
    + `updated: ${yamlTime(Math.min(nowMs - DAY, end) + r.touch * DAY)}\n`
    + yamlList('milestones', names)
    + `estimated_hours: ${yamlFloat(hours)}\n`
    + 'actual_hours: null\n'
    + `---\n\n# ${r.name}\n\n## Project Overview\n\n${r.description}\n\n**Project Owner:** ${r.owner}\n\n`
    + `## Milestones & Timeline\n\n${names.map((n) => `- **${n}**`).join('\n')}\n`;
}

/**
 * PyYAML (YAML 1.1) writes `id: 01026e18` and `id: 00095853` plain, as in real files, but a
 * YAML 1.2 reader takes them for the numbers 1.026e21 and 95853: about 3.7% of random ids.
 */
const looksLikeNumber = (id) => /^[0-9]+(?:e[0-9]+)?$/.test(id);

/** The values run.mjs benchmarks with, chosen so each command has real work to do. */
function choosePicks({ issues: all, milestones, docFrequency, sampled, vocabulary, nowMs }) {
  const open = (i) => !['done', 'closed', 'completed', 'archived'].includes(i.status);
  // Benchmark only ids a YAML 1.2 reader cannot mistake for numbers (see numberLikeIds).
  const issues = all.filter((i) => !looksLikeNumber(i.id));
  const todoBy = countBy(issues.filter((i) => i.status === 'todo' && i.assignee), (i) => i.assignee);
  const assignee = Object.entries(todoBy).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  // A word in about 1% of the issues that no other word starts with (search matches prefixes).
  const tokens = [...docFrequency.keys()];
  const isPrefix = (w) => tokens.some((t) => t !== w && t.startsWith(w));
  const candidates = vocabulary
    .filter((w) => w.length >= 5 && docFrequency.has(w))
    .map((w) => [w, docFrequency.get(w) / sampled])
    .sort((a, b) => Math.abs(Math.log(a[1] / 0.01)) - Math.abs(Math.log(b[1] / 0.01)));
  const [searchWord, share] = candidates.find(([w]) => !isPrefix(w)) ?? candidates[0];
  // Dependencies in both directions make `deps` and the graph of `ready` do real work.
  const dependents = new Map();
  for (const i of issues) for (const d of i.dependsOn) dependents.set(d, (dependents.get(d) ?? 0) + 1);
  for (const i of issues) for (const b of i.blocks) dependents.set(i.id, (dependents.get(i.id) ?? 0) + 1);
  const linked = issues.filter((i) => open(i) && i.dependsOn.length >= 2 && dependents.has(i.id));
  const deps = (linked[Math.floor(linked.length * 0.7)] ?? issues.find((i) => i.dependsOn.length > 0) ?? issues[0]).id;
  const withComments = issues.filter((i) => i.comments.length > 0 && i.bodySize > 1500);
  const show = (withComments[Math.floor(withComments.length / 2)] ?? issues[Math.floor(issues.length / 2)]).id;
  const openIssues = issues.filter(open);
  const update = (openIssues[Math.floor(openIssues.length / 3)] ?? issues[0]).id;
  // The open milestone with the most issues.
  const perMilestone = countBy(issues.filter((i) => i.milestone), (i) => i.milestone.name);
  const milestone = milestones.filter((m) => m.status === 'open' && m.due >= nowMs - 30 * DAY)
    .sort((a, b) => (perMilestone[b.name] ?? 0) - (perMilestone[a.name] ?? 0))[0]?.name ?? milestones[0].name;
  return { assignee, search: searchWord, searchShare: +share.toFixed(4), show, update, deps, milestone };
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { count: 1000, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--count': case '-n': opts.count = Number(value()); break;
      case '--seed': opts.seed = value(); break;
      case '--out': opts.out = value(); break;
      case '--now': opts.now = value(); break;
      case '--help': case '-h':
        console.log('usage: node bench/generate.mjs --count N [--seed S] [--out DIR] [--now ISO-DATE]');
        process.exit(0);
        break;
      default:
        if (/^\d+$/.test(flag)) opts.count = Number(flag);
        else { console.error(`unknown option ${flag}`); process.exit(2); }
    }
  }
  if (!Number.isInteger(opts.count) || opts.count < 1) { console.error('--count must be a positive integer'); process.exit(2); }
  opts.out ??= join(HERE, 'corpora', String(opts.count));
  return opts;
}

/** Is the corpus at `dir` one this generator made with these settings? */
export function corpusIsCurrent(dir, count, seed) {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    return m.generator === GENERATOR_VERSION && m.count === count && String(m.seed) === String(seed) && existsSync(join(dir, '.roadmap', 'issues'));
  } catch {
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const m = generate({ ...opts, log: (line) => console.error(line) });
  console.error(`wrote ${m.count.toLocaleString('en')} issues, ${m.milestones} milestones, ${m.roadmaps} roadmaps `
    + `(${(m.bytes / 1048576).toFixed(1)} MiB, ${m.dependencies} dependencies) to ${resolve(opts.out)} in ${m.seconds} s`);
}

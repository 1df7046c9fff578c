/**
 * The SQLite index: rows derived from the Markdown files, so queries never open them. Opening
 * it never throws anything but IndexUnavailable, which sends the command to the files alone.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Fields } from '../../domain/fields.js';
import { foldCase } from '../../domain/fields.js';
import { DONE_SPELLING_SAMPLE, DONE_SPELLINGS } from '../../domain/values.js';
import type { DependencyNode } from '../../domain/graph.js';
import { type Issue, issueFromFields, type IssueSummary } from '../../domain/issue.js';
import { type Milestone, milestoneFromFields } from '../../domain/milestone.js';
import type { IssueQuery, SortField, SortSpec } from '../../domain/query.js';
import { DEFAULT_SORT } from '../../domain/query.js';
import { type Roadmap, roadmapFromFields } from '../../domain/roadmap.js';
import { LEGACY_DONE_STATUSES, statusesMatching } from '../../domain/values.js';
import type { Problem, ProgressRow } from '../storage.js';
import type { FileRecord } from './rows.js';
import { INDEXES, SCHEMA, SCHEMA_VERSION } from './schema.js';
import { addToPrint, type FolderPrint, isRacy, RACY_SQL, type Stamp, stampHash } from './stamps.js';

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/** The index cannot be used; the reason goes into the one warning line. */
export class IndexUnavailable extends Error {}

export type { Stamp } from './stamps.js';

const DONE_KEYS = ['done', ...LEGACY_DONE_STATUSES];
const CLOSED_KEYS = sqlList([...DONE_KEYS, 'archived']);
const OPEN_DEPENDENCY = `EXISTS (SELECT 1 FROM deps d JOIN issues x ON x.id = d.dependency
  WHERE d.dependent = issues.id AND x.status_key NOT IN (${sqlList(DONE_KEYS)}))`;

const ISSUE_BY_ROWID = 'SELECT i.path, f.fields FROM issues i JOIN issue_fields f ON f.issue = i.rowid WHERE i.rowid = ?';

const SORT_COLUMNS: Record<SortField, string> = {
  id: 'id', title: 'title', status: 'status_rank', priority: 'priority_rank', type: 'issue_type',
  assignee: 'assignee', milestone: 'milestone', created: 'created', updated: 'updated',
  estimate: 'estimated_hours', progress: 'progress',
};

function sqlList(values: string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

let driver: { Database: typeof BetterSqlite3; nativeBinding: string } | undefined;
const ADDON = join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * better-sqlite3 with its addon found by path: its own lookup (the `bindings` package) probes
 * many folders on every start. Where our own install put it is checked first (one stat);
 * module resolution, which reads package.json files (about 1.7 ms), only if it is not there.
 */
function loadDriver(): { Database: typeof BetterSqlite3; nativeBinding: string } {
  if (driver) return driver;
  try {
    const beside = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', ADDON);
    const nativeBinding = existsSync(beside) ? beside : createRequire(import.meta.url).resolve(ADDON.split(sep).join('/'));
    driver = { Database: BetterSqlite3, nativeBinding };
    return driver;
  } catch (error) {
    throw new IndexUnavailable(`better-sqlite3 cannot be loaded (${firstLine(error)})`);
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

/** SQLite errors that mean the file is not a sound database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /malformed|not a database/i.test(String((error as Error)?.message));
}

/** The page cache of a pass over every file, in KiB as `PRAGMA cache_size` takes it (negative). */
const BULK_CACHE_KIB = -2048;

export class SqliteIndex {
  private readonly statements = new Map<string, Statement>();

  private constructor(
    readonly db: Database,
    readonly path: string,
  ) {}

  /**
   * Open (creating if need be) and check the version. `fresh` is true when the tables were
   * just created, because the file was new, of another version, or had to be replaced.
   */
  static open(path: string, options: { timeoutMs?: number } = {}): { index: SqliteIndex; fresh: boolean } {
    const { Database: Driver, nativeBinding } = loadDriver();
    let db: Database;
    try {
      db = new Driver(path, { timeout: options.timeoutMs ?? 5000, nativeBinding });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    } catch (error) {
      if (isCorruption(error)) throw error;
      throw new IndexUnavailable(`cannot open ${path} (${firstLine(error)})`);
    }
    const index = new SqliteIndex(db, path);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return { index, fresh: false };
    index.reset();
    return { index, fresh: true };
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      // Already closed.
    }
  }

  /**
   * Drop everything and create the current schema, in one transaction. `deferIndexes` leaves
   * the secondary indexes to `createIndexes`, for a rebuild that loads every row first.
   */
  reset(options: { deferIndexes?: boolean } = {}): void {
    this.statements.clear();
    this.db.transaction(() => {
      const objects = this.db.prepare(`SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'issues_fts_%'`).all() as Array<{ type: string; name: string }>;
      for (const { type, name } of objects) this.db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name}"`);
      this.db.exec(SCHEMA);
      if (!options.deferIndexes) this.db.exec(INDEXES);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  /** A rebuild starts: rows will come in bulk into empty tables. */
  beginRebuild(): void {
    this.reset({ deferIndexes: true });
    this.rebuildPrints = new Map();
  }

  /** A rebuild's rows are all in: write the folder fingerprints, then build the indexes. */
  finishRebuild(): void {
    const prints = this.rebuildPrints ?? new Map<string, FolderPrint>();
    this.rebuildPrints = undefined;
    const insert = this.prepare('INSERT INTO folders(dir, count, sum, xor, racy) VALUES (?, ?, ?, ?, ?)');
    for (const [dir, p] of prints) if (p.count > 0) insert.run(dir, p.count, p.sum, p.xor, p.racy);
    this.db.exec(INDEXES);
  }

  /**
   * Run a pass over every file (a rebuild, a check) with a small page cache: rows go in in
   * order or are looked up one by one, so a big cache buys nothing, and it also bounds the
   * sorter that builds the indexes after a rebuild (16 MiB each at the default).
   */
  withSmallCache<T>(fn: () => T): T {
    const before = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    try {
      return fn();
    } finally {
      this.db.pragma(`cache_size = ${before}`);
    }
  }

  quickCheck(): string[] {
    const rows = this.db.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** Run `fn` in a write transaction taken up front, so a reader-turned-writer cannot deadlock. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** A write that is worth doing only if it needs no waiting: skipped when the index is busy. */
  tryWrite(fn: () => void): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.transaction(fn).immediate();
    } catch {
      // Busy or read-only: skipped.
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  // ---- meta ----------------------------------------------------------------------------

  meta(key: string): string | undefined {
    return (this.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ---- files and rows -------------------------------------------------------------------

  /** Stamps of the files directly in one folder (relative to the root), by file name. */
  stampsIn(dir: string): Map<string, Stamp> {
    const rows = this.prepare('SELECT name, mtime, size, indexed_at FROM files WHERE dir = ?').raw().all(dir) as Array<[string, number, number, number]>;
    return new Map(rows.map((r) => [r[0], { mtime: r[1], size: r[2], indexedAt: r[3] }]));
  }

  /** Files of a folder whose stamps are racy (read within the racy window of their mtime). */
  racyIn(dir: string): Array<{ name: string; mtimeMs: number; size: number }> {
    const rows = this.prepare(`SELECT name, mtime, size FROM files WHERE dir = ? AND ${RACY_SQL}`).raw().all(dir) as Array<[string, number, number]>;
    return rows.map((r) => ({ name: r[0], mtimeMs: r[1], size: r[2] }));
  }

  stampOf(path: string): Stamp | undefined {
    const row = this.prepare('SELECT mtime, size, indexed_at FROM files WHERE path = ?').raw().get(path) as [number, number, number] | undefined;
    return row ? { mtime: row[0], size: row[1], indexedAt: row[2] } : undefined;
  }

  /** The fingerprint of every folder the index holds files of. */
  folderPrints(): Map<string, FolderPrint> {
    const rows = this.prepare('SELECT dir, count, sum, xor, racy FROM folders').raw().all() as Array<[string, number, number, number, number]>;
    return new Map(rows.map(([dir, count, sum, xor, racy]) => [dir, { count, sum, xor, racy }]));
  }

  /** During a rebuild, fingerprints are summed in memory and written once at the end. */
  private rebuildPrints: Map<string, FolderPrint> | undefined;

  private adjustPrint(path: string, stamp: Stamp, sign: 1 | -1): void {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    const hash = stampHash(path.slice(slash + 1), stamp.mtime, stamp.size);
    if (this.rebuildPrints) {
      let print = this.rebuildPrints.get(dir);
      if (!print) this.rebuildPrints.set(dir, (print = { count: 0, sum: 0, xor: 0, racy: 0 }));
      addToPrint(print, hash, isRacy(stamp), sign);
      return;
    }
    const row = this.prepare('SELECT count, sum, xor, racy FROM folders WHERE dir = ?').get(dir) as FolderPrint | undefined;
    const print = row ?? { count: 0, sum: 0, xor: 0, racy: 0 };
    addToPrint(print, hash, isRacy(stamp), sign);
    if (print.count <= 0) this.prepare('DELETE FROM folders WHERE dir = ?').run(dir);
    else this.prepare('INSERT INTO folders(dir, count, sum, xor, racy) VALUES (?, ?, ?, ?, ?) ON CONFLICT(dir) DO UPDATE SET count = excluded.count, sum = excluded.sum, xor = excluded.xor, racy = excluded.racy')
      .run(dir, print.count, print.sum, print.xor, print.racy);
  }

  /** Ids that more than one issue file holds, with those files' paths. */
  duplicateIds(): Array<{ id: string; paths: string[] }> {
    const rows = this.prepare('SELECT id, path FROM issues WHERE id IN (SELECT id FROM issues GROUP BY id HAVING count(*) > 1) ORDER BY id, path').raw().all() as Array<[string, string]>;
    const byId = new Map<string, string[]>();
    for (const [id, path] of rows) {
      const paths = byId.get(id) ?? [];
      paths.push(path);
      byId.set(id, paths);
    }
    return [...byId].map(([id, paths]) => ({ id, paths }));
  }

  pathsIn(dir: string): string[] {
    return (this.prepare('SELECT path FROM files WHERE dir = ?').raw().all(dir) as Array<[string]>).map((r) => r[0]);
  }

  /**
   * Put one file's rows in place of whatever the index held for its path. `fresh`: the index
   * was just emptied (a rebuild), so there is nothing to remove first.
   */
  apply(file: FileRecord, fresh = false): void {
    if (!fresh) this.remove(file.path);
    this.adjustPrint(file.path, { mtime: file.mtime, size: file.size, indexedAt: file.indexedAt }, 1);
    const slash = file.path.lastIndexOf('/');
    this.prepare('INSERT INTO files(path, dir, name, kind, mtime, size, indexed_at, problem, problem_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      file.path, file.path.slice(0, slash), file.path.slice(slash + 1), file.kind, file.mtime, file.size, file.indexedAt,
      file.problem?.message ?? null, file.problem?.line ?? null,
    );
    const record = file.record;
    if (!record) return;
    if (record.kind === 'milestone') {
      this.prepare('INSERT INTO milestones(path, name, fields) VALUES (?, ?, ?)').run(record.path, record.name, record.fields);
    } else if (record.kind === 'roadmap') {
      this.prepare('INSERT INTO roadmaps(path, id, fields) VALUES (?, ?, ?)').run(record.path, record.id, record.fields);
    } else {
      const r = record.row;
      const { lastInsertRowid: rowid } = this.prepare(`INSERT INTO issues(path, id, title, status, status_key, status_rank, priority,
        priority_key, priority_rank, issue_type, milestone, assignee, assignee_key, estimated_hours, progress, created, updated)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        r.path, r.id, r.title, r.status, r.status_key, r.status_rank, r.priority, r.priority_key, r.priority_rank, r.issue_type,
        r.milestone, r.assignee, r.assignee_key, r.estimated_hours, r.progress, r.created, r.updated,
      );
      this.prepare('INSERT INTO issue_fields(issue, fields) VALUES (?, ?)').run(rowid, r.fields);
      const label = this.prepare('INSERT INTO labels(issue, label, label_key) VALUES (?, ?, ?)');
      for (const l of record.labels) label.run(rowid, l, foldCase(l));
      const edge = this.prepare('INSERT INTO deps(source, dependent, dependency) VALUES (?, ?, ?)');
      for (const [dependent, dependency] of record.edges) edge.run(rowid, dependent, dependency);
      const t = record.text;
      this.prepare('INSERT INTO issues_fts(rowid, title, labels, body, comments) VALUES (?, ?, ?, ?, ?)').run(rowid, t.title, t.labels, t.body, t.comments);
    }
  }

  /** Does the index hold exactly this file's rows (its stamp aside)? */
  matches(file: FileRecord): boolean {
    const row = this.prepare('SELECT problem FROM files WHERE path = ?').get(file.path) as { problem: string | null } | undefined;
    if (!row || (row.problem ?? undefined) !== file.problem?.message) return false;
    const stored = this.storedRecord(file.path);
    const record = file.record;
    if (!record) return stored === undefined;
    if (!stored) return false;
    if (record.kind !== 'issue') return stored.fields === record.fields;
    return stored.fields === record.row.fields && JSON.stringify(stored.labels) === JSON.stringify(record.labels) && JSON.stringify(stored.edges) === JSON.stringify(record.edges);
  }

  /** The file was read again and found as indexed: its stamp is no longer racy. */
  settle(path: string, indexedAt: number): void {
    const stamp = this.stampOf(path);
    if (!stamp) return;
    this.adjustPrint(path, stamp, -1);
    this.prepare('UPDATE files SET indexed_at = ? WHERE path = ?').run(indexedAt, path);
    this.adjustPrint(path, { ...stamp, indexedAt }, 1);
  }

  /** Forget a path: its stamp and every row it gave. */
  remove(path: string): void {
    const stamp = this.stampOf(path);
    if (!stamp) return;
    this.adjustPrint(path, stamp, -1);
    this.prepare('DELETE FROM files WHERE path = ?').run(path);
    const issue = this.prepare('SELECT rowid FROM issues WHERE path = ?').get(path) as { rowid: number } | undefined;
    if (issue) {
      this.prepare('DELETE FROM issues WHERE rowid = ?').run(issue.rowid);
      this.prepare('DELETE FROM issue_fields WHERE issue = ?').run(issue.rowid);
      this.prepare('DELETE FROM labels WHERE issue = ?').run(issue.rowid);
      this.prepare('DELETE FROM deps WHERE source = ?').run(issue.rowid);
      this.prepare('DELETE FROM issues_fts WHERE rowid = ?').run(issue.rowid);
    }
    this.prepare('DELETE FROM milestones WHERE path = ?').run(path);
    this.prepare('DELETE FROM roadmaps WHERE path = ?').run(path);
  }

  // ---- queries --------------------------------------------------------------------------

  private where(query: IssueQuery): { sql: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: string[]) => {
      conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    if (query.statuses?.length) inList('status_key', [...new Set(query.statuses.flatMap((s) => statusesMatching(foldCase(s))))]);
    else if (!query.includeArchived) conditions.push(`status_key != 'archived'`);
    if (query.priorities?.length) inList('priority_key', query.priorities.map(foldCase));
    if (query.assignee !== undefined) {
      conditions.push('assignee_key = ?');
      params.push(foldCase(query.assignee));
    }
    if (query.backlog) conditions.push('milestone IS NULL');
    if (query.milestone !== undefined) {
      conditions.push('milestone = ?');
      params.push(query.milestone);
    }
    if (query.label !== undefined) {
      conditions.push('EXISTS (SELECT 1 FROM labels l WHERE l.issue = issues.rowid AND l.label_key = ?)');
      params.push(foldCase(query.label));
    }
    if (query.open) conditions.push(`status_key NOT IN (${CLOSED_KEYS})`);
    if (query.blocked) conditions.push(`(status_key NOT IN (${CLOSED_KEYS}) AND (status_key = 'blocked' OR ${OPEN_DEPENDENCY}))`);
    if (query.ready) conditions.push(`(status_key NOT IN (${CLOSED_KEYS}) AND status_key != 'blocked' AND NOT ${OPEN_DEPENDENCY})`);
    return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  /** The issues a query selects, in its order, read one row at a time. */
  /**
   * The issues a query selects, in its order, read one row at a time. Sorted in two steps:
   * the row ids alone first (sorting whole rows made SQLite's sorter hold every matching
   * row's fields: 113 MiB for an unfiltered list of 100,000 issues), then each row by id,
   * all in one read snapshot.
   */
  *listIssues(query: IssueQuery): Generator<Issue> {
    const { sql, params } = this.where(query);
    const order = orderBy(query.sort ?? DEFAULT_SORT);
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const snapshot = this.beginRead();
    try {
      const rowids = this.db.prepare(`SELECT rowid FROM issues ${sql} ORDER BY ${order}${limit}`).pluck().all(...params) as number[];
      const row = this.prepare(ISSUE_BY_ROWID).raw();
      for (const rowid of rowids) {
        const [path, fields] = row.get(rowid) as [string, string];
        yield issueFromFields(JSON.parse(fields) as Fields, path);
      }
    } finally {
      snapshot.end();
    }
  }

  /** The columns a table shows, sorted in one query (narrow rows sort cheaply). */
  *listSummaries(query: IssueQuery): Generator<IssueSummary> {
    const { sql, params } = this.where(query);
    const order = orderBy(query.sort ?? DEFAULT_SORT);
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const rows = this.db.prepare(`SELECT id, title, status, priority, milestone, assignee FROM issues ${sql} ORDER BY ${order}${limit}`).raw();
    // Indexes, not destructuring: an array pattern runs the iterator protocol, about 10 µs a
    // row in a command too short-lived for V8 to optimise it (442 rows of 492 cost 8 ms).
    for (const r of rows.iterate(...params) as Iterable<[string, string, string, string, string | null, string | null]>) {
      yield { id: r[0], title: r[1], status: r[2], priority: r[3], milestone: r[4], assignee: r[5] };
    }
  }

  countIssues(query: IssueQuery): number {
    const { sql, params } = this.where(query);
    return (this.db.prepare(`SELECT count(*) AS n FROM issues ${sql}`).get(...params) as { n: number }).n;
  }

  /** Issues whose id is `ref` or starts with it: the candidates of an id resolution. */
  issuesByIdPrefix(ref: string): Issue[] {
    const prefix = foldCase(ref.trim());
    const rows = this.prepare(`SELECT i.path, f.fields FROM issues i JOIN issue_fields f ON f.issue = i.rowid WHERE i.id >= ? AND i.id < ? || char(1114111)`).raw().all(prefix, prefix) as Array<[string, string]>;
    return rows.map((r) => issueFromFields(JSON.parse(r[1]) as Fields, r[0]));
  }

  hasIssueId(id: string): boolean {
    return this.prepare('SELECT 1 FROM issues WHERE id = ?').get(id) !== undefined;
  }

  /**
   * Issues per finished spelling (folded to lower case), all a write asks, each counted up to
   * DONE_SPELLING_SAMPLE: counting 71,000 `done` rows of 100,000 took 14 ms, this takes 0.2.
   */
  statusCounts(): Array<[string, number]> {
    const count = this.prepare(`SELECT count(*) FROM (SELECT 1 FROM issues WHERE status_key = ? LIMIT ${DONE_SPELLING_SAMPLE})`).pluck();
    return DONE_SPELLINGS.map((status) => [status, count.get(status) as number]);
  }

  issuesInMilestone(milestone: string | null, limit?: number): Issue[] {
    const condition = milestone === null ? 'milestone IS NULL' : 'milestone = ?';
    const rows = this.db.prepare(`SELECT i.path, f.fields FROM issues i JOIN issue_fields f ON f.issue = i.rowid WHERE ${condition} ORDER BY i.path${limit !== undefined ? ` LIMIT ${limit}` : ''}`).raw()
      .all(...(milestone === null ? [] : [milestone])) as Array<[string, string]>;
    return rows.map((r) => issueFromFields(JSON.parse(r[1]) as Fields, r[0]));
  }

  /**
   * Dependency graph nodes: all of them, or only those linked (in either direction, at any
   * distance) to one issue, which is all a tree of that issue can reach.
   */
  dependencyNodes(around?: string): DependencyNode[] {
    return this.read(() => this.nodesAround(around));
  }

  /** A read snapshot held across a generator's yields; `end` releases it. */
  beginRead(): { end(): void } {
    if (this.db.inTransaction) return { end() {} };
    this.db.exec('BEGIN');
    return { end: () => this.db.inTransaction && this.db.exec('COMMIT') };
  }

  /** Several statements that must see one state of the index (a WAL read snapshot). */
  read<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).deferred();
  }

  private nodesAround(around?: string): DependencyNode[] {
    let ids: string[] | undefined;
    if (around !== undefined) {
      const seen = new Set<string>([around]);
      let frontier = [around];
      const next = this.prepare('SELECT dependent, dependency FROM deps WHERE dependent = ? OR dependency = ?').raw();
      while (frontier.length > 0) {
        const found: string[] = [];
        for (const id of frontier) {
          for (const edge of next.all(id, id) as Array<[string, string]>) {
            for (const other of edge) if (!seen.has(other)) (seen.add(other), found.push(other));
          }
        }
        frontier = found;
      }
      ids = [...seen];
    }
    const nodes = new Map<string, DependencyNode>();
    const nodeRows = ids
      ? ids.flatMap((id) => this.prepare('SELECT id, title, status FROM issues WHERE id = ?').raw().all(id) as Array<[string, string, string]>)
      : (this.prepare('SELECT id, title, status FROM issues').raw().all() as Array<[string, string, string]>);
    for (const r of nodeRows) nodes.set(r[0], { id: r[0], title: r[1], status: r[2], dependsOn: [], blocks: [] });
    const edges = ids
      ? ids.flatMap((id) => this.prepare('SELECT dependent, dependency FROM deps WHERE dependent = ?').raw().all(id) as Array<[string, string]>)
      : (this.prepare('SELECT dependent, dependency FROM deps').raw().all() as Array<[string, string]>);
    for (const edge of edges) {
      const dependent = edge[0];
      const dependency = edge[1];
      // Every edge touches the file that states it; when its dependent is an id no file holds
      // (a `blocks` entry naming a missing issue), the edge rides on the dependency's `blocks`.
      const holder = nodes.get(dependent);
      if (holder) holder.dependsOn.push(dependency);
      else nodes.get(dependency)?.blocks.push(dependent);
    }
    return [...nodes.values()];
  }

  /** Row by row: `status` and `milestone list` stream 100,000 of these through tallies. */
  *progressRows(): Generator<ProgressRow> {
    const rows = this.db.prepare('SELECT id, title, status, priority, milestone, assignee, estimated_hours, progress FROM issues').raw();
    // Indexes rather than an array pattern, as in listSummaries.
    for (const r of rows.iterate() as Iterable<[string, string, string, string, string | null, string | null, number | null, number | null]>) {
      yield { id: r[0], title: r[1], status: r[2], priority: r[3], milestone: r[4], assignee: r[5], estimatedHours: r[6], progress: r[7] };
    }
  }

  /** Candidates of a full-text query: everything needed to rank them, not their fields. */
  searchCandidates(terms: string[]): Array<{ rowid: number; id: string; path: string; title: string; updated: string | null; labels: string[] }> {
    if (terms.length === 0) return [];
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
    const rows = this.prepare(`SELECT i.rowid, i.id, i.path, i.title, i.updated,
        (SELECT json_group_array(label) FROM labels l WHERE l.issue = i.rowid) AS labels
      FROM issues_fts JOIN issues i ON i.rowid = issues_fts.rowid WHERE issues_fts MATCH ?`).raw().all(match) as Array<
      [number, string, string, string, string | null, string]
    >;
    return rows.map((r) => ({ rowid: r[0], id: r[1], path: r[2], title: r[3], updated: r[4], labels: JSON.parse(r[5]) as string[] }));
  }

  issueByRowid(rowid: number): Issue {
    const [path, fields] = this.prepare(ISSUE_BY_ROWID).raw().get(rowid) as [string, string];
    return issueFromFields(JSON.parse(fields) as Fields, path);
  }

  milestones(): Milestone[] {
    const rows = this.prepare('SELECT path, fields FROM milestones ORDER BY path').raw().all() as Array<[string, string]>;
    return rows.map(([path, fields]) => milestoneFromFields(JSON.parse(fields) as Fields, path));
  }

  roadmaps(): Roadmap[] {
    const rows = this.prepare('SELECT path, fields FROM roadmaps ORDER BY path').raw().all() as Array<[string, string]>;
    return rows.map(([path, fields]) => roadmapFromFields(JSON.parse(fields) as Fields, path));
  }

  problems(): Problem[] {
    const rows = this.prepare('SELECT path, problem_line, problem FROM files WHERE problem IS NOT NULL ORDER BY path').raw().all() as Array<[string, number, string]>;
    return rows.map(([path, line, message]) => ({ path, line, message }));
  }

  /** Rows per table, for `index status`. */
  counts(): Record<string, number> {
    const count = (table: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      files: count('files'),
      issues: count('issues'),
      milestones: count('milestones'),
      roadmaps: count('roadmaps'),
      labels: count('labels'),
      dependencies: count('deps'),
      problems: (this.db.prepare('SELECT count(*) AS n FROM files WHERE problem IS NOT NULL').get() as { n: number }).n,
    };
  }

  /** The issue row of a file, every column as stored (for `index check`). */
  storedIssueRow(path: string): Record<string, unknown> | undefined {
    return this.prepare('SELECT * FROM issues WHERE path = ?').get(path) as Record<string, unknown> | undefined;
  }

  /** Every stored row of a file, for `index check` to compare with a fresh read. */
  storedRecord(path: string): { fields: string | null; labels: string[]; edges: Array<[string, string]> } | undefined {
    const issue = this.prepare('SELECT i.rowid, f.fields FROM issues i JOIN issue_fields f ON f.issue = i.rowid WHERE i.path = ?').raw().get(path) as [number, string] | undefined;
    if (issue) {
      const labels = (this.prepare('SELECT label FROM labels WHERE issue = ? ORDER BY rowid').raw().all(issue[0]) as Array<[string]>).map((r) => r[0]);
      const edges = this.prepare('SELECT dependent, dependency FROM deps WHERE source = ? ORDER BY rowid').raw().all(issue[0]) as Array<[string, string]>;
      return { fields: issue[1], labels, edges };
    }
    const other = (this.prepare('SELECT fields FROM milestones WHERE path = ?').raw().get(path) ?? this.prepare('SELECT fields FROM roadmaps WHERE path = ?').raw().get(path)) as [string] | undefined;
    return other ? { fields: other[0], labels: [], edges: [] } : undefined;
  }
}

/** Columns that are never NULL: no `IS NULL` term, so an index in this order serves the sort. */
const NOT_NULL_SORT_COLUMNS = new Set(['id', 'title', 'status_rank', 'priority_rank', 'issue_type']);

function orderBy(sort: SortSpec[]): string {
  const parts = sort.map(({ field, desc }) => {
    const column = SORT_COLUMNS[field];
    const direction = desc ? ' DESC' : '';
    return NOT_NULL_SORT_COLUMNS.has(column) ? `${column}${direction}` : `${column} IS NULL, ${column}${direction}`;
  });
  return [...parts, 'id', 'path'].join(', ');
}

/**
 * The files plus the SQLite index: queries are answered from the index (kept fresh by a stat
 * walk at open, or by a watcher), writes go through the file store and then update the index
 * rows in the same lock, so the files are always written first and stay the truth.
 */
import { monotonicMs } from '../time.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldEdit, IssueChange } from '../domain/change.js';
import type { DependencyNode } from '../domain/graph.js';
import { resolveId } from '../domain/ids.js';
import type { Issue, IssueDocument, IssueSummary, NewIssue } from '../domain/issue.js';
import type { Milestone, NewMilestone } from '../domain/milestone.js';
import type { IssueQuery } from '../domain/query.js';
import type { NewRoadmap, Roadmap } from '../domain/roadmap.js';
import { compareHits, queryTerms, tierFromTitleAndLabels } from '../domain/search.js';
import { LruCache } from './cache.js';
import type { Catalog } from './catalog.js';
import type { Config } from './config.js';
import { type FileChange, FileStore, findMilestone, WriteRefused } from './file-store.js';
import type { GitCopy } from './git.js';
import { kindOfPath, type RoadmapPaths } from './layout.js';
import { readRecord } from './index/read-record.js';
import type { SqliteIndex } from './index/sqlite-index.js';
import { refreshPaths, syncIndex } from './index/sync.js';
import type { Problem, ProgressRow, SearchHit, Storage, UpdateResult } from './storage.js';

export interface HybridOptions {
  clock?: () => Date;
  config: Config;
  warn: (message: string) => void;
  /** With debug.log_query_times: one line per query on stderr. */
  log?: (message: string) => void;
  /** Refuse every write (see FileStoreOptions.readOnly). */
  readOnly?: boolean;
  /** The index belongs to someone else (the watcher), who closes it: close() leaves it open. */
  borrowedIndex?: boolean;
}

export class HybridStore implements Storage {
  readonly mode = 'index' as const;
  private readonly files: FileStore;
  private readonly cache: LruCache<IssueDocument>;
  private readonly catalog: Catalog;

  constructor(
    readonly paths: RoadmapPaths,
    readonly index: SqliteIndex,
    private readonly options: HybridOptions,
  ) {
    this.cache = new LruCache(options.config.int('storage.cache_size'));
    // Writes look things up in the index rather than scanning the files.
    this.catalog = {
      resolveIssue: (ref) => resolveId(ref, 'issue', index.issuesByIdPrefix(ref)),
      hasIssueId: (id) => index.hasIssueId(id),
      issuesInMilestone: (milestone, limit) => index.issuesInMilestone(milestone, limit),
      dependencyNodes: () => index.dependencyNodes(),
      milestones: () => index.milestones(),
      roadmaps: () => index.roadmaps(),
      statusCounts: () => index.statusCounts(),
    };
    this.files = new FileStore(paths, { clock: options.clock, catalog: () => this.catalog, onWrite: (changes) => this.afterWrite(changes), readOnly: options.readOnly });
  }

  /** The files changed under the lock: put their rows in the index before the lock goes. */
  private afterWrite(changes: FileChange[]): void {
    try {
      this.index.write(() => {
        for (const change of changes) {
          this.cache.delete(change.rel);
          const record = change.removed ? null : readRecord({ kind: change.kind, abs: this.abs(change.rel), rel: change.rel });
          if (record) this.index.apply(record);
          else this.index.remove(change.rel);
        }
      });
    } catch (error) {
      // The files are written; the next command's freshness check will pick them up.
      this.options.warn(`the index could not be updated (${(error as Error).message}); it will catch up on the next command`);
    }
  }

  private abs(rel: string): string {
    return join(this.paths.root, ...rel.split('/'));
  }

  problems(): Problem[] {
    return this.index.problems();
  }

  close(): void {
    if (!this.options.borrowedIndex) this.index.close();
  }

  refresh(paths?: string[]): void {
    if (this.options.readOnly) throw new WriteRefused();
    for (const rel of paths ?? []) this.cache.delete(rel);
    if (paths) refreshPaths(this.index, this.paths, paths, (rel) => kindOfPath(rel.replace(/^\.roadmap\//, '')));
    else syncIndex(this.index, this.paths);
  }

  // ---- queries --------------------------------------------------------------------------

  /** Time a query for debug.log_query_times. */
  private timed<T>(name: string, fn: () => T): T {
    if (!this.queryLog) return fn();
    const started = monotonicMs();
    const result = fn();
    this.queryLog(`query ${name}: ${(monotonicMs() - started).toFixed(2)} ms`);
    return result;
  }

  private get queryLog(): ((message: string) => void) | undefined {
    return this.options.config.bool('debug.log_query_times') ? this.options.log : undefined;
  }

  listIssues(query: IssueQuery): Iterable<Issue> {
    return this.timedRows('listIssues', this.index.listIssues(query));
  }

  listIssueSummaries(query: IssueQuery): Iterable<IssueSummary> {
    return this.timedRows('listIssueSummaries', this.index.listSummaries(query));
  }

  /** Rows as they stream, timed for debug.log_query_times (the time includes rendering them). */
  private timedRows<T>(name: string, rows: Iterable<T>): Iterable<T> {
    const log = this.queryLog;
    if (!log) return rows;
    return (function* timed() {
      const started = monotonicMs();
      let count = 0;
      for (const row of rows) {
        count++;
        yield row;
      }
      log(`query ${name}: ${count} rows, ${(monotonicMs() - started).toFixed(2)} ms (with rendering)`);
    })();
  }

  countIssues(query: IssueQuery): number {
    return this.timed('countIssues', () => this.index.countIssues(query));
  }

  resolveIssues(refs: string[]): Issue[] {
    return refs.map((ref) => this.catalog.resolveIssue(ref));
  }

  getIssue(ref: string): IssueDocument {
    const issue = this.catalog.resolveIssue(ref);
    let stamp = '';
    try {
      const st = statSync(this.abs(issue.path));
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      // Gone since it was indexed: reading it below reports that.
    }
    const cached = stamp ? this.cache.get(issue.path, stamp) : undefined;
    if (cached) return cached;
    const document = this.files.readIssueAt(issue.path);
    if (stamp) this.cache.set(issue.path, stamp, document);
    return document;
  }

  dependencyNodes(around?: string): DependencyNode[] {
    return this.timed('dependencyNodes', () => this.index.dependencyNodes(around));
  }

  progressRows(): Iterable<ProgressRow> {
    return this.index.progressRows();
  }

  /**
   * Rank the candidates from their title and labels alone, then read each hit's fields as it
   * is written out, inside one read snapshot so no writer can pull a row away in between.
   */
  *search(text: string, limit?: number): Generator<SearchHit> {
    const terms = queryTerms(text);
    const index = this.index;
    const snapshot = index.beginRead();
    try {
      const ranked = this.timed('search', () =>
        index.searchCandidates(terms).map((c) => ({ ...c, tier: tierFromTitleAndLabels(terms, c.title, c.labels) })).sort(compareHits),
      );
      for (const c of ranked.slice(0, limit ?? ranked.length)) yield { issue: index.issueByRowid(c.rowid), matchedIn: c.tier };
    } finally {
      snapshot.end();
    }
  }

  listMilestones(): Milestone[] {
    return this.index.milestones();
  }

  getMilestone(name: string): Milestone {
    return findMilestone(name, this.index.milestones());
  }

  listRoadmaps(): Roadmap[] {
    return this.index.roadmaps();
  }

  getRoadmap(ref: string): Roadmap & { body: string } {
    const roadmap = resolveId(ref, 'roadmap', this.index.roadmaps());
    const read = this.files.readFile({ kind: 'roadmap', abs: this.abs(roadmap.path), rel: roadmap.path });
    return { ...roadmap, body: read?.body ?? '' };
  }

  config(): Config {
    return this.options.config;
  }

  gitCopies(paths: string[]): Map<string, GitCopy> {
    return this.files.gitCopies(paths);
  }

  setConfig(key: string, value: string, force = false): unknown {
    return this.files.setConfig(key, value, force);
  }

  // ---- writes: the file store, which reports back through afterWrite --------------------

  createIssue(input: NewIssue): Issue {
    return this.files.createIssue(input);
  }

  updateIssues(refs: string[], change: IssueChange): UpdateResult[] {
    return this.files.updateIssues(refs, change);
  }

  setIssueBody(ref: string, body: string): UpdateResult {
    return this.files.setIssueBody(ref, body);
  }

  deleteIssues(refs: string[]): Issue[] {
    return this.files.deleteIssues(refs);
  }

  createMilestone(input: NewMilestone): Milestone {
    return this.files.createMilestone(input);
  }

  updateMilestone(name: string, edits: FieldEdit[]): { milestone: Milestone; changed: boolean } {
    return this.files.updateMilestone(name, edits);
  }

  deleteMilestone(name: string): { milestone: Milestone; roadmaps: Roadmap[] } {
    return this.files.deleteMilestone(name);
  }

  createRoadmap(input: NewRoadmap): Roadmap {
    return this.files.createRoadmap(input);
  }

  updateRoadmap(ref: string, edits: FieldEdit[] | ((current: Roadmap) => FieldEdit[])): { roadmap: Roadmap; changed: boolean } {
    return this.files.updateRoadmap(ref, edits);
  }

  deleteRoadmap(ref: string): Roadmap {
    return this.files.deleteRoadmap(ref);
  }
}

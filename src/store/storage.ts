/**
 * The one interface commands (and the web server) use to reach the project. The file store
 * answers from the Markdown files alone; the hybrid store answers queries from the SQLite
 * index and writes through the file store. Both give the same answers.
 */
import type { IssueChange, FieldEdit } from '../domain/change.js';
import type { DependencyNode } from '../domain/graph.js';
import type { Issue, IssueDocument, IssueSummary, NewIssue } from '../domain/issue.js';
import type { Milestone, NewMilestone } from '../domain/milestone.js';
import type { ProgressItem } from '../domain/progress.js';
import type { IssueQuery } from '../domain/query.js';
import type { NewRoadmap, Roadmap } from '../domain/roadmap.js';
import type { Config } from './config.js';
import type { GitCopy } from './git.js';
import type { RoadmapPaths } from './layout.js';

/** A file that could not be read as an entity: named, skipped, never rewritten. */
export interface Problem {
  /** Relative to the repository root. */
  path: string;
  line: number;
  message: string;
}

export interface SearchHit {
  issue: Issue;
  /** Where the words were found, best first: title, labels, then body or comments. */
  matchedIn: 'title' | 'labels' | 'body';
}

export interface UpdateResult {
  issue: Issue;
  changed: boolean;
  /** Set when the file moved (per-milestone layout, milestone changed). */
  movedFrom?: string;
}

/** The part of an issue progress and counts need, with its milestone. */
export interface ProgressRow extends ProgressItem {
  id: string;
  title: string;
  milestone: string | null;
  assignee: string | null;
  priority: string;
}

export interface Storage {
  readonly paths: RoadmapPaths;
  /** `files` when answering from the Markdown files alone, `index` when from SQLite. */
  readonly mode: 'files' | 'index';
  /** In `files` mode, why the index is not answering, in a phrase. */
  readonly whyNoIndex?: string;

  /** Files that could not be read; the CLI names each on stderr. */
  problems(): Problem[];

  listIssues(query: IssueQuery): Iterable<Issue>;
  /** The same issues in the same order, with only the columns a table shows (cheaper). */
  listIssueSummaries(query: IssueQuery): Iterable<IssueSummary>;
  /** Resolve an id or unique prefix and read the file, body included. */
  getIssue(ref: string): IssueDocument;
  /** Resolve ids or prefixes, all or nothing: the first bad one is the error. */
  resolveIssues(refs: string[]): Issue[];
  /** Nodes of the dependency graph: all, or at least every one linked to `around`. */
  dependencyNodes(around?: string): Iterable<DependencyNode>;
  countIssues(query: IssueQuery): number;
  progressRows(): Iterable<ProgressRow>;
  /** Best matches first; read lazily, so a common word over 100,000 issues streams. */
  search(text: string, limit?: number): Iterable<SearchHit>;

  createIssue(input: NewIssue): Issue;
  /** Apply one change to many issues: one lock, all resolved before anything is written. */
  updateIssues(refs: string[], change: IssueChange): UpdateResult[];
  /** Replace the Markdown body of one issue. */
  setIssueBody(ref: string, body: string): UpdateResult;
  deleteIssues(refs: string[]): Issue[];

  listMilestones(): Milestone[];
  getMilestone(name: string): Milestone;
  createMilestone(input: NewMilestone): Milestone;
  updateMilestone(name: string, edits: FieldEdit[]): { milestone: Milestone; changed: boolean };
  /** Delete a milestone's file; roadmaps that list it drop it (returned). */
  deleteMilestone(name: string): { milestone: Milestone; roadmaps: Roadmap[] };

  listRoadmaps(): Roadmap[];
  getRoadmap(ref: string): Roadmap & { body: string };
  createRoadmap(input: NewRoadmap): Roadmap;
  /** `edits` may be computed from the roadmap as read under the lock (list edits lose nothing). */
  updateRoadmap(ref: string, edits: FieldEdit[] | ((current: Roadmap) => FieldEdit[])): { roadmap: Roadmap; changed: boolean };
  deleteRoadmap(ref: string): Roadmap;

  /**
   * Files changed on disk (reported by a watcher): bring derived state (index rows, cache) in
   * step. With no paths, check everything. The file store has nothing derived: a no-op.
   */
  refresh(paths?: string[]): void;

  /** Git's copy of each file (paths relative to the root), so `delete` can say how to get it back. */
  gitCopies(paths: string[]): Map<string, GitCopy>;

  config(): Config;
  /** Write one setting; `force` allows a key roadmap does not read and the file lacks. */
  setConfig(key: string, value: string, force?: boolean): unknown;

  close(): void;
}

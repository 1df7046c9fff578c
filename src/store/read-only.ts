/**
 * A store that answers queries and refuses every write, and whose close() leaves the store
 * under it open. The watcher answers read commands for other processes over its own store
 * (src/cli/relay); a command that turns out to write must run in its own process instead,
 * under the file lock like any other writer.
 */
import type { FieldEdit, IssueChange } from '../domain/change.js';
import type { DependencyNode } from '../domain/graph.js';
import type { Issue, IssueDocument, IssueSummary, NewIssue } from '../domain/issue.js';
import type { Milestone, NewMilestone } from '../domain/milestone.js';
import type { IssueQuery } from '../domain/query.js';
import type { NewRoadmap, Roadmap } from '../domain/roadmap.js';
import { RunElsewhere } from '../errors.js';
import type { Config } from './config.js';
import type { RoadmapPaths } from './layout.js';
import type { Problem, ProgressRow, SearchHit, Storage, UpdateResult } from './storage.js';

/** Thrown before anything is written: the caller runs the command where it may write. */
export class WriteRefused extends RunElsewhere {
  constructor(readonly operation: string) {
    super(`${operation} writes, and this store only reads`);
  }
}

export class ReadOnlyStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  get paths(): RoadmapPaths {
    return this.inner.paths;
  }

  get mode(): Storage['mode'] {
    return this.inner.mode;
  }

  problems(): Problem[] {
    return this.inner.problems();
  }

  listIssues(query: IssueQuery): Iterable<Issue> {
    return this.inner.listIssues(query);
  }

  listIssueSummaries(query: IssueQuery): Iterable<IssueSummary> {
    return this.inner.listIssueSummaries(query);
  }

  getIssue(ref: string): IssueDocument {
    return this.inner.getIssue(ref);
  }

  resolveIssues(refs: string[]): Issue[] {
    return this.inner.resolveIssues(refs);
  }

  dependencyNodes(around?: string): Iterable<DependencyNode> {
    return this.inner.dependencyNodes(around);
  }

  countIssues(query: IssueQuery): number {
    return this.inner.countIssues(query);
  }

  progressRows(): Iterable<ProgressRow> {
    return this.inner.progressRows();
  }

  search(text: string, limit?: number): Iterable<SearchHit> {
    return this.inner.search(text, limit);
  }

  listMilestones(): Milestone[] {
    return this.inner.listMilestones();
  }

  getMilestone(name: string): Milestone {
    return this.inner.getMilestone(name);
  }

  listRoadmaps(): Roadmap[] {
    return this.inner.listRoadmaps();
  }

  getRoadmap(ref: string): Roadmap & { body: string } {
    return this.inner.getRoadmap(ref);
  }

  config(): Config {
    return this.inner.config();
  }

  createIssue(_input: NewIssue): Issue {
    throw new WriteRefused('issue create');
  }

  updateIssues(_refs: string[], _change: IssueChange): UpdateResult[] {
    throw new WriteRefused('issue update');
  }

  setIssueBody(_ref: string, _body: string): UpdateResult {
    throw new WriteRefused('issue body');
  }

  deleteIssues(_refs: string[]): Issue[] {
    throw new WriteRefused('issue delete');
  }

  createMilestone(_input: NewMilestone): Milestone {
    throw new WriteRefused('milestone create');
  }

  updateMilestone(_name: string, _edits: FieldEdit[]): { milestone: Milestone; changed: boolean } {
    throw new WriteRefused('milestone update');
  }

  deleteMilestone(_name: string): Milestone {
    throw new WriteRefused('milestone delete');
  }

  createRoadmap(_input: NewRoadmap): Roadmap {
    throw new WriteRefused('roadmap create');
  }

  updateRoadmap(_ref: string, _edits: FieldEdit[] | ((current: Roadmap) => FieldEdit[])): { roadmap: Roadmap; changed: boolean } {
    throw new WriteRefused('roadmap update');
  }

  deleteRoadmap(_ref: string): Roadmap {
    throw new WriteRefused('roadmap delete');
  }

  setConfig(_key: string, _value: string): unknown {
    throw new WriteRefused('config set');
  }

  refresh(_paths?: string[]): void {
    throw new WriteRefused('refresh');
  }

  /** The store under it belongs to someone else, who closes it. */
  close(): void {}
}

/**
 * What a write needs to know about the rest of the project (which file holds an id, which
 * milestones exist, the dependency graph) without reading every file. The file store answers
 * by scanning the files once per write; the hybrid store answers from the index.
 */
import type { DependencyNode } from '../domain/graph.js';
import type { Issue } from '../domain/issue.js';
import type { Milestone } from '../domain/milestone.js';
import type { Roadmap } from '../domain/roadmap.js';

export interface Catalog {
  /** An id or unique prefix to its issue; throws NotFoundError or AmbiguousError. */
  resolveIssue(ref: string): Issue;
  hasIssueId(id: string): boolean;
  /** Issues of a milestone (null: the backlog), at most `limit`. */
  issuesInMilestone(milestone: string | null, limit?: number): Issue[];
  dependencyNodes(): Iterable<DependencyNode>;
  milestones(): Milestone[];
  roadmaps(): Roadmap[];
  /** How many issues hold each status (at least each finished one), for the spelling of done. */
  statusCounts(): Iterable<[status: string, count: number]>;
}

/**
 * What the API sends: entities as the CLI's JSON shows them (the front-matter fields as written,
 * plus `path`), and progress in the file format's snake_case.
 */
import type { Issue } from '../domain/issue.js';
import type { Milestone } from '../domain/milestone.js';

export function issueJson(issue: Issue): Record<string, unknown> {
  return { ...issue.fields, path: issue.path };
}

export function milestoneJson(milestone: Milestone): Record<string, unknown> {
  return { ...milestone.fields, path: milestone.path };
}

export { progressJson } from '../domain/progress.js';

/**
 * What the API sends: entities as the CLI's JSON shows them (the front-matter fields as written,
 * plus `path`), and progress in the file format's snake_case.
 */
import type { Milestone } from '../domain/milestone.js';

export { issueJson } from '../domain/issue.js';

export function milestoneJson(milestone: Milestone): Record<string, unknown> {
  return { ...milestone.fields, path: milestone.path };
}

export { progressJson } from '../domain/progress.js';

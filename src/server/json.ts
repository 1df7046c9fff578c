/**
 * What the API sends: entities as the CLI's JSON shows them (the front-matter fields as written,
 * plus `path`), and progress in the file format's snake_case.
 */
import type { Issue } from '../domain/issue.js';
import type { Milestone } from '../domain/milestone.js';
import type { MilestoneHealth, Progress } from '../domain/progress.js';

export function issueJson(issue: Issue): Record<string, unknown> {
  return { ...issue.fields, path: issue.path };
}

export function milestoneJson(milestone: Milestone): Record<string, unknown> {
  return { ...milestone.fields, path: milestone.path };
}

export function progressJson(progress: Progress | MilestoneHealth): Record<string, unknown> {
  const json: Record<string, unknown> = {
    total: progress.total,
    done: progress.done,
    percent: progress.percent,
    hours_left: progress.hoursLeft,
    by_status: progress.byStatus,
  };
  if ('overdue' in progress) {
    json.due_date = progress.dueDate;
    json.days_left = progress.daysLeft;
    json.overdue = progress.overdue;
  }
  return json;
}

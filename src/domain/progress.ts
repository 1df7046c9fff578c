import { isArchivedStatus, isDoneStatus } from './values.js';

/** The part of an issue progress needs. */
export interface ProgressItem {
  status: string;
  estimatedHours: number | null;
  progress: number | null;
}

export interface Progress {
  total: number;
  done: number;
  /** Effort-weighted completion, 0 to 100. */
  percent: number;
  /** Estimated hours of the work not yet done (issues without an estimate add nothing). */
  hoursLeft: number;
  /** Issue count per status, statuses as written. */
  byStatus: Record<string, number>;
}

/**
 * Effort-weighted progress, as the Python tool computed it: each issue weighs its
 * estimated_hours (1 when unset), a done issue counts fully, any other by its
 * progress_percentage. Archived issues are soft-deleted and do not count.
 */
export function progressOf(items: Iterable<ProgressItem>): Progress {
  let total = 0;
  let done = 0;
  let weightAll = 0;
  let weightDone = 0;
  let hoursLeft = 0;
  const byStatus: Record<string, number> = {};
  for (const item of items) {
    if (isArchivedStatus(item.status)) continue;
    total++;
    byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
    const weight = item.estimatedHours != null && item.estimatedHours > 0 ? item.estimatedHours : 1;
    const fraction = isDoneStatus(item.status) ? 1 : clamp((item.progress ?? 0) / 100);
    if (isDoneStatus(item.status)) done++;
    weightAll += weight;
    weightDone += weight * fraction;
    if (item.estimatedHours != null && item.estimatedHours > 0) hoursLeft += item.estimatedHours * (1 - fraction);
  }
  return {
    total,
    done,
    percent: weightAll === 0 ? 0 : round1((weightDone / weightAll) * 100),
    hoursLeft: round1(hoursLeft),
    byStatus,
  };
}

export interface MilestoneHealth extends Progress {
  dueDate: string | null;
  /** Whole days from today to the due date; negative once it has passed. */
  daysLeft: number | null;
  overdue: boolean;
}

/**
 * Progress plus the schedule: a milestone is overdue when it is still open, its due date has
 * passed and some of its work is not done. `today` is YYYY-MM-DD.
 */
export function milestoneHealth(
  milestone: { status: string; dueDate: string | null },
  items: Iterable<ProgressItem>,
  today: string,
): MilestoneHealth {
  const progress = progressOf(items);
  const due = milestone.dueDate ? milestone.dueDate.slice(0, 10) : null;
  const daysLeft = due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? daysBetween(today, due) : null;
  const open = milestone.status.toLowerCase() !== 'closed';
  const overdue = open && daysLeft != null && daysLeft < 0 && (progress.total === 0 || progress.done < progress.total);
  return { ...progress, dueDate: milestone.dueDate, daysLeft, overdue };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function clamp(fraction: number): number {
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Health of every milestone at once, from one pass over the issues. */
export function healthByMilestone(
  milestones: Array<{ name: string; status: string; dueDate: string | null }>,
  issues: Iterable<ProgressItem & { milestone: string | null }>,
  today: string,
): Map<string, MilestoneHealth> {
  const items = new Map<string, ProgressItem[]>();
  for (const issue of issues) {
    if (issue.milestone === null) continue;
    let list = items.get(issue.milestone);
    if (!list) items.set(issue.milestone, (list = []));
    list.push(issue);
  }
  return new Map(milestones.map((m) => [m.name, milestoneHealth(m, items.get(m.name) ?? [], today)]));
}

/** Roadmap progress: its milestones' issues taken together, so big milestones weigh more. */
export function combinedProgress(parts: Iterable<ProgressItem[]>): Progress {
  const all: ProgressItem[] = [];
  for (const part of parts) all.push(...part);
  return progressOf(all);
}

/** Today as YYYY-MM-DD in local time: what "overdue" is measured against. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

import { compareCodePoints } from './query.js';
import { isArchivedStatus, isDoneStatus, statusRank } from './values.js';

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
 * progress_percentage. Archived issues are soft-deleted and do not count. A tally takes issues
 * one at a time, so 100,000 of them can stream through without being held.
 */
export class ProgressTally {
  private total = 0;
  private done = 0;
  private weightAll = 0;
  private weightDone = 0;
  private hoursLeft = 0;
  private readonly byStatus: Record<string, number> = {};

  add(item: ProgressItem): this {
    if (isArchivedStatus(item.status)) return this;
    this.total++;
    this.byStatus[item.status] = (this.byStatus[item.status] ?? 0) + 1;
    const estimated = item.estimatedHours != null && item.estimatedHours > 0;
    const weight = estimated ? item.estimatedHours! : 1;
    const done = isDoneStatus(item.status);
    const fraction = done ? 1 : clamp((item.progress ?? 0) / 100);
    if (done) this.done++;
    this.weightAll += weight;
    this.weightDone += weight * fraction;
    if (estimated) this.hoursLeft += item.estimatedHours! * (1 - fraction);
    return this;
  }

  /** Add another tally's issues to this one (a roadmap is its milestones together). */
  merge(other: ProgressTally): this {
    this.total += other.total;
    this.done += other.done;
    this.weightAll += other.weightAll;
    this.weightDone += other.weightDone;
    this.hoursLeft += other.hoursLeft;
    for (const [status, count] of Object.entries(other.byStatus)) this.byStatus[status] = (this.byStatus[status] ?? 0) + count;
    return this;
  }

  result(): Progress {
    return {
      total: this.total,
      done: this.done,
      percent: this.weightAll === 0 ? 0 : round1((this.weightDone / this.weightAll) * 100),
      hoursLeft: round1(this.hoursLeft),
      // In the statuses' own order, not the order the issues came in: files and index differ.
      byStatus: Object.fromEntries(Object.entries(this.byStatus).sort(([a], [b]) => statusRank(a) - statusRank(b) || compareCodePoints(a, b))),
    };
  }
}

export function progressOf(items: Iterable<ProgressItem>): Progress {
  const tally = new ProgressTally();
  for (const item of items) tally.add(item);
  return tally.result();
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
  items: Iterable<ProgressItem> | ProgressTally,
  today: string,
): MilestoneHealth {
  const progress = items instanceof ProgressTally ? items.result() : progressOf(items);
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

/** One pass over every issue: a tally per milestone, one for everything, one for the backlog. */
export interface Tallies {
  byMilestone: Map<string, ProgressTally>;
  overall: ProgressTally;
  backlog: ProgressTally;
}

export function tallyIssues(issues: Iterable<ProgressItem & { milestone: string | null }>): Tallies {
  const tallies: Tallies = { byMilestone: new Map(), overall: new ProgressTally(), backlog: new ProgressTally() };
  for (const issue of issues) {
    tallies.overall.add(issue);
    if (issue.milestone === null) {
      tallies.backlog.add(issue);
      continue;
    }
    let tally = tallies.byMilestone.get(issue.milestone);
    if (!tally) tallies.byMilestone.set(issue.milestone, (tally = new ProgressTally()));
    tally.add(issue);
  }
  return tallies;
}

/** Health of every milestone at once, from one pass over the issues (or tallies made before). */
export function healthByMilestone(
  milestones: Array<{ name: string; status: string; dueDate: string | null }>,
  issues: Iterable<ProgressItem & { milestone: string | null }> | Tallies,
  today: string,
): Map<string, MilestoneHealth> {
  const tallies = 'byMilestone' in issues ? issues : tallyIssues(issues);
  return new Map(milestones.map((m) => [m.name, milestoneHealth(m, tallies.byMilestone.get(m.name) ?? new ProgressTally(), today)]));
}

/** Roadmap progress: its milestones' issues taken together, so big milestones weigh more. */
export function combinedProgress(parts: Iterable<Iterable<ProgressItem> | ProgressTally>): Progress {
  const total = new ProgressTally();
  for (const part of parts) {
    if (part instanceof ProgressTally) total.merge(part);
    else for (const item of part) total.add(item);
  }
  return total.result();
}

/** Today as YYYY-MM-DD in local time: what "overdue" is measured against. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Progress as JSON output shows it, in the snake_case of the file format. */
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

import { foldCase } from './fields.js';

/** Allowed values of the enumerated fields, and the legacy spellings real files hold. */

export const ISSUE_STATUSES = ['todo', 'in-progress', 'blocked', 'review', 'done'] as const;
/** Written by older versions of the Python tool; both mean done. */
export const LEGACY_DONE_STATUSES = ['closed', 'completed'] as const;
/** A soft delete: hidden from lists unless asked for. */
export const ARCHIVED_STATUS = 'archived';
/** Every status a file may hold, in board order. */
export const ALL_ISSUE_STATUSES = [...ISSUE_STATUSES, ...LEGACY_DONE_STATUSES, ARCHIVED_STATUS] as const;

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const ISSUE_TYPES = ['feature', 'bug', 'other'] as const;
export const MILESTONE_STATUSES = ['open', 'closed'] as const;
export const ROADMAP_STATUSES = ['planning', 'active', 'on-hold', 'completed', 'cancelled'] as const;

export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type IssueType = (typeof ISSUE_TYPES)[number];

const DONE = new Set<string>(['done', ...LEGACY_DONE_STATUSES]);

/** `done`, `closed` and `completed` all mean the work is finished. */
export function isDoneStatus(status: string | null | undefined): boolean {
  return status != null && DONE.has(foldCase(status));
}

export function isArchivedStatus(status: string | null | undefined): boolean {
  return status != null && foldCase(status) === ARCHIVED_STATUS;
}

/** Open = still to be worked on: neither finished nor soft-deleted. */
export function isOpenStatus(status: string | null | undefined): boolean {
  return !isDoneStatus(status) && !isArchivedStatus(status);
}

/**
 * The statuses a `--status` filter value matches: `done` matches its legacy spellings too, so
 * scripts written against the seed era keep finding old closed issues.
 */
export function statusesMatching(filter: string): string[] {
  const wanted = foldCase(filter);
  return wanted === 'done' ? ['done', ...LEGACY_DONE_STATUSES] : [wanted];
}

/** Each spelling of done is counted up to this many issues: enough to tell, and cheap to count. */
export const DONE_SPELLING_SAMPLE = 1000;

/** `done` and its legacy spellings, the candidates of doneSpellingOf. */
export const DONE_SPELLINGS: readonly string[] = [...DONE];

/**
 * How a project spells done: the spelling most of its finished issues use (the Python tool
 * wrote `done`, later `closed`), each counted up to DONE_SPELLING_SAMPLE; `done` when none is
 * finished yet or on a tie with it (`closed` wins a tie with `completed`). An issue marked done is written this way, so one folder
 * does not mix two words for one state.
 */
export function doneSpellingOf(counts: Iterable<[status: string, count: number]>): string {
  const totals = new Map<string, number>();
  for (const [status, count] of counts) {
    const spelling = foldCase(status);
    if (DONE.has(spelling)) totals.set(spelling, (totals.get(spelling) ?? 0) + count);
  }
  // In this order, so a tie goes to `done`, then to `closed`.
  let best = 'done';
  let most = -1;
  for (const spelling of DONE_SPELLINGS) {
    const count = Math.min(totals.get(spelling) ?? 0, DONE_SPELLING_SAMPLE);
    if (count > most) [best, most] = [spelling, count];
  }
  return best;
}

/** Rank for sorting by priority: critical first; unknown values after low. */
export function priorityRank(priority: string | null | undefined): number {
  const index = PRIORITIES.indexOf(foldCase(priority ?? '') as Priority);
  return index === -1 ? PRIORITIES.length : index;
}

/** Rank for sorting by status: board order; unknown values last. */
export function statusRank(status: string | null | undefined): number {
  const index = (ALL_ISSUE_STATUSES as readonly string[]).indexOf(foldCase(status ?? ''));
  return index === -1 ? ALL_ISSUE_STATUSES.length : index;
}

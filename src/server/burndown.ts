/**
 * A milestone's burndown from the issues' own dates: how many of its issues were open, and how
 * many estimated hours they held, on each day something was created or finished. An issue counts
 * from its `created` day until the day it was done (`completed_date`, else `actual_end_date`,
 * else, for a done issue that recorded neither, its `updated` day). Pure: no I/O.
 */
import type { Issue } from '../domain/issue.js';
import { isArchivedStatus, isDoneStatus } from '../domain/values.js';

export interface BurndownPoint {
  /** YYYY-MM-DD */
  date: string;
  open: number;
  /** Estimated hours of the issues open that day (issues without an estimate add nothing). */
  hours: number;
}

export interface Burndown {
  /** The first day an issue of the milestone existed, or null when it has none. */
  start: string | null;
  /** Issues in the milestone now (the scope the ideal line burns down from). */
  total: number;
  points: BurndownPoint[];
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

function day(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const match = DAY.exec(value.trim());
  return match ? match[0] : null;
}

/** The day an issue was finished, or null while it is not done. */
export function doneDay(issue: Pick<Issue, 'status' | 'fields' | 'updated'>): string | null {
  if (!isDoneStatus(issue.status)) return null;
  return day(issue.fields.completed_date) ?? day(issue.fields.actual_end_date) ?? day(issue.updated);
}

/** `today` is YYYY-MM-DD: an open milestone's line runs on to it. */
export function burndown(issues: Iterable<Issue>, today: string, options: { extendToToday?: boolean } = {}): Burndown {
  const live = [...issues].filter((issue) => !isArchivedStatus(issue.status));
  const created = live.map((issue) => day(issue.fields.created) ?? day(issue.created));
  if (live.length === 0) return { start: null, total: 0, points: [] };
  const known = created.filter((d): d is string => d !== null);
  const first = known.length > 0 ? known.reduce((a, b) => (a < b ? a : b)) : today;

  // +1 issue (and its hours) on the day it was created, -1 on the day it was done.
  const deltas = new Map<string, { open: number; hours: number }>();
  const add = (date: string, open: number, hours: number) => {
    const delta = deltas.get(date) ?? { open: 0, hours: 0 };
    delta.open += open;
    delta.hours += hours;
    deltas.set(date, delta);
  };
  live.forEach((issue, i) => {
    const hours = issue.estimatedHours != null && issue.estimatedHours > 0 ? issue.estimatedHours : 0;
    const from = created[i] ?? first;
    add(from, 1, hours);
    const done = doneDay(issue);
    // Done before it was created (clock skew, hand edits): done the day it appeared.
    if (done !== null) add(done < from ? from : done, -1, -hours);
  });
  const points: BurndownPoint[] = [];
  let open = 0;
  let hours = 0;
  for (const date of [...deltas.keys()].sort()) {
    const delta = deltas.get(date)!;
    open += delta.open;
    hours += delta.hours;
    points.push({ date, open, hours: Math.round(hours * 10) / 10 });
  }
  // An open milestone's line runs on to today, flat since the last change.
  const last = points[points.length - 1];
  if (options.extendToToday !== false && last && today > last.date) points.push({ ...last, date: today });
  return { start: first, total: live.length, points };
}

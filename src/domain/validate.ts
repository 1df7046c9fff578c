import { ValidationError } from '../errors.js';
import {
  ALL_ISSUE_STATUSES, ISSUE_TYPES, MILESTONE_STATUSES, PRIORITIES,
  ROADMAP_STATUSES,
} from './values.js';

/**
 * Checks of values a user types. Each error names the field and lists what is allowed, so the
 * one line on stderr is enough to fix the command.
 */
function oneOf(field: string, allowed: readonly string[]) {
  return (value: string): string => {
    const normalized = value.trim().toLowerCase();
    if (allowed.includes(normalized)) return normalized;
    throw new ValidationError(`invalid ${field} "${value}": allowed values are ${allowed.join(', ')}`);
  };
}

/**
 * A status to write or to filter on: the legacy spellings of done too, as real files hold them
 * (a write takes them as given; `done` is written as the project spells it).
 */
export const parseIssueStatus = oneOf('status', ALL_ISSUE_STATUSES);
export const parsePriority = oneOf('priority', PRIORITIES);
export const parseIssueType = oneOf('type', ISSUE_TYPES);
export const parseMilestoneStatus = oneOf('milestone status', MILESTONE_STATUSES);
export const parseRoadmapStatus = oneOf('roadmap status', ROADMAP_STATUSES);
export const parseRoadmapPriority = oneOf('priority', PRIORITIES);

export function parseHours(value: string, field = 'estimate'): number {
  const hours = Number(value);
  if (value.trim() === '' || !Number.isFinite(hours) || hours < 0) {
    throw new ValidationError(`invalid ${field} "${value}": expected a number of hours, 0 or more`);
  }
  return hours;
}

export function parseProgress(value: string): number {
  const pct = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    throw new ValidationError(`invalid progress "${value}": expected a percentage from 0 to 100`);
  }
  return pct;
}

export function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`invalid limit "${value}": expected a whole number, 1 or more`);
  return n;
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function parseDate(value: string, field = 'date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return value.trim();
  }
  throw new ValidationError(`invalid ${field} "${value}": expected a date as YYYY-MM-DD`);
}

export function parseTitle(value: string, field = 'title'): string {
  const title = value.trim();
  if (title === '') throw new ValidationError(`invalid ${field}: it must not be empty`);
  if (/[\r\n]/.test(title)) throw new ValidationError(`invalid ${field}: it must be one line`);
  return title;
}

/** Ids are 8 hex characters; a reference may be any unique prefix of one. */
export function parseIdRef(value: string): string {
  const ref = value.trim().toLowerCase();
  if (!/^[0-9a-z_-]+$/.test(ref)) throw new ValidationError(`invalid id "${value}": expected hex characters such as 3f2a9c1b`);
  return ref;
}

/**
 * Query strings of the API, checked as strictly as the CLI checks its flags: an unknown
 * parameter or a bad value is a 400 that names it and what is allowed.
 */
import { ValidationError } from '../../errors.js';
import { DEFAULT_SORT, type IssueQuery, milestoneFilter, parseSort } from '../../domain/query.js';
import { parseIssueStatus, parsePriority } from '../../domain/validate.js';

export function checkKnown(params: URLSearchParams, known: readonly string[]): void {
  for (const key of new Set(params.keys())) {
    if (!known.includes(key)) {
      throw new ValidationError(`unknown parameter "${key}": allowed are ${known.join(', ') || 'none'}`);
    }
  }
}

/** `status=todo&status=review` and `status=todo,review` say the same. */
export function list(params: URLSearchParams, key: string): string[] | undefined {
  const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : undefined;
}

/** A switch: present with no value, `1` or `true` is on; `0` or `false` is off. */
export function flag(params: URLSearchParams, key: string): boolean {
  const value = params.get(key);
  if (value === null) return false;
  const v = value.trim().toLowerCase();
  if (v === '' || v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw new ValidationError(`invalid ${key} "${value}": use ${key}=true or ${key}=false`);
}

export function integer(params: URLSearchParams, key: string, fallback: number, min: number, max: number): number {
  const value = params.get(key);
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError(`invalid ${key} "${value}": expected a whole number from ${min} to ${max}`);
  }
  return n;
}

function text(params: URLSearchParams, key: string): string | undefined {
  return params.get(key) ?? undefined;
}

/** The filters of `roadmap issue list`, under the same names as its flags. */
export const FILTER_PARAMS = ['status', 'priority', 'assignee', 'milestone', 'backlog', 'label', 'open', 'blocked', 'all'] as const;

export function issueQuery(params: URLSearchParams): IssueQuery {
  const milestone = text(params, 'milestone');
  const backlog = flag(params, 'backlog');
  if (milestone !== undefined && backlog) throw new ValidationError('give milestone or backlog, not both');
  const sort = params.get('sort');
  return {
    statuses: list(params, 'status')?.map(parseIssueStatus),
    priorities: list(params, 'priority')?.map(parsePriority),
    assignee: text(params, 'assignee'),
    ...milestoneFilter(milestone, backlog),
    label: text(params, 'label'),
    open: flag(params, 'open'),
    blocked: flag(params, 'blocked'),
    includeArchived: flag(params, 'all'),
    sort: sort !== null && sort.trim() !== '' ? parseSort(sort) : DEFAULT_SORT,
  };
}

/** The query with no filters: what the board, the milestones and the roadmaps all start from. */
export function unfiltered(): IssueQuery {
  return issueQuery(new URLSearchParams());
}

/**
 * An issue id from the path: 8 hex characters or a prefix of them, checked before the store
 * sees it. It only ever selects among the issues the store listed; it never becomes a path.
 */
export function issueRef(value: string): string {
  const ref = value.trim().toLowerCase();
  if (!/^[0-9a-f]{1,8}$/.test(ref)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw new ValidationError(`invalid id "${shown}": expected up to 8 hex characters, such as 3f2a9c1b or 3f2a`);
  }
  return ref;
}

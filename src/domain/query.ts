import { ValidationError } from '../errors.js';
import { foldCase } from './fields.js';
import { type Issue, normalizeMilestone } from './issue.js';
import { isArchivedStatus, isOpenStatus, priorityRank, statusesMatching, statusRank } from './values.js';

/**
 * The filters of `issue list`. The file store evaluates them with `issueMatches`; the SQLite
 * index translates the same rules to SQL, and a property test holds the two to one answer.
 */
export interface IssueQuery {
  /** Any of these statuses (`done` also matches `closed` and `completed`). */
  statuses?: string[];
  priorities?: string[];
  assignee?: string;
  milestone?: string;
  backlog?: boolean;
  label?: string;
  /** Neither done nor archived. */
  open?: boolean;
  /** Explicitly blocked, or open and waiting on a dependency that is not done. */
  blocked?: boolean;
  /** Open, not explicitly blocked, and every dependency done: what can be picked up now. */
  ready?: boolean;
  /** Archived issues are soft-deleted: listed only when asked for by status or with this. */
  includeArchived?: boolean;
  sort?: SortSpec[];
  limit?: number;
}

/**
 * The milestone filter of `--milestone NAME` and `--backlog`: a name of '' or `backlog` asks
 * for the backlog, as those values mean in the files.
 */
export function milestoneFilter(name: string | undefined, backlog: boolean): Pick<IssueQuery, 'milestone' | 'backlog'> {
  const milestone = name === undefined ? undefined : normalizeMilestone(name);
  return milestone === null ? { backlog: true } : { milestone, backlog };
}

export const SORT_FIELDS = [
  'id', 'title', 'status', 'priority', 'type', 'assignee', 'milestone', 'created', 'updated',
  'estimate', 'progress',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortSpec {
  field: SortField;
  desc: boolean;
}

/** Most important first, then oldest first: the order a backlog is worked in. */
export const DEFAULT_SORT: SortSpec[] = [
  { field: 'priority', desc: false },
  { field: 'created', desc: false },
];

export function parseSort(text: string): SortSpec[] {
  return text.split(',').map((part) => {
    const [name = '', direction, extra] = part.trim().split(':');
    const field = name.toLowerCase() === 'estimated_hours' ? 'estimate' : name.toLowerCase();
    if (!(SORT_FIELDS as readonly string[]).includes(field)) {
      throw new ValidationError(`invalid sort field "${name}": allowed values are ${SORT_FIELDS.join(', ')}`);
    }
    if (extra !== undefined || (direction !== undefined && !['asc', 'desc'].includes(direction.toLowerCase()))) {
      throw new ValidationError(`invalid sort "${part.trim()}": use FIELD or FIELD:desc`);
    }
    return { field: field as SortField, desc: direction?.toLowerCase() === 'desc' };
  });
}

/** Does the issue pass every filter except `blocked` and `ready`, which need the dependency graph? */
export function issueMatches(issue: Issue, query: IssueQuery): boolean {
  const status = foldCase(issue.status);
  if (query.statuses?.length) {
    if (!query.statuses.some((wanted) => statusesMatching(wanted).includes(status))) return false;
  } else if (!query.includeArchived && isArchivedStatus(status)) {
    return false;
  }
  if (query.priorities?.length && !query.priorities.map(foldCase).includes(foldCase(issue.priority))) return false;
  if (query.assignee !== undefined && foldCase(issue.assignee ?? '') !== foldCase(query.assignee)) return false;
  if (query.backlog && issue.milestone !== null) return false;
  if (query.milestone !== undefined && issue.milestone !== query.milestone) return false;
  if (query.label !== undefined && !issue.labels.some((l) => foldCase(l) === foldCase(query.label!))) return false;
  if (query.open && !isOpenStatus(status)) return false;
  return true;
}

type Key = string | number | null;

function sortKey(issue: Issue, field: SortField): Key {
  switch (field) {
    case 'id': return issue.id;
    case 'title': return issue.title;
    case 'status': return statusRank(issue.status);
    case 'priority': return priorityRank(issue.priority);
    case 'type': return issue.issueType;
    case 'assignee': return issue.assignee;
    case 'milestone': return issue.milestone;
    case 'created': return issue.created;
    case 'updated': return issue.updated;
    case 'estimate': return issue.estimatedHours;
    case 'progress': return issue.progress;
  }
}

/**
 * Comparator for a sort: nulls last in either direction, strings by code point (the order
 * SQLite's binary collation gives UTF-8 text), ties broken by path so output is stable.
 */
export function issueComparator(sort: SortSpec[]): (a: Issue, b: Issue) => number {
  return (a, b) => {
    for (const { field, desc } of sort) {
      const x = sortKey(a, field);
      const y = sortKey(b, field);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodePoints(String(x), String(y));
      if (order !== 0) return desc ? -order : order;
    }
    return compareCodePoints(a.id, b.id) || compareCodePoints(a.path, b.path);
  };
}

export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

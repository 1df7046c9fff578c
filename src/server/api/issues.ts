/**
 * `/api/issues`, `/api/board` and `/api/search`: the CLI's list, show, update and search, as
 * JSON. Filtering, sorting and validation are the domain's own; the handlers only translate.
 */
import { ValidationError } from '../../errors.js';
import type { IssueChange } from '../../domain/change.js';
import { DependencyGraph } from '../../domain/graph.js';
import type { Issue } from '../../domain/issue.js';
import { issueComparator, issueMatches, type IssueQuery } from '../../domain/query.js';
import {
  parseHours, parseIssueStatus, parseIssueType, parsePriority, parseProgress, parseTitle,
} from '../../domain/validate.js';
import { isArchivedStatus, isDoneStatus, ISSUE_STATUSES } from '../../domain/values.js';
import { readJsonObject, sendJson } from '../http.js';
import { issueJson } from '../json.js';
import type { Handler } from '../router.js';
import type { ApiDeps } from './deps.js';
import { checkKnown, FILTER_PARAMS, integer, issueQuery, issueRef } from './params.js';

export const MAX_PAGE = 1000;

/** Issues matching a query, the `blocked` filter included (it needs the dependency graph). */
function matching(deps: ApiDeps, query: IssueQuery, text: string | undefined): Issue[] {
  if (text === undefined) return deps.reads.listIssues(query);
  // Full text first (best matches first), then the filters, unless a sort was asked for.
  const hits = deps.reads.search(text).map((hit) => hit.issue);
  const graph = query.blocked ? new DependencyGraph(deps.reads.dependencyNodes()) : null;
  return hits.filter((issue) => issueMatches(issue, query) && (!graph || graph.isBlocked(issue.id)));
}

/** GET /api/issues: `issue list` with its flags as parameters, paged. */
export function listIssues(deps: ApiDeps): Handler {
  return ({ res, url }) => {
    const params = url.searchParams;
    checkKnown(params, [...FILTER_PARAMS, 'sort', 'limit', 'offset', 'q']);
    const query = issueQuery(params);
    const q = params.get('q')?.trim() || undefined;
    let issues = matching(deps, query, q);
    if (q !== undefined && params.get('sort')) issues = [...issues].sort(issueComparator(query.sort!));
    const limit = integer(params, 'limit', 100, 1, MAX_PAGE);
    const offset = integer(params, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    sendJson(res, 200, { total: issues.length, offset, limit, items: issues.slice(offset, offset + limit).map(issueJson) });
  };
}

/** The board's column for a status: `closed` and `completed` are done; unknown values keep their own. */
export function columnOf(status: string): string {
  const lower = status.toLowerCase();
  return isDoneStatus(lower) ? 'done' : lower;
}

/** What a card shows: the board sends these fields only (the full issue is one click away). */
export const CARD_FIELDS = [
  'id', 'title', 'status', 'priority', 'issue_type', 'assignee', 'milestone', 'labels', 'estimated_hours', 'progress_percentage',
] as const;

function cardJson(issue: Issue): Record<string, unknown> {
  const card: Record<string, unknown> = {};
  for (const field of CARD_FIELDS) card[field] = issue.fields[field] ?? null;
  card.id = issue.id;
  card.path = issue.path;
  return card;
}

/** The board: the open statuses as columns, each with its count and its first cards. */
export function boardData(deps: ApiDeps, params: URLSearchParams) {
  checkKnown(params, ['priority', 'assignee', 'milestone', 'backlog', 'label', 'q', 'per_column']);
  const query = { ...issueQuery(params), statuses: undefined, includeArchived: false };
  const perColumn = integer(params, 'per_column', 50, 1, MAX_PAGE);
  const issues = matching(deps, query, params.get('q')?.trim() || undefined);
  const columns = new Map<string, Issue[]>(ISSUE_STATUSES.map((status) => [status, []]));
  for (const issue of issues) {
    if (isArchivedStatus(issue.status)) continue;
    const column = columnOf(issue.status);
    let cards = columns.get(column);
    if (!cards) columns.set(column, (cards = []));
    cards.push(issue);
  }
  return {
    total: issues.length,
    columns: [...columns].map(([status, cards]) => ({
      status,
      total: cards.length,
      items: cards.slice(0, perColumn).map(cardJson),
    })),
  };
}

/** GET /api/board */
export function board(deps: ApiDeps): Handler {
  return ({ res, url }) => sendJson(res, 200, boardData(deps, url.searchParams));
}

function describe(graph: DependencyGraph, id: string) {
  const node = graph.node(id);
  return node ? { id, title: node.title, status: node.status, missing: false } : { id, title: '', status: '', missing: true };
}

/** GET /api/issues/:id: the fields, the body, and the dependencies in both directions. */
export function getIssue(deps: ApiDeps): Handler {
  return ({ res, url, params }) => {
    checkKnown(url.searchParams, []);
    const issue = deps.reads.getIssue(issueRef(params.id!));
    const graph = new DependencyGraph(deps.reads.dependencyNodes());
    sendJson(res, 200, {
      ...issueJson(issue),
      body: issue.body,
      dependencies: {
        depends_on: graph.dependenciesOf(issue.id).map((id) => describe(graph, id)),
        blocks: graph.dependentsOf(issue.id).map((id) => describe(graph, id)),
      },
    });
  };
}

/** Fields a PATCH may set, under their front-matter names. */
export const PATCH_FIELDS = [
  'title', 'status', 'priority', 'issue_type', 'assignee', 'milestone', 'estimated_hours', 'progress_percentage',
  'add_labels', 'remove_labels', 'body',
] as const;

function str(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new ValidationError(`invalid ${key}: expected a string`);
  return value;
}

/** A name (assignee, milestone, label): one line, no control characters. */
function oneLine(key: string, value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new ValidationError(`invalid ${key}: it must be one line of text`);
  return value;
}

function nullableStr(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === null) return null;
  return oneLine(key, str(body, key).trim()) || null;
}

function nullableNumber(body: Record<string, unknown>, key: string, parse: (text: string) => number): number | null {
  const value = body[key];
  if (value === null || value === '') return null;
  if (typeof value !== 'number' && typeof value !== 'string') throw new ValidationError(`invalid ${key}: expected a number or null`);
  return parse(String(value));
}

function labels(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    throw new ValidationError(`invalid ${key}: expected a list of non-empty strings`);
  }
  return value.map((v: string) => oneLine(key, v.trim()));
}

/** The body of a PATCH as the change `issue update` would make, every value checked. */
export function changeFromBody(body: Record<string, unknown>): { change: IssueChange; text?: string } {
  for (const key of Object.keys(body)) {
    if (!(PATCH_FIELDS as readonly string[]).includes(key)) {
      throw new ValidationError(`unknown field "${key}": a PATCH may set ${PATCH_FIELDS.join(', ')}`);
    }
  }
  const has = (key: string) => Object.hasOwn(body, key);
  const change: IssueChange = {};
  if (has('title')) change.title = parseTitle(str(body, 'title'));
  if (has('status')) change.status = parseIssueStatus(str(body, 'status'));
  if (has('priority')) change.priority = parsePriority(str(body, 'priority'));
  if (has('issue_type')) change.issueType = parseIssueType(str(body, 'issue_type'));
  if (has('assignee')) change.assignee = nullableStr(body, 'assignee');
  if (has('milestone')) {
    const milestone = nullableStr(body, 'milestone');
    change.milestone = milestone === 'backlog' ? null : milestone;
  }
  if (has('estimated_hours')) change.estimatedHours = nullableNumber(body, 'estimated_hours', (t) => parseHours(t, 'estimated_hours'));
  if (has('progress_percentage')) change.progress = nullableNumber(body, 'progress_percentage', parseProgress);
  if (has('add_labels')) change.addLabels = labels(body, 'add_labels');
  if (has('remove_labels')) change.removeLabels = labels(body, 'remove_labels');
  const text = has('body') ? str(body, 'body') : undefined;
  if (Object.keys(change).length === 0 && text === undefined) {
    throw new ValidationError(`nothing to change: give at least one of ${PATCH_FIELDS.join(', ')}`);
  }
  return { change, text };
}

/** PATCH /api/issues/:id: `issue update` for one issue (and its body, which the CLI edits by hand). */
export function patchIssue(deps: ApiDeps): Handler {
  return async ({ req, res, url, params }) => {
    checkKnown(url.searchParams, []);
    const ref = issueRef(params.id!);
    const { change, text } = changeFromBody(await readJsonObject(req));
    let changed = false;
    let movedFrom: string | undefined;
    try {
      if (Object.keys(change).length > 0) {
        const [result] = deps.store.updateIssues([ref], change);
        changed ||= result!.changed;
        movedFrom = result!.movedFrom;
      }
      if (text !== undefined) changed = deps.store.setIssueBody(ref, text).changed || changed;
    } finally {
      deps.changed();
    }
    const issue = deps.store.getIssue(ref);
    sendJson(res, 200, { ...issueJson(issue), body: issue.body, changed, ...(movedFrom ? { moved_from: movedFrom } : {}) });
  };
}

/** GET /api/search: `roadmap search`, best matches first. */
export function search(deps: ApiDeps): Handler {
  return ({ res, url }) => {
    const params = url.searchParams;
    checkKnown(params, ['q', 'limit']);
    const q = params.get('q')?.trim() ?? '';
    if (q === '') throw new ValidationError('search needs words: /api/search?q=login');
    const limit = integer(params, 'limit', 50, 1, MAX_PAGE);
    const hits = deps.reads.search(q);
    sendJson(res, 200, {
      total: hits.length,
      items: hits.slice(0, limit).map((hit) => ({ ...issueJson(hit.issue), matched_in: hit.matchedIn })),
    });
  };
}

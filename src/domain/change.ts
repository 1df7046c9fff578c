import type { Fields } from './fields.js';
import type { Issue } from './issue.js';
import { isDoneStatus } from './values.js';

/** What `issue update` and its shortcut verbs ask to change; absent keys stay as they are. */
export interface IssueChange {
  title?: string;
  status?: string;
  priority?: string;
  issueType?: string;
  assignee?: string | null;
  milestone?: string | null;
  estimatedHours?: number | null;
  progress?: number | null;
  addLabels?: string[];
  removeLabels?: string[];
  addDependsOn?: string[];
  removeDependsOn?: string[];
  /** Leave `blocked`: back to in-progress if work had started, else to todo. */
  unblock?: boolean;
}

/** One front-matter key to set, in the order edits should be applied. */
export interface FieldEdit {
  key: string;
  value: unknown;
}

export function isEmptyChange(change: IssueChange): boolean {
  return Object.values(change).every((v) => v === undefined || v === false || (Array.isArray(v) && v.length === 0));
}

/**
 * The field edits a change needs on one issue, leaving out every edit that would write the
 * value already there: an empty result means the file must not be touched. Status moves
 * stamp the dates the Python tool stamped (start → actual_start_date; done →
 * actual_end_date, completed_date and progress 100).
 */
export function planIssueEdits(issue: Issue, change: IssueChange, now: string): FieldEdit[] {
  const edits: FieldEdit[] = [];
  const raw = issue.fields;
  const set = (key: string, value: unknown) => {
    if (!sameValue(raw[key], value)) edits.push({ key, value });
  };

  if (change.title !== undefined) set('title', change.title);
  if (change.priority !== undefined) set('priority', change.priority);
  if (change.issueType !== undefined) set('issue_type', change.issueType);
  if (change.assignee !== undefined) setNullable(raw, 'assignee', change.assignee, set);
  if (change.milestone !== undefined) {
    if (change.milestone === null) {
      if (issue.milestone !== null) set('milestone', null);
    } else set('milestone', change.milestone);
  }
  if (change.estimatedHours !== undefined) setNumber(raw, 'estimated_hours', change.estimatedHours, set);
  if (change.progress !== undefined) setNumber(raw, 'progress_percentage', change.progress, set);

  if (change.addLabels?.length || change.removeLabels?.length) {
    set('labels', editList(issue.labels, change.addLabels, change.removeLabels));
  }
  if (change.addDependsOn?.length || change.removeDependsOn?.length) {
    set('depends_on', editList(issue.dependsOn, change.addDependsOn, change.removeDependsOn));
  }

  const status = change.unblock && issue.status === 'blocked'
    ? (raw.actual_start_date != null ? 'in-progress' : 'todo')
    : change.status;
  // `closed` and `completed` already mean done: asking for done again changes nothing.
  const alreadyDone = status !== undefined && isDoneStatus(status) && isDoneStatus(issue.status);
  if (status !== undefined && status !== issue.status && !alreadyDone) {
    set('status', status);
    for (const stamp of stampsOnEntering(status, now)) {
      // A start already stamped (blocked, then back to work) keeps its first date.
      if (stamp.key === 'actual_start_date' && raw.actual_start_date != null) continue;
      if (stamp.key === 'progress_percentage') setNumber(raw, stamp.key, stamp.value as number, set);
      else set(stamp.key, stamp.value);
    }
  }
  return edits;
}

/**
 * What entering a status stamps, as the Python tool did: in-progress the start, done the end,
 * the completion and progress 100. New issues get the same.
 */
export function stampsOnEntering(status: string, now: string): FieldEdit[] {
  if (status === 'in-progress') return [{ key: 'actual_start_date', value: now }];
  if (isDoneStatus(status)) {
    return [{ key: 'actual_end_date', value: now }, { key: 'completed_date', value: now }, { key: 'progress_percentage', value: 100 }];
  }
  return [];
}

function setNullable(raw: Fields, key: string, value: string | null, set: (k: string, v: unknown) => void) {
  const current = raw[key];
  const currentEmpty = current == null || current === '';
  if (value === null ? !currentEmpty : current !== value) set(key, value);
}

/** 100 and 100.0 are the same number; only a different value is an edit. */
function setNumber(raw: Fields, key: string, value: number | null, set: (k: string, v: unknown) => void) {
  const current = raw[key];
  if (value === null ? current != null : Number(current) !== value || current == null) set(key, value);
}

function editList(current: string[], add: string[] = [], remove: string[] = []): string[] {
  const removing = new Set(remove);
  const next = current.filter((item) => !removing.has(item));
  for (const item of add) if (!next.includes(item)) next.push(item);
  return next;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return a === b;
}

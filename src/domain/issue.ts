import { stampsOnEntering } from './change.js';
import { type Fields, foldCase, nonEmptyText, num, text, textList } from './fields.js';

/** Field order of a new issue file, as the seed-era table of FORMAT.md gives it. */
export const ISSUE_FIELD_ORDER = [
  'id', 'title', 'priority', 'status', 'issue_type', 'milestone', 'labels', 'github_issue',
  'created', 'updated', 'assignee', 'estimated_hours', 'depends_on', 'blocks',
  'actual_start_date', 'actual_end_date', 'progress_percentage', 'handoff_notes',
  'previous_assignee', 'handoff_date', 'git_branches', 'git_commits', 'completed_date',
] as const;

/** Columns of `issue list --format csv`, in order. */
export const ISSUE_CSV_COLUMNS = [
  'id', 'title', 'status', 'priority', 'issue_type', 'assignee', 'milestone', 'labels',
  'estimated_hours', 'progress_percentage', 'depends_on', 'blocks', 'created', 'updated', 'path',
] as const;

/**
 * An issue as the commands see it: the typed fields the logic needs, beside the front matter
 * exactly as read (`fields`), which is what JSON output shows.
 */
export interface Issue {
  id: string;
  title: string;
  status: string;
  priority: string;
  issueType: string;
  /** null means the backlog (the file may say null, '' or `backlog`). */
  milestone: string | null;
  labels: string[];
  assignee: string | null;
  estimatedHours: number | null;
  progress: number | null;
  dependsOn: string[];
  blocks: string[];
  created: string | null;
  updated: string | null;
  /** Path of the file, relative to the repository root, with `/` separators. */
  path: string;
  fields: Fields;
}

/** JSON of an issue, for the CLI and the API alike: the front-matter fields as written, plus `path`. */
export function issueJson(issue: Issue): Record<string, unknown> {
  return { ...issue.fields, path: issue.path };
}

/** What a table of issues shows: the index answers it from its columns, without each issue's fields. */
export type IssueSummary = Pick<Issue, 'id' | 'title' | 'status' | 'priority' | 'milestone' | 'assignee'>;

/** An issue with its Markdown body: what `show` reads from the one file. */
export interface IssueDocument extends Issue {
  body: string;
}

export function normalizeMilestone(value: unknown): string | null {
  const name = nonEmptyText(value);
  return name == null || name === 'backlog' ? null : name;
}

export function normalizeId(value: unknown): string {
  return foldCase(text(value)?.trim() ?? '');
}

export function issueFromFields(fields: Fields, path: string): Issue {
  return {
    id: normalizeId(fields.id),
    title: text(fields.title) ?? '',
    status: text(fields.status) ?? 'todo',
    priority: text(fields.priority) ?? 'medium',
    issueType: text(fields.issue_type) ?? 'other',
    milestone: normalizeMilestone(fields.milestone),
    labels: textList(fields.labels),
    assignee: nonEmptyText(fields.assignee),
    estimatedHours: num(fields.estimated_hours),
    progress: num(fields.progress_percentage),
    dependsOn: textList(fields.depends_on).map(normalizeId),
    blocks: textList(fields.blocks).map(normalizeId),
    created: text(fields.created),
    updated: text(fields.updated),
    path,
    fields,
  };
}

/** What a new issue needs; everything else gets the format's defaults. */
export interface NewIssue {
  title: string;
  priority?: string;
  issueType?: string;
  status?: string;
  milestone?: string | null;
  assignee?: string | null;
  labels?: string[];
  estimatedHours?: number | null;
  dependsOn?: string[];
  body?: string;
}

/** The front matter of a new issue, in the format's field order. */
export function newIssueFields(input: NewIssue, id: string, now: string): Fields {
  const fields: Fields = {
    id,
    title: input.title,
    priority: input.priority ?? 'medium',
    status: input.status ?? 'todo',
    issue_type: input.issueType ?? 'other',
    milestone: input.milestone ?? null,
    labels: input.labels ?? [],
    github_issue: null,
    created: now,
    updated: now,
    assignee: input.assignee ?? null,
    estimated_hours: input.estimatedHours ?? null,
    depends_on: input.dependsOn ?? [],
    blocks: [],
    actual_start_date: null,
    actual_end_date: null,
    progress_percentage: null,
    handoff_notes: null,
    previous_assignee: null,
    handoff_date: null,
    git_branches: [],
    git_commits: [],
    completed_date: null,
  };
  for (const stamp of stampsOnEntering(String(fields.status), now)) fields[stamp.key] = stamp.value;
  return fields;
}

/** The body of a new issue: a heading with the title, then the user's text if any. */
export function newIssueBody(title: string, body: string | undefined): string {
  const rest = body?.trim() ? `\n${body.trim()}\n` : '';
  return `# ${title}\n${rest}`;
}

/** The JSON API the server documents in docs/api.md, as the page uses it. */

export interface IssueJson {
  id: string;
  title: string;
  status: string;
  priority: string;
  issue_type?: string;
  milestone?: string | null;
  assignee?: string | null;
  labels?: string[];
  estimated_hours?: number | null;
  progress_percentage?: number | null;
  created?: string | null;
  updated?: string | null;
  path: string;
  [field: string]: unknown;
}

export interface DependencyJson {
  id: string;
  title: string;
  status: string;
  missing: boolean;
}

export interface IssueDetail extends IssueJson {
  body: string;
  dependencies: { depends_on: DependencyJson[]; blocks: DependencyJson[] };
}

export interface Page<T> {
  total: number;
  offset?: number;
  limit?: number;
  items: T[];
}

export interface BoardJson {
  total: number;
  columns: Array<{ status: string; total: number; items: IssueJson[] }>;
}

export interface ProgressJson {
  total: number;
  done: number;
  percent: number;
  hours_left: number;
  by_status: Record<string, number>;
  due_date?: string | null;
  days_left?: number | null;
  overdue?: boolean;
}

export interface BurndownJson {
  start: string | null;
  total: number;
  points: Array<{ date: string; open: number; hours: number }>;
}

export interface MilestoneJson {
  name: string;
  description?: string;
  headline?: string;
  status: string;
  due_date?: string | null;
  path: string;
  progress: ProgressJson;
  burndown?: BurndownJson;
  [field: string]: unknown;
}

export interface MilestoneSummary {
  name: string;
  status: string;
  due_date: string | null;
  path: string;
  progress: ProgressJson;
}

export interface RoadmapJson {
  id: string;
  name: string;
  status?: string;
  owner?: string | null;
  description?: string;
  start_date: string | null;
  target_end_date: string | null;
  path: string;
  milestones: MilestoneSummary[];
  missing_milestones: string[];
  progress: ProgressJson;
}

export interface ProjectJson {
  name: string;
  mode: string;
  generation: number;
  problems: Array<{ path: string; line: number; message: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The write token the server put in the page; reads on loopback need none. */
const token = document.querySelector('meta[name="roadmap-token"]')?.getAttribute('content') ?? '';

export type Params = Record<string, string | number | boolean | string[] | null | undefined>;

export function query(params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else search.set(key, value === true ? 'true' : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['X-Roadmap-Token'] = token;
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: 'same-origin' });
  const data = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? `${response.status} ${response.statusText}`);
  return data as T;
}

export const api = {
  project: (signal?: AbortSignal) => request<ProjectJson>('GET', '/api/project', undefined, signal),
  board: (params: Params, signal?: AbortSignal) => request<BoardJson>('GET', `/api/board${query(params)}`, undefined, signal),
  issues: (params: Params, signal?: AbortSignal) => request<Page<IssueJson>>('GET', `/api/issues${query(params)}`, undefined, signal),
  issue: (id: string, signal?: AbortSignal) => request<IssueDetail>('GET', `/api/issues/${encodeURIComponent(id)}`, undefined, signal),
  update: (id: string, change: Record<string, unknown>) =>
    request<IssueDetail & { changed: boolean }>('PATCH', `/api/issues/${encodeURIComponent(id)}`, change),
  milestones: (params: Params = {}, signal?: AbortSignal) =>
    request<{ today: string; items: MilestoneJson[] }>('GET', `/api/milestones${query(params)}`, undefined, signal),
  roadmaps: (signal?: AbortSignal) =>
    request<{ today: string; items: RoadmapJson[]; unassigned: MilestoneSummary[] }>('GET', '/api/roadmaps', undefined, signal),
};

import { type Fields, nonEmptyText, text } from './fields.js';
import { compareCodePoints } from './query.js';

export const MILESTONE_FIELD_ORDER = [
  'name', 'description', 'due_date', 'status', 'github_milestone', 'created', 'updated',
] as const;

export interface Milestone {
  /** What issues point at (the `name` field, not the file name: `v030.md` may hold `v.0.3.0`). */
  name: string;
  description: string;
  dueDate: string | null;
  status: string;
  /** Later versions tie a milestone to a roadmap by id. */
  projectId: string | null;
  path: string;
  fields: Fields;
}

export function milestoneFromFields(fields: Fields, path: string): Milestone {
  return {
    name: text(fields.name) ?? '',
    description: text(fields.description) ?? text(fields.headline) ?? '',
    dueDate: nonEmptyText(fields.due_date),
    status: text(fields.status) ?? 'open',
    projectId: nonEmptyText(fields.project_id),
    path,
    fields,
  };
}

/** The milestones a typed name means: those of the exact name, else those equal but for case. */
export function milestoneNamed(name: string, all: Milestone[]): Milestone[] {
  const exact = all.filter((m) => m.name === name);
  return exact.length > 0 ? exact : all.filter((m) => m.name.toLowerCase() === name.toLowerCase());
}

/** The order milestones are shown in: open before closed, then by due date (undated last), then name. */
export function compareMilestones(a: Milestone, b: Milestone): number {
  const key = (m: Milestone) => `${m.status.toLowerCase() === 'closed' ? '1' : '0'}${m.dueDate?.slice(0, 10) ?? '9999'}`;
  return compareCodePoints(key(a), key(b)) || compareCodePoints(a.name, b.name);
}

export interface NewMilestone {
  name: string;
  description?: string;
  dueDate?: string | null;
}

export function newMilestoneFields(input: NewMilestone, now: string): Fields {
  return {
    name: input.name,
    description: input.description ?? '',
    due_date: input.dueDate ?? null,
    status: 'open',
    github_milestone: null,
    created: now,
    updated: now,
  };
}

export function newMilestoneBody(input: NewMilestone): string {
  const description = input.description?.trim() ? `\n${input.description.trim()}\n` : '';
  return `# ${input.name}\n${description}`;
}

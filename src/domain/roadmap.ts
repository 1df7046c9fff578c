import { type Fields, nonEmptyText, text, textList } from './fields.js';

export const ROADMAP_FIELD_ORDER = [
  'id', 'name', 'description', 'status', 'priority', 'owner', 'start_date', 'target_end_date',
  'actual_end_date', 'created', 'updated', 'milestones', 'estimated_hours', 'actual_hours',
] as const;

export interface Roadmap {
  id: string;
  name: string;
  description: string;
  status: string;
  priority: string;
  owner: string | null;
  startDate: string | null;
  targetEndDate: string | null;
  /** Milestone names the file lists; later versions also tie milestones by `project_id`. */
  milestones: string[];
  path: string;
  fields: Fields;
}

function timelineField(fields: Fields, key: string): unknown {
  const timeline = fields.timeline;
  if (timeline && typeof timeline === 'object' && !Array.isArray(timeline)) return (timeline as Fields)[key];
  return undefined;
}

export function roadmapFromFields(fields: Fields, path: string): Roadmap {
  return {
    id: (text(fields.id) ?? '').trim().toLowerCase(),
    name: text(fields.name) ?? '',
    description: text(fields.description) ?? '',
    status: text(fields.status) ?? 'planning',
    priority: text(fields.priority) ?? 'medium',
    owner: nonEmptyText(fields.owner),
    startDate: nonEmptyText(fields.start_date) ?? nonEmptyText(timelineField(fields, 'start_date')),
    targetEndDate: nonEmptyText(fields.target_end_date) ?? nonEmptyText(timelineField(fields, 'target_end_date')),
    milestones: textList(fields.milestones),
    path,
    fields,
  };
}

/**
 * The fields a roadmap shows as JSON: as written, with `start_date` and `target_end_date` at the
 * top as dates or null, also when the file keeps them under `timeline:` (later Python versions),
 * so scripts and the web view read one place whichever version wrote the file.
 */
export function roadmapJsonFields(roadmap: Roadmap): Fields {
  // An empty top-level value ('' in seed-era files) is no date: the timeline's, or null.
  return { ...roadmap.fields, start_date: roadmap.startDate, target_end_date: roadmap.targetEndDate };
}

export interface NewRoadmap {
  name: string;
  description?: string;
  owner?: string | null;
  priority?: string;
  status?: string;
  milestones?: string[];
  startDate?: string | null;
  targetEndDate?: string | null;
}

export function newRoadmapFields(input: NewRoadmap, id: string, now: string): Fields {
  return {
    id,
    name: input.name,
    description: input.description ?? '',
    status: input.status ?? 'planning',
    priority: input.priority ?? 'medium',
    owner: input.owner ?? null,
    start_date: input.startDate ?? null,
    target_end_date: input.targetEndDate ?? null,
    actual_end_date: null,
    created: now,
    updated: now,
    milestones: input.milestones ?? [],
    estimated_hours: null,
    actual_hours: null,
  };
}

export function newRoadmapBody(input: NewRoadmap): string {
  const description = input.description?.trim() ? `\n${input.description.trim()}\n` : '';
  return `# ${input.name}\n${description}`;
}

/**
 * The milestones of a roadmap: those its file lists by name, then those that name it by
 * `project_id` (later versions), each once, in that order.
 */
export function roadmapMilestoneNames(roadmap: Roadmap, milestones: Array<{ name: string; projectId: string | null }>): string[] {
  const names = [...roadmap.milestones];
  for (const milestone of milestones) {
    if (isTiedTo(milestone, roadmap) && !names.includes(milestone.name)) names.push(milestone.name);
  }
  return names;
}

/** A milestone that names the roadmap in its own `project_id` (later versions): in, whatever the list says. */
export function isTiedTo(milestone: { projectId: string | null }, roadmap: Pick<Roadmap, 'id'>): boolean {
  return milestone.projectId != null && roadmap.id !== '' && milestone.projectId.toLowerCase().startsWith(roadmap.id);
}

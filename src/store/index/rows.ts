/**
 * From a parsed file to the rows the index stores. Pure, so it runs in parse workers as well
 * as in the main thread.
 */
import { allStrings, type Fields, foldCase } from '../../domain/fields.js';
import { issueFromFields } from '../../domain/issue.js';
import { milestoneFromFields } from '../../domain/milestone.js';
import { roadmapFromFields } from '../../domain/roadmap.js';
import { priorityRank, statusRank } from '../../domain/values.js';
import type { EntityKind } from '../layout.js';

export interface IssueRow {
  path: string;
  id: string;
  title: string;
  status: string;
  status_key: string;
  status_rank: number;
  priority: string;
  priority_key: string;
  priority_rank: number;
  issue_type: string;
  milestone: string | null;
  assignee: string | null;
  assignee_key: string;
  estimated_hours: number | null;
  progress: number | null;
  created: string | null;
  updated: string | null;
  fields: string;
}

export interface IssueRecord {
  kind: 'issue';
  row: IssueRow;
  labels: string[];
  /** [dependent, dependency] pairs this file states. */
  edges: Array<[string, string]>;
  text: { title: string; labels: string; body: string; comments: string };
}

export interface MilestoneRecord {
  kind: 'milestone';
  path: string;
  name: string;
  fields: string;
}

export interface RoadmapRecord {
  kind: 'roadmap';
  path: string;
  id: string;
  fields: string;
}

export type EntityRecord = IssueRecord | MilestoneRecord | RoadmapRecord;

/** A file as the index records it: its stamp, and either its rows or why it was skipped. */
export interface FileRecord {
  path: string;
  kind: EntityKind;
  mtime: number;
  size: number;
  indexedAt: number;
  record?: EntityRecord;
  problem?: { line: number; message: string };
}

export function recordFor(kind: EntityKind, path: string, fields: Fields, body: string): EntityRecord {
  const json = JSON.stringify(fields);
  if (kind === 'milestone') return { kind, path, name: milestoneFromFields(fields, path).name, fields: json };
  if (kind === 'roadmap') return { kind, path, id: roadmapFromFields(fields, path).id, fields: json };
  const issue = issueFromFields(fields, path);
  return {
    kind: 'issue',
    row: {
      path,
      id: issue.id,
      title: issue.title,
      status: issue.status,
      status_key: foldCase(issue.status),
      status_rank: statusRank(issue.status),
      priority: issue.priority,
      priority_key: foldCase(issue.priority),
      priority_rank: priorityRank(issue.priority),
      issue_type: issue.issueType,
      milestone: issue.milestone,
      assignee: issue.assignee,
      assignee_key: foldCase(issue.assignee ?? ''),
      estimated_hours: issue.estimatedHours,
      progress: issue.progress,
      created: issue.created,
      updated: issue.updated,
      fields: json,
    },
    labels: issue.labels,
    edges: [
      ...issue.dependsOn.filter((d) => d !== '' && issue.id !== '').map((d): [string, string] => [issue.id, d]),
      ...issue.blocks.filter((b) => b !== '' && issue.id !== '').map((b): [string, string] => [b, issue.id]),
    ],
    text: {
      title: issue.title,
      labels: issue.labels.join(' '),
      body,
      comments: allStrings(fields.comments).join('\n'),
    },
  };
}

/**
 * `/api/milestones` and `/api/roadmaps`: progress and health as `milestone list` computes them,
 * a burndown per milestone, and each roadmap with its milestones on their due dates.
 */
import type { Issue } from '../../domain/issue.js';
import { compareMilestones, type Milestone } from '../../domain/milestone.js';
import { combinedProgress, healthByMilestone, localDate, type MilestoneHealth } from '../../domain/progress.js';
import { roadmapJsonFields, roadmapMilestoneNames } from '../../domain/roadmap.js';
import { burndown } from '../burndown.js';
import { sendJson } from '../http.js';
import { milestoneJson, progressJson } from '../json.js';
import type { Handler } from '../router.js';
import type { ApiDeps } from './deps.js';
import { checkKnown, flag, unfiltered } from './params.js';

interface MilestoneRow {
  milestone: Milestone;
  health: MilestoneHealth;
  issues: Issue[];
}

function milestoneRows(deps: ApiDeps): MilestoneRow[] {
  const milestones = deps.reads.listMilestones();
  // The board's own question, so the first page load asks the store once.
  const issues = deps.reads.listIssues(unfiltered());
  const health = healthByMilestone(milestones, issues, localDate(deps.clock()));
  const byName = new Map<string, Issue[]>();
  for (const issue of issues) {
    if (issue.milestone === null) continue;
    let list = byName.get(issue.milestone);
    if (!list) byName.set(issue.milestone, (list = []));
    list.push(issue);
  }
  return milestones
    .map((milestone) => ({ milestone, health: health.get(milestone.name)!, issues: byName.get(milestone.name) ?? [] }))
    .sort((a, b) => compareMilestones(a.milestone, b.milestone));
}

function isClosed(milestone: Milestone): boolean {
  return milestone.status.toLowerCase() === 'closed';
}

/** GET /api/milestones: every milestone with progress, health and (unless burndown=false) burndown. */
export function listMilestones(deps: ApiDeps): Handler {
  return ({ res, url }) => {
    checkKnown(url.searchParams, ['burndown']);
    const withBurndown = url.searchParams.has('burndown') ? flag(url.searchParams, 'burndown') : true;
    const today = localDate(deps.clock());
    const items = milestoneRows(deps).map((row) => ({
      ...milestoneJson(row.milestone),
      progress: progressJson(row.health),
      ...(withBurndown ? { burndown: burndown(row.issues, today, { extendToToday: !isClosed(row.milestone) }) } : {}),
    }));
    sendJson(res, 200, { today, items });
  };
}

function summary(row: MilestoneRow) {
  return {
    name: row.milestone.name,
    status: row.milestone.status,
    due_date: row.milestone.dueDate,
    path: row.milestone.path,
    progress: progressJson(row.health),
  };
}

/** GET /api/roadmaps: each roadmap with its milestones (those it lists, then those tied to it). */
export function listRoadmaps(deps: ApiDeps): Handler {
  return ({ res, url }) => {
    checkKnown(url.searchParams, []);
    const rows = milestoneRows(deps);
    const byName = new Map(rows.map((row) => [row.milestone.name, row]));
    const placed = new Set<string>();
    const items = deps.reads.listRoadmaps().map((roadmap) => {
      const names = roadmapMilestoneNames(roadmap, rows.map((row) => row.milestone));
      const own = names.map((name) => byName.get(name)).filter((row): row is MilestoneRow => row !== undefined);
      for (const row of own) placed.add(row.milestone.name);
      return {
        ...roadmapJsonFields(roadmap),
        path: roadmap.path,
        milestones: own.map(summary),
        missing_milestones: names.filter((name) => !byName.has(name)),
        progress: progressJson(combinedProgress(own.map((row) => row.issues))),
      };
    });
    sendJson(res, 200, {
      today: localDate(deps.clock()),
      items,
      unassigned: rows.filter((row) => !placed.has(row.milestone.name)).map(summary),
    });
  };
}

/** GET /api/project: the name, how the store answers, and the files it had to skip. */
export function project(deps: ApiDeps): Handler {
  return ({ res, url }) => {
    checkKnown(url.searchParams, []);
    sendJson(res, 200, {
      name: deps.projectName(),
      mode: deps.store.mode,
      generation: deps.reads.generation,
      problems: deps.store.problems(),
    });
  };
}

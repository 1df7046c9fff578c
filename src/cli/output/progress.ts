import type { MilestoneHealth } from '../../domain/progress.js';
import type { IO } from '../io.js';

/** `███░░░░░░░  30%` on a terminal; just `30%` in a pipe. */
export function progressCell(io: IO, percent: number, width = 10): string {
  const label = `${Math.round(percent)}%`.padStart(4);
  if (!io.isTTY) return label.trim();
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${label}`;
}

/** `2026-12-01 (5 d)`, or `2026-11-01 (overdue 25 d)`; plain text, the caller styles it. */
export function dueText(health: MilestoneHealth): string {
  if (!health.dueDate) return '';
  const date = health.dueDate.slice(0, 10);
  if (health.overdue) return `${date} (overdue ${-health.daysLeft!} d)`;
  return health.daysLeft != null && health.daysLeft >= 0 ? `${date} (${health.daysLeft} d)` : date;
}

export { progressJson } from '../../domain/progress.js';

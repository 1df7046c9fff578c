/** Small pieces every view uses: badges, progress bars, dates, the view contract. */
import { h } from './dom.ts';
import type { ProgressJson } from './api.ts';

export interface View {
  el: HTMLElement;
  /** Fetch what the view shows and draw it; called on open and on every change on disk. */
  refresh(): Promise<void>;
  destroy?(): void;
}

export const STATUSES = ['todo', 'in-progress', 'blocked', 'review', 'done'] as const;
export const WRITABLE_STATUSES = [...STATUSES, 'archived'] as const;
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const TYPES = ['feature', 'bug', 'other'] as const;

/** CSS class of a status: the legacy `closed`/`completed` look like done. */
export function statusClass(status: string): string {
  const s = status.toLowerCase();
  if (s === 'closed' || s === 'completed') return 'status-done';
  return `status-${s.replace(/[^a-z-]/g, '') || 'unknown'}`;
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge ${statusClass(status)}` }, status || '?');
}

export function priorityBadge(priority: string): HTMLElement {
  return h('span', { class: `badge priority-${priority.toLowerCase().replace(/[^a-z]/g, '') || 'unknown'}` }, priority);
}

export function progressBar(percent: number, label?: string): HTMLElement {
  const clamped = Math.max(0, Math.min(100, Number.isFinite(percent) ? percent : 0));
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${clamped}%`;
  return h(
    'span',
    { class: 'progress', attrs: { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': clamped } },
    h('span', { class: 'track' }, fill),
    h('span', { class: 'pct' }, label ?? `${Math.round(clamped)}%`),
  );
}

/** `2026-03-01` from any ISO timestamp, or '' */
export function day(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
}

/** `due 2026-03-01 (in 5 days)`, `overdue by 3 days`, or nothing. */
export function dueText(progress: ProgressJson, status: string): { text: string; overdue: boolean } {
  const date = day(progress.due_date);
  if (!date) return { text: 'no due date', overdue: false };
  if (status.toLowerCase() === 'closed') return { text: `due ${date}`, overdue: false };
  const days = progress.days_left;
  if (progress.overdue && days != null) return { text: `due ${date}, overdue by ${-days} ${-days === 1 ? 'day' : 'days'}`, overdue: true };
  if (days == null) return { text: `due ${date}`, overdue: false };
  if (days === 0) return { text: `due ${date} (today)`, overdue: false };
  return { text: days > 0 ? `due ${date} (in ${days} ${days === 1 ? 'day' : 'days'})` : `due ${date}`, overdue: false };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export function issueLink(id: string, text: string): HTMLAnchorElement {
  return h('a', { href: `#/issue/${encodeURIComponent(id)}` }, text);
}

export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return h('div', { class: 'error-box', attrs: { role: 'alert' } }, message);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Runs one load at a time: a newer load cancels the one in flight. */
export class Loader {
  private controller: AbortController | undefined;

  next(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  stop(): void {
    this.controller?.abort();
  }
}

/**
 * Milestones: progress (effort-weighted, as the CLI computes it), counts by status, hours left,
 * due or overdue, and a burndown from the issues' creation and completion dates.
 */
import { api, type MilestoneJson } from '../api.ts';
import { burndownChart } from '../charts.ts';
import { h, replace } from '../dom.ts';
import { dueText, errorBox, isAbort, Loader, plural, progressBar, statusBadge, type View } from '../ui.ts';

export function milestonesView(): View {
  const loader = new Loader();
  const grid = h('div', { class: 'milestones' });
  const el = h('section', { class: 'view milestones-view' }, grid);

  async function refresh() {
    const signal = loader.next();
    try {
      const { today, items } = await api.milestones({}, signal);
      replace(grid, items.length === 0 ? h('p', { class: 'empty' }, 'No milestones yet: roadmap milestone create NAME') : items.map((m) => card(m, today)));
    } catch (error) {
      if (!isAbort(error)) replace(grid, errorBox(error));
    }
  }

  return { el, refresh, destroy: () => loader.stop() };
}

function card(m: MilestoneJson, today: string): HTMLElement {
  const p = m.progress;
  const due = dueText(p, m.status);
  const closed = m.status.toLowerCase() === 'closed';
  const description = typeof m.description === 'string' && m.description ? m.description : typeof m.headline === 'string' ? m.headline : '';
  const issuesLink = `#/issues?milestone=${encodeURIComponent(m.name)}`;
  return h(
    'article',
    { class: `milestone${closed ? ' closed' : ''}${due.overdue ? ' overdue' : ''}`, data: { name: m.name } },
    h('header', null, h('h2', null, h('a', { href: issuesLink }, m.name)), statusBadge(m.status)),
    description ? h('p', { class: 'description' }, description) : null,
    h('p', { class: due.overdue ? 'due overdue' : 'due' }, due.text),
    progressBar(p.percent),
    h(
      'p',
      { class: 'counts' },
      `${p.done} of ${plural(p.total, 'issue')} done`,
      p.hours_left ? ` · ${p.hours_left} h left` : '',
    ),
    h(
      'div',
      { class: 'by-status' },
      Object.entries(p.by_status).map(([status, n]) => h('span', { class: 'chip static' }, statusBadge(status), ` ${n}`)),
    ),
    m.burndown ? burndownChart(m.burndown, { due: typeof m.due_date === 'string' ? m.due_date : null, today, name: m.name }) : null,
  );
}

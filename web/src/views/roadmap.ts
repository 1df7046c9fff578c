/**
 * The roadmap: each roadmap's milestones on one time axis by due date, with progress, grouped by
 * roadmap (milestones of none come last). One scale for every group, so they line up.
 */
import { api, type MilestoneSummary, type RoadmapJson } from '../api.ts';
import { dateOf, dayNumber } from '../charts.ts';
import { h, replace, svg } from '../dom.ts';
import { day, dueText, errorBox, isAbort, Loader, progressBar, statusBadge, type View } from '../ui.ts';

const WIDTH = 1000;
const ROW = 30;
const AXIS = 26;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Scale {
  first: number;
  last: number;
  x(dayNo: number): number;
}

export function roadmapView(): View {
  const loader = new Loader();
  const body = h('div', { class: 'roadmaps' });
  const el = h('section', { class: 'view roadmap-view' }, body);

  async function refresh() {
    const signal = loader.next();
    try {
      const data = await api.roadmaps(signal);
      const scale = scaleFor(data.items, data.unassigned, data.today);
      const groups = data.items.map((roadmap) => group(roadmap.name, roadmap, roadmap.milestones, scale, data.today));
      if (data.unassigned.length > 0) groups.push(group('Milestones in no roadmap', null, data.unassigned, scale, data.today));
      replace(body, groups.length ? groups : h('p', { class: 'empty' }, 'No roadmaps or milestones yet.'));
    } catch (error) {
      if (!isAbort(error)) replace(body, errorBox(error));
    }
  }
  return { el, refresh, destroy: () => loader.stop() };
}

function scaleFor(roadmaps: RoadmapJson[], unassigned: MilestoneSummary[], today: string): Scale {
  const days = [dayNumber(today)];
  const add = (value: unknown) => {
    const d = day(value);
    if (d) days.push(dayNumber(d));
  };
  for (const roadmap of roadmaps) {
    add(roadmap.start_date);
    add(roadmap.target_end_date);
    for (const m of roadmap.milestones) add(m.due_date);
  }
  for (const m of unassigned) add(m.due_date);
  const first = Math.min(...days) - 14;
  const last = Math.max(...days) + 14;
  const left = 12;
  const right = 220; // room for the last label
  return { first, last, x: (d) => left + ((d - first) / (last - first)) * (WIDTH - left - right) };
}

function group(title: string, roadmap: RoadmapJson | null, milestones: MilestoneSummary[], scale: Scale, today: string): HTMLElement {
  const dated = milestones.filter((m) => day(m.due_date)).sort((a, b) => day(a.due_date).localeCompare(day(b.due_date)));
  const undated = milestones.filter((m) => !day(m.due_date));
  const header = h(
    'header',
    null,
    h('h2', null, title),
    roadmap?.status ? statusBadge(roadmap.status) : null,
    roadmap?.owner ? h('span', { class: 'muted' }, `owner ${roadmap.owner}`) : null,
    roadmap ? progressBar(roadmap.progress.percent, `${Math.round(roadmap.progress.percent)}% · ${roadmap.progress.done}/${roadmap.progress.total} issues`) : null,
  );
  const missing = roadmap?.missing_milestones.length ? h('p', { class: 'muted' }, `listed but not found: ${roadmap.missing_milestones.join(', ')}`) : null;
  return h(
    'article',
    { class: 'roadmap', data: { name: title } },
    header,
    roadmap?.description ? h('p', { class: 'description' }, String(roadmap.description)) : null,
    dated.length ? timeline(dated, scale, today, roadmap) : null,
    undated.length
      ? h('div', { class: 'undated' }, h('span', { class: 'muted' }, 'no due date: '), undated.map((m) => h('span', { class: 'chip static' }, m.name, ` ${Math.round(m.progress.percent)}%`)))
      : null,
    missing,
  );
}

function timeline(milestones: MilestoneSummary[], scale: Scale, today: string, roadmap: RoadmapJson | null): SVGSVGElement {
  const height = AXIS + milestones.length * ROW + 8;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'timeline', role: 'img' });
  chart.appendChild(svg('title', {}, 'milestones by due date'));
  // Month ticks, thinned so labels never crowd.
  const months: number[] = [];
  const start = new Date(dateOf(scale.first));
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); dayNumber(d.toISOString()) <= scale.last; d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(dayNumber(d.toISOString()));
  }
  const step = Math.max(1, Math.ceil(months.length / 12));
  months.forEach((m, i) => {
    const x = scale.x(m);
    chart.appendChild(svg('line', { x1: x, y1: AXIS - 6, x2: x, y2: height, class: 'grid' }));
    if (i % step === 0) {
      const date = new Date(m * 86_400_000);
      chart.appendChild(svg('text', { x: x + 3, y: 14, class: 'axis' }, `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`));
    }
  });
  const t = scale.x(dayNumber(today));
  chart.appendChild(svg('line', { x1: t, y1: AXIS - 6, x2: t, y2: height, class: 'today' }));
  chart.appendChild(svg('text', { x: t + 3, y: AXIS + 2, class: 'axis today-label' }, 'today'));

  const from = day(roadmap?.start_date) ? dayNumber(day(roadmap!.start_date)) : null;
  milestones.forEach((m, i) => {
    const y = AXIS + i * ROW + ROW / 2;
    const due = scale.x(dayNumber(day(m.due_date)));
    const closed = m.status.toLowerCase() === 'closed';
    const state = dueText(m.progress, m.status).overdue ? 'overdue' : closed || m.progress.percent >= 100 ? 'done' : 'open';
    const g = svg('g', { class: `milestone-row ${state}` });
    if (from !== null && scale.x(from) < due) {
      const x0 = scale.x(from);
      g.appendChild(svg('rect', { x: x0, y: y - 4, width: due - x0, height: 8, rx: 4, class: 'bar' }));
      g.appendChild(svg('rect', { x: x0, y: y - 4, width: ((due - x0) * Math.min(100, m.progress.percent)) / 100, height: 8, rx: 4, class: 'bar-done' }));
    }
    g.appendChild(svg('path', { d: `M${due},${y - 7} L${due + 7},${y} L${due},${y + 7} L${due - 7},${y} Z`, class: 'diamond' }));
    const label = `${m.name} · ${Math.round(m.progress.percent)}% · ${m.progress.done}/${m.progress.total} · ${day(m.due_date)}`;
    g.appendChild(svg('text', { x: due + 12, y: y + 4, class: 'label' }, label));
    chart.appendChild(g);
  });
  return chart;
}

/** Charts as inline SVG, drawn from numbers only (text goes in as text nodes). */
import { svg } from './dom.ts';
import type { BurndownJson } from './api.ts';

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function dateOf(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Open issues over time as a step line, with the ideal line from the whole scope on the first
 * day to nothing on the due date, and today marked.
 */
export function burndownChart(data: BurndownJson, options: { due: string | null; today: string; name: string }): SVGSVGElement {
  const width = 360;
  const height = 140;
  const pad = { left: 34, right: 10, top: 10, bottom: 22 };
  const points = data.points;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'burndown', role: 'img' });
  chart.appendChild(svg('title', {}, `Burndown of ${options.name}: open issues over time`));
  if (points.length === 0 || data.start === null) {
    chart.appendChild(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' }, 'no issues yet'));
    return chart;
  }
  const first = dayNumber(data.start);
  const candidates = [dayNumber(points[points.length - 1]!.date)];
  if (options.due) candidates.push(dayNumber(options.due));
  const last = Math.max(first + 1, ...candidates);
  const top = Math.max(1, data.total, ...points.map((p) => p.open));
  const x = (d: number) => pad.left + ((d - first) / (last - first)) * (width - pad.left - pad.right);
  const y = (n: number) => pad.top + (1 - n / top) * (height - pad.top - pad.bottom);

  // Axes and their few labels.
  chart.appendChild(svg('line', { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: 'axis-line' }));
  chart.appendChild(svg('line', { x1: pad.left, y1: y(0), x2: pad.left, y2: y(top), class: 'axis-line' }));
  chart.appendChild(svg('text', { x: pad.left - 4, y: y(top) + 4, 'text-anchor': 'end', class: 'axis' }, String(top)));
  chart.appendChild(svg('text', { x: pad.left - 4, y: y(0), 'text-anchor': 'end', class: 'axis' }, '0'));
  chart.appendChild(svg('text', { x: pad.left, y: height - 6, class: 'axis' }, dateOf(first)));
  chart.appendChild(svg('text', { x: width - pad.right, y: height - 6, 'text-anchor': 'end', class: 'axis' }, dateOf(last)));

  if (options.due) {
    const due = dayNumber(options.due);
    chart.appendChild(svg('line', { x1: x(first), y1: y(data.total), x2: x(due), y2: y(0), class: 'ideal' }));
  }
  const today = dayNumber(options.today);
  if (today >= first && today <= last) {
    chart.appendChild(svg('line', { x1: x(today), y1: y(0), x2: x(today), y2: pad.top, class: 'today' }));
  }

  let path = `M${x(dayNumber(points[0]!.date)).toFixed(1)},${y(0).toFixed(1)}`;
  for (const point of points) {
    const px = x(dayNumber(point.date)).toFixed(1);
    path += ` H${px} V${y(point.open).toFixed(1)}`;
  }
  chart.appendChild(svg('path', { d: path, class: 'actual' }));
  const end = points[points.length - 1]!;
  chart.appendChild(svg('circle', { cx: x(dayNumber(end.date)), cy: y(end.open), r: 3, class: 'actual-dot' }));
  return chart;
}

/**
 * Issues: the filters of `issue list` and full-text search, a table sorted by any column, a page
 * of 100 rows at a time. The state lives in the address (`#/issues?status=todo&sort=…`), so a
 * view can be bookmarked and the back button works.
 */
import { api, type IssueJson, type Params } from '../api.ts';
import { debounce, h, replace } from '../dom.ts';
import {
  day, errorBox, isAbort, issueLink, Loader, plural, PRIORITIES, priorityBadge, statusBadge, type View, WRITABLE_STATUSES,
} from '../ui.ts';

const PAGE = 100;

interface ColumnSpec {
  header: string;
  sort?: string;
  cell: (issue: IssueJson) => Node | string;
  class?: string;
}

const COLUMNS: ColumnSpec[] = [
  { header: 'ID', sort: 'id', cell: (i) => issueLink(i.id, i.id), class: 'mono' },
  { header: 'Title', sort: 'title', cell: (i) => issueLink(i.id, i.title || '(untitled)'), class: 'title' },
  { header: 'Status', sort: 'status', cell: (i) => statusBadge(String(i.status ?? '')) },
  { header: 'Priority', sort: 'priority', cell: (i) => priorityBadge(String(i.priority ?? '')) },
  { header: 'Type', sort: 'type', cell: (i) => String(i.issue_type ?? '') },
  { header: 'Assignee', sort: 'assignee', cell: (i) => String(i.assignee ?? '') },
  { header: 'Milestone', sort: 'milestone', cell: (i) => String(i.milestone ?? '') },
  { header: 'Est.', sort: 'estimate', cell: (i) => (typeof i.estimated_hours === 'number' ? `${i.estimated_hours} h` : ''), class: 'num' },
  { header: 'Progress', sort: 'progress', cell: (i) => (typeof i.progress_percentage === 'number' ? `${i.progress_percentage}%` : ''), class: 'num' },
  { header: 'Updated', sort: 'updated', cell: (i) => day(i.updated) },
];

const KEYS = ['q', 'status', 'priority', 'milestone', 'assignee', 'label', 'open', 'blocked', 'sort', 'page'] as const;
type State = Record<(typeof KEYS)[number], string>;

export function issuesView(params: URLSearchParams): View {
  const state = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as State;
  const loader = new Loader();
  const table = h('div', { class: 'table-wrap' });
  const pager = h('div', { class: 'pager' });
  const milestoneSelect = h('select', { attrs: { 'aria-label': 'milestone' }, on: { change: () => set({ milestone: milestoneSelect.value }) } });

  const chips = (key: 'status' | 'priority', values: readonly string[]) =>
    h(
      'span',
      { class: 'chips', attrs: { role: 'group', 'aria-label': key } },
      values.map((value) => {
        const on = () => state[key].split(',').includes(value);
        const button = h('button', {
          class: on() ? 'chip on' : 'chip',
          attrs: { type: 'button', 'aria-pressed': on() ? 'true' : 'false' },
          on: {
            click: () => {
              const current = new Set(state[key].split(',').filter(Boolean));
              if (current.has(value)) current.delete(value);
              else current.add(value);
              button.classList.toggle('on', current.has(value));
              button.setAttribute('aria-pressed', String(current.has(value)));
              set({ [key]: [...current].join(',') });
            },
          },
        }, value);
        return button;
      }),
    );
  const toggle = (key: 'open' | 'blocked', label: string) => {
    const box = h('input', { attrs: { type: 'checkbox', checked: state[key] === 'true' }, on: { change: () => set({ [key]: box.checked ? 'true' : '' }) } });
    return h('label', { class: 'toggle' }, box, label);
  };
  const text = (key: 'q' | 'assignee' | 'label', placeholder: string) => {
    const input = h('input', {
      attrs: { type: 'search', placeholder, 'aria-label': placeholder, value: state[key] },
      on: { input: debounce(() => set({ [key]: input.value.trim() }), 250) },
    });
    return input;
  };

  const el = h(
    'section',
    { class: 'view issues-view' },
    h(
      'div',
      { class: 'toolbar wrap' },
      text('q', 'search words'),
      chips('status', WRITABLE_STATUSES),
      chips('priority', PRIORITIES),
      milestoneSelect,
      text('assignee', 'assignee'),
      text('label', 'label'),
      toggle('open', 'open'),
      toggle('blocked', 'blocked'),
    ),
    pager,
    table,
  );

  function set(change: Partial<State>) {
    Object.assign(state, change);
    if (!('page' in change)) state.page = '';
    const search = new URLSearchParams(Object.entries(state).filter(([, v]) => v !== ''));
    history.replaceState(null, '', `#/issues${search.size ? `?${search}` : ''}`);
    void refresh();
  }

  function apiParams(): Params {
    const page = Math.max(1, Number(state.page) || 1);
    return {
      q: state.q,
      status: state.status ? state.status.split(',') : undefined,
      priority: state.priority ? state.priority.split(',') : undefined,
      milestone: state.milestone === '(backlog)' ? undefined : state.milestone,
      backlog: state.milestone === '(backlog)',
      assignee: state.assignee,
      label: state.label,
      open: state.open === 'true',
      blocked: state.blocked === 'true',
      sort: state.sort,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    };
  }

  async function loadMilestones(signal: AbortSignal) {
    const { items } = await api.milestones({ burndown: false }, signal);
    replace(
      milestoneSelect,
      h('option', { attrs: { value: '' } }, 'all milestones'),
      h('option', { attrs: { value: '(backlog)', selected: state.milestone === '(backlog)' } }, 'backlog'),
      items.map((m) => h('option', { attrs: { value: m.name, selected: m.name === state.milestone } }, m.name)),
    );
  }

  async function refresh() {
    const signal = loader.next();
    loadMilestones(signal).catch(() => {});
    try {
      const page = await api.issues(apiParams(), signal);
      renderTable(page.items);
      renderPager(page.total, page.offset ?? 0, page.items.length);
    } catch (error) {
      if (!isAbort(error)) replace(table, errorBox(error));
    }
  }

  function sortHeader(column: ColumnSpec): HTMLElement {
    if (!column.sort) return h('th', null, column.header);
    const [field, direction] = state.sort.split(':');
    const active = field === column.sort;
    const desc = active && direction === 'desc';
    const next = !active ? column.sort : desc ? '' : `${column.sort}:desc`;
    return h(
      'th',
      { class: column.class, attrs: { 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' } },
      h('button', { class: 'sort', attrs: { type: 'button' }, on: { click: () => set({ sort: next }) } }, column.header, active ? (desc ? ' ▼' : ' ▲') : ''),
    );
  }

  function renderTable(items: IssueJson[]) {
    if (items.length === 0) {
      replace(table, h('p', { class: 'empty' }, 'No issues match.'));
      return;
    }
    replace(
      table,
      h(
        'table',
        { class: 'issues' },
        h('thead', null, h('tr', null, COLUMNS.map(sortHeader))),
        h('tbody', null, items.map((issue) => h('tr', { data: { id: issue.id } }, COLUMNS.map((c) => h('td', { class: c.class }, c.cell(issue)))))),
      ),
    );
  }

  function renderPager(total: number, offset: number, count: number) {
    const page = Math.floor(offset / PAGE) + 1;
    const pages = Math.max(1, Math.ceil(total / PAGE));
    replace(
      pager,
      h('span', { class: 'muted' }, total === 0 ? 'no issues' : `${(offset + 1).toLocaleString('en')}–${(offset + count).toLocaleString('en')} of ${plural(total, 'issue')}`),
      h('button', { attrs: { type: 'button', disabled: page <= 1 }, on: { click: () => set({ page: String(page - 1) }) } }, '‹ previous'),
      h('span', { class: 'muted' }, `page ${page} of ${pages}`),
      h('button', { attrs: { type: 'button', disabled: page >= pages }, on: { click: () => set({ page: String(page + 1) }) } }, 'next ›'),
    );
  }

  return { el, refresh, destroy: () => loader.stop() };
}

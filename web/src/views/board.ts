/**
 * The board: a column per status, the most important cards first. Dragging a card to another
 * column changes the issue's status (the file changes on disk). Each column shows its first
 * cards and loads more on demand, so 10,000 issues draw as fast as 100.
 */
import { api, type IssueJson, type Params } from '../api.ts';
import { debounce, h, replace, toast } from '../dom.ts';
import { errorBox, isAbort, issueLink, Loader, plural, PRIORITIES, priorityBadge, statusClass, type View } from '../ui.ts';

/** Cards a column shows at first: more than fit on a screen, few enough to draw at once (index.html preloads this many). */
const FIRST = 20;
/** Cards each "show more" adds. */
const PAGE = 50;

interface Filters {
  milestone: string;
  priority: string;
  assignee: string;
  q: string;
}

export function boardView(params: URLSearchParams): View {
  const filters: Filters = {
    milestone: params.get('milestone') ?? '',
    priority: params.get('priority') ?? '',
    assignee: params.get('assignee') ?? '',
    q: params.get('q') ?? '',
  };
  const shown = new Map<string, number>();
  const loader = new Loader();
  const columnsEl = h('div', { class: 'board' });
  const summary = h('span', { class: 'muted' });
  const milestoneSelect = h('select', { attrs: { 'aria-label': 'milestone' }, on: { change: () => changed('milestone', milestoneSelect.value) } });
  const prioritySelect = h(
    'select',
    { attrs: { 'aria-label': 'priority' }, on: { change: () => changed('priority', prioritySelect.value) } },
    h('option', { attrs: { value: '' } }, 'any priority'),
    PRIORITIES.map((p) => h('option', { attrs: { value: p, selected: p === filters.priority } }, p)),
  );
  const assigneeInput = h('input', {
    attrs: { type: 'search', placeholder: 'assignee', 'aria-label': 'assignee', value: filters.assignee },
    on: { input: debounce(() => changed('assignee', assigneeInput.value.trim()), 250) },
  });
  const searchInput = h('input', {
    attrs: { type: 'search', placeholder: 'filter by words', 'aria-label': 'filter by words', value: filters.q },
    on: { input: debounce(() => changed('q', searchInput.value.trim()), 250) },
  });
  // One pair of drag listeners for every card (there may be hundreds).
  let dragged: string | null = null;
  columnsEl.addEventListener('dragstart', (event) => {
    const cardEl = (event.target as HTMLElement).closest<HTMLElement>('.card');
    if (!cardEl || !event.dataTransfer) return;
    dragged = cardEl.dataset.id ?? null;
    event.dataTransfer.setData('text/plain', dragged ?? '');
    event.dataTransfer.effectAllowed = 'move';
    cardEl.classList.add('dragging');
  });
  columnsEl.addEventListener('dragend', (event) => (event.target as HTMLElement).closest('.card')?.classList.remove('dragging'));
  const el = h(
    'section',
    { class: 'view board-view' },
    h('div', { class: 'toolbar' }, milestoneSelect, prioritySelect, assigneeInput, searchInput, summary),
    columnsEl,
  );
  let firstPaint = true;

  function changed(key: keyof Filters, value: string) {
    filters[key] = value;
    shown.clear();
    const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    history.replaceState(null, '', `#/board${search.size ? `?${search}` : ''}`);
    void refresh();
  }

  function filterParams(): Params {
    const params: Params = { priority: filters.priority, assignee: filters.assignee, q: filters.q };
    if (filters.milestone === '(backlog)') params.backlog = true;
    else params.milestone = filters.milestone;
    return params;
  }

  async function loadMilestones() {
    try {
      const { items } = await api.milestones({ burndown: false });
      const current = filters.milestone;
      replace(
        milestoneSelect,
        h('option', { attrs: { value: '' } }, 'all milestones'),
        h('option', { attrs: { value: '(backlog)', selected: current === '(backlog)' } }, 'backlog'),
        items.map((m) => h('option', { attrs: { value: m.name, selected: m.name === current } }, m.name)),
      );
    } catch (error) {
      if (!isAbort(error)) toast(`milestones: ${(error as Error).message}`, 'error');
    }
  }

  async function refresh() {
    const signal = loader.next();
    try {
      const perColumn = Math.max(FIRST, ...shown.values());
      const data = await api.board({ ...filterParams(), per_column: perColumn }, signal);
      if (firstPaint) performance.mark('roadmap:board-data');
      const scroll = new Map([...columnsEl.querySelectorAll<HTMLElement>('.column')].map((c) => [c.dataset.status!, c.querySelector('.cards')!.scrollTop]));
      replace(columnsEl, data.columns.map((column) => renderColumn(column.status, column.total, column.items)));
      for (const [status, top] of scroll) {
        const cards = columnsEl.querySelector<HTMLElement>(`.column[data-status="${CSS.escape(status)}"] .cards`);
        if (cards) cards.scrollTop = top;
      }
      summary.textContent = plural(data.total, 'issue');
      if (firstPaint) {
        firstPaint = false;
        performance.mark('roadmap:board-rendered');
        // The milestone menu waits until the cards are on screen: on a 2-core machine its
        // request would compete with drawing them.
        requestAnimationFrame(() =>
          setTimeout(() => {
            performance.mark('roadmap:board-painted');
            void loadMilestones();
          }, 0),
        );
      } else void loadMilestones();
    } catch (error) {
      if (!isAbort(error)) replace(columnsEl, errorBox(error));
    }
  }

  function renderColumn(status: string, total: number, items: IssueJson[]): HTMLElement {
    shown.set(status, items.length);
    const cards = h('div', { class: 'cards' }, items.map(card));
    const count = h('span', { class: 'count' }, total.toLocaleString('en'));
    const more = h('button', { class: 'more', attrs: { type: 'button', hidden: items.length >= total } }, `show more (${(total - items.length).toLocaleString('en')} left)`);
    const column = h(
      'div',
      {
        class: `column ${statusClass(status)}`,
        data: { status, total: String(total) },
        on: {
          dragover: (event) => {
            event.preventDefault();
            if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
            column.classList.add('over');
          },
          dragleave: (event) => {
            if (!column.contains(event.relatedTarget as Node | null)) column.classList.remove('over');
          },
          drop: (event) => {
            event.preventDefault();
            column.classList.remove('over');
            const id = event.dataTransfer?.getData('text/plain') || dragged;
            if (id) void move(id, status);
          },
        },
      },
      h('h2', { class: 'column-head' }, h('span', null, status), count),
      cards,
      more,
    );
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const page = await api.issues({ ...filterParams(), status, offset: cards.childElementCount, limit: PAGE });
        for (const issue of page.items) cards.appendChild(card(issue));
        shown.set(status, cards.childElementCount);
        more.hidden = cards.childElementCount >= page.total;
        more.textContent = `show more (${(page.total - cards.childElementCount).toLocaleString('en')} left)`;
      } catch (error) {
        toast((error as Error).message, 'error');
      } finally {
        more.disabled = false;
      }
    });
    return column;
  }

  function card(issue: IssueJson): HTMLElement {
    const labels = Array.isArray(issue.labels) ? issue.labels.filter((l): l is string => typeof l === 'string') : [];
    return h(
      'article',
      {
        class: 'card',
        attrs: { draggable: 'true' },
        data: { id: issue.id, status: issue.status },
      },
      h('div', { class: 'card-title' }, issueLink(issue.id, issue.title || '(untitled)')),
      h(
        'div',
        { class: 'card-meta' },
        h('span', { class: 'id' }, issue.id),
        priorityBadge(String(issue.priority ?? '')),
        issue.assignee ? h('span', { class: 'assignee' }, `@${issue.assignee}`) : null,
        issue.milestone ? h('span', { class: 'card-milestone' }, String(issue.milestone)) : null,
        typeof issue.estimated_hours === 'number' ? h('span', { class: 'hours' }, `${issue.estimated_hours} h`) : null,
      ),
      labels.length ? h('div', { class: 'labels' }, labels.map((l) => h('span', { class: 'label' }, l))) : null,
    );
  }

  async function move(id: string, status: string) {
    const cardEl = columnsEl.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
    const from = cardEl?.closest<HTMLElement>('.column');
    if (!cardEl || !from || from.dataset.status === status) return;
    const target = columnsEl.querySelector<HTMLElement>(`.column[data-status="${CSS.escape(status)}"]`)!;
    target.querySelector('.cards')!.prepend(cardEl);
    bump(from, -1);
    bump(target, +1);
    try {
      const result = await api.update(id, { status });
      cardEl.dataset.status = result.status;
      toast(`${id} → ${status}`);
    } catch (error) {
      toast(`could not move ${id}: ${(error as Error).message}`, 'error');
    }
    void refresh();
  }

  function bump(column: HTMLElement, delta: number) {
    const total = Number(column.dataset.total) + delta;
    column.dataset.total = String(total);
    column.querySelector('.count')!.textContent = total.toLocaleString('en');
  }

  return { el, refresh, destroy: () => loader.stop() };
}

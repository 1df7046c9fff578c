/**
 * One issue: its fields, each editable (a change is saved at once, as `issue update` would),
 * its Markdown body rendered (and editable as text), and its dependencies in both directions.
 */
import { api, type DependencyJson, type IssueDetail } from '../api.ts';
import { type Child, h, replace, toast } from '../dom.ts';
import { renderMarkdown } from '../markdown-dom.ts';
import { day, errorBox, isAbort, issueLink, Loader, PRIORITIES, statusBadge, TYPES, type View, WRITABLE_STATUSES } from '../ui.ts';

/** Fields shown in the editor or header; every other front-matter field is listed as it is. */
const SHOWN = new Set([
  'id', 'title', 'status', 'priority', 'issue_type', 'milestone', 'assignee', 'labels', 'estimated_hours',
  'progress_percentage', 'depends_on', 'blocks', 'created', 'updated', 'path', 'body', 'dependencies',
]);

export function issueView(id: string): View {
  const loader = new Loader();
  const el = h('section', { class: 'view issue-view' });
  let milestones: string[] = [];
  let editingBody = false;
  let current: IssueDetail | undefined;
  // Chromium fires `blur` on a focused input when a redraw removes it; that is not the user
  // leaving the field, so it must not save what is half typed (the text moves to the new input).
  let redrawing = false;

  async function refresh() {
    const signal = loader.next();
    try {
      const [issue, ms] = await Promise.all([api.issue(id, signal), api.milestones({ burndown: false }, signal)]);
      milestones = ms.items.map((m) => m.name);
      current = issue;
      render(issue);
    } catch (error) {
      if (!isAbort(error)) redraw(h('p', null, h('a', { href: '#/issues' }, '‹ issues')), errorBox(error));
    }
  }

  async function save(change: Record<string, unknown>) {
    try {
      const result = await api.update(current?.id ?? id, change);
      toast(result.changed ? `saved ${Object.keys(change).join(', ')}` : 'already as asked: nothing written');
      current = { ...result, dependencies: current!.dependencies };
      render(current);
    } catch (error) {
      toast((error as Error).message, 'error');
      if (current) render(current);
    }
  }

  function render(issue: IssueDetail) {
    // A field being typed in keeps its text and focus: a change on disk redraws the rest.
    const active = document.activeElement;
    const focused = active instanceof HTMLElement && el.contains(active) ? active.dataset.field : undefined;
    const typing = active instanceof HTMLInputElement && focused ? active.value : undefined;
    // Number inputs have no caret to keep (their selectionStart is null).
    const caret = active instanceof HTMLInputElement && active.selectionStart !== null ? [active.selectionStart, active.selectionEnd ?? active.selectionStart] as const : undefined;
    const labels = Array.isArray(issue.labels) ? issue.labels.filter((l): l is string => typeof l === 'string') : [];
    const title = h('input', {
      class: 'title-input',
      attrs: { value: issue.title, 'aria-label': 'title', 'data-field': 'title' },
      on: {
        keydown: (e) => e.key === 'Enter' && title.blur(),
        blur: () => !redrawing && title.value.trim() !== issue.title && title.value.trim() !== '' && void save({ title: title.value }),
      },
    });
    const select = (field: string, values: readonly string[], value: string, extra: Array<[string, string]> = []) => {
      const options = [...extra, ...values.map((v): [string, string] => [v, v])];
      if (!options.some(([v]) => v === value)) options.unshift([value, value]);
      const input = h(
        'select',
        { attrs: { 'aria-label': field, 'data-field': field }, on: { change: () => void save({ [field]: input.value === '' ? null : input.value }) } },
        options.map(([v, label]) => h('option', { attrs: { value: v, selected: v === value } }, label)),
      );
      return input;
    };
    const text = (field: string, value: unknown, type = 'text', attrs: Record<string, string | number> = {}) => {
      const shown = value === null || value === undefined ? '' : String(value);
      const input = h('input', {
        attrs: { type, value: shown, 'aria-label': field, 'data-field': field, ...attrs },
        on: {
          keydown: (e) => e.key === 'Enter' && input.blur(),
          blur: () => {
            if (redrawing) return;
            const v = input.value.trim();
            if (v !== shown) void save({ [field]: v === '' ? null : type === 'number' ? Number(v) : v });
          },
        },
      });
      return input;
    };
    const addLabel = h('input', {
      attrs: { placeholder: 'add label', 'aria-label': 'add label', 'data-field': 'add_labels' },
      on: { keydown: (e) => e.key === 'Enter' && addLabel.value.trim() && void save({ add_labels: [addLabel.value.trim()] }) },
    });

    const fields = h(
      'dl',
      { class: 'fields' },
      row('status', select('status', WRITABLE_STATUSES, issue.status)),
      row('priority', select('priority', PRIORITIES, String(issue.priority ?? ''))),
      row('type', select('issue_type', TYPES, String(issue.issue_type ?? 'other'))),
      row('milestone', select('milestone', milestones, issue.milestone ?? '', [['', '(backlog)']])),
      row('assignee', text('assignee', issue.assignee)),
      row('estimate (h)', text('estimated_hours', issue.estimated_hours, 'number', { min: 0, step: 0.5 })),
      row('progress (%)', text('progress_percentage', issue.progress_percentage, 'number', { min: 0, max: 100, step: 5 })),
      row(
        'labels',
        h(
          'div',
          { class: 'labels' },
          labels.map((label) =>
            h('span', { class: 'label' }, label, h('button', { class: 'remove', attrs: { type: 'button', 'aria-label': `remove label ${label}` }, on: { click: () => void save({ remove_labels: [label] }) } }, '×')),
          ),
          addLabel,
        ),
      ),
      row('created', day(issue.created)),
      row('updated', day(issue.updated)),
      row('file', h('code', null, issue.path)),
    );

    const others = Object.entries(issue).filter(([key, value]) => !SHOWN.has(key) && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0));
    const deps = h(
      'div',
      { class: 'deps' },
      depList('Depends on', issue.dependencies.depends_on),
      depList('Blocks', issue.dependencies.blocks),
    );
    const body = editingBody ? bodyEditor(issue) : h('div', { class: 'body' }, h('div', { class: 'body-head' }, h('button', { attrs: { type: 'button' }, on: { click: () => ((editingBody = true), render(issue)) } }, 'edit text')), renderMarkdown(issue.body));

    const keep = editingBody ? el.querySelector('.body-editor') : null;
    redraw(
      h('p', { class: 'crumbs' }, h('a', { href: '#/issues' }, '‹ issues'), ' ', h('span', { class: 'id' }, issue.id), ' ', statusBadge(issue.status)),
      title,
      h(
        'div',
        { class: 'issue-grid' },
        h('div', { class: 'main' }, keep ?? body, deps),
        h(
          'aside',
          null,
          fields,
          others.length ? h('details', { class: 'other-fields' }, h('summary', null, `other fields (${others.length})`), h('dl', { class: 'fields' }, others.map(([k, v]) => row(k, typeof v === 'object' ? JSON.stringify(v) : String(v))))) : null,
        ),
      ),
    );
    if (focused) {
      const again = el.querySelector<HTMLElement>(`[data-field="${CSS.escape(focused)}"]`);
      if (again instanceof HTMLInputElement && typing !== undefined) again.value = typing;
      again?.focus();
      if (again instanceof HTMLInputElement && caret && again.selectionStart !== null) again.setSelectionRange(...caret);
    }
  }

  function redraw(...children: Child[]) {
    redrawing = true;
    try {
      replace(el, ...children);
    } finally {
      redrawing = false;
    }
  }

  function bodyEditor(issue: IssueDetail): HTMLElement {
    const area = h('textarea', { attrs: { rows: 18, 'aria-label': 'body', 'data-field': 'body' } });
    area.value = issue.body;
    return h(
      'div',
      { class: 'body-editor' },
      area,
      h(
        'div',
        { class: 'buttons' },
        h('button', { attrs: { type: 'button' }, on: { click: () => ((editingBody = false), void save({ body: area.value })) } }, 'save'),
        h('button', { attrs: { type: 'button' }, on: { click: () => ((editingBody = false), current && render(current)) } }, 'cancel'),
      ),
    );
  }

  return { el, refresh, destroy: () => loader.stop() };
}

function row(label: string, value: Node | string): HTMLElement[] {
  return [h('dt', null, label), h('dd', null, value)];
}

function depList(heading: string, deps: DependencyJson[]): HTMLElement {
  return h(
    'div',
    { class: 'dep-list' },
    h('h3', null, heading, ' ', h('span', { class: 'muted' }, String(deps.length))),
    deps.length === 0
      ? h('p', { class: 'muted' }, 'nothing')
      : h('ul', null, deps.map((d) => h('li', null, d.missing ? [h('span', { class: 'id' }, d.id), ' ', h('em', { class: 'muted' }, '(no such issue)')] : [issueLink(d.id, d.id), ' ', d.title, ' ', statusBadge(d.status)]))),
  );
}

/** The page: a view per address (`#/board`, `#/issues`, `#/issue/ID`, …), kept live. */
import { api } from './api.ts';
import { debounce, replace } from './dom.ts';
import { connectLive } from './live.ts';
import type { View } from './ui.ts';
import { boardView } from './views/board.ts';
import { issueView } from './views/issue.ts';
import { issuesView } from './views/issues.ts';
import { milestonesView } from './views/milestones.ts';
import { roadmapView } from './views/roadmap.ts';
import './style.css';

const main = document.getElementById('view')!;
let current: { view: View } | undefined;

function route(): { name: string; make: () => View } {
  const hash = location.hash.replace(/^#/, '') || '/board';
  const [path = '', search = ''] = hash.split('?', 2);
  const params = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'issues':
      return { name: 'issues', make: () => issuesView(params) };
    case 'issue':
      return { name: 'issues', make: () => issueView(decodeURIComponent(parts[1] ?? '')) };
    case 'milestones':
      return { name: 'milestones', make: () => milestonesView() };
    case 'roadmap':
      return { name: 'roadmap', make: () => roadmapView() };
    default:
      return { name: 'board', make: () => boardView(params) };
  }
}

function show(): Promise<void> {
  const next = route();
  // Views record their filters with history.replaceState, which fires no hashchange: every
  // hashchange is a real navigation, and gets a fresh view.
  current?.view.destroy?.();
  const view = next.make();
  current = { view };
  for (const tab of document.querySelectorAll<HTMLElement>('.tabs a')) tab.classList.toggle('active', tab.dataset.view === next.name);
  replace(main, view.el);
  return view.refresh();
}

window.addEventListener('hashchange', () => void show());
const firstView = show();

const live = document.getElementById('live')!;
// Bursts arrive already gathered by the server's watcher; this only merges back-to-back events.
const refresh = debounce(() => void current?.view.refresh(), 20);
connectLive(
  () => refresh(),
  (state) => {
    live.textContent = state === 'live' ? 'live' : 'reconnecting…';
    live.className = `live ${state}`;
    live.title = state === 'live' ? 'changes on disk show here as they happen' : 'lost the server; trying again';
  },
);

// The project's name and skipped files: once the first view has drawn (it matters less).
const showProject = () =>
  api.project().then(
    (project) => {
      document.getElementById('project-name')!.textContent = project.name;
      document.title = `${project.name} · roadmap`;
      if (project.problems.length > 0) {
        live.title = `${project.problems.length} file(s) could not be read and are skipped: ${project.problems.map((p) => `${p.path}:${p.line}`).join(', ')}`;
      }
    },
    () => {},
  );
void firstView.finally(showProject);

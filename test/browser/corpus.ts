/**
 * A made-up project for the web view's tests, screenshots and first-paint measurement: issues
 * spread over a few milestones with due dates, created and finished over the past weeks (so the
 * burndowns have a shape), estimates, assignees, labels, dependencies and a roadmap. Files in
 * the seed-era layout of FORMAT.md; deterministic for a given size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY = 86_400_000;
const STATUSES = ['todo', 'todo', 'in-progress', 'review', 'blocked', 'done', 'done', 'done'];
const PRIORITIES = ['critical', 'high', 'high', 'medium', 'medium', 'medium', 'low'];
const PEOPLE = ['ada', 'grace', 'linus', 'barbara', 'ken', null];
const LABELS = ['ui', 'api', 'docs', 'perf', 'bug', 'cli', 'store'];
const VERBS = ['Add', 'Fix', 'Speed up', 'Document', 'Refactor', 'Test', 'Remove', 'Support'];
const THINGS = ['board drag and drop', 'milestone burndown', 'search ranking', 'index rebuild', 'CSV export', 'roadmap timeline', 'login page', 'status command', 'label filter', 'watcher debounce', 'config parsing', 'dependency graph'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface Corpus {
  ids: string[];
  milestones: string[];
}

/** Write `.roadmap/` into `dir` with `count` issues; `now` fixes "today" for the dates. */
export function writeCorpus(dir: string, count: number, now = Date.now()): Corpus {
  const rnd = random(count * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const root = join(dir, '.roadmap');
  for (const sub of ['issues', 'milestones', 'roadmaps']) mkdirSync(join(root, sub), { recursive: true });
  writeFileSync(join(root, 'config.yaml'), 'project:\n  name: demo\n');

  const milestones = [
    { name: 'v1.0', due: now - 10 * DAY, status: 'closed' },
    { name: 'v1.1', due: now + 12 * DAY, status: 'open' },
    { name: 'v1.2', due: now + 40 * DAY, status: 'open' },
    { name: 'v2.0', due: now + 100 * DAY, status: 'open' },
    { name: 'v1.1-hotfix', due: now - 3 * DAY, status: 'open' },
  ];
  for (const m of milestones) {
    writeFileSync(
      join(root, 'milestones', `${m.name.replace(/[^a-z0-9-]/gi, '')}.md`),
      `---\nname: ${m.name}\ndescription: ${quote(`Release ${m.name}`)}\ndue_date: '${date(m.due)}'\nstatus: ${m.status}\ngithub_milestone: null\ncreated: '${iso(now - 80 * DAY)}'\nupdated: '${iso(now - 5 * DAY)}'\n---\n\n# ${m.name}\n`,
    );
  }
  writeFileSync(
    join(root, 'roadmaps', 'a1b2c3d4-product.md'),
    `---\nid: a1b2c3d4\nname: Product\ndescription: The releases of the year\nstatus: active\npriority: high\nowner: ada\nstart_date: '${date(now - 70 * DAY)}'\ntarget_end_date: '${date(now + 100 * DAY)}'\nactual_end_date: null\ncreated: '${iso(now - 70 * DAY)}'\nupdated: '${iso(now - 70 * DAY)}'\nmilestones:\n- v1.0\n- v1.1\n- v1.2\n- v2.0\nestimated_hours: null\nactual_hours: null\n---\n\n# Product\n`,
  );

  const ids: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    let id: string;
    do id = Math.floor(rnd() * 0xffffffff).toString(16).padStart(8, '0');
    while (seen.has(id));
    seen.add(id);
    ids.push(id);
  }
  ids.forEach((id, i) => {
    const milestone = i % 9 === 8 ? null : pick(milestones.slice(0, 4));
    const closedMilestone = milestone?.status === 'closed';
    const status = closedMilestone ? 'done' : pick(STATUSES);
    const created = now - Math.floor((milestone ? 75 : 60) * DAY * rnd()) - DAY;
    const done = status === 'done' ? Math.min(now - DAY / 2, created + Math.floor(30 * DAY * rnd())) : null;
    const estimate = rnd() < 0.7 ? pick([1, 2, 3, 5, 8, 13]) : null;
    const progress = status === 'done' ? 100 : status === 'in-progress' || status === 'review' ? pick([20, 40, 60, 80]) : null;
    const labels = [...new Set([pick(LABELS), ...(rnd() < 0.3 ? [pick(LABELS)] : [])])];
    const depends = i > 3 && rnd() < 0.15 ? [ids[Math.floor(rnd() * i)]!] : [];
    const title = `${pick(VERBS)} ${pick(THINGS)}${count > 50 ? ` #${i + 1}` : ''}`;
    const slug = title.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ +/g, '-');
    const fields = [
      `id: '${id}'`,
      `title: ${quote(title)}`,
      `priority: ${pick(PRIORITIES)}`,
      `status: ${status}`,
      `issue_type: ${pick(['feature', 'feature', 'bug', 'other'])}`,
      `milestone: ${milestone ? quote(milestone.name) : 'null'}`,
      `labels:\n${labels.map((l) => `- ${l}`).join('\n')}`,
      'github_issue: null',
      `created: '${iso(created)}'`,
      `updated: '${iso(done ?? created + DAY)}'`,
      `assignee: ${pick(PEOPLE) ?? 'null'}`,
      `estimated_hours: ${estimate ?? 'null'}`,
      `depends_on: ${depends.length ? `\n${depends.map((d) => `- ${d}`).join('\n')}` : '[]'}`,
      'blocks: []',
      `actual_start_date: ${progress !== null ? `'${iso(created + DAY)}'` : 'null'}`,
      `actual_end_date: ${done ? `'${iso(done)}'` : 'null'}`,
      `progress_percentage: ${progress ?? 'null'}`,
      'handoff_notes: null',
      'previous_assignee: null',
      'handoff_date: null',
      'git_branches: []',
      'git_commits: []',
      `completed_date: ${done ? `'${iso(done)}'` : 'null'}`,
    ];
    const body = `# ${title}\n\n## Description\n\nWhat **${title.toLowerCase()}** means for users, and why it matters.\n\n## Acceptance criteria\n\n- [x] Agreed on the approach\n- [ ] Tests cover it\n- [ ] Documented in \`README.md\`\n`;
    writeFileSync(join(root, 'issues', `${id}-${slug}.md`), `---\n${fields.join('\n')}\n---\n\n${body}`);
  });
  return { ids, milestones: milestones.map((m) => m.name) };
}

/**
 * The optional comparison with taskwarrior: the same issues imported as tasks, and the list
 * that matches `issue list --status todo --assignee A`. Skipped silently without `task`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PRIORITY = { critical: 'H', high: 'H', medium: 'M', low: 'L' };
const DONE = new Set(['done', 'closed', 'completed']);

/** Returns { label, argv, env } for the timed command, or null when taskwarrior is missing. */
export function prepareTaskwarrior({ dir, picks, log }) {
  const version = spawnSync('task', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return null;
  const home = join(dir, '.taskwarrior');
  const taskrc = join(home, 'taskrc');
  const data = join(home, 'data');
  const env = { ...process.env, TASKRC: taskrc, TASKDATA: data, NO_COLOR: '1' };
  const manifest = readFileSync(join(dir, 'bench.json'), 'utf8');
  const marker = join(home, 'imported-from.json');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== manifest) {
    rmSync(home, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    writeFileSync(taskrc, [
      `data.location=${data}`, 'confirmation=off', 'verbose=nothing', 'color=off', 'news.version=9.9.9',
      'uda.assignee.type=string', 'uda.assignee.label=Assignee', 'uda.state.type=string', 'uda.state.label=State', '',
    ].join('\n'));
    const tasks = readIssues(join(dir, '.roadmap', 'issues')).map(toTask);
    const file = join(home, 'tasks.json');
    writeFileSync(file, JSON.stringify(tasks));
    log(`taskwarrior ${version.stdout.trim()}: importing ${tasks.length} tasks ...`);
    const t = performance.now();
    const r = spawnSync('task', ['import', file], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) {
      log(`taskwarrior import failed (${(r.stderr || r.stdout).split('\n')[0]}): skipped`);
      return null;
    }
    log(`taskwarrior: imported in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    writeFileSync(marker, manifest);
  }
  const filter = ['state:todo', `assignee:${picks.assignee}`];
  return {
    label: `task ${filter.join(' ')} list`,
    argv: ['task', 'rc.verbose=nothing', 'rc.color=off', ...filter, 'list'],
    env,
  };
}

function readIssues(folder) {
  const out = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.md')) continue;
    const text = readFileSync(join(folder, name), 'utf8');
    const end = text.indexOf('\n---\n', 4);
    const fields = {};
    let list = null;
    for (const line of text.slice(4, end).split('\n')) {
      const m = /^(\w+):(?: (.*))?$/.exec(line);
      if (m) {
        list = m[2] === undefined ? (fields[m[1]] = []) : null;
        if (m[2] !== undefined) fields[m[1]] = unquote(m[2]);
      } else if (list && line.startsWith('- ')) list.push(unquote(line.slice(2)));
    }
    fields.title = /^# (.*)$/m.exec(text.slice(end + 5))?.[1] ?? name;
    out.push(fields);
  }
  return out;
}

const unquote = (v) => (v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : v === 'null' ? null : v);

/** Taskwarrior's date format: 20250101T120000Z. */
const twDate = (iso) => new Date(`${iso.slice(0, 19)}Z`).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function toTask(f) {
  const h = createHash('sha1').update(String(f.id)).digest('hex');
  const status = DONE.has(f.status) ? 'completed' : f.status === 'archived' ? 'deleted' : 'pending';
  const task = {
    uuid: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`,
    description: f.title,
    status,
    entry: twDate(f.created),
    modified: twDate(f.updated),
    state: f.status,
  };
  if (status !== 'pending') task.end = twDate(f.updated);
  if (PRIORITY[f.priority]) task.priority = PRIORITY[f.priority];
  if (f.milestone && f.milestone !== "''") task.project = f.milestone;
  if (f.assignee) task.assignee = f.assignee;
  const tags = (Array.isArray(f.labels) ? f.labels : []).filter((l) => /^[\w-]+$/.test(l));
  if (tags.length) task.tags = tags;
  return task;
}

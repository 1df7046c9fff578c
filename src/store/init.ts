/** Create a `.roadmap/` folder, or fill in what an existing one lacks; never overwrite. */
import { existsSync, lstatSync, mkdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { RoadmapError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { CONFIG_FILE, readConfig } from './config.js';
import { renderYaml } from './frontmatter.js';
import type { RoadmapPaths } from './layout.js';

/** Derived files that must never be committed: the index, its journal, the lock, temp files. */
export const IGNORED = ['index.db', 'index.db-wal', 'index.db-shm', 'index.db-journal', '.lock', '.*.tmp', 'watch.json', 'watch.sock', '.watch-cookie-*'];

/**
 * `name` goes into a new config.yaml; `projectName` is the name the project has afterwards
 * (null when config.yaml cannot be read), so a caller can tell whether its name was taken.
 */
export function initRoadmap(paths: RoadmapPaths, name: string): { created: boolean; added: string[]; projectName: string | null } {
  const there = lstatQuietly(paths.dir);
  if (there && !existsSync(paths.dir)) {
    throw new RoadmapError(`${paths.dir} is a link to a folder that does not exist; fix or remove it, then run roadmap init again`);
  }
  const created = there === undefined;
  if (!created && !statSync(paths.dir).isDirectory()) {
    throw new RoadmapError(`${paths.dir} is a file, not a folder; move it aside, then run roadmap init again`);
  }
  const added: string[] = [];
  for (const folder of ['issues', 'milestones', 'roadmaps']) {
    const path = join(paths.dir, folder);
    if (existsSync(path)) continue;
    // Older projects keep roadmaps in projects/; do not add a second home for them.
    if (folder === 'roadmaps' && existsSync(join(paths.dir, 'projects'))) continue;
    mkdirSync(path, { recursive: true });
    added.push(`${folder}/`);
  }
  const config = join(paths.dir, CONFIG_FILE);
  if (!existsSync(config)) {
    writeFileAtomic(config, renderYaml({ project: { name }, storage: { use_index: true } }));
    added.push(CONFIG_FILE);
  }
  if (ensureGitignore(paths.dir)) added.push('.gitignore');
  let projectName: string | null = null;
  try {
    const value = readConfig(paths.dir).get('project.name');
    projectName = typeof value === 'string' ? value : null;
  } catch {
    // A config.yaml that cannot be read is left as it is; init does not judge it.
  }
  return { created, added, projectName };
}

function lstatQuietly(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Make sure .roadmap/.gitignore names every derived file; keep the user's own lines. */
export function ensureGitignore(dir: string): boolean {
  const path = join(dir, '.gitignore');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  const missing = IGNORED.filter((entry) => !lines.has(entry));
  if (missing.length === 0) return false;
  const header = current === '' ? '# Derived by roadmap; rebuilt from the Markdown files at any time.\n' : current.endsWith('\n') ? '' : '\n';
  writeFileAtomic(path, current + header + missing.join('\n') + '\n');
  return true;
}

/**
 * The project as Markdown files and nothing else: every query reads the files, every write
 * edits one field's lines in place, atomically, under the folder's lock. The source of truth,
 * and the fallback whenever the index cannot be used.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { RoadmapError, RunElsewhere, ValidationError } from '../errors.js';
import { type FieldEdit, type IssueChange, isEmptyChange, planIssueEdits } from '../domain/change.js';
import { followFieldsInBody, type Titled } from '../domain/body.js';
import { allStrings, type Fields } from '../domain/fields.js';
import { DependencyGraph, type DependencyNode } from '../domain/graph.js';
import { resolveId } from '../domain/ids.js';
import {
  type Issue, type IssueDocument, issueFromFields, type NewIssue, newIssueBody, newIssueFields, normalizeMilestone,
} from '../domain/issue.js';
import { type Milestone, milestoneFromFields, milestoneNamed, type NewMilestone, newMilestoneBody, newMilestoneFields } from '../domain/milestone.js';
import { DEFAULT_SORT, issueComparator, issueMatches, type IssueQuery } from '../domain/query.js';
import { type NewRoadmap, newRoadmapBody, newRoadmapFields, type Roadmap, roadmapFromFields } from '../domain/roadmap.js';
import { compareHits, matchTier, queryTerms } from '../domain/search.js';
import { folderSlug, slugify } from '../domain/slug.js';
import { doneSpellingOf } from '../domain/values.js';
import { AtomicBatch } from './atomic.js';
import { type Config, readConfigOrDefaults, parseSettingValue, writeConfigValue } from './config.js';
import { type GitCopy, gitCopies } from './git.js';
import { editEntityFile, FrontMatterError, parseEntityFile, renderEntityFile, replaceBody, type YamlEdit } from './frontmatter.js';
import { type EntityFile, type EntityKind, entityFolders, type RoadmapPaths } from './layout.js';
import { bulkReadPacer } from './memory.js';
import { withLock } from './lock.js';
import { parseEntity } from './entity.js';
import type { Catalog } from './catalog.js';
import type { Problem, ProgressRow, SearchHit, Storage, UpdateResult } from './storage.js';

/** A file the store wrote or removed, reported to the index so it can follow in step. */
export interface FileChange {
  kind: EntityKind;
  /** Relative to the repository root. */
  rel: string;
  removed: boolean;
}

/** A write asked of a read-only store; thrown before anything is written. */
export class WriteRefused extends RunElsewhere {
  constructor() {
    super('this store only reads: the command writes, so it must run in its own process');
  }
}

export interface FileStoreOptions {
  clock?: () => Date;
  /** Where writes look things up; by default a scan of the files, once per write. */
  catalog?: () => Catalog;
  /** Called under the write lock after files changed, before the lock is released. */
  onWrite?: (changes: FileChange[]) => void;
  /** A warning for the user: a malformed config.yaml, skipped. */
  warn?: (message: string) => void;
  /**
   * Refuse every write (WriteRefused, before the lock is taken): the store the watcher answers
   * other processes' reads with (src/cli/relay), where a write must be made by its own process.
   */
  readOnly?: boolean;
  /** Why the index is not answering, when this store stands in for it. */
  whyNoIndex?: string;
}

/** An entity file read whole. */
export interface ReadFile {
  file: Pick<EntityFile, 'kind' | 'abs' | 'rel'>;
  text: string;
  fields: Fields;
  body: string;
}

/** New timestamps: ISO 8601 in UTC with an explicit offset, as later Python versions wrote. */
export function timestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

export class FileStore implements Storage {
  readonly mode = 'files' as const;
  private readonly problemsByPath = new Map<string, Problem>();
  private readonly clock: () => Date;

  constructor(
    readonly paths: RoadmapPaths,
    private readonly options: FileStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  problems(): Problem[] {
    return [...this.problemsByPath.values()];
  }

  /** Why the index is not answering, when this store stands in for it. */
  get whyNoIndex(): string | undefined {
    return this.options.whyNoIndex;
  }

  close(): void {}

  refresh(): void {}

  // ---- reading -------------------------------------------------------------------------

  /** Read and parse one entity file; a malformed one is recorded as a problem and skipped. */
  readFile(file: Pick<EntityFile, 'kind' | 'abs' | 'rel'>): ReadFile | null {
    let text: string;
    try {
      text = readFileSync(file.abs, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      this.problem(file.rel, 1, `cannot read: ${(error as Error).message}`);
      return null;
    }
    try {
      const { fields, body } = parseEntity(file.kind, text);
      return { file, text, fields, body };
    } catch (error) {
      if (error instanceof FrontMatterError) {
        this.problem(file.rel, error.line, error.message);
        return null;
      }
      throw error;
    }
  }

  /** Edit a file's front matter; one that cannot be edited safely is named, and nothing is written. */
  private edited(rel: string, text: string, edits: YamlEdit[]): string {
    try {
      return editEntityFile(text, edits);
    } catch (error) {
      if (error instanceof FrontMatterError) throw new RoadmapError(`${rel}:${error.line}: ${error.message}; fix it by hand (nothing was written)`);
      throw error;
    }
  }

  private problem(path: string, line: number, message: string): void {
    this.problemsByPath.set(path, { path, line, message });
  }

  /** Folder by folder, file by file: a project of 100,000 files is never listed whole. */
  private *readAll(kind: EntityKind): Generator<ReadFile> {
    const memory = bulkReadPacer();
    for (const [folder, files] of entityFolders(this.paths, kind)) {
      for (let i = 0; i < files.length; i++) {
        const name = files.name(i);
        const file: EntityFile = { kind: folder.kind, abs: folder.abs + sep + name, rel: `${folder.rel}/${name}`, mtimeMs: files.mtime(i), size: files.size(i) };
        const read = this.readFile(file);
        memory.read(1);
        if (read) yield read;
      }
    }
  }

  allIssues(): Issue[] {
    return [...this.readAll('issue')].map((r) => issueFromFields(r.fields, r.file.rel));
  }

  /**
   * Files are read one at a time and only matching issues are kept (with, when the query
   * needs the dependency graph, a light node of every issue): a filtered list of 100,000 files
   * holds its answer, not the project.
   */
  listIssues(query: IssueQuery): Issue[] {
    const needsGraph = Boolean(query.blocked || query.ready);
    const nodes: DependencyNode[] = [];
    let matching: Issue[] = [];
    for (const read of this.readAll('issue')) {
      const issue = issueFromFields(read.fields, read.file.rel);
      if (needsGraph) nodes.push({ id: issue.id, title: issue.title, status: issue.status, dependsOn: issue.dependsOn, blocks: issue.blocks });
      if (issueMatches(issue, query)) matching.push(issue);
    }
    if (needsGraph) {
      const graph = new DependencyGraph(nodes);
      matching = matching.filter((issue) => (!query.blocked || graph.isBlocked(issue.id)) && (!query.ready || graph.isReady(issue.id)));
    }
    matching.sort(issueComparator(query.sort ?? DEFAULT_SORT));
    return query.limit !== undefined ? matching.slice(0, query.limit) : matching;
  }

  listIssueSummaries(query: IssueQuery): Issue[] {
    return this.listIssues(query);
  }

  resolveIssues(refs: string[]): Issue[] {
    const all = this.allIssues();
    return refs.map((ref) => resolveId(ref, 'issue', all));
  }

  getIssue(ref: string): IssueDocument {
    const [issue] = this.resolveIssues([ref]);
    return this.readIssueAt(issue!.path);
  }

  /** Read one issue file by its path (relative to the root). */
  readIssueAt(rel: string): IssueDocument {
    const read = this.readFile({ kind: 'issue', abs: this.abs(rel), rel });
    if (!read) {
      const problem = this.problemsByPath.get(rel);
      throw new RoadmapError(problem ? `${rel}:${problem.line}: ${problem.message}` : `${rel} no longer exists`);
    }
    return { ...issueFromFields(read.fields, rel), body: read.body };
  }

  dependencyNodes(_around?: string): DependencyNode[] {
    return this.allIssues();
  }

  countIssues(query: IssueQuery): number {
    return this.listIssues({ ...query, limit: undefined }).length;
  }

  progressRows(): ProgressRow[] {
    return this.allIssues();
  }

  search(text: string, limit?: number): SearchHit[] {
    const terms = queryTerms(text);
    const hits: Array<SearchHit & { tier: SearchHit['matchedIn']; updated: string | null; id: string; path: string }> = [];
    for (const read of this.readAll('issue')) {
      const issue = issueFromFields(read.fields, read.file.rel);
      const tier = matchTier(terms, {
        title: issue.title,
        labels: issue.labels,
        body: read.body,
        comments: allStrings(read.fields.comments).join('\n'),
      });
      if (tier) hits.push({ issue, matchedIn: tier, tier, updated: issue.updated, id: issue.id, path: issue.path });
    }
    hits.sort(compareHits);
    return hits.slice(0, limit ?? hits.length).map(({ issue, matchedIn }) => ({ issue, matchedIn }));
  }

  listMilestones(): Milestone[] {
    return [...this.readAll('milestone')].map((r) => milestoneFromFields(r.fields, r.file.rel));
  }

  getMilestone(name: string): Milestone {
    return findMilestone(name, this.listMilestones());
  }

  listRoadmaps(): Roadmap[] {
    return [...this.readAll('roadmap')].map((r) => roadmapFromFields(r.fields, r.file.rel));
  }

  getRoadmap(ref: string): Roadmap & { body: string } {
    const roadmap = resolveId(ref, 'roadmap', this.listRoadmaps());
    const read = this.readFile({ kind: 'roadmap', abs: this.abs(roadmap.path), rel: roadmap.path });
    return { ...roadmap, body: read?.body ?? '' };
  }

  config(): Config {
    const { config, sound } = readConfigOrDefaults(this.paths.dir, (message) => {
      if (!this.warnedOfConfig) this.options.warn?.(message);
    });
    this.warnedOfConfig = !sound;
    return config;
  }

  /** A malformed config.yaml is named once, however often the settings are read. */
  private warnedOfConfig = false;

  gitCopies(paths: string[]): Map<string, GitCopy> {
    return gitCopies(this.paths.root, paths);
  }

  setConfig(key: string, text: string, force = false): unknown {
    if (this.options.readOnly) throw new WriteRefused();
    const value = parseSettingValue(key, text);
    writeConfigValue(this.paths.dir, key, value, force);
    return value;
  }

  // ---- writing -------------------------------------------------------------------------

  private now(): string {
    return timestamp(this.clock());
  }

  private abs(rel: string): string {
    return join(this.paths.root, ...rel.split('/'));
  }

  private rel(abs: string): string {
    return relative(this.paths.root, abs).split(sep).join('/');
  }

  /** The files the current write changes: they land together when it returns, or not at all. */
  private batch: AtomicBatch | undefined;

  private pending(): AtomicBatch {
    if (!this.batch) throw new Error('a file was written outside FileStore.write');
    return this.batch;
  }

  private writeFile(abs: string, text: string): void {
    this.pending().write(abs, text);
  }

  private moveFile(from: string, to: string, text: string): void {
    this.pending().move(from, to, text);
  }

  private deleteFile(abs: string): void {
    this.pending().remove(abs);
  }

  /** Run a write under the lock, then tell the index what changed, still under the lock. */
  private write<T>(fn: (changes: FileChange[], catalog: Catalog) => T): T {
    if (this.options.readOnly) throw new WriteRefused();
    return withLock(this.paths.dir, (lock) => {
      const changes: FileChange[] = [];
      const catalog = this.options.catalog?.() ?? new ScanCatalog(this);
      const batch = (this.batch = new AtomicBatch((abs) => this.rel(abs)));
      let result: T;
      try {
        result = fn(changes, catalog);
        batch.commit();
      } catch (error) {
        batch.abort();
        throw error;
      } finally {
        this.batch = undefined;
      }
      lock.refresh();
      if (changes.length > 0) this.options.onWrite?.(changes);
      return result;
    });
  }

  createIssue(input: NewIssue): Issue {
    return this.write((changes, catalog) => {
      const dependsOn = (input.dependsOn ?? []).map((ref) => catalog.resolveIssue(ref).id);
      // The milestone as its file names it, whatever case it was typed in.
      const named = normalizeMilestone(input.milestone);
      const milestone = named ? findMilestone(named, catalog.milestones()).name : null;
      const id = newId((candidate) => catalog.hasIssueId(candidate));
      const status = input.status === 'done' ? doneSpellingOf(catalog.statusCounts()) : input.status;
      const fields = newIssueFields({ ...input, status, milestone, dependsOn }, id, this.now());
      const folder = this.issueFolderFor(milestone, catalog);
      const abs = join(folder, `${id}-${slugify(input.title)}.md`);
      this.writeFile(abs, renderEntityFile(fields, newIssueBody(input.title, input.body)));
      const rel = this.rel(abs);
      changes.push({ kind: 'issue', rel, removed: false });
      return issueFromFields(fields, rel);
    });
  }

  updateIssues(refs: string[], change: IssueChange): UpdateResult[] {
    if (isEmptyChange(change)) throw new ValidationError('nothing to change: give at least one field to set');
    return this.write((changes, catalog) => {
      const targets = refs.map((ref) => catalog.resolveIssue(ref));
      const resolved = resolveDependencyRefs(change, catalog);
      // '' and `backlog` mean the backlog, as they do in the files.
      if (resolved.milestone !== undefined) resolved.milestone = normalizeMilestone(resolved.milestone);
      if (resolved.milestone) resolved.milestone = findMilestone(resolved.milestone, catalog.milestones()).name;
      if (resolved.addDependsOn?.length) checkNoCycles(catalog, targets, resolved.addDependsOn);
      // Done is written the way the project already writes it (`closed` in later Python folders).
      if (resolved.status === 'done') resolved.status = doneSpellingOf(catalog.statusCounts());
      const now = this.now();
      // Plan every file before writing any, so a bad one stops the batch before it starts.
      const plans: Array<{ issue: Issue; text: string | null; from: string; to: string }> = [];
      const seen = new Set<string>();
      for (const target of targets) {
        if (seen.has(target.path)) continue;
        seen.add(target.path);
        const read = this.readFile({ kind: 'issue', abs: this.abs(target.path), rel: target.path });
        if (!read) throw new RoadmapError(`${target.path} changed while it was being read; nothing was written`);
        const issue = issueFromFields(read.fields, target.path);
        const edits = planIssueEdits(issue, resolved, now);
        if (edits.length === 0) {
          plans.push({ issue, text: null, from: target.path, to: target.path });
          continue;
        }
        edits.push({ key: 'updated', value: now });
        let text = this.edited(target.path, read.text, toYamlEdits(edits));
        const retitled = edits.find((edit) => edit.key === 'title');
        if (retitled) {
          // The body opens with the title as its heading (ours and the Python tool's): it follows.
          const body = followFieldsInBody(read.body, { name: issue.title, description: '' }, { name: String(retitled.value), description: '' });
          if (body !== read.body) text = replaceBody(text, body);
        }
        const to = edits.some((e) => e.key === 'milestone') ? this.movedPath(issue.path, resolved.milestone ?? null, catalog) : issue.path;
        plans.push({ issue: issueFromFields(parseEntityFile(text).fields, to), text, from: issue.path, to });
      }
      return plans.map(({ issue, text, from, to }): UpdateResult => {
        if (text === null) return { issue, changed: false };
        this.moveFile(this.abs(from), this.abs(to), text);
        changes.push({ kind: 'issue', rel: to, removed: false });
        if (from !== to) {
          changes.push({ kind: 'issue', rel: from, removed: true });
          return { issue, changed: true, movedFrom: from };
        }
        return { issue, changed: true };
      });
    });
  }

  setIssueBody(ref: string, body: string): UpdateResult {
    return this.write((changes, catalog) => {
      const issue = catalog.resolveIssue(ref);
      const read = this.readFile({ kind: 'issue', abs: this.abs(issue.path), rel: issue.path });
      if (!read) throw new RoadmapError(`${issue.path} could not be read; nothing was written`);
      if (read.body === body) return { issue: issueFromFields(read.fields, issue.path), changed: false };
      const text = this.edited(issue.path, replaceBody(read.text, body), [{ path: ['updated'], value: this.now() }]);
      this.writeFile(this.abs(issue.path), text);
      changes.push({ kind: 'issue', rel: issue.path, removed: false });
      return { issue: issueFromFields(parseEntityFile(text).fields, issue.path), changed: true };
    });
  }

  deleteIssues(refs: string[]): Issue[] {
    return this.write((changes, catalog) => {
      // An id given twice (or by two prefixes) is one file, deleted and reported once.
      const targets = [...new Map(refs.map((ref) => catalog.resolveIssue(ref)).map((issue) => [issue.path, issue])).values()];
      for (const issue of targets) {
        this.deleteFile(this.abs(issue.path));
        changes.push({ kind: 'issue', rel: issue.path, removed: true });
      }
      return targets;
    });
  }

  createMilestone(input: NewMilestone): Milestone {
    return this.write((changes, catalog) => {
      const existing = catalog.milestones();
      if (existing.some((m) => m.name === input.name)) throw new ValidationError(`a milestone named "${input.name}" already exists`);
      const abs = this.freePath(join(this.paths.dir, 'milestones'), slugify(input.name));
      const fields = newMilestoneFields(input, this.now());
      this.writeFile(abs, renderEntityFile(fields, newMilestoneBody(input)));
      const rel = this.rel(abs);
      changes.push({ kind: 'milestone', rel, removed: false });
      return milestoneFromFields(fields, rel);
    });
  }

  updateMilestone(name: string, edits: FieldEdit[]): { milestone: Milestone; changed: boolean } {
    return this.write((changes, catalog) => {
      const all = catalog.milestones();
      const milestone = findMilestone(name, all);
      const rename = edits.find((e) => e.key === 'name' && e.value !== milestone.name);
      if (rename && all.some((m) => m.name === rename.value)) throw new ValidationError(`a milestone named "${String(rename.value)}" already exists`);
      // Every file of a rename is edited in memory first: one that cannot be edited stops it
      // before anything is written.
      const own = this.planEdit('milestone', milestone.path, edits);
      const references = rename ? this.planMilestoneRename(milestone.name, String(rename.value), catalog) : [];
      this.applyEdit('milestone', milestone.path, own, changes);
      for (const write of references) write(changes);
      return { milestone: milestoneFromFields(own.fields, milestone.path), changed: own.text !== null };
    });
  }

  /** Issues and roadmaps name milestones: a rename follows into each of them. Returns the writes. */
  private planMilestoneRename(from: string, to: string, catalog: Catalog): Array<(changes: FileChange[]) => void> {
    const now = this.now();
    const writes: Array<(changes: FileChange[]) => void> = [];
    for (const issue of catalog.issuesInMilestone(from)) {
      const read = this.readFile({ kind: 'issue', abs: this.abs(issue.path), rel: issue.path });
      if (!read) continue;
      const text = this.edited(issue.path, read.text, [{ path: ['milestone'], value: to }, { path: ['updated'], value: now }]);
      const target = this.movedPath(issue.path, to, catalog);
      writes.push((changes) => {
        this.moveFile(this.abs(issue.path), this.abs(target), text);
        changes.push({ kind: 'issue', rel: target, removed: false });
        if (target !== issue.path) changes.push({ kind: 'issue', rel: issue.path, removed: true });
      });
    }
    for (const roadmap of catalog.roadmaps().filter((r) => r.milestones.includes(from))) {
      const plan = this.planEdit('roadmap', roadmap.path, [{ key: 'milestones', value: roadmap.milestones.map((m) => (m === from ? to : m)) }]);
      writes.push((changes) => this.applyEdit('roadmap', roadmap.path, plan, changes));
    }
    return writes;
  }

  deleteMilestone(name: string): { milestone: Milestone; roadmaps: Roadmap[] } {
    return this.write((changes, catalog) => {
      const milestone = findMilestone(name, catalog.milestones());
      // Roadmaps that list it (in any case) drop it, as they follow a rename; planned first.
      const named = (m: string) => m.toLowerCase() === milestone.name.toLowerCase();
      const listing = catalog.roadmaps().filter((r) => r.milestones.some(named));
      const plans = listing.map((r) => this.planEdit('roadmap', r.path, [{ key: 'milestones', value: r.milestones.filter((m) => !named(m)) }]));
      this.deleteFile(this.abs(milestone.path));
      changes.push({ kind: 'milestone', rel: milestone.path, removed: true });
      listing.forEach((r, i) => this.applyEdit('roadmap', r.path, plans[i]!, changes));
      return { milestone, roadmaps: listing };
    });
  }

  createRoadmap(input: NewRoadmap): Roadmap {
    return this.write((changes, catalog) => {
      const existing = catalog.roadmaps();
      const milestones = catalog.milestones();
      for (const name of input.milestones ?? []) findMilestone(name, milestones);
      const id = newId((candidate) => existing.some((r) => r.id === candidate));
      const folder = existsSync(join(this.paths.dir, 'projects')) && !existsSync(join(this.paths.dir, 'roadmaps')) ? 'projects' : 'roadmaps';
      const abs = join(this.paths.dir, folder, `${id}-${slugify(input.name)}.md`);
      const fields = newRoadmapFields(input, id, this.now());
      this.writeFile(abs, renderEntityFile(fields, newRoadmapBody(input)));
      const rel = this.rel(abs);
      changes.push({ kind: 'roadmap', rel, removed: false });
      return roadmapFromFields(fields, rel);
    });
  }

  updateRoadmap(ref: string, edits: FieldEdit[] | ((current: Roadmap) => FieldEdit[])): { roadmap: Roadmap; changed: boolean } {
    return this.write((changes, catalog) => {
      const roadmap = resolveId(ref, 'roadmap', catalog.roadmaps());
      const result = this.editEntity('roadmap', roadmap.path, typeof edits === 'function' ? edits(roadmap) : edits, changes);
      return { roadmap: roadmapFromFields(result.fields, roadmap.path), changed: result.changed };
    });
  }

  deleteRoadmap(ref: string): Roadmap {
    return this.write((changes, catalog) => {
      const roadmap = resolveId(ref, 'roadmap', catalog.roadmaps());
      this.deleteFile(this.abs(roadmap.path));
      changes.push({ kind: 'roadmap', rel: roadmap.path, removed: true });
      return roadmap;
    });
  }

  /** Edit fields of one file in place; a file nothing changed is not written. */
  private editEntity(kind: EntityKind, rel: string, edits: FieldEdit[], changes: FileChange[]): { fields: Fields; changed: boolean } {
    const plan = this.planEdit(kind, rel, edits);
    this.applyEdit(kind, rel, plan, changes);
    return { fields: plan.fields, changed: plan.text !== null };
  }

  /** A file's text after the edits, or null when they change nothing; with its fields after. */
  private planEdit(kind: EntityKind, rel: string, edits: FieldEdit[]): { text: string | null; fields: Fields } {
    const read = this.readFile({ kind, abs: this.abs(rel), rel });
    if (!read) throw new RoadmapError(`${rel} could not be read; nothing was written`);
    const needed = edits.filter((edit) => !sameJson(valueAt(read.fields, edit.key), edit.value));
    if (needed.length === 0) return { text: null, fields: read.fields };
    let text = this.edited(rel, read.text, toYamlEdits([...needed, { key: 'updated', value: this.now() }]));
    const fields = parseEntityFile(text).fields;
    if (kind !== 'issue' && needed.some((edit) => edit.key === 'name' || edit.key === 'description')) {
      const body = followFieldsInBody(read.body, titled(read.fields), titled(fields));
      if (body !== read.body) text = replaceBody(text, body);
    }
    return { text, fields };
  }

  private applyEdit(kind: EntityKind, rel: string, plan: { text: string | null }, changes: FileChange[]): void {
    if (plan.text === null) return;
    this.writeFile(this.abs(rel), plan.text);
    changes.push({ kind, rel, removed: false });
  }

  // ---- layout --------------------------------------------------------------------------

  /**
   * Where a new issue goes: `issues/` itself in the seed-era flat layout, or the milestone's
   * own folder when the project already keeps a folder per milestone.
   */
  private issueFolderFor(milestone: string | null, catalog: Catalog, except?: string): string {
    const issuesDir = join(this.paths.dir, 'issues');
    if (!this.usesMilestoneFolders(issuesDir)) return issuesDir;
    const rootRel = this.rel(issuesDir);
    const sameMilestone = catalog.issuesInMilestone(milestone, 50).find((i) => i.path !== except && posix.dirname(posix.dirname(i.path)) === rootRel);
    if (sameMilestone) return this.abs(posix.dirname(sameMilestone.path));
    return join(issuesDir, milestone === null ? 'backlog' : folderSlug(milestone));
  }

  private usesMilestoneFolders(issuesDir: string): boolean {
    try {
      return readdirSync(issuesDir, { withFileTypes: true }).some((e) => e.isDirectory() && !e.name.startsWith('.'));
    } catch {
      return false;
    }
  }

  /** The path an issue should have after its milestone changed: moved only in the per-milestone layout. */
  private movedPath(current: string, milestone: string | null, catalog: Catalog): string {
    const issuesRel = this.rel(join(this.paths.dir, 'issues'));
    const folder = posix.dirname(current);
    if (posix.dirname(folder) !== issuesRel) return current;
    const target = this.rel(this.issueFolderFor(milestone, catalog, current));
    return target === folder ? current : `${target}/${posix.basename(current)}`;
  }

  /** `<folder>/<slug>.md`, or `<slug>-2.md` and so on when that name is taken. */
  private freePath(folder: string, slug: string): string {
    for (let n = 1; ; n++) {
      const abs = join(folder, n === 1 ? `${slug}.md` : `${slug}-${n}.md`);
      if (!existsSync(abs)) return abs;
    }
  }
}

/** Milestones are named, not numbered: exact name first, then a case-insensitive match. */
export function findMilestone(name: string, all: Milestone[]): Milestone {
  const found = milestoneNamed(name, all);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new ValidationError(`milestone "${name}" is in ${found.length} files: ${found.map((m) => m.path).sort().join(', ')}`);
  }
  const names = all.map((m) => m.name).sort();
  const hint = names.length > 0 ? ` (milestones: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})` : ' (there are none yet: `roadmap milestone create NAME`)';
  throw new ValidationError(`no milestone named "${name}"${hint}`);
}

/** 8 random hex characters, from the Web Crypto global (node:crypto is not loaded at start-up). */
function newId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (!taken(id)) return id;
  }
}

/** Dependency ids may be given as prefixes; the file always gets the full id. */
function resolveDependencyRefs(change: IssueChange, catalog: Catalog): IssueChange {
  const full = (refs?: string[]) => refs?.map((ref) => catalog.resolveIssue(ref).id);
  return { ...change, addDependsOn: full(change.addDependsOn), removeDependsOn: change.removeDependsOn?.map((ref) => {
    try {
      return catalog.resolveIssue(ref).id;
    } catch {
      return ref.toLowerCase();
    }
  }) };
}

function checkNoCycles(catalog: Catalog, targets: Issue[], dependencies: string[]): void {
  const graph = new DependencyGraph(catalog.dependencyNodes());
  for (const target of targets) {
    for (const dependency of dependencies) {
      const cycle = graph.cycleIfLinked(target.id, dependency);
      if (cycle) throw new ValidationError(`${target.id} cannot depend on ${dependency}: that would make a cycle ${cycle.join(' → ')}`);
    }
  }
}

/** A milestone's or roadmap's name and description, as its body repeats them. */
function titled(fields: Fields): Titled {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { name: text(fields.name), description: text(fields.description) };
}

function toYamlEdits(edits: FieldEdit[]): YamlEdit[] {
  return edits.map((edit) => ({ path: edit.key.split('.'), value: edit.value }));
}

function valueAt(fields: Fields, dotted: string): unknown {
  let at: unknown = fields;
  for (const key of dotted.split('.')) {
    if (at == null || typeof at !== 'object') return undefined;
    at = (at as Fields)[key];
  }
  return at;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}


/** The file store's own catalog: one scan of the files, made when first needed in a write. */
class ScanCatalog implements Catalog {
  private issues: Issue[] | undefined;
  private milestoneList: Milestone[] | undefined;
  private roadmapList: Roadmap[] | undefined;

  constructor(private readonly store: FileStore) {}

  private all(): Issue[] {
    return (this.issues ??= this.store.allIssues());
  }

  resolveIssue(ref: string): Issue {
    return resolveId(ref, 'issue', this.all());
  }

  hasIssueId(id: string): boolean {
    return this.all().some((i) => i.id === id);
  }

  issuesInMilestone(milestone: string | null, limit?: number): Issue[] {
    const found = this.all().filter((i) => i.milestone === milestone);
    return limit === undefined ? found : found.slice(0, limit);
  }

  dependencyNodes(): DependencyNode[] {
    return this.all();
  }

  milestones(): Milestone[] {
    return (this.milestoneList ??= this.store.listMilestones());
  }

  roadmaps(): Roadmap[] {
    return (this.roadmapList ??= this.store.listRoadmaps());
  }

  statusCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const issue of this.all()) counts.set(issue.status, (counts.get(issue.status) ?? 0) + 1);
    return counts;
  }
}

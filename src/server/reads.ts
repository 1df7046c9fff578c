/**
 * The store's answers, kept until files change. Every open page asks again after each change,
 * and the board, the list and the milestones ask overlapping questions: the first asker pays,
 * the others get the same answer. The watcher (and the server's own writes) start a new
 * generation; answers older than `maxAgeMs` are asked again anyway, in case a change was
 * missed. Nothing here reads a file: it only remembers what the store said.
 */
import type { DependencyNode } from '../domain/graph.js';
import type { Issue, IssueDocument } from '../domain/issue.js';
import type { Milestone } from '../domain/milestone.js';
import type { IssueQuery } from '../domain/query.js';
import type { Roadmap } from '../domain/roadmap.js';
import type { SearchHit, Storage } from '../store/storage.js';

interface Entry {
  at: number;
  value: unknown;
}

export class StoreReads {
  private readonly entries = new Map<string, Entry>();
  private generationNumber = 0;

  constructor(
    readonly store: Storage,
    private readonly options: { maxAgeMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {}

  /** Increases with every change seen: pages can tell whether what they show is current. */
  get generation(): number {
    return this.generationNumber;
  }

  /** Files changed: forget every answer. */
  invalidate(): void {
    this.entries.clear();
    this.generationNumber++;
  }

  private remember<T>(key: string, compute: () => T): T {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && now - hit.at <= (this.options.maxAgeMs ?? 30_000)) {
      // Most recently used last, so the oldest is the first to go.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    this.entries.set(key, { at: now, value });
    while (this.entries.size > (this.options.maxEntries ?? 64)) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  listIssues(query: IssueQuery): Issue[] {
    return this.remember(`issues ${JSON.stringify(query)}`, () => [...this.store.listIssues(query)]);
  }

  getIssue(ref: string): IssueDocument {
    return this.remember(`issue ${ref}`, () => this.store.getIssue(ref));
  }

  dependencyNodes(): DependencyNode[] {
    return this.remember('dependencies', () => [...this.store.dependencyNodes()]);
  }

  search(text: string, limit?: number): SearchHit[] {
    return this.remember(`search ${limit ?? ''} ${text}`, () => [...this.store.search(text, limit)]);
  }

  listMilestones(): Milestone[] {
    return this.remember('milestones', () => this.store.listMilestones());
  }

  listRoadmaps(): Roadmap[] {
    return this.remember('roadmaps', () => this.store.listRoadmaps());
  }
}

import { foldCase } from './fields.js';
import { isDoneStatus, isOpenStatus } from './values.js';

/** The part of an issue the dependency graph needs. */
export interface DependencyNode {
  id: string;
  title: string;
  status: string;
  dependsOn: string[];
  blocks: string[];
}

export interface DependencyTree {
  id: string;
  title: string;
  status: string;
  /** Referenced by an issue but no file holds it. */
  missing: boolean;
  /** This id is already on the path from the root: the edge closes a cycle. */
  cycle: boolean;
  /** Printed earlier in this tree; its children are not repeated. */
  repeated: boolean;
  children: DependencyTree[];
}

/**
 * Dependencies from both directions of the format: `A.depends_on: [B]` and `B.blocks: [A]`
 * say the same thing, and either alone is enough.
 */
export class DependencyGraph {
  private readonly nodes = new Map<string, DependencyNode>();
  private readonly dependencies = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();

  constructor(nodes: Iterable<DependencyNode>) {
    for (const node of nodes) this.nodes.set(node.id, node);
    for (const node of this.nodes.values()) {
      for (const dep of node.dependsOn) this.link(node.id, dep);
      for (const blocked of node.blocks) this.link(blocked, node.id);
    }
  }

  private link(dependent: string, dependency: string): void {
    if (dependent === '' || dependency === '') return;
    addTo(this.dependencies, dependent, dependency);
    addTo(this.dependents, dependency, dependent);
  }

  node(id: string): DependencyNode | undefined {
    return this.nodes.get(id);
  }

  dependenciesOf(id: string): string[] {
    return [...(this.dependencies.get(id) ?? [])].sort();
  }

  dependentsOf(id: string): string[] {
    return [...(this.dependents.get(id) ?? [])].sort();
  }

  /** Dependencies that exist and are not done (a dangling reference blocks nothing). */
  openDependenciesOf(id: string): string[] {
    return this.dependenciesOf(id).filter((dep) => {
      const node = this.nodes.get(dep);
      return node != null && !isDoneStatus(node.status);
    });
  }

  /** Open, not explicitly blocked, and every dependency done. */
  isReady(id: string): boolean {
    const node = this.nodes.get(id);
    if (!node || !isOpenStatus(node.status) || foldCase(node.status) === 'blocked') return false;
    return this.openDependenciesOf(id).length === 0;
  }

  /** Explicitly blocked, or open and waiting on a dependency that is not done. */
  isBlocked(id: string): boolean {
    const node = this.nodes.get(id);
    if (!node || !isOpenStatus(node.status)) return false;
    return foldCase(node.status) === 'blocked' || this.openDependenciesOf(id).length > 0;
  }

  /** The path `from → … → to` through dependencies, if there is one. */
  pathBetween(from: string, to: string): string[] | null {
    const previous = new Map<string, string>([[from, from]]);
    const queue = [from];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i]!;
      if (current === to) {
        const path = [to];
        for (let at = to; at !== from; ) path.unshift((at = previous.get(at)!));
        return path;
      }
      for (const next of this.dependencies.get(current) ?? []) {
        if (!previous.has(next)) {
          previous.set(next, current);
          queue.push(next);
        }
      }
    }
    return null;
  }

  /**
   * The cycle that `dependent depends on dependency` would close, as a path of ids
   * (`[dependent, dependency, …, dependent]`), or null when the edge is safe.
   */
  cycleIfLinked(dependent: string, dependency: string): string[] | null {
    if (dependent === dependency) return [dependent, dependent];
    const back = this.pathBetween(dependency, dependent);
    return back ? [dependent, ...back] : null;
  }

  /** One cycle per strongly connected group of issues that depend on each other in a ring. */
  cycles(): string[][] {
    const found: string[][] = [];
    const state = new Map<string, 'active' | 'finished'>();
    for (const start of [...this.dependencies.keys()].sort()) {
      if (state.has(start)) continue;
      // Iterative depth-first search: dependency chains can be thousands of issues long.
      const stack: Array<{ id: string; next: string[] }> = [{ id: start, next: this.dependenciesOf(start) }];
      state.set(start, 'active');
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const child = top.next.shift();
        if (child === undefined) {
          state.set(top.id, 'finished');
          stack.pop();
          continue;
        }
        const seen = state.get(child);
        if (seen === 'active') {
          const from = stack.findIndex((frame) => frame.id === child);
          found.push([...stack.slice(from).map((frame) => frame.id), child]);
        } else if (seen === undefined) {
          state.set(child, 'active');
          stack.push({ id: child, next: this.dependenciesOf(child) });
        }
      }
    }
    return found;
  }

  /** What `id` waits on (`down`) or what waits on `id` (`up`), recursively. */
  tree(id: string, direction: 'dependencies' | 'dependents'): DependencyTree {
    const printed = new Set<string>();
    const edges = direction === 'dependencies' ? this.dependencies : this.dependents;
    const build = (at: string, path: Set<string>): DependencyTree => {
      const node = this.nodes.get(at);
      const base = { id: at, title: node?.title ?? '', status: node?.status ?? '', missing: !node };
      if (path.has(at)) return { ...base, cycle: true, repeated: false, children: [] };
      if (printed.has(at)) return { ...base, cycle: false, repeated: true, children: [] };
      printed.add(at);
      path.add(at);
      const children = [...(edges.get(at) ?? [])].sort().map((child) => build(child, path));
      path.delete(at);
      return { ...base, cycle: false, repeated: false, children };
    };
    return build(id, new Set());
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

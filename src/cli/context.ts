/**
 * What a command gets to work with: streams, the working directory and environment, the global
 * options, and the store, opened only when first asked for so `--help` stays instant.
 */
import { relative } from 'node:path';
import { findRoadmap, kindOfPath, ROADMAP_DIR, type RoadmapPaths } from '../store/layout.js';
import { type OpenOptions, openStorage } from '../store/open.js';
import type { Storage } from '../store/storage.js';
import type { IO } from './io.js';
import { Profiler } from './profile.js';
import { monotonicMs } from '../time.js';

export interface GlobalOptions {
  root?: string;
  /** False with `--no-index`. */
  index: boolean;
  profile: boolean;
  quiet: boolean;
}

/** How a context opens its store: `openStorage`, unless the command runs inside a watcher. */
export type StorageOpener = (paths: RoadmapPaths, globals: GlobalOptions, options: OpenOptions) => Storage;

const openFromDisk: StorageOpener = (paths, _globals, options) => openStorage(paths, options);

export class Context {
  private opened: Storage | undefined;
  private reported = new Set<string>();
  /** A warning was printed: it already explains anything unusual, such as a slow answer. */
  warned = false;
  readonly profiler: Profiler;

  constructor(
    readonly io: IO,
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv,
    public globals: GlobalOptions,
    readonly clock: () => Date = () => new Date(),
    startedAt = monotonicMs(),
    private readonly opener: StorageOpener = openFromDisk,
  ) {
    this.profiler = new Profiler(startedAt);
  }

  paths(): RoadmapPaths {
    return findRoadmap(this.cwd, this.globals.root ?? (this.env.ROADMAP_ROOT || undefined));
  }

  /** The project root as a path from the working directory: '' when it is the root. */
  rootFromHere(): string {
    return relative(this.cwd, this.paths().root);
  }

  /**
   * The store. `freshen: false` skips the freshness walk (for `index rebuild`, which reads
   * every file anyway); it applies only to the first call.
   */
  store(options: { freshen?: boolean } = {}): Storage {
    if (!this.opened) {
      const paths = this.paths();
      this.opened = this.opener(paths, this.globals, {
        useIndex: this.globals.index,
        clock: this.clock,
        warn: (message) => this.warn(message),
        profiler: this.profiler,
        progress: this.io.errIsTTY ? (text) => this.io.err(text) : undefined,
        log: (message) => this.io.err(`debug: ${message}\n`),
        freshen: options.freshen,
      });
    }
    return this.opened;
  }

  /** A message for a person, on stderr; `--quiet` silences it. */
  note(message: string): void {
    if (!this.globals.quiet) this.io.err(`${message}\n`);
  }

  /** Something the user should know even with `--quiet`. */
  warn(message: string): void {
    this.warned = true;
    this.io.err(`warning: ${message}\n`);
  }

  /** Name each malformed file once, on stderr: it was skipped, and never rewritten. */
  reportProblems(): void {
    if (!this.opened) return;
    for (const problem of this.opened.problems()) {
      if (this.reported.has(problem.path)) continue;
      this.reported.add(problem.path);
      this.warn(`${problem.path}:${problem.line}: ${problem.message} (file skipped)`);
    }
  }

  /**
   * A skipped file of this kind whose name says it holds this id (files are named
   * `<id>-<slug>.md`): a broken milestone file is no excuse for a missing issue.
   */
  unreadableFileFor(ref: string, kind: string | undefined): string | undefined {
    if (!this.opened || ref === '') return undefined;
    const holdsIt = (path: string) => {
      if (kind && kindOfPath(path.replace(`${ROADMAP_DIR}/`, '')) !== kind) return false;
      return (path.split('/').pop() ?? '').toLowerCase().startsWith(ref);
    };
    return this.opened.problems().find((problem) => holdsIt(problem.path))?.path;
  }

  /** `debug.profile_operations` in config.yaml asks for `--profile` on every command. */
  get profileFromConfig(): boolean {
    if (!this.opened) return false;
    try {
      return this.opened.config().bool('debug.profile_operations');
    } catch {
      return false;
    }
  }

  close(): void {
    this.reportProblems();
    this.opened?.close();
  }
}

/**
 * The command line as a function: argv in, exit code out, output through the given IO. The
 * table of contents of the tool: each noun registers its verbs from its own module.
 */
import { Command, CommanderError } from 'commander';
import { NotFoundError, RoadmapError, RunElsewhere } from '../errors.js';
import { Context, type StorageOpener } from './context.js';
import type { IO } from './io.js';
import { registerConfig } from './commands/config.js';
import { registerIndex } from './commands/index.js';
import { registerInit } from './commands/init.js';
import { registerIssue } from './commands/issue.js';
import { registerMilestone } from './commands/milestone.js';
import { registerRoadmap } from './commands/roadmap.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerWatch } from './commands/watch.js';

declare const ROADMAP_VERSION: string;
const VERSION = typeof ROADMAP_VERSION === 'string' ? ROADMAP_VERSION : '0.0.0-dev';

/** An operation slower than this logs a warning; ROADMAP_SLOW_MS changes the threshold. */
const SLOW_MS = 1000;

function slowMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.ROADMAP_SLOW_MS);
  return env.ROADMAP_SLOW_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : SLOW_MS;
}
/** Commands that are meant to run until stopped. */
const LONG_RUNNING = new Set(['serve', 'watch']);

export interface RunOptions {
  io: IO;
  cwd: string;
  env: NodeJS.ProcessEnv;
  clock?: () => Date;
  startedAt?: number;
  /** How the store is opened; by default from disk, with its freshness check. */
  openStorage?: StorageOpener;
  /**
   * Commands this process may run, by their full name (`issue list`); any other is refused
   * with RunElsewhere before its action. By default, all.
   */
  allow?: (command: string) => boolean;
}

type Register = (program: Command, ctx: Context) => void;

/** Each noun with the names it answers to, in the order help lists them. */
const NOUNS: Array<[names: string[], register: Register]> = [
  [['init'], registerInit],
  [['issue'], registerIssue],
  [['search'], registerSearch],
  [['milestone'], registerMilestone],
  [['roadmap', 'project'], registerRoadmap],
  [['status'], registerStatus],
  [['config'], registerConfig],
  [['index'], registerIndex],
  [['watch'], registerWatch],
  [['serve'], registerServe],
];

/** The first word of a command line that is not a global option (nor --root's value). */
function nounOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (arg === '--root') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The program for one command line. A line that names a noun gets only that noun's commands:
 * building all ten was a few milliseconds of every start. Help, `--version`, and anything
 * unknown (which deserves suggestions) get them all.
 */
export function buildProgram(ctx: Context, argv?: string[], allow?: (command: string) => boolean): Command {
  const program = new Command('roadmap')
    .description('Project management as code: issues, milestones and roadmaps as Markdown files in .roadmap/')
    .version(VERSION, '-V, --version')
    .option('--root <dir>', 'the folder holding .roadmap/ (default: found upward from here; or $ROADMAP_ROOT)')
    .option('--no-index', 'answer from the files alone, without the SQLite index')
    .option('--profile', 'print the time of each phase to stderr')
    .option('-q, --quiet', 'print only data and errors')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out(text),
      writeErr: (text) => ctx.io.err(text),
    });
  program.hook('preAction', (_command, action) => {
    if (allow && !allow(fullName(action))) throw new RunElsewhere(`${fullName(action)} is not run here`);
    const globals = action.optsWithGlobals();
    ctx.globals = {
      root: globals.root,
      index: globals.index !== false,
      profile: Boolean(globals.profile),
      quiet: Boolean(globals.quiet),
    };
  });
  const noun = argv && nounOf(argv);
  const named = NOUNS.find(([names]) => noun !== undefined && names.includes(noun));
  for (const [, register] of named ? [named] : NOUNS) register(program, ctx);
  return program;
}

/** A command's name with its noun's: `issue list`, `status`. */
function fullName(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/**
 * Run one command line; returns the exit code (0 ok, 1 failure, 2 usage error). Throws only
 * RunElsewhere: the command was refused (RunOptions.allow) or tried to write where it may not.
 */
export async function run(argv: string[], options: RunOptions): Promise<number> {
  const { io } = options;
  const ctx = new Context(io, options.cwd, options.env, { index: true, profile: false, quiet: false }, options.clock, options.startedAt, options.openStorage);
  let code = 0;
  try {
    ctx.profiler.mark('start-up');
    await buildProgram(ctx, argv, options.allow).parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof RunElsewhere) throw error;
    code = exitCodeFor(error, ctx, options.env);
  } finally {
    try {
      ctx.close();
    } catch (error) {
      code ||= exitCodeFor(error, ctx, options.env);
    }
  }
  if (ctx.globals.profile || ctx.profileFromConfig) io.err(ctx.profiler.report());
  else if (ctx.profiler.total() > slowMs(options.env) && !ctx.warned && !LONG_RUNNING.has(argv.find((a) => !a.startsWith('-')) ?? '')) {
    io.err(`warning: that took ${(ctx.profiler.total() / 1000).toFixed(1)} s; run it again with --profile to see where the time went\n`);
  }
  return code;
}

function exitCodeFor(error: unknown, ctx: Context, env: NodeJS.ProcessEnv): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof RoadmapError) {
    // Skipped files first: they may be why the command failed, and the error is the last word.
    ctx.reportProblems();
    const unreadable = error instanceof NotFoundError && error.ref ? ctx.unreadableFileFor(error.ref, error.kind) : undefined;
    ctx.io.err(`error: ${error.message}${unreadable ? `; ${unreadable} may hold it, but could not be read (see the warning above)` : ''}\n`);
    return error.exitCode;
  }
  const err = error as Error;
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  // The system refused something (a full disk, a permission, a folder where a file should be):
  // the user's to fix, not a bug of ours. Its message names the call and, mostly, the path.
  if ((err as NodeJS.ErrnoException)?.syscall) {
    ctx.io.err(`error: ${err.message}\n`);
    return 1;
  }
  ctx.io.err(`internal error: ${err?.message ?? String(error)}\n`);
  ctx.io.err(env.ROADMAP_DEBUG ? `${err?.stack ?? ''}\n` : 'This is a bug in roadmap; run again with ROADMAP_DEBUG=1 for details and report it.\n');
  return 1;
}

/**
 * The command line as a function: argv in, exit code out, output through the given IO. The
 * table of contents of the tool: each noun registers its verbs from its own module.
 */
import { Command, CommanderError } from 'commander';
import { RoadmapError } from '../errors.js';
import { Context } from './context.js';
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
}

export function buildProgram(ctx: Context): Command {
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
    const globals = action.optsWithGlobals();
    ctx.globals = {
      root: globals.root,
      index: globals.index !== false,
      profile: Boolean(globals.profile),
      quiet: Boolean(globals.quiet),
    };
  });
  registerInit(program, ctx);
  registerIssue(program, ctx);
  registerSearch(program, ctx);
  registerMilestone(program, ctx);
  registerRoadmap(program, ctx);
  registerStatus(program, ctx);
  registerConfig(program, ctx);
  registerIndex(program, ctx);
  registerWatch(program, ctx);
  registerServe(program, ctx);
  return program;
}

/** Run one command line; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function run(argv: string[], options: RunOptions): Promise<number> {
  const { io } = options;
  const ctx = new Context(io, options.cwd, options.env, { index: true, profile: false, quiet: false }, options.clock, options.startedAt);
  let code = 0;
  try {
    ctx.profiler.mark('start-up');
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
  } catch (error) {
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
    ctx.io.err(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const err = error as Error;
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  ctx.io.err(`internal error: ${err?.message ?? String(error)}\n`);
  ctx.io.err(env.ROADMAP_DEBUG ? `${err?.stack ?? ''}\n` : 'This is a bug in roadmap; run again with ROADMAP_DEBUG=1 for details and report it.\n');
  return 1;
}

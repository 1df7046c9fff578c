/** `roadmap init`: create .roadmap/ at the top of the repository (or here, outside git). */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { initRoadmap } from '../../store/init.js';
import { initTarget } from '../../store/layout.js';
import type { Context } from '../context.js';

export function registerInit(program: Command, ctx: Context): void {
  program
    .command('init')
    .description('create .roadmap/ (issues, milestones, roadmaps, config.yaml, .gitignore)')
    .option('--name <name>', 'project name (default: the folder name)')
    .action((opts) => {
      const target = initTarget(ctx.cwd, ctx.globals.root ?? (ctx.env.ROADMAP_ROOT || undefined));
      const result = initRoadmap(target, opts.name ?? basename(target.root));
      ctx.io.out(`${target.dir}\n`);
      ctx.note(result.created ? `initialized ${target.dir}` : `${target.dir} already exists; ${result.added.length ? `added ${result.added.join(', ')}` : 'nothing to add'}`);
      if (!result.created && opts.name !== undefined && result.projectName !== opts.name) {
        ctx.warn(`--name was not applied to the existing project (roadmap config set project.name '${opts.name.replaceAll("'", "'\\''")}' changes it)`);
      }
    });
}

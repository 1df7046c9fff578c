/** `roadmap search QUERY`: full text over titles, bodies, labels and comments. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { parseLimit } from '../../domain/validate.js';
import type { Context } from '../context.js';
import { formatOf, withFormat } from '../output/format.js';
import { writeIssues } from '../output/issues.js';
import type { Issue } from '../../domain/issue.js';

export function registerSearch(program: Command, ctx: Context): void {
  withFormat(
    program
      .command('search')
      .description('find issues by words in their title, labels, body or comments (title matches first)')
      .argument('<query...>', 'words; each must begin a word of the issue')
      .option('-n, --limit <n>', 'at most this many'),
  ).action((words: string[], opts) => {
    const query = words.join(' ');
    if (query.trim() === '') throw new UsageError('search needs at least one word');
    const format = formatOf(opts);
    const hits = ctx.store().search(query, opts.limit !== undefined ? parseLimit(opts.limit) : undefined);
    ctx.profiler.mark('query');
    // Hits stream: each issue's match is noted as it passes on its way to the writer.
    const matched = new WeakMap<Issue, string>();
    const issues = (function* noted() {
      for (const hit of hits) {
        matched.set(hit.issue, hit.matchedIn);
        yield hit.issue;
      }
    })();
    const count = writeIssues(ctx.io, format, issues, { header: 'MATCH', key: 'matched_in', value: (i) => matched.get(i) ?? '' });
    ctx.profiler.mark('render');
    if (count === 0 && format === 'table') ctx.note(`no issues match "${query}"`);
  });
}

/** `roadmap config get|set|list`: the settings in .roadmap/config.yaml. */
import type { Command } from 'commander';
import { NotFoundError } from '../../errors.js';
import { flattenConfig, SETTINGS } from '../../store/config.js';
import type { Context } from '../context.js';
import { formatOf, withFormat } from '../output/format.js';
import { writeCsv } from '../output/csv.js';
import { writeJson } from '../output/json.js';
import { writeTable } from '../output/table.js';

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function registerConfig(program: Command, ctx: Context): void {
  const config = program.command('config').description('read and change settings (.roadmap/config.yaml)');

  config
    .command('get')
    .description('print one setting')
    .argument('<key>', 'dotted key, e.g. storage.use_index')
    .action((key: string) => {
      const value = ctx.store().config().get(key);
      if (value === undefined) throw new NotFoundError(`no setting "${key}" (known settings: ${Object.keys(SETTINGS).join(', ')})`);
      ctx.io.out(`${show(value)}\n`);
    });

  config
    .command('set')
    .description('change one setting (other keys, comments and order are kept)')
    .argument('<key>', 'dotted key, e.g. storage.cache_size')
    .argument('<value>', 'the new value')
    .option('--force', 'write a key roadmap does not read (a setting of another tool)')
    .action((key: string, text: string, opts: { force?: boolean }) => {
      const value = ctx.store().setConfig(key, text, opts.force === true);
      ctx.note(`${key} = ${show(value)}`);
    });

  withFormat(config.command('list').alias('ls').description('every setting, with the defaults of those not set')).action((opts) => {
    const rows = flattenConfig(ctx.store().config());
    const format = formatOf(opts);
    if (format === 'json') {
      writeJson(ctx.io, Object.fromEntries(rows.map((r) => [r.key, r.value ?? null])));
      return;
    }
    if (format === 'ids') {
      for (const row of rows) ctx.io.out(`${row.key}\n`);
      return;
    }
    if (format === 'csv') {
      writeCsv(ctx.io, ['key', 'value', 'source'], rows, (r) => [r.key, show(r.value), r.isDefault ? 'default' : 'config.yaml']);
      return;
    }
    writeTable(ctx.io, [
      { header: 'KEY', value: (r: (typeof rows)[number]) => r.key },
      { header: 'VALUE', value: (r) => show(r.value), flex: true },
      { header: 'SOURCE', value: (r) => (r.isDefault ? 'default' : 'config.yaml'), style: (r) => (r.isDefault ? 'dim' : undefined), dropOrder: 1 },
    ], rows);
  });
}

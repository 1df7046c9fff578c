import { type Command, Option } from 'commander';
import { UsageError } from '../../errors.js';

export const FORMATS = ['table', 'json', 'csv', 'ids'] as const;
export type Format = (typeof FORMATS)[number];

/** `--format` and its `--json` shorthand, on every command that prints a list or an object. */
export function withFormat(command: Command, formats: readonly Format[] = FORMATS): Command {
  return command
    .addOption(new Option('--format <format>', `output format: ${formats.join(', ')}`).default('table'))
    .option('--json', 'same as --format json');
}

export function formatOf(options: { format?: string; json?: boolean }, formats: readonly Format[] = FORMATS): Format {
  if (options.json) return 'json';
  const format = (options.format ?? 'table').toLowerCase();
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`invalid --format "${options.format}": allowed values are ${formats.join(', ')}`);
  }
  return format as Format;
}

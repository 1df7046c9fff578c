/** One entity file's text to its fields and body, with the checks every reader applies. */
import type { Fields } from '../domain/fields.js';
import { FrontMatterError, parseEntityFile } from './frontmatter.js';
import type { EntityKind } from './layout.js';

/** Parse an entity file; throws FrontMatterError (with a line) when it cannot be used. */
export function parseEntity(kind: EntityKind, text: string): { fields: Fields; body: string } {
  const parsed = parseEntityFile(text);
  const key = kind === 'milestone' ? 'name' : 'id';
  const value = parsed.fields[key];
  if (value == null || String(value).trim() === '') throw new FrontMatterError(`missing required field "${key}"`, 1);
  return parsed;
}

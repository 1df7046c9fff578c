/**
 * `.roadmap/config.yaml`: the settings of one project. Keys the tool does not know are kept as
 * they are; the known ones have a type and a default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RoadmapError, ValidationError } from '../errors.js';
import type { Fields } from '../domain/fields.js';
import { closest } from '../domain/suggest.js';
import { writeFileAtomic } from './atomic.js';
import { editYaml, FrontMatterError, parseYamlMapping, renderYaml } from './frontmatter.js';
import { withLock } from './lock.js';

export const CONFIG_FILE = 'config.yaml';

type Kind = 'boolean' | 'integer' | 'string';

/** The settings the tool reads, their type, default and meaning (shown by `config list`). */
export const SETTINGS: Record<string, { kind: Kind; default: unknown; help: string }> = {
  'project.name': { kind: 'string', default: null, help: 'name shown by `status`' },
  'storage.use_index': { kind: 'boolean', default: true, help: 'answer queries from the SQLite index' },
  'storage.cache_size': { kind: 'integer', default: 1000, help: 'entries in the in-memory cache of long-running processes' },
  'storage.auto_rebuild_index': { kind: 'boolean', default: true, help: 'rebuild a missing, outdated or corrupt index without asking' },
  'storage.watch_files': { kind: 'boolean', default: false, help: '`serve` runs a watcher that keeps the index fresh' },
  'debug.log_query_times': { kind: 'boolean', default: false, help: 'print each query and its time to stderr' },
  'debug.profile_operations': { kind: 'boolean', default: false, help: 'print the time of each phase to stderr, as --profile' },
};

export interface Config {
  /** The file's own mapping, as read. */
  raw: Fields;
  get(key: string): unknown;
  bool(key: string): boolean;
  int(key: string): number;
}

/**
 * config.yaml, or when it cannot be read, the default settings and a warning naming it: like
 * a malformed issue file, it is skipped, and every command still works. `sound` is false
 * then (such settings are not worth caching).
 */
export function readConfigOrDefaults(dir: string, warn: (message: string) => void): { config: Config; sound: boolean } {
  try {
    return { config: readConfig(dir), sound: true };
  } catch (error) {
    if (!(error instanceof RoadmapError)) throw error;
    warn(`${error.message} (skipped: the default settings apply until it is fixed)`);
    return { config: configFromRaw({}), sound: false };
  }
}

export function readConfig(dir: string): Config {
  const path = join(dir, CONFIG_FILE);
  const text = readConfigText(path);
  let raw: Fields = {};
  if (text !== '') {
    try {
      raw = parseYamlMapping(text);
    } catch (error) {
      if (error instanceof FrontMatterError) throw new RoadmapError(`${path}:${error.line}: ${error.message}`);
      throw error;
    }
  }
  return configFromRaw(raw);
}

/** The text of config.yaml, '' when there is none; one that cannot be read is named. */
function readConfigText(path: string): string {
  if (!existsSync(path)) return '';
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RoadmapError(`${path}: cannot be read (${(error as Error).message})`);
  }
}

export function configFromRaw(raw: Fields): Config {
  const get = (key: string): unknown => {
    const value = lookup(raw, key);
    return value === undefined ? settingOf(key)?.default : value;
  };
  return {
    raw,
    get,
    bool: (key) => {
      const value = get(key);
      return value === true || value === 'true';
    },
    int: (key) => {
      const value = Number(get(key));
      return Number.isFinite(value) ? value : Number(settingOf(key)?.default ?? 0);
    },
  };
}

function lookup(raw: Fields, key: string): unknown {
  let at: unknown = raw;
  for (const part of key.split('.')) {
    if (at == null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, part)) return undefined;
    at = (at as Fields)[part];
  }
  return at;
}

/** Every key with a value, flattened (`a.b.c`), known settings first with their defaults. */
export function flattenConfig(config: Config): Array<{ key: string; value: unknown; isDefault: boolean }> {
  const out = new Map<string, { key: string; value: unknown; isDefault: boolean }>();
  for (const key of Object.keys(SETTINGS)) {
    const own = lookup(config.raw, key);
    out.set(key, { key, value: own === undefined ? SETTINGS[key]!.default : own, isDefault: own === undefined });
  }
  const visit = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) visit(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix) out.set(prefix, { key: prefix, value, isDefault: false });
  };
  visit(config.raw, '');
  return [...out.values()];
}

/** Turn the text a user typed into the value to store: typed for known keys, YAML-ish otherwise. */
export function parseSettingValue(key: string, text: string): unknown {
  const setting = settingOf(key);
  const kind: Kind | undefined = setting?.kind;
  if (kind === 'boolean' || (!kind && /^(true|false)$/i.test(text))) {
    if (/^(true|yes|on|1)$/i.test(text)) return true;
    if (/^(false|no|off|0)$/i.test(text)) return false;
    throw new ValidationError(`invalid value "${text}" for ${key}: allowed values are true, false`);
  }
  if (kind === 'integer' || (!kind && /^-?\d+$/.test(text))) {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new ValidationError(`invalid value "${text}" for ${key}: expected a whole number, 0 or more`);
    return n;
  }
  if (!kind && text === 'null') return null;
  return text;
}

/**
 * Write one setting. A key roadmap does not read, and that config.yaml does not hold yet, is
 * most often a typo (`storage.use_indx`) that would silently do nothing, and one value in place
 * of a whole section loses its keys: both take `force`.
 */
export function writeConfigValue(dir: string, key: string, value: unknown, force = false): void {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(key)) {
    throw new ValidationError(`invalid key "${key}": use dotted names such as storage.use_index`);
  }
  const path = join(dir, CONFIG_FILE);
  withLock(dir, () => {
    const before = readConfigText(path);
    let after: string;
    try {
      const raw = before.trim() === '' ? {} : parseYamlMapping(before);
      if (!force) checkSettable(raw, key);
      after = before.trim() === '' ? renderYaml(nest(key.split('.'), value)) : editYaml(before, [{ path: key.split('.'), value }]);
    } catch (error) {
      if (error instanceof FrontMatterError) throw new RoadmapError(`${path}:${error.line}: ${error.message}; fix it by hand, it was not changed`);
      throw error;
    }
    if (after !== before) writeFileAtomic(path, after);
  });
}

/** A known setting by its dotted name; `toString` and the like are not settings. */
function settingOf(key: string): (typeof SETTINGS)[string] | undefined {
  return Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined;
}

/**
 * Without --force, a key must be one roadmap reads or one the file already holds (another
 * tool's), and a section of keys is not replaced by one value.
 */
function checkSettable(raw: Fields, key: string): void {
  const current = lookup(raw, key);
  if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
    const keys = Object.keys(current).map((k) => `${key}.${k}`);
    throw new ValidationError(`${key} is a section (${keys.join(', ')}); set one of its keys, or add --force to replace it all`);
  }
  if (!settingOf(key) && current === undefined) throw unknownSetting(key);
}

function unknownSetting(key: string): ValidationError {
  const near = closest(key, Object.keys(SETTINGS));
  return new ValidationError(
    `unknown setting "${key}"${near ? `: did you mean ${near}?` : ''} (roadmap reads ${Object.keys(SETTINGS).join(', ')}; ` +
      'to write a key for another tool, add --force)',
  );
}

function nest(path: string[], value: unknown): Fields {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Fields;
}

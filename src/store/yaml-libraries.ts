/**
 * The two YAML libraries (`yaml` for edits, `js-yaml` for reads), loaded the first time a file
 * is parsed or edited. Most commands parse nothing: they answer from the index. Loading these
 * 230 KB with every start cost every command their reading and set-up; the build ships them
 * apart, as dist/roadmap-yaml.cjs, and the loader runs that from its own code cache.
 */
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';

export interface YamlLibraries {
  yaml: typeof Yaml;
  jsYaml: typeof JsYaml;
}

/** Set by the build to the chunk's name; absent when running from the sources. */
declare const ROADMAP_YAML_CHUNK: string | undefined;

let libraries: YamlLibraries | undefined;

export function yamlLibraries(): YamlLibraries {
  if (!libraries) {
    if (typeof ROADMAP_YAML_CHUNK === 'string') {
      libraries = require(ROADMAP_YAML_CHUNK) as YamlLibraries;
    } else {
      const load = createRequire(import.meta.url);
      libraries = { yaml: load('yaml') as typeof Yaml, jsYaml: load('js-yaml') as typeof JsYaml };
    }
  }
  return libraries;
}

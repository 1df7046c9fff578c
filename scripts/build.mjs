// Bundle the CLI into one file (dist/roadmap.js) for start-up speed: one file to read and
// compile, no module resolution at run time. better-sqlite3 stays outside: it loads a native
// addon from its own folder.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/roadmap.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  define: { ROADMAP_VERSION: JSON.stringify(pkg.version) },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __roadmapRequire } from 'node:module';\nconst require = __roadmapRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync('dist/roadmap.js', 0o755);

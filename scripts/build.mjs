// Bundle the CLI into one file (dist/roadmap.cjs) for start-up speed: one file to read and
// compile, no module resolution at run time. better-sqlite3's JavaScript is bundled too; its
// native addon is loaded by path (nativeBinding), so the `bindings` lookup (about 10 ms of
// file probing per start) is never needed and stays out.
//
// CommonJS, not ESM: an ESM bundle must import every Node built-in at its top, so the web
// server's node:http and friends loaded on every command; in CommonJS they are required only
// when the code that needs them first runs. Measured in CPU time against `node -e ''` on a
// loaded machine: `issue list` 1.83x as ESM, 1.58x as CommonJS; `--version` 1.62x and 1.27x.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/roadmap.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['bindings'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // import.meta.url is all the sources need of ESM: give CommonJS its equivalent.
  define: { ROADMAP_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__roadmapUrl' },
  banner: { js: "#!/usr/bin/env node\nconst __roadmapUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
chmodSync('dist/roadmap.cjs', 0o755);

// The web view's page (web/ → dist/web/), served by `roadmap serve`. Vite is a dev dependency:
// an install without dev dependencies keeps the page that was built before, if any.
let vite;
try {
  vite = await import('vite');
} catch {
  console.warn('vite is not installed: the web page (dist/web/) was not rebuilt');
}
if (vite) {
  await vite.build({
    root: 'web',
    configFile: false,
    logLevel: 'warn',
    base: '/',
    build: {
      outDir: '../dist/web',
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
    },
  });
}

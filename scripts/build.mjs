// Bundle the CLI into one file (dist/roadmap.js) for start-up speed: one file to read and
// compile, no module resolution at run time. better-sqlite3's JavaScript is bundled too; its
// native addon is loaded by path (nativeBinding), so the `bindings` lookup (about 10 ms of
// file probing per start) is never needed and stays out.
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
  external: ['bindings'],
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

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
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const YAML_CHUNK = 'roadmap-yaml.cjs';
const RELAY_CHUNK = 'roadmap-relay.cjs';
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/roadmap-main.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['bindings', `./${YAML_CHUNK}`],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'ascii', // the loader reads the bundles as latin1
  // import.meta.url is all the sources need of ESM: give CommonJS its equivalent.
  define: { ROADMAP_VERSION: JSON.stringify(pkg.version), ROADMAP_YAML_CHUNK: JSON.stringify(`./${YAML_CHUNK}`), 'import.meta.url': '__roadmapUrl' },
  banner: { js: "const __roadmapUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  plugins: [lazyChildProcessInCommander()],
});
// The relay client, apart and first: a read command with a watcher running is answered by
// the watcher, without loading the rest (src/cli/relay/client.ts).
await build({
  entryPoints: ['src/cli/relay/client.ts'],
  outfile: `dist/${RELAY_CHUNK}`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'ascii',
  define: { 'import.meta.url': '__roadmapUrl' },
  banner: { js: "const __roadmapUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
// The YAML libraries, apart: most commands answer from the index and parse no YAML
// (src/store/yaml-libraries.ts loads this on first use).
await build({
  stdin: { contents: "export * as yaml from 'yaml'; export * as jsYaml from 'js-yaml';", resolveDir: '.', loader: 'js' },
  outfile: `dist/${YAML_CHUNK}`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'ascii', // the loader reads the bundles as latin1
  logLevel: 'warning',
});
copyFileSync('scripts/loader.cjs', 'dist/roadmap.cjs');
chmodSync('dist/roadmap.cjs', 0o755);
buildFolderScanner();
writeCodeCache();

/**
 * commander requires node:child_process at load time, for external subcommands we never use;
 * that one require pulls in net, dgram and the streams (about 20 of Node's internal modules) on
 * every start. Hand commander a stand-in that loads the real module on first use.
 */
function lazyChildProcessInCommander() {
  return {
    name: 'lazy-child-process-in-commander',
    setup(build) {
      build.onResolve({ filter: /^node:child_process$/ }, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'roadmap-lazy' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'roadmap-lazy' }, () => ({
        contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
        loader: 'js',
      }));
    },
  };
}

/**
 * native/scan.c stats a folder's files in one call (src/store/folder-scan.ts says why). Built
 * with node-gyp as better-sqlite3 is, so it needs nothing that install does not already need;
 * if it cannot be built the CLI scans in JavaScript, slower, with the same answers.
 */
function buildFolderScanner() {
  const target = 'dist/roadmap-scan.node';
  rmSync(target, { force: true });
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const nodeGyp = process.env.npm_config_node_gyp || (existsSync(bundled) ? bundled : null);
  const args = ['rebuild', '--directory', 'native', '--loglevel', 'error'];
  // Headers installed beside node save node-gyp a download (this machine has no internet).
  const prefix = dirname(dirname(process.execPath));
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
  const options = { encoding: 'utf8', shell: !nodeGyp && process.platform === 'win32' };
  const run = nodeGyp ? spawnSync(process.execPath, [nodeGyp, ...args], options) : spawnSync('node-gyp', args, options);
  if (run.status === 0 && existsSync('native/build/Release/roadmap_scan.node')) {
    copyFileSync('native/build/Release/roadmap_scan.node', target);
  } else {
    process.stderr.write(`${run.error?.message ?? ''}${run.stdout ?? ''}${run.stderr ?? ''}`);
    console.warn('the native folder scanner (native/scan.c) was not built: roadmap will scan folders in JavaScript, about 4x slower');
  }
}

/**
 * Run the commands people run most, on a scratch project, with the loader told to save V8's
 * code cache as it exits: each run adds the functions it compiled.
 */
function writeCodeCache() {
  for (const cache of ['dist/roadmap-main.cache', 'dist/roadmap-yaml.cache', 'dist/roadmap-relay.cache']) rmSync(cache, { force: true });
  const scratch = mkdtempSync(join(tmpdir(), 'roadmap-cache-'));
  const env = { ...process.env, ROADMAP_CODE_CACHE: 'write', ROADMAP_ROOT: scratch, NO_COLOR: '1' };
  const run = (...args) => spawnSync(process.execPath, ['dist/roadmap.cjs', ...args], { env, stdio: 'ignore' });
  try {
    run('init');
    run('issue', 'create', 'A first issue', '--label', 'cache');
    for (const args of [['issue', 'list'], ['issue', 'list', '--status', 'todo', '--format', 'json'], ['search', 'first'], ['status'], ['issue', 'ready']]) run(...args);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

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

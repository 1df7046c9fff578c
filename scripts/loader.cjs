#!/usr/bin/env node
// The `roadmap` executable: runs the bundle (roadmap-main.cjs) from V8's code cache.
// Compiling the 400 KB bundle was about 20 ms of every command's start (wrapSafe in a CPU
// profile); the cache, written at build time by running a few commands, lets V8 skip most of
// it. V8 checks the cache against its own version and flags and ignores one that does not
// fit, so a stale or missing cache only costs the compile it was meant to save.
//
// The bundle loads its chunks (roadmap-yaml.cjs: the YAML libraries) on first use through
// the `require` it is given here, so they come from their own code caches too.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createRequire, wrap } = require('node:module');
const { Script } = require('node:vm');

const writeCache = process.env.ROADMAP_CODE_CACHE === 'write';
const nodeRequire = createRequire(join(__dirname, 'roadmap-main.cjs'));
const chunks = new Map();

function run(name) {
  const file = join(__dirname, name);
  const cacheFile = file.replace(/\.cjs$/, '.cache');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundles are ASCII (esbuild escapes the rest), so latin1 reads them without decoding.
  const script = new Script(wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  if (writeCache) {
    // Written after the command ran, so the functions it compiled on the way are in it too.
    process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false, children: [], paths: [] };
  script.runInThisContext()(mod.exports, bundleRequire, mod, file, __dirname);
  return mod.exports;
}

function bundleRequire(request) {
  if (!/^\.\/roadmap-[\w-]+\.cjs$/.test(request)) return nodeRequire(request);
  if (!chunks.has(request)) chunks.set(request, run(request.slice(2)));
  return chunks.get(request);
}
bundleRequire.resolve = nodeRequire.resolve;
bundleRequire.cache = nodeRequire.cache;

// A read command may be answered by a running watcher (roadmap-relay.cjs); if not, the CLI runs here.
const relayed = run('roadmap-relay.cjs').answerThroughWatcher();
if (relayed === false) run('roadmap-main.cjs');
else {
  relayed.then(
    (answered) => answered || run('roadmap-main.cjs'),
    // Only printing the answer can fail here, after some of it may be out: never run it twice.
    (error) => {
      process.stderr.write(`internal error: ${error && error.message}\n`);
      process.exitCode = 1;
    },
  );
}


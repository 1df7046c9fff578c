#!/usr/bin/env node
// The `roadmap` executable: runs the bundle (roadmap-main.cjs) from V8's code cache.
// Compiling the 400 KB bundle was about 20 ms of every command's start (wrapSafe in a CPU
// profile); the cache, written at build time by running a few commands, lets V8 skip most of
// it. V8 checks the cache against its own version and flags and ignores one that does not
// fit, so a stale or missing cache only costs the compile it was meant to save.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createRequire, wrap } = require('node:module');
const { Script } = require('node:vm');

const file = join(__dirname, 'roadmap-main.cjs');
const cacheFile = join(__dirname, 'roadmap-main.cache');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
if (process.env.ROADMAP_CODE_CACHE === 'write') {
  // Written after the command ran, so the functions it compiled on the way are in it too.
  process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
const mod = { exports: {}, filename: file, id: file, loaded: false, children: [], paths: [] };
script.runInThisContext()(mod.exports, createRequire(file), mod, file, __dirname);

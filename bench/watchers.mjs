// Usage: node bench/watchers.mjs dirs|fswatch|chokidar [files]. chokidar is not a dependency
// of roadmap: to rerun its row, `npm install --no-save chokidar@4` first.
// Compare fs.watch (recursive) and chokidar 4 on a .roadmap-like tree: start-up time, memory,
// and whether every file of a 1,000-file burst (a branch switch) is reported, and how fast.
import { mkdirSync, writeFileSync, rmSync, watch, renameSync } from 'node:fs';
import { join } from 'node:path';
const kind = process.argv[2];
const N = Number(process.argv[3] ?? 10000);
const root = `${process.env.TMPDIR ?? '/tmp'}/roadmap-watchbench-${kind}`;
rmSync(root, { recursive: true, force: true });
for (let d = 0; d < 40; d++) mkdirSync(join(root, 'issues', `m${d}`), { recursive: true });
const files = [];
for (let i = 0; i < N; i++) { const f = join(root, 'issues', `m${i % 40}`, `${i.toString(16).padStart(8, '0')}-x.md`); writeFileSync(f, `---\nid: ${i}\n---\n`); files.push(f); }
const seen = new Set();
let onEvent;
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
let close;
if (kind === 'fswatch') {
  const w = watch(root, { recursive: true }, (e, name) => { seen.add(join(root, name)); onEvent?.(); });
  close = () => w.close();
  await new Promise((r) => setTimeout(r, 0));
} else if (kind === 'dirs') {
  const { readdirSync, statSync } = await import('node:fs');
  const watchers = new Map();
  const add = (dir) => {
    if (watchers.has(dir)) return;
    const w = watch(dir, (e, name) => {
      if (!name) return;
      const full = join(dir, name.toString());
      seen.add(full); onEvent?.();
      if (e === 'rename') { try { if (statSync(full).isDirectory()) add(full); } catch {} }
    });
    watchers.set(dir, w);
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) add(join(dir, entry.name));
  };
  add(root);
  close = () => { for (const w of watchers.values()) w.close(); };
} else {
  const { watch: cw } = await import('chokidar');
  const w = cw(root, { ignoreInitial: true, awaitWriteFinish: false });
  await new Promise((r) => w.on('ready', r));
  w.on('all', (e, p) => { seen.add(p); onEvent?.(); });
  close = () => w.close();
}
const ready = performance.now() - t0;
const rss = (process.memoryUsage().rss - rss0) / 1048576;
// Burst: rewrite 1,000 files (a checkout), then wait for quiet.
const burst = files.slice(0, 1000);
const t1 = performance.now();
let last = t1;
onEvent = () => { last = performance.now(); };
for (const f of burst) { writeFileSync(f + '.tmp', `---\nid: changed\n---\n`); renameSync(f + '.tmp', f); }
await new Promise((r) => { const iv = setInterval(() => { if (performance.now() - last > 500) { clearInterval(iv); r(); } }, 50); });
const missed = burst.filter((f) => !seen.has(f)).length;
console.log(JSON.stringify({ kind, files: N, readyMs: Math.round(ready), rssMiB: +rss.toFixed(1), burstReportedMs: Math.round(last - t1), missed }));
await close();
process.exit(0);

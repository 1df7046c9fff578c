#!/usr/bin/env node
/**
 * The benchmark: for each corpus size, the median wall time and peak RSS of the built CLI's
 * everyday commands, each as a ratio to `node -e ''` measured in the same rounds.
 *
 *   node bench/run.mjs [--sizes 1000,10000] [--runs 7] [--warmup 2] [--only NAME,...]
 *
 * Prints Markdown to stdout (progress goes to stderr) and writes every sample to
 * bench/results/latest.json. See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusIsCurrent, generate, makeRandom } from './generate.mjs';
import { createMeasurer } from './measure.mjs';
import { prepareTaskwarrior } from './taskwarrior.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');

const USAGE = `usage: node bench/run.mjs [options]
  --sizes LIST      corpus sizes, comma-separated (default 1000,10000; k suffix ok: 1k,10k,100k)
  --runs N          timed runs of each command (default 7)
  --warmup N        untimed runs first (default 2)
  --only LIST       only these commands (names from the JSON, e.g. list,search,update)
  --seed S          corpus seed (default 42)
  --cli PATH        the built CLI (default: package.json's bin.roadmap, dist/roadmap.cjs)
  --cpu             add a column: CPU time (user + sys) as a ratio to node -e ''s
  --build           run scripts/build.mjs first
  --no-snapshot     run the CLI in place (default: a copy taken at the start, so a rebuild
                    during the run does not change what is measured)
  --regenerate      write the corpora again even if they are current
  --corpora DIR     where corpora live (default bench/corpora)
  --out FILE        JSON results (default bench/results/latest.json)
  --no-taskwarrior  skip the taskwarrior comparison even if \`task\` is installed`;

/** The CLI as package.json's `bin` names it (the build's output file has changed before). */
function defaultCli() {
  try {
    const bin = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).bin;
    const path = typeof bin === 'string' ? bin : bin?.roadmap;
    if (path) return resolve(REPO, path);
  } catch { /* fall through */ }
  return join(REPO, 'dist', 'roadmap.cjs');
}

function parseArgs(argv) {
  const opts = {
    sizes: [1000, 10000], runs: 7, warmup: 2, only: null, seed: 42, cli: defaultCli(), cpu: false,
    build: false, snapshot: true, regenerate: false, corpora: join(HERE, 'corpora'), out: join(HERE, 'results', 'latest.json'), taskwarrior: true,
  };
  const count = (s) => {
    const m = /^(\d+(?:\.\d+)?)(k)?$/i.exec(s.trim());
    if (!m) usage(`not a size: ${s}`);
    return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    switch (flag) {
      case '--sizes': case '--size': opts.sizes = value().split(',').filter(Boolean).map(count); break;
      case '--runs': opts.runs = Number(value()); break;
      case '--warmup': case '--warmups': opts.warmup = Number(value()); break;
      case '--only': opts.only = value().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--seed': opts.seed = value(); break;
      case '--cli': opts.cli = resolve(value()); break;
      case '--build': opts.build = true; break;
      case '--cpu': opts.cpu = true; break;
      case '--no-snapshot': opts.snapshot = false; break;
      case '--regenerate': opts.regenerate = true; break;
      case '--corpora': opts.corpora = resolve(value()); break;
      case '--out': opts.out = resolve(value()); break;
      case '--no-taskwarrior': opts.taskwarrior = false; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: usage(`unknown option ${flag}`);
    }
  }
  if (!(opts.runs >= 1) || !(opts.warmup >= 0)) usage('--runs must be at least 1 and --warmup at least 0');
  return opts;
}

function usage(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// What is measured. `args` gets the corpus's picks; `before` runs untimed before each run.

const INDEX_FILES = ['index.db', 'index.db-wal', 'index.db-shm', 'index.db-journal'];

/** The commands measured again with a watcher running. */
const WATCHED = new Set(['list', 'list-status', 'search', 'status']);

function commandsFor(p, corpusDir) {
  return [
    { name: 'list', args: ['issue', 'list', '--status', 'todo', '--assignee', p.assignee] },
    { name: 'list-status', args: ['issue', 'list', '--status', 'in-progress'] },
    { name: 'search', args: ['search', p.search] },
    { name: 'show', args: ['issue', 'show', p.show] },
    {
      name: 'update',
      // Alternate the value so every run really writes the file (and the index).
      args: () => ['issue', 'update', p.update, '--priority', flipPriority(corpusDir, p.update)],
      label: `issue update ${p.update} --priority high/low`,
    },
    { name: 'ready', args: ['issue', 'ready'] },
    { name: 'status', args: ['status'] },
    { name: 'milestone-list', args: ['milestone', 'list'] },
    { name: 'milestone-status', args: ['milestone', 'status', p.milestone] },
    { name: 'deps', args: ['issue', 'deps', p.deps] },
    {
      name: 'index-rebuild',
      args: ['index', 'rebuild'],
      label: 'index rebuild (cold: no index.db)',
      before: () => { for (const f of INDEX_FILES) rmSync(join(corpusDir, '.roadmap', f), { force: true }); },
      // Deleting the index when rebuild does not exist would make the next command rebuild it.
      beforeOnlyIfAvailable: true,
    },
    { name: 'list-no-index', args: ['--no-index', 'issue', 'list', '--status', 'todo', '--assignee', p.assignee], label: `issue list --status todo --assignee ${p.assignee} --no-index` },
  ];
}

/** The priority the next `update` run should set: whichever the file does not hold now. */
function flipPriority(corpusDir, id) {
  const folder = join(corpusDir, '.roadmap', 'issues');
  const name = readdirSync(folder).find((f) => f.startsWith(`${id}-`));
  const current = name ? /^priority: *'?([\w-]+)/m.exec(readFileSync(join(folder, name), 'utf8'))?.[1] : null;
  return current === 'high' ? 'low' : 'high';
}

// ---------------------------------------------------------------------------------------------
// Statistics.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 1) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

function summarize(samples) {
  const ms = samples.map((s) => s.ms);
  const rss = samples.map((s) => s.rssMiB).filter((x) => x != null);
  const med = median(ms);
  return {
    median_ms: round(med, 2),
    min_ms: round(Math.min(...ms), 2),
    max_ms: round(Math.max(...ms), 2),
    mad_ms: round(median(ms.map((x) => Math.abs(x - med))), 2),
    peak_rss_mib: rss.length ? round(Math.max(...rss), 1) : null,
    median_cpu_ms: samples[0]?.cpuMs == null ? null : round(median(samples.map((s) => s.cpuMs)), 1),
    samples_ms: ms.map((x) => round(x, 2)),
    samples_rss_mib: rss.map((x) => round(x, 1)),
  };
}

// ---------------------------------------------------------------------------------------------
// The machine and the build.

function machineInfo() {
  let cpu = os.cpus()[0]?.model?.trim() || 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
  } catch { /* not Linux */ }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memory_gib: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    hostname: os.hostname(),
  };
}

function buildInfo(cli) {
  const git = (...args) => spawnSync('git', ['-C', REPO, ...args], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src', 'package.json') !== '';
  let builtAt = null;
  let stale = false;
  try {
    const built = statSync(cli).mtimeMs;
    builtAt = new Date(built).toISOString();
    stale = newestMtime(join(REPO, 'src')) > built;
  } catch { /* reported by the caller */ }
  return { cli: relative(REPO, cli) || cli, commit, src_dirty: dirty, built_at: builtAt, stale };
}

function cliStamp(path) {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------
// One corpus size.

async function benchSize(size, opts, measurer, env) {
  const dir = join(opts.corpora, String(size));
  let generated = null;
  if (opts.regenerate || !corpusIsCurrent(dir, size, opts.seed)) {
    log(`${size}: generating the corpus in ${relative(REPO, dir)} ...`);
    const t = performance.now();
    generated = generate({ count: size, seed: opts.seed, out: dir });
    generated.seconds = round((performance.now() - t) / 1000, 2);
    log(`${size}: generated in ${generated.seconds} s`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
  const node = process.execPath;
  const baseline = { name: 'node-e', label: "node -e ''", argv: () => [node, '-e', ''] };
  const cli = (args) => [node, opts.cli, ...args];
  let commands = commandsFor(manifest.picks, dir).map((c) => ({
    ...c,
    label: c.label ?? c.args.join(' '),
    argv: () => cli(typeof c.args === 'function' ? c.args() : c.args),
  }));
  if (opts.only) commands = commands.filter((c) => opts.only.includes(c.name));

  if (opts.taskwarrior && (!opts.only || opts.only.includes('taskwarrior'))) {
    const tw = prepareTaskwarrior({ dir, picks: manifest.picks, log: (l) => log(`${size}: ${l}`) });
    if (tw) commands.push({ name: 'taskwarrior', label: tw.label, argv: () => tw.argv, env: tw.env, external: true });
  }

  const started = performance.now();
  const cliBefore = cliStamp(opts.cli);
  await probe(commands, { size, dir, env, measurer });
  const results = await rounds(commands, { size, dir, env, measurer, opts, baseline, phase: '' });

  // With a watcher running, read commands are answered by the watcher (src/cli/relay); with
  // ROADMAP_RELAY=off they run in their own process, trusting the index without a walk.
  const watched = commandsFor(manifest.picks, dir)
    .filter((c) => WATCHED.has(c.name))
    .flatMap((c) => [
      { ...c, name: `${c.name}-watch`, label: `${c.args.join(' ')} (watcher running)`, argv: () => cli(c.args) },
      { ...c, name: `${c.name}-watch-local`, label: `${c.args.join(' ')} (watcher running, ROADMAP_RELAY=off)`, argv: () => cli(c.args), env: { ...env, ROADMAP_RELAY: 'off' } },
    ])
    .filter((c) => !opts.only || opts.only.includes(c.name));
  if (watched.length > 0) {
    const watcher = await startWatcher({ size, dir, env, cli });
    if (watcher.unavailable) {
      for (const c of watched) results.push({ name: c.name, label: c.label, status: 'n/a', reason: watcher.unavailable });
    } else {
      try {
        await probe(watched, { size, dir, env, measurer });
        const more = await rounds(watched, { size, dir, env, measurer, opts, baseline, phase: ' (watcher)' });
        // The watcher phase has its own baseline; its rows are ratios to it.
        for (const r of more.slice(1)) results.push({ ...r, baseline_ms: more[0].median_ms, watcher: watcher.note });
        results.find((r) => r.name === 'node-e').watcher_phase_median_ms = more[0].median_ms;
      } finally {
        await watcher.stop();
      }
    }
  }
  return {
    size,
    corpus: {
      dir: relative(REPO, dir), seed: manifest.seed, issues: manifest.count, milestones: manifest.milestones,
      roadmaps: manifest.roadmaps, dependencies: manifest.dependencies, bytes: manifest.bytes, picks: manifest.picks,
      generated_seconds: generated?.seconds ?? null,
    },
    seconds: round((performance.now() - started) / 1000, 1),
    // Someone rebuilt the CLI while this size ran: its numbers mix two builds.
    cli_changed: cliStamp(opts.cli) !== cliBefore,
    results,
  };
}

/** Each command once, output kept, so that a missing command is 'n/a' and not a crash. */
async function probe(commands, { size, dir, env, measurer }) {
  const outFile = join(os.tmpdir(), `roadmap-bench-${process.pid}.out`);
  for (const c of commands) {
    // Deleting the index for a rebuild that does not exist would make the next command rebuild it.
    if (!c.beforeOnlyIfAvailable) c.before?.();
    const r = await measurer.run(c.argv(), { cwd: dir, env: c.env ?? env, stdout: outFile });
    const output = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
    c.probe = { code: r.code, ms: round(r.ms, 1), output_lines: output === '' ? 0 : output.trimEnd().split('\n').length, output_bytes: Buffer.byteLength(output) };
    if (r.code !== 0) {
      c.unavailable = firstLine(r.stderr) || `exit ${r.code}`;
      c.before = undefined;
      log(`${size}: ${c.label}: n/a (${c.unavailable})`);
    }
  }
  rmSync(outFile, { force: true });
}

/**
 * Rounds: each available command and the baseline once a round, in a freshly shuffled order;
 * the first `warmup` rounds are not counted. Returns the baseline's row and one per command.
 */
async function rounds(commands, { size, dir, env, measurer, opts, baseline, phase }) {
  const active = commands.filter((c) => !c.unavailable);
  const rnd = makeRandom(`order:${size}${phase}`);
  const samples = new Map([[baseline, []], ...active.map((c) => [c, []])]);
  const total = opts.warmup + opts.runs;
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const timed = n >= opts.warmup;
    for (const c of rnd.shuffle([baseline, ...active])) {
      c.before?.();
      const r = await measurer.run(c.argv(), { cwd: dir, env: c.env ?? env });
      if (r.code !== 0 && !c.failed) {
        c.failed = firstLine(r.stderr) || `exit ${r.code}`;
        log(`${size}: ${c.label}: failed in round ${n + 1}: ${c.failed}`);
      }
      if (timed) samples.get(c).push(r);
    }
    const elapsed = (performance.now() - started) / 1000;
    log(`${size}${phase}: round ${n + 1}/${total}${timed ? '' : ' (warm-up)'} done, ${elapsed.toFixed(0)} s`);
  }
  const base = summarize(samples.get(baseline));
  const results = [{ name: baseline.name, label: baseline.label, ...base, ratio: 1, cpu_ratio: 1 }];
  for (const c of commands) {
    const entry = { name: c.name, label: c.label, probe: c.probe };
    if (c.external) entry.external = true;
    if (c.unavailable) Object.assign(entry, { status: 'n/a', reason: c.unavailable });
    else {
      const s = summarize(samples.get(c));
      Object.assign(entry, {
        status: c.failed ? 'failed' : 'ok', ...(c.failed ? { reason: c.failed } : {}), ...s,
        ratio: round(s.median_ms / base.median_ms, 2),
        cpu_ratio: s.median_cpu_ms == null || !base.median_cpu_ms ? null : round(s.median_cpu_ms / base.median_cpu_ms, 2),
      });
    }
    results.push(entry);
  }
  return results;
}

/**
 * Start `roadmap watch` in the corpus and wait until `index status` says commands trust it
 * (up to 20 s). Returns { stop, note } or { unavailable }. Only this child is ever signalled.
 */
async function startWatcher({ size, dir, env, cli }) {
  const argv = cli(['watch']);
  const child = spawn(argv[0], argv.slice(1), { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exited = null;
  child.stderr.on('data', (d) => { stderr += d; });
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  const done = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(); }));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const stop = async () => {
    process.removeListener('exit', orphanGuard);
    if (exited) return;
    child.kill('SIGTERM');
    await Promise.race([done, sleep(5000)]);
    if (!exited) {
      child.kill('SIGKILL');
      await done;
    }
  };
  const deadline = performance.now() + 20_000;
  let note = 'not confirmed by `index status` within 20 s';
  while (performance.now() < deadline) {
    await sleep(250);
    if (exited) return { unavailable: firstLine(stderr) || `roadmap watch exited (${exited.code ?? exited.signal})` };
    const [command, ...args] = cli(['index', 'status']);
    const status = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8' });
    const line = /^watcher\s+(.*)$/m.exec(status.stdout ?? '')?.[1] ?? '';
    if (/trusted/.test(line) && !/not trusted|untrusted/.test(line)) {
      note = line.trim();
      break;
    }
  }
  log(`${size}: watcher pid ${child.pid}: ${note}`);
  return { stop, note };
}

/** The line of a command's stderr that says what went wrong (Node's traces start elsewhere). */
const firstLine = (text) => {
  const lines = String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(?:\w*Error\b|error:)/i.test(l)) ?? lines[0] ?? '';
};

// ---------------------------------------------------------------------------------------------
// Output.

function table(size, cpu) {
  const lines = [
    `| Command | median ms | × node -e '' | peak RSS MiB |${cpu ? " CPU × node -e '' |" : ''}`,
    `|---|---:|---:|---:|${cpu ? '---:|' : ''}`,
  ];
  for (const r of size.results) {
    const label = `\`${r.label.replace(/\|/g, '\\|')}\`${r.external ? ' (taskwarrior)' : ''}`;
    let cells;
    if (r.status === 'n/a') cells = ['n/a', 'n/a', 'n/a', 'n/a'];
    // A command that failed did not do the work: its time means nothing.
    else if (r.status === 'failed') cells = ['failed', 'n/a', 'n/a', 'n/a'];
    else cells = [r.median_ms.toFixed(1), r.ratio.toFixed(2), r.peak_rss_mib == null ? 'n/a' : r.peak_rss_mib.toFixed(1), r.cpu_ratio == null ? 'n/a' : r.cpu_ratio.toFixed(2)];
    lines.push(`| ${label} | ${cells.slice(0, cpu ? 4 : 3).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The goals of issues #3 and #4, checked where this run measured them. */
function goals(sizes) {
  const out = [];
  const at = (n) => sizes.find((s) => s.size === n);
  const get = (s, name) => s?.results.find((r) => r.name === name);
  const check = (label, r, value, limit, unit) => {
    if (!r) return;
    if (r.status !== 'ok') out.push(`- ${label}: n/a`);
    else out.push(`- ${label}: ${value(r)}${unit} (goal ≤ ${limit}${unit}) ${value(r) <= limit ? 'met' : 'NOT met'}${r.cpu_ratio != null && unit === '×' ? ` (CPU time ${r.cpu_ratio}×)` : ''}`);
  };
  const ten = at(10000);
  if (ten) {
    check('10k `issue list --status X --assignee Y`', get(ten, 'list'), (r) => r.ratio, 2.0, '×');
    check('10k `search`', get(ten, 'search'), (r) => r.ratio, 2.2, '×');
    check('10k `issue update`', get(ten, 'update'), (r) => r.ratio, 2.5, '×');
    check('10k cold `index rebuild`', get(ten, 'index-rebuild'), (r) => round(r.median_ms / 1000, 2), 3, ' s');
    check('10k `issue list --status X` with a watcher', get(ten, 'list-status-watch'), (r) => r.ratio, 1.4, '×');
    check('10k the same, answered in its own process (ROADMAP_RELAY=off)', get(ten, 'list-status-watch-local'), (r) => r.ratio, 1.4, '×');
  }
  const big = at(100000);
  if (big) {
    check('100k `issue list --status X` with a watcher', get(big, 'list-status-watch'), (r) => r.ratio, 1.6, '×');
    check('100k the same, answered in its own process (ROADMAP_RELAY=off)', get(big, 'list-status-watch-local'), (r) => r.ratio, 1.6, '×');
    const worst = big.results.filter((r) => r.status === 'ok' && !r.external && r.name !== 'node-e' && r.peak_rss_mib != null)
      .sort((a, b) => b.peak_rss_mib - a.peak_rss_mib)[0];
    if (worst) out.push(`- 100k peak RSS of every command: worst ${worst.peak_rss_mib} MiB (\`${worst.label}\`) (goal ≤ 100 MiB) ${worst.peak_rss_mib <= 100 ? 'met' : 'NOT met'}`);
  }
  return out;
}

function writeJson(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
  renameSync(tmp, path);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // On Ctrl-C, still stop the watcher and delete the snapshot (both hang on 'exit').
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
  if (opts.build) {
    log('building ...');
    const b = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) { log('the build failed'); process.exit(1); }
  }
  if (!existsSync(opts.cli)) {
    log(`${opts.cli} not found: build it first (node scripts/build.mjs, or pass --build)`);
    process.exit(1);
  }
  const machine = machineInfo();
  const build = buildInfo(opts.cli);
  if (build.stale) log(`warning: ${build.cli} is older than src/: pass --build to measure the current source`);
  // Measure a copy, so that a rebuild during the run cannot mix two builds. It stays inside
  // the repository so that the bundle still finds node_modules (better-sqlite3) from there.
  // The whole folder of the CLI is copied: the bin is a loader that runs the bundle and its
  // code cache from beside it.
  let snapshot = null;
  if (opts.snapshot) {
    const folder = join(HERE, '.snapshot', String(process.pid));
    mkdirSync(folder, { recursive: true });
    for (const name of readdirSync(dirname(opts.cli))) {
      const from = join(dirname(opts.cli), name);
      if (statSync(from).isFile()) copyFileSync(from, join(folder, name));
    }
    snapshot = join(folder, basename(opts.cli));
    build.snapshot = relative(REPO, snapshot);
    opts.cli = snapshot;
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  }
  const measurer = createMeasurer();
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.ROADMAP_ROOT;
  delete env.FORCE_COLOR;

  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const sizes = [];
  try {
    for (const size of opts.sizes) sizes.push(await benchSize(size, opts, measurer, env));
  } finally {
    measurer.close();
  }
  const loadAfter = os.loadavg();
  // A busy machine makes every number noisy: say so where the numbers are read.
  const busy = Math.max(loadBefore[0], loadAfter[0], loadAfter[1]) > machine.cores * 0.75;

  const header = [
    `# roadmap benchmark, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gib} GiB, ${machine.os}`,
    `- node ${machine.node}; CLI ${build.cli}${build.snapshot ? ' (a copy taken at the start)' : ''} built ${build.built_at?.slice(0, 16).replace('T', ' ') ?? '?'} from ${build.commit}${build.src_dirty ? ' (src has uncommitted changes)' : ''}${build.stale ? ' (older than src/)' : ''}`,
    `- median of ${opts.runs} runs after ${opts.warmup} warm-up${opts.warmup === 1 ? '' : 's'}, all commands and the baseline interleaved in shuffled rounds; stdout to /dev/null`,
    `- load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} before, ${loadAfter.map((x) => x.toFixed(1)).join(' ')} after${busy ? ': **the machine was busy; expect noisy numbers**' : ''}`,
    `- × node -e '': the command's median divided by the median of \`node -e ''\` in the same rounds; peak RSS: the child's ru_maxrss, highest of the timed runs (${measurer.method})`,
  ];
  const parts = [header.join('\n')];
  for (const s of sizes) {
    const base = s.results[0];
    parts.push([
      `## ${s.size.toLocaleString('en')} issues`,
      '',
      `${s.corpus.milestones} milestones, ${s.corpus.roadmaps} roadmaps, ${s.corpus.dependencies.toLocaleString('en')} dependencies, ${(s.corpus.bytes / 2 ** 20).toFixed(1)} MiB (seed ${s.corpus.seed}); `
        + (s.cli_changed ? `**${build.cli} changed during these rounds: the numbers mix two builds.** ` : '')
        + `node -e '' = ${base.median_ms.toFixed(1)} ms${base.watcher_phase_median_ms ? ` (${base.watcher_phase_median_ms.toFixed(1)} ms in the watcher phase, the base of its rows)` : ''}; ${s.seconds} s for the rounds${s.corpus.generated_seconds != null ? `; corpus generated in ${s.corpus.generated_seconds} s` : ''}`,
      '',
      table(s, opts.cpu),
    ].join('\n'));
  }
  const goalLines = goals(sizes);
  if (goalLines.length) parts.push(['## Goals', '', ...goalLines].join('\n'));
  process.stdout.write(parts.join('\n\n') + '\n');

  writeJson(opts.out, {
    format: 1,
    started_at: startedAt.toISOString(),
    machine,
    build,
    settings: { runs: opts.runs, warmup: opts.warmup, seed: opts.seed, only: opts.only, method: measurer.method },
    load_average: { before: loadBefore.map((x) => round(x, 2)), after: loadAfter.map((x) => round(x, 2)), busy },
    sizes,
    goals: goalLines,
  });
  log(`results written to ${relative(process.cwd(), opts.out) || opts.out}`);
}

await main();

/**
 * Run a child process and report its wall time and peak RSS.
 *
 * Node cannot read a child's rusage, so a small Python helper (started once, fed one JSON
 * request a line) spawns each command with posix_spawn and reaps it with os.wait4: the wall
 * time covers exactly spawn to exit, and ru_maxrss is that child's own peak. Without python3,
 * `/usr/bin/time -f %M` gives the RSS and Node's clock the wall time (which then includes
 * time(1)'s own start-up, for the baseline as much as for the rest); without either, RSS is
 * not reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HELPER = String.raw`
import json, os, sys, time
devnull = os.open(os.devnull, os.O_RDWR)
for line in sys.stdin:
    req = json.loads(line)
    os.chdir(req["cwd"])
    err = os.open(req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    out = os.open(req["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644) if req.get("stdout") else devnull
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)]
    try:
        start = time.perf_counter_ns()
        pid = os.posix_spawnp(req["argv"][0], req["argv"], req["env"], file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter_ns() - start
        reply = {"ns": wall, "maxrss_kb": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status),
                 "user": usage.ru_utime, "sys": usage.ru_stime}
    except OSError as e:
        reply = {"ns": 0, "maxrss_kb": None, "code": 127, "error": str(e)}
    os.close(err)
    if out != devnull:
        os.close(out)
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
`;

function findPython() {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import os; os.posix_spawn; os.wait4; print("ok")'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === 'ok') return candidate;
  }
  return null;
}

/**
 * Returns { method, run(argv, { cwd, env, stdout }) → Promise<{ ms, rssMiB, code, stderr }>,
 * close() }. `stdout` is a file to keep the output in; by default it goes to /dev/null.
 */
export function createMeasurer() {
  const stderrFile = join(tmpdir(), `roadmap-bench-${process.pid}.err`);
  const readStderr = () => (existsSync(stderrFile) ? readFileSync(stderrFile, 'utf8') : '');
  const python = findPython();
  if (python) {
    const child = spawn(python, ['-u', '-c', HELPER], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    return {
      method: 'posix_spawn + wait4 (python3 helper)',
      async run(argv, { cwd, env, stdout = null }) {
        child.stdin.write(JSON.stringify({ argv, cwd, env, stdout, stderr: stderrFile }) + '\n');
        const { value, done } = await lines.next();
        if (done) throw new Error('the measuring helper (python3) exited');
        const r = JSON.parse(value);
        return {
          ms: r.ns / 1e6,
          rssMiB: r.maxrss_kb == null ? null : r.maxrss_kb / 1024,
          cpuMs: r.user == null ? null : (r.user + r.sys) * 1000,
          code: r.code,
          stderr: r.error ?? readStderr(),
        };
      },
      close() {
        child.stdin.end();
        rmSync(stderrFile, { force: true });
      },
    };
  }
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const rssFile = join(tmpdir(), `roadmap-bench-${process.pid}.rss`);
  return {
    method: time ? 'spawnSync + /usr/bin/time -f %M' : 'spawnSync (no RSS: neither python3 nor /usr/bin/time found)',
    async run(argv, { cwd, env, stdout = null }) {
      const full = time ? [time, '-f', '%M', '-o', rssFile, ...argv] : argv;
      const start = performance.now();
      const r = spawnSync(full[0], full.slice(1), { cwd, env, stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe'], maxBuffer: 1 << 30 });
      const ms = performance.now() - start;
      if (stdout && r.stdout) (await import('node:fs')).writeFileSync(stdout, r.stdout);
      let rssMiB = null;
      if (time && existsSync(rssFile)) rssMiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
      return { ms, rssMiB, cpuMs: null, code: r.status ?? 1, stderr: String(r.stderr ?? r.error ?? '') };
    },
    close() {
      rmSync(rssFile, { force: true });
    },
  };
}

/**
 * `roadmap serve` over HTTP: the built CLI serving a copy of a real project, asked with plain
 * requests whose every header the test chooses. The API answers as the CLI does, and refuses
 * what it must refuse.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cleanEnv } from '../helpers.js';
import { CLI, fixtureCopy, get, patch, request, type Served, serve, waitFor } from '../browser/harness.js';

const ISSUE = '07b21448';
const ISSUE_FILE = '.roadmap/issues/v1-0-2/07b21448-update-backend-to-graphql.md';
/** An issue no test writes through the server. */
const OTHER = '2be03d04';
const OTHER_FILE = '.roadmap/issues/backlog/2be03d04-enhance-backup-system-with-management-cleanup-and-user-control-features.md';

function cli(dir: string, args: string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
  assert.equal(result.status, 0, `roadmap ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('roadmap serve: the JSON API', () => {
  let dir: string;
  let served: Served;
  before(async () => {
    dir = fixtureCopy();
    served = await serve(dir);
  });
  after(() => served?.stop());

  test('prints a loopback address and puts the write token in the page', () => {
    assert.match(served.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(served.token, /^[A-Za-z0-9_-]{32}$/);
  });

  test('listens on 127.0.0.1 only, as the kernel sees its socket', { skip: process.platform !== 'linux' && 'reads /proc/net' }, () => {
    const port = Number(new URL(served.origin).port);
    assert.deepEqual(listeningAddresses(port), ['0100007F'], 'one listening socket, on 127.0.0.1 (not 0.0.0.0 or ::)');
  });

  test('issue filters answer as `roadmap issue list --format json` does', async () => {
    const cases: Array<[string, string[]]> = [
      ['', []],
      ['status=todo', ['--status', 'todo']],
      ['status=done', ['--status', 'done']],
      ['status=todo,in-progress', ['--status', 'todo', '--status', 'in-progress']],
      ['status=todo&status=in-progress', ['--status', 'todo,in-progress']],
      ['priority=medium,high', ['--priority', 'medium,high']],
      ['assignee=shanewilkins', ['--assignee', 'shanewilkins']],
      ['milestone=v1-0-2', ['--milestone', 'v1-0-2']],
      ['backlog=true', ['--backlog']],
      ['label=synced:from-github', ['--label', 'synced:from-github']],
      ['open=1', ['--open']],
      ['blocked', ['--blocked']],
      ['all=true', ['--all']],
      ['sort=title:desc', ['--sort', 'title:desc']],
      ['sort=updated,id&open', ['--sort', 'updated,id', '--open']],
    ];
    for (const [params, flags] of cases) {
      const expected = JSON.parse(cli(dir, ['issue', 'list', '--format', 'json', ...flags]));
      const reply = await get(`${served.origin}/api/issues?limit=1000&${params}`);
      assert.equal(reply.status, 200, `${params}: ${reply.body}`);
      const page = reply.json();
      assert.equal(page.total, expected.length, params);
      assert.deepEqual(page.items, expected, params);
    }
  });

  test('limit and offset page through the same order', async () => {
    const all = (await get(`${served.origin}/api/issues?limit=1000&sort=id`)).json();
    const second = (await get(`${served.origin}/api/issues?limit=10&offset=10&sort=id`)).json();
    assert.equal(second.total, all.total);
    assert.deepEqual(second.items, all.items.slice(10, 20));
  });

  test('an issue comes with its body and dependencies in both directions', async () => {
    const reply = await get(`${served.origin}/api/issues/${ISSUE.slice(0, 4)}`);
    assert.equal(reply.status, 200);
    const issue = reply.json();
    const expected = JSON.parse(cli(dir, ['issue', 'show', ISSUE, '--format', 'json']));
    const { dependencies, ...rest } = issue;
    assert.deepEqual(rest, expected);
    assert.deepEqual(dependencies, { depends_on: [], blocks: [] });
  });

  test('an issue carries its dependencies both ways, from depends_on and from the other side', async () => {
    // 78851d1c waits for 9035a9cd; neither is written by any other test.
    cli(dir, ['issue', 'deps', 'add', '78851d1c', '9035a9cd']);
    const summary = (id: string) => {
      const { title, status } = JSON.parse(cli(dir, ['issue', 'show', id, '--format', 'json']));
      return { id, title, status, missing: false };
    };
    const waiting = summary('78851d1c');
    const first = summary('9035a9cd');
    const blocker = await waitFor(async () => {
      const reply = (await get(`${served.origin}/api/issues/9035a9cd`)).json();
      return reply.dependencies.blocks.length > 0 && reply;
    }, 10_000, 'the new dependency');
    assert.deepEqual(blocker.dependencies, { depends_on: [], blocks: [waiting] });
    assert.deepEqual((await get(`${served.origin}/api/issues/78851d1c`)).json().dependencies, { depends_on: [first], blocks: [] });
  });

  test('search answers as `roadmap search` does', async () => {
    const expected = JSON.parse(cli(dir, ['search', 'sync', '--format', 'json']));
    const reply = (await get(`${served.origin}/api/search?q=sync&limit=1000`)).json();
    assert.equal(reply.total, expected.length);
    assert.deepEqual(reply.items.map((i: { id: string }) => i.id), expected.map((i: { id: string }) => i.id));
    assert.ok(reply.items.every((i: { matched_in: string }) => ['title', 'labels', 'body'].includes(i.matched_in)));
  });

  test('milestones carry the progress `milestone list` computes, and a burndown', async () => {
    const expected = JSON.parse(cli(dir, ['milestone', 'list', '--format', 'json']));
    const reply = (await get(`${served.origin}/api/milestones`)).json();
    assert.deepEqual(reply.items.map((m: { name: string }) => m.name), expected.map((m: { name: string }) => m.name));
    for (const [i, milestone] of reply.items.entries()) {
      assert.deepEqual(milestone.progress, expected[i].progress, milestone.name);
      assert.ok(Array.isArray(milestone.burndown.points));
    }
    const open = reply.items.find((m: { name: string }) => m.name === 'v1-0-2');
    assert.equal(open.burndown.total, 8);
    assert.equal(open.burndown.points.at(-1).open, 8);
  });

  test('roadmaps list their milestones with progress', async () => {
    const reply = (await get(`${served.origin}/api/roadmaps`)).json();
    assert.equal(reply.items.length, 1);
    const [roadmap] = reply.items;
    assert.equal(roadmap.name, 'roadmap');
    assert.ok(roadmap.milestones.some((m: { name: string }) => m.name === 'v1-0-2'));
    const [expected] = JSON.parse(cli(dir, ['roadmap', 'list', '--format', 'json']));
    assert.deepEqual(roadmap.progress, expected.progress, 'the progress `roadmap list` computes');
  });

  test('the board groups open statuses into columns; closed and completed count as done', async () => {
    const board = (await get(`${served.origin}/api/board?per_column=3`)).json();
    const byStatus = Object.fromEntries(board.columns.map((c: { status: string; total: number }) => [c.status, c.total]));
    assert.deepEqual(byStatus, { todo: 8, 'in-progress': 1, blocked: 0, review: 0, done: 95 });
    assert.ok(board.columns.every((c: { items: unknown[] }) => c.items.length <= 3));
  });

  test('PATCH without the token is refused, and changes nothing', async () => {
    const before = readFileSync(join(dir, ISSUE_FILE), 'utf8');
    const reply = await request('PATCH', `${served.origin}/api/issues/${ISSUE}`, {
      headers: { 'Content-Type': 'application/json', Origin: served.origin },
      body: '{"status":"done"}',
    });
    assert.equal(reply.status, 403);
    assert.match(reply.json().error, /token/);
    const last = served.token.at(-1) === 'x' ? 'y' : 'x';
    const wrong = await patch(served, ISSUE, { status: 'done' }, { 'X-Roadmap-Token': `${served.token.slice(0, -1)}${last}` });
    assert.equal(wrong.status, 403);
    assert.equal(readFileSync(join(dir, ISSUE_FILE), 'utf8'), before);
  });

  test('PATCH from another origin is refused even with the token', async () => {
    const cases: Array<Record<string, string>> = [{ Origin: 'http://evil.example' }, { Origin: 'null' }, { Origin: served.origin, 'Sec-Fetch-Site': 'cross-site' }];
    for (const headers of cases) {
      const reply = await patch(served, ISSUE, { status: 'done' }, headers);
      assert.equal(reply.status, 403, JSON.stringify(headers));
    }
  });

  test('a request addressed to another host name is refused (DNS rebinding)', async () => {
    const reply = await get(`${served.origin}/api/issues`, { Host: `evil.example:${new URL(served.origin).port}` });
    assert.equal(reply.status, 403);
    const page = await get(`${served.origin}/`, { Host: 'evil.example' });
    assert.equal(page.status, 403);
  });

  test('PATCH with the token changes the file: that field, and updated', async () => {
    const reply = await patch(served, ISSUE, { status: 'in-progress', priority: 'high', add_labels: ['web'] });
    assert.equal(reply.status, 200, reply.body);
    const issue = reply.json();
    assert.equal(issue.status, 'in-progress');
    assert.equal(issue.changed, true);
    const text = readFileSync(join(dir, ISSUE_FILE), 'utf8');
    assert.match(text, /^status: in-progress$/m);
    assert.match(text, /^priority: high$/m);
    assert.match(text, /^labels:\n- web$/m);
    const again = await patch(served, ISSUE, { status: 'in-progress' });
    assert.equal(again.json().changed, false);
  });

  test('PATCH of the body replaces the Markdown below the front matter', async () => {
    const reply = await patch(served, ISSUE, { body: '# New body\n\nWritten from the web view.\n' });
    assert.equal(reply.status, 200, reply.body);
    assert.match(readFileSync(join(dir, ISSUE_FILE), 'utf8'), /---\n\n?# New body\n\nWritten from the web view\.\n$/);
  });

  test('a body over 64 KiB gets 413', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(70 * 1024) });
    const reply = await patch(served, ISSUE, big);
    assert.equal(reply.status, 413);
    assert.match(reply.json().error, /too large/);
  });

  test('bad JSON gets 400 with the parser\'s reason; other bad bodies say what is wrong', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{"status": ', 400, /invalid JSON/],
      ['[1, 2]', 400, /expected a JSON object/],
      ['{}', 400, /nothing to change/],
      ['{"colour": "red"}', 400, /unknown field "colour"/],
      ['{"status": "finished"}', 400, /invalid status "finished": allowed values are/],
      ['{"priority": 3}', 400, /invalid priority: expected a string/],
      ['{"progress_percentage": 140}', 400, /invalid progress/],
      ['{"add_labels": "x"}', 400, /list of non-empty strings/],
      ['{"milestone": "no-such-milestone"}', 400, /no milestone named/],
      ['{"title": "   "}', 400, /must not be empty/],
      ['{"title": "two\\nlines"}', 400, /must be one line/],
      ['{"add_labels": ["a\\nb"]}', 400, /must be one line/],
      ['{"assignee": "x\\u0000"}', 400, /must be one line/],
    ];
    for (const [body, status, message] of cases) {
      const reply = await patch(served, ISSUE, body);
      assert.equal(reply.status, status, body);
      assert.match(reply.json().error, message, body);
    }
    const wrongType = await patch(served, ISSUE, '{"status":"done"}', { 'Content-Type': 'text/plain' });
    assert.equal(wrongType.status, 415);
  });

  test('an unknown id gets 404; an ambiguous prefix 409', async () => {
    const missing = await get(`${served.origin}/api/issues/deadbeef`);
    assert.equal(missing.status, 404);
    assert.match(missing.json().error, /no issue with id "deadbeef"/);
    assert.equal((await patch(served, 'deadbeef', { status: 'done' })).status, 404);
    const ids: string[] = (await get(`${served.origin}/api/issues?all&limit=1000`)).json().items.map((i: { id: string }) => i.id);
    const shared = ids.map((id) => id[0]!).find((c, _, all) => all.filter((x) => x === c).length > 1)!;
    assert.equal((await get(`${served.origin}/api/issues/${shared}`)).status, 409);
  });

  test('ids that try to reach outside .roadmap/ are refused', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fconfig.yaml', '07b21448%2F..', 'abc%00', '..', '07b2.md', '%252e%252e']) {
      const reply = await get(`${served.origin}/api/issues/${id}`);
      assert.ok(reply.status === 400 || reply.status === 404, `${id}: ${reply.status}`);
      assert.doesNotMatch(reply.body, /root:|project:/);
      const write = await patch(served, id, { status: 'done' });
      assert.ok(write.status === 400 || write.status === 404, `${id}: ${write.status}`);
    }
    const dotted = await get(`${served.origin}/api/issues/..%2F..%2Fetc%2Fpasswd`);
    assert.equal(dotted.status, 400);
    assert.match(dotted.json().error, /invalid id/);
    const statics = await get(`${served.origin}/../../.roadmap/config.yaml`);
    assert.equal(statics.status, 404);
    const encoded = await get(`${served.origin}/%2e%2e/%2e%2e/package.json`);
    assert.equal(encoded.status, 404);
  });

  test('unknown routes get 404 JSON, wrong methods 405 with Allow, bad parameters 400', async () => {
    const unknown = await get(`${served.origin}/api/nothing`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers['content-type'] as string, /application\/json/);
    assert.ok(unknown.json().error);
    const method = await request('DELETE', `${served.origin}/api/issues/${ISSUE}`, { headers: { 'X-Roadmap-Token': served.token } });
    assert.equal(method.status, 405);
    assert.equal(method.headers.allow, 'GET, PATCH');
    assert.equal((await request('POST', `${served.origin}/api/issues`)).status, 405);
    for (const params of ['status=finished', 'sort=colour', 'limit=0', 'limit=abc', 'open=maybe', 'colour=red', 'milestone=x&backlog']) {
      const reply = await get(`${served.origin}/api/issues?${params}`);
      assert.equal(reply.status, 400, params);
    }
    assert.equal((await get(`${served.origin}/api/search`)).status, 400);
  });

  test('every reply forbids framing and inline scripts', async () => {
    for (const path of ['/', '/api/issues', '/api/nothing']) {
      const reply = await get(`${served.origin}${path}`);
      assert.match(reply.headers['content-security-policy'] as string, /script-src 'self'/);
      assert.match(reply.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    }
  });

  test('events: a change on disk reaches a listener as a `change` event with its path', async () => {
    const events = await openEvents(served.origin);
    try {
      await events.waitFor(/: connected/);
      const file = join(dir, OTHER_FILE);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: changed on disk'));
      await events.waitFor(/event: change/);
      assert.ok(events.text().includes(`"paths":["${OTHER_FILE}"]`), events.text());
      const issue = (await get(`${served.origin}/api/issues/${OTHER}`)).json();
      assert.equal(issue.title, 'changed on disk');
    } finally {
      events.close();
    }
  });

  test('events: an editor that saves by rename is seen too', async () => {
    const events = await openEvents(served.origin);
    try {
      await events.waitFor(/: connected/);
      const file = join(dir, OTHER_FILE);
      writeFileSync(`${file}.tmp`, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: saved by rename'));
      renameSync(`${file}.tmp`, file);
      await events.waitFor(/event: change/);
      assert.equal((await get(`${served.origin}/api/issues/${OTHER}`)).json().title, 'saved by rename');
    } finally {
      events.close();
    }
  });

  // Node 20's recursive fs.watch on Linux lost such files; the watcher now watches each folder.
  test('events: an in-place edit of a file the server rewrote (by rename) is seen', async () => {
    const events = await openEvents(served.origin);
    try {
      await events.waitFor(/: connected/);
      const file = join(dir, ISSUE_FILE); // rewritten by the PATCH tests above
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: edited in place'));
      await events.waitFor(/event: change/);
    } finally {
      events.close();
    }
  });
});

describe('roadmap serve: addresses and tokens', () => {
  test('--host beyond loopback without a token is refused', async () => {
    const dir = fixtureCopy();
    const result = spawnSync(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--port', '0'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--host 0\.0\.0\.0 lets other machines reach the project: give a token/);
    const short = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--token', 'short'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
    assert.equal(short.status, 2);
    const port = spawnSync(process.execPath, [CLI, 'serve', '--port', '70000'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
    assert.equal(port.status, 2);
    assert.match(port.stderr, /invalid port/);
  });

  test('with --host and a token, every request needs the token', async () => {
    const dir = fixtureCopy();
    const token = 'a-long-enough-test-token-1234';
    const served = await serve(dir, ['--host', '0.0.0.0', '--token', token]);
    try {
      const url = new URL(served.url);
      assert.equal(url.searchParams.get('token'), token);
      const base = `http://127.0.0.1:${url.port}`;
      assert.equal((await get(`${base}/api/issues`)).status, 401);
      assert.equal((await get(`${base}/`)).status, 401);
      assert.equal((await get(`${base}/api/issues`, { 'X-Roadmap-Token': token })).status, 200);
      const page = await get(`${base}/?token=${token}`);
      assert.equal(page.status, 200);
      const cookie = String(page.headers['set-cookie']).split(';')[0]!;
      assert.match(String(page.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
      assert.equal((await get(`${base}/api/issues`, { Cookie: cookie })).status, 200);
      // The cookie alone does not write: a cross-site page would send it too.
      const write = await request('PATCH', `${base}/api/issues/${ISSUE}`, { headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{"status":"done"}' });
      assert.equal(write.status, 403);
    } finally {
      await served.stop();
    }
  });

  test('--open hands the address to the desktop\'s opener; without one it says to open it by hand', { skip: process.platform !== 'linux' && 'xdg-open is the Linux opener' }, async () => {
    const dir = fixtureCopy();
    const bin = mkdtempSync(join(tmpdir(), 'roadmap-opener-'));
    const opened = join(bin, 'opened');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const served = await serve(dir, ['--open'], { PATH: `${bin}:${process.env.PATH}` });
    try {
      assert.equal(await waitFor(() => existsSync(opened) && readFileSync(opened, 'utf8'), 10_000, 'xdg-open to run'), served.url);
    } finally {
      await served.stop();
    }
    // An opener that fails (xdg-open on a machine without a desktop), and none at all.
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const failing = await serve(dir, ['--open'], { PATH: `${bin}:${process.env.PATH}` });
    try {
      await waitFor(() => failing.stderr().includes(`could not open a browser (xdg-open exited with 3); open ${failing.url} yourself`), 10_000, 'the warning');
    } finally {
      await failing.stop();
    }
    const bare = mkdtempSync(join(tmpdir(), 'roadmap-no-opener-'));
    symlinkSync(process.execPath, join(bare, 'node'));
    const none = await serve(dir, ['--open'], { PATH: bare });
    try {
      await waitFor(() => none.stderr().includes(`could not open a browser (no xdg-open found); open ${none.url} yourself`), 10_000, 'the warning');
    } finally {
      await none.stop();
    }
  });

  test('a port in use is a clear error', async () => {
    const dir = fixtureCopy();
    const first = await serve(dir);
    try {
      const port = new URL(first.url).port;
      const result = spawnSync(process.execPath, [CLI, 'serve', '--port', port], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
      assert.equal(result.status, 1);
      assert.match(result.stderr, new RegExp(`port ${port} is in use`));
    } finally {
      await first.stop();
    }
  });
});

/** A raw event-stream reader: the text received so far, and a wait for a pattern in it. */
async function openEvents(origin: string) {
  const { request: httpRequest } = await import('node:http');
  let text = '';
  const req = httpRequest(`${origin}/api/events`, { headers: { Accept: 'text/event-stream' } });
  await new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
  return {
    text: () => text,
    waitFor: (pattern: RegExp) => waitFor(() => pattern.test(text), 10_000, `${pattern} in the event stream`),
    close: () => req.destroy(),
  };
}

/** The local addresses (hex, as /proc/net lists them) of the sockets listening on `port`. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = row.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) found.push(local.slice(0, local.lastIndexOf(':')));
    }
  }
  return found;
}

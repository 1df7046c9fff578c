/**
 * The server's pure parts, without a server: the burndown, the address rules, the router, the
 * PATCH body checks and the remembered answers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotFoundError, ValidationError } from '../../src/errors.js';
import type { Issue } from '../../src/domain/issue.js';
import { issueFromFields } from '../../src/domain/issue.js';
import { changeFromBody, columnOf } from '../../src/server/api/issues.js';
import { issueQuery, issueRef } from '../../src/server/api/params.js';
import { burndown, doneDay } from '../../src/server/burndown.js';
import { HttpError, statusOf } from '../../src/server/http.js';
import { StoreReads } from '../../src/server/reads.js';
import { Router } from '../../src/server/router.js';
import { accessPolicy, isLoopbackHost } from '../../src/server/security.js';
import type { Storage } from '../../src/store/storage.js';

function issue(fields: Record<string, unknown>): Issue {
  return issueFromFields({ id: Math.random().toString(16).slice(2, 10), title: 't', ...fields }, 'x.md');
}

test('burndown: open issues and hours per day, from creation to completion', () => {
  const issues = [
    issue({ status: 'done', created: '2026-01-01T10:00:00+00:00', completed_date: '2026-01-05T09:00:00+00:00', estimated_hours: 3 }),
    issue({ status: 'todo', created: '2026-01-02', estimated_hours: 2 }),
    issue({ status: 'closed', created: '2026-01-02', actual_end_date: '2026-01-03' }),
    issue({ status: 'completed', created: '2026-01-04', updated: '2026-01-06T00:00:00Z' }),
    issue({ status: 'archived', created: '2026-01-01' }),
  ];
  assert.deepEqual(burndown(issues, '2026-01-10'), {
    start: '2026-01-01',
    total: 4,
    points: [
      { date: '2026-01-01', open: 1, hours: 3 },
      { date: '2026-01-02', open: 3, hours: 5 },
      { date: '2026-01-03', open: 2, hours: 5 },
      { date: '2026-01-04', open: 3, hours: 5 },
      { date: '2026-01-05', open: 2, hours: 2 },
      { date: '2026-01-06', open: 1, hours: 2 },
      { date: '2026-01-10', open: 1, hours: 2 },
    ],
  });
  // A closed milestone's line stops at its last change.
  assert.equal(burndown(issues, '2026-01-10', { extendToToday: false }).points.at(-1)!.date, '2026-01-06');
  assert.deepEqual(burndown([], '2026-01-10'), { start: null, total: 0, points: [] });
  // Finished "before" it was created (hand edits): finished the day it appeared.
  assert.deepEqual(burndown([issue({ status: 'done', created: '2026-02-02', completed_date: '2026-02-01' })], '2026-02-01').points, [{ date: '2026-02-02', open: 0, hours: 0 }]);
  assert.equal(doneDay(issue({ status: 'todo', completed_date: '2026-01-01' })), null);
});

test('loopback addresses, and the host names a server answers to', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com', '128.0.0.1']) assert.equal(isLoopbackHost(host), false, host);
  const loopback = accessPolicy({ host: '127.0.0.1', port: 7777, token: 't' });
  assert.equal(loopback.tokenForReads, false);
  assert.deepEqual([...loopback.allowedHosts!].sort(), ['127.0.0.1:7777', '[::1]:7777', 'localhost:7777']);
  const lan = accessPolicy({ host: '0.0.0.0', port: 80, token: 't' });
  assert.equal(lan.tokenForReads, true);
  assert.equal(lan.allowedHosts, null);
});

test('router: params, 404 and 405 with the allowed methods', () => {
  const router = new Router().on('GET', '/api/issues/:id', () => {}).on('PATCH', '/api/issues/:id', () => {});
  assert.deepEqual(router.match('GET', '/api/issues/3f2a').params, { id: '3f2a' });
  assert.deepEqual(router.match('HEAD', '/api/issues/a%2Fb').params, { id: 'a/b' });
  assert.throws(() => router.match('GET', '/api/nope'), (e: HttpError) => e.status === 404);
  assert.throws(() => router.match('DELETE', '/api/issues/1'), (e: HttpError) => e.status === 405 && e.headers.Allow === 'GET, PATCH');
  assert.throws(() => router.match('GET', '/api/issues/%E0%A4%A'), (e: HttpError) => e.status === 400);
});

test('ids are hex and short; errors map to statuses', () => {
  assert.equal(issueRef(' 3F2A '), '3f2a');
  for (const bad of ['../x', '3f2a9c1b0', 'xyz', '', '3f2a/..']) assert.throws(() => issueRef(bad), ValidationError, bad);
  assert.equal(statusOf(new NotFoundError('x')).status, 404);
  assert.equal(statusOf(new ValidationError('x')).status, 400);
  assert.deepEqual(statusOf(new Error('secret detail')), { status: 500, message: "internal error (see the server's output)" });
});

test('PATCH bodies become the change `issue update` makes', () => {
  assert.deepEqual(changeFromBody({ status: 'Done', assignee: '', milestone: 'backlog', estimated_hours: '2.5', progress_percentage: null, add_labels: [' ui '] }), {
    change: { status: 'done', assignee: null, milestone: null, estimatedHours: 2.5, progress: null, addLabels: ['ui'] },
    text: undefined,
  });
  assert.deepEqual(changeFromBody({ body: '# x' }), { change: {}, text: '# x' });
  assert.throws(() => changeFromBody({ estimated_hours: -1 }), /invalid estimated_hours/);
  assert.throws(() => changeFromBody({ milestone: 5 }), /expected a string/);
  assert.equal(columnOf('Closed'), 'done');
  assert.equal(columnOf('wontfix'), 'wontfix');
  assert.deepEqual(issueQuery(new URLSearchParams('status=todo&status=Done,review&open')).statuses, ['todo', 'done', 'review']);
});

test('remembered answers last until a change, or until they are old', () => {
  let calls = 0;
  let now = 0;
  const store = { listIssues: () => (calls++, []), listMilestones: () => (calls++, []) } as unknown as Storage;
  const reads = new StoreReads(store, { maxAgeMs: 1000, now: () => now });
  reads.listIssues({ open: true });
  reads.listIssues({ open: true });
  reads.listMilestones();
  assert.equal(calls, 2);
  reads.invalidate();
  reads.listIssues({ open: true });
  assert.equal(calls, 3);
  assert.equal(reads.generation, 1);
  now = 2000;
  reads.listIssues({ open: true });
  assert.equal(calls, 4);
});

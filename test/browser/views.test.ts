/**
 * Every view draws on a made-up project without an error, each with what it is for; a picture
 * of each goes to a temporary folder, or to docs/screenshots/ with ROADMAP_SCREENSHOTS=1.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { REPO, roadmapJson, roadmapOk, tempDir } from '../helpers.js';
import { writeCorpus } from './corpus.js';
import { get, launchBrowser, noBrowser, type Served, serve, waitFor } from './harness.js';

const SHOTS = process.env.ROADMAP_SCREENSHOTS === '1' ? join(REPO, 'docs', 'screenshots') : tempDir('roadmap-screenshots-');

/** Progress as the CLI's `--format json` gives it. */
interface Progress {
  total: number;
  done: number;
  percent: number;
  hours_left: number;
  by_status: Record<string, number>;
}
interface MilestoneOut {
  name: string;
  due_date: string | null;
  progress: Progress;
}
interface RoadmapOut {
  id: string;
  name: string;
  milestones: string[];
  progress: Progress;
}
interface RoadmapShown extends RoadmapOut {
  milestone_progress: Array<Progress & { name: string; found: boolean; due_date: string | null }>;
}
interface DepOut {
  id: string;
  title: string;
  status: string;
  missing: boolean;
}
/** `roadmap issue deps ID --format json`: the direct edges both ways (and their subtrees). */
interface DepsOut {
  id: string;
  title: string;
  depends_on: DepOut[];
  blocks: DepOut[];
}

/**
 * What a progress bar shows: its value, the fill's share of the track (as drawn, in pixels),
 * and its label.
 */
async function progressShown(bar: Locator, what: string) {
  // The view draws all at once: a bar missing now will not come.
  assert.equal(await bar.count(), 1, `${what}: one progress bar`);
  return bar.evaluate((el) => {
    const track = el.querySelector('.track')!;
    const fill = el.querySelector('.fill')!;
    return {
      value: Number(el.getAttribute('aria-valuenow')),
      share: fill.getBoundingClientRect().width / track.clientWidth,
      label: el.querySelector('.pct')?.textContent ?? null,
    };
  });
}

function assertProgress(shown: { value: number; share: number; label: string | null }, percent: number, label: string, what: string) {
  assert.equal(shown.value, percent, `${what}: aria-valuenow`);
  assert.ok(Math.abs(shown.share - percent / 100) < 0.01, `${what}: the bar is ${(shown.share * 100).toFixed(1)}% full, the CLI says ${percent}%`);
  assert.equal(shown.label, label, `${what}: the bar's label`);
}

describe('every view in Chromium', { skip: noBrowser }, () => {
  let served: Served;
  let browser: BrowserContext;
  let page: Page;
  let ids: string[];
  let dir: string;
  const errors: string[] = [];

  before(async () => {
    dir = tempDir('roadmap-views-');
    ids = writeCorpus(dir, 60).ids;
    served = await serve(dir);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  async function shoot(name: string) {
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    assert.deepEqual(errors, [], name);
  }

  test('board', async () => {
    await page.goto(`${served.url}#/board`);
    await page.locator('.card').first().waitFor();
    assert.equal(await page.locator('.tabs a.active').textContent(), 'Board');
    await shoot('board');
  });

  test('issues: filters, search, sorting and paging change what is listed', async () => {
    await page.goto(`${served.url}#/issues`);
    await page.locator('table.issues tbody tr').first().waitFor();
    assert.equal(await page.locator('table.issues tbody tr').count(), 60);
    await page.locator('.chips[aria-label="status"] button', { hasText: /^todo$/ }).click();
    await waitFor(async () => (await page.locator('table.issues tbody tr').evaluateAll((rows) => rows.every((r) => r.textContent!.includes('todo')))) && page.url().includes('status=todo'), 10_000, 'only todo rows');
    await page.locator('th button.sort', { hasText: 'Title' }).click();
    await waitFor(async () => {
      const titles = await page.locator('table.issues td.title').allTextContents();
      return titles.length > 1 && titles.every((t, i) => i === 0 || titles[i - 1]! <= t);
    }, 3000, 'rows by title');
    await page.goto(`${served.url}#/issues?q=`);
    await page.locator('table.issues tbody tr').first().waitFor();
    await page.locator('input[aria-label="search words"]').fill('burndown');
    await waitFor(async () => {
      const titles = await page.locator('table.issues td.title').allTextContents();
      return titles.length > 0 && titles.every((t) => t.includes('burndown'));
    }, 3000, 'search results');
    await page.goto(`${served.url}#/board`);
    await page.goto(`${served.url}#/issues`);
    await page.locator('table.issues tbody tr').first().waitFor();
    await shoot('issues');
  });

  test('issue: rendered body, fields and dependencies both ways', async () => {
    // An issue that both depends on others and blocks others, as the CLI sees the files.
    const listed = roadmapJson<Array<{ id: string; depends_on: string[]; blocks: string[] }>>(dir, ['issue', 'list', '--all', '--format', 'json']);
    const dependents = new Map<string, number>();
    for (const issue of listed) {
      for (const dep of issue.depends_on) dependents.set(dep, (dependents.get(dep) ?? 0) + 1);
      if (issue.blocks.length) dependents.set(issue.id, (dependents.get(issue.id) ?? 0) + issue.blocks.length);
    }
    let middle = listed.filter((i) => i.depends_on.length > 0 && dependents.has(i.id)).sort((a, b) => dependents.get(b.id)! - dependents.get(a.id)!)[0]?.id;
    if (!middle) {
      // None in the corpus: make the chain ids[2] → ids[1] → ids[0] (the first issues depend on
      // nothing, so no cycle), and wait until the server has seen it.
      middle = ids[1]!;
      roadmapOk(dir, ['issue', 'deps', 'add', middle, ids[0]!]);
      roadmapOk(dir, ['issue', 'deps', 'add', ids[2]!, middle]);
      await waitFor(async () => {
        const issue = (await get(`${served.origin}/api/issues/${middle}`)).json() as { dependencies: { depends_on: unknown[]; blocks: unknown[] } };
        return issue.dependencies.depends_on.length > 0 && issue.dependencies.blocks.length > 0;
      }, 10_000, 'the new dependencies in the API');
    }
    const deps = (id: string) => roadmapJson<DepsOut>(dir, ['issue', 'deps', id, '--format', 'json']);
    const one = deps(middle);
    assert.ok(one.depends_on.length > 0 && one.blocks.length > 0, `${middle} has dependencies both ways`);

    /** The lists of the open issue page as [href, id, text of the item], sorted. */
    const shownList = async (heading: 'Depends on' | 'Blocks') => {
      const list = page.locator('.deps .dep-list').filter({ has: page.locator('h3', { hasText: new RegExp(`^${heading} \\d+$`) }) });
      assert.equal(await list.count(), 1, `one "${heading}" list`);
      const items = await list.locator('li').evaluateAll((lis) =>
        lis.map((li) => [li.querySelector('a')?.getAttribute('href') ?? '', li.querySelector('a')?.textContent ?? '', li.textContent!.replace(/\s+/g, ' ').trim()]),
      );
      return { count: (await list.locator('h3 .muted').textContent())!, items: items.sort((a, b) => a[1]!.localeCompare(b[1]!)) };
    };
    const expected = (list: DepOut[]) => ({
      count: String(list.length),
      items: list.map((d) => [`#/issue/${d.id}`, d.id, `${d.id} ${d.title} ${d.status}`]).sort((a, b) => a[1]!.localeCompare(b[1]!)),
    });
    const open = async (id: string) => {
      await page.goto(`${served.url}#/issue/${id}`);
      await page.locator('.crumbs .id', { hasText: id }).waitFor();
      await page.locator('.deps .dep-list').first().waitFor();
    };
    const assertDeps = async (shown: DepsOut) => {
      assert.deepEqual(await shownList('Depends on'), expected(shown.depends_on), `${shown.id} depends on`);
      assert.deepEqual(await shownList('Blocks'), expected(shown.blocks), `${shown.id} blocks`);
    };

    await open(middle);
    await page.locator('.markdown h2').first().waitFor();
    assert.equal(await page.locator('.markdown li.task input[type="checkbox"]').count(), 3);
    assert.equal(await page.locator('.title-input').inputValue(), one.title);
    await assertDeps(one);
    await shoot('issue');

    // Each side names it back: what it blocks depends on it, what it depends on blocks it; the
    // links lead there.
    const blocked = one.blocks[0]!;
    await page.locator('.deps .dep-list li a', { hasText: blocked.id }).click();
    await page.waitForURL(`**#/issue/${blocked.id}`);
    await page.locator('.crumbs .id', { hasText: blocked.id }).waitFor();
    const back = deps(blocked.id);
    assert.ok(back.depends_on.some((d) => d.id === middle), `${blocked.id} depends on ${middle}`);
    await assertDeps(back);

    const dependency = one.depends_on[0]!;
    await open(dependency.id);
    const forth = deps(dependency.id);
    assert.ok(forth.blocks.some((d) => d.id === middle), `${dependency.id} blocks ${middle}`);
    await assertDeps(forth);
    assert.deepEqual(errors, []);
  });

  test('milestones: progress, counts, due dates and burndowns', async () => {
    await page.goto(`${served.url}#/milestones`);
    await page.locator('.milestone').first().waitFor();
    assert.equal(await page.locator('.milestone').count(), 5);
    assert.ok((await page.locator('svg.burndown path.actual').count()) >= 4);
    assert.equal(await page.locator('.milestone.overdue h2').textContent(), 'v1.1-hotfix');

    // Each card shows what `milestone list` computes; one of them has every part to show.
    const listed = roadmapJson<MilestoneOut[]>(dir, ['milestone', 'list', '--format', 'json']);
    assert.deepEqual((await page.locator('.milestone h2').allTextContents()).sort(), listed.map((m) => m.name).sort());
    const full = listed.find((m) => m.progress.percent > 0 && m.progress.percent < 100 && m.progress.hours_left > 0 && Object.keys(m.progress.by_status).length >= 3);
    assert.ok(full, 'a milestone part done, with hours left and issues in three statuses or more');
    for (const m of [full, ...listed.filter((other) => other !== full)]) {
      const p = m.progress;
      const card = page.locator(`.milestone[data-name="${m.name}"]`);
      assertProgress(await progressShown(card.locator('.progress[role="progressbar"]'), m.name), p.percent, `${Math.round(p.percent)}%`, m.name);
      const counts = `${p.done} of ${p.total} ${p.total === 1 ? 'issue' : 'issues'} done${p.hours_left ? ` · ${p.hours_left} h left` : ''}`;
      assert.equal(await card.locator('.counts').textContent(), counts, `${m.name}: counts`);
      const chips = await card.locator('.by-status .chip').evaluateAll((els) =>
        els.map((chip) => {
          const badge = chip.querySelector('.badge')?.textContent ?? '';
          return `${badge} ${Number(chip.textContent!.slice(badge.length).trim())}`;
        }),
      );
      assert.deepEqual(chips.sort(), Object.entries(p.by_status).map(([status, n]) => `${status} ${n}`).sort(), `${m.name}: issues by status`);
    }
    await shoot('milestones');
  });

  test('roadmap: milestones on a time axis, grouped by roadmap', async () => {
    await page.goto(`${served.url}#/roadmap`);
    await page.locator('.roadmap').first().waitFor();
    assert.deepEqual(await page.locator('.roadmap h2').allTextContents(), ['Product', 'Milestones in no roadmap']);
    assert.equal(await page.locator('.roadmap').first().locator('.milestone-row').count(), 4);

    // Each roadmap's progress and each of its milestones' as `roadmap show` gives them; the
    // milestones of none as `milestone list` does.
    const rowLabel = (m: { name: string; due_date: string | null } & Progress) => `${m.name} · ${Math.round(m.percent)}% · ${m.done}/${m.total} · ${m.due_date}`;
    const assertRows = async (group: Locator, milestones: Array<{ name: string; due_date: string | null } & Progress>, what: string) => {
      const dated = milestones.filter((m) => m.due_date).sort((a, b) => a.due_date!.localeCompare(b.due_date!));
      assert.deepEqual(await group.locator('.milestone-row text.label').allTextContents(), dated.map(rowLabel), `${what}: milestone rows`);
      const bars = await group.locator('.milestone-row').evaluateAll((rows) =>
        // (no named functions in here: tsx would wrap them in a helper the page does not have)
        rows.map((row) => (row.querySelector('rect.bar') ? Number(row.querySelector('rect.bar-done')?.getAttribute('width') ?? NaN) / Number(row.querySelector('rect.bar')!.getAttribute('width')) : null)),
      );
      bars.forEach((share, i) => {
        if (share !== null) assert.ok(Math.abs(share - Math.min(100, dated[i]!.percent) / 100) < 1e-6, `${what}: ${dated[i]!.name}'s bar is ${share * 100}% done, the CLI says ${dated[i]!.percent}%`);
      });
      return bars.filter((share) => share !== null).length;
    };
    const roadmaps = roadmapJson<RoadmapOut[]>(dir, ['roadmap', 'list', '--format', 'json']);
    assert.ok(roadmaps.length > 0);
    let drawn = 0;
    for (const listed of roadmaps) {
      const shown = roadmapJson<RoadmapShown>(dir, ['roadmap', 'show', listed.id, '--format', 'json']);
      const p = shown.progress;
      assert.ok(p.total > 0 && p.done > 0 && p.done < p.total, `${shown.name} is part done`);
      const group = page.locator(`.roadmap[data-name="${shown.name}"]`);
      assertProgress(await progressShown(group.locator('header .progress[role="progressbar"]'), shown.name), p.percent, `${Math.round(p.percent)}% · ${p.done}/${p.total} issues`, shown.name);
      drawn += await assertRows(group, shown.milestone_progress.filter((m) => m.found), shown.name);
    }
    assert.ok(drawn >= 4, 'progress bars are drawn for the milestones of a roadmap with a start date');
    const inRoadmaps = new Set(roadmaps.flatMap((r) => r.milestones));
    const unassigned = roadmapJson<MilestoneOut[]>(dir, ['milestone', 'list', '--format', 'json']).filter((m) => !inRoadmaps.has(m.name));
    assert.ok(unassigned.length > 0);
    await assertRows(page.locator('.roadmap[data-name="Milestones in no roadmap"]'), unassigned.map((m) => ({ ...m.progress, name: m.name, due_date: m.due_date })), 'no roadmap');
    await shoot('roadmap');
  });
});

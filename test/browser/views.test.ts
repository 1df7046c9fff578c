/**
 * Every view draws on a made-up project without an error, each with what it is for; a picture
 * of each goes to a temporary folder, or to docs/screenshots/ with ROADMAP_SCREENSHOTS=1.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO, tempDir } from '../helpers.js';
import { writeCorpus } from './corpus.js';
import { launchBrowser, noBrowser, type Served, serve, waitFor } from './harness.js';

const SHOTS = process.env.ROADMAP_SCREENSHOTS === '1' ? join(REPO, 'docs', 'screenshots') : tempDir('roadmap-screenshots-');

describe('every view in Chromium', { skip: noBrowser }, () => {
  let served: Served;
  let browser: BrowserContext;
  let page: Page;
  let ids: string[];
  const errors: string[] = [];

  before(async () => {
    const dir = tempDir('roadmap-views-');
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

  test('issue: rendered body, fields and dependencies', async () => {
    const all = (await page.evaluate("fetch('/api/issues?limit=1000').then((r) => r.json())")) as { items: Array<{ id: string; depends_on: string[] }> };
    const withDeps = all.items.find((i) => i.depends_on.length > 0);
    await page.goto(`${served.url}#/issue/${withDeps?.id ?? ids[0]}`);
    await page.locator('.markdown h2').first().waitFor();
    assert.equal(await page.locator('.markdown li.task input[type="checkbox"]').count(), 3);
    assert.ok((await page.locator('.dep-list').first().locator('li').count()) >= 1);
    await shoot('issue');
  });

  test('milestones: progress, counts, due dates and burndowns', async () => {
    await page.goto(`${served.url}#/milestones`);
    await page.locator('.milestone').first().waitFor();
    assert.equal(await page.locator('.milestone').count(), 5);
    assert.ok((await page.locator('svg.burndown path.actual').count()) >= 4);
    assert.equal(await page.locator('.milestone.overdue h2').textContent(), 'v1.1-hotfix');
    await shoot('milestones');
  });

  test('roadmap: milestones on a time axis, grouped by roadmap', async () => {
    await page.goto(`${served.url}#/roadmap`);
    await page.locator('.roadmap').first().waitFor();
    assert.deepEqual(await page.locator('.roadmap h2').allTextContents(), ['Product', 'Milestones in no roadmap']);
    assert.equal(await page.locator('.roadmap').first().locator('.milestone-row').count(), 4);
    await shoot('roadmap');
  });
});

/**
 * The board on 10,000 issues draws a page of each column, not every card, and still counts
 * them all; the page marks the moments bench/first-paint.mjs measures. How fast it paints is
 * the benchmark's business (bench/README.md), not a test's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { tempDir } from '../helpers.js';
import { writeCorpus } from './corpus.js';
import { launchBrowser, noBrowser, type Served, serve } from './harness.js';

const COUNT = 10_000;

describe(`the board on ${COUNT.toLocaleString('en')} issues`, { skip: noBrowser }, () => {
  let served: Served;
  let browser: BrowserContext;

  before(async () => {
    const dir = tempDir('roadmap-board-scale-');
    writeCorpus(dir, COUNT);
    served = await serve(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  test('draws a page of each column, counts every issue, and marks data, drawing and paint', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      await page.waitForFunction(() => performance.getEntriesByName('roadmap:board-painted').length > 0, undefined, { timeout: 60_000 });
      const seen = (await page.evaluate(`({
        marks: ['roadmap:board-data', 'roadmap:board-rendered', 'roadmap:board-painted'].map((name) => performance.getEntriesByName(name).length),
        columns: [...document.querySelectorAll('.column[data-status]')].map((column) => ({
          total: Number(column.dataset.total),
          cards: column.querySelectorAll('.card').length,
          more: !column.querySelector('.more').hidden,
        })),
      })`)) as { marks: number[]; columns: Array<{ total: number; cards: number; more: boolean }> };
      assert.deepEqual(seen.marks, [1, 1, 1]);
      const drawn = seen.columns.reduce((n, c) => n + c.cards, 0);
      const counted = seen.columns.reduce((n, c) => n + c.total, 0);
      assert.ok(drawn >= 100 && drawn <= 500, `${drawn} cards drawn`);
      assert.ok(counted >= COUNT * 0.9 && counted <= COUNT, `${counted} issues counted in the columns`);
      for (const column of seen.columns) {
        assert.ok(column.cards <= column.total, JSON.stringify(column));
        assert.equal(column.more, column.cards < column.total, `a column with more than it shows offers more: ${JSON.stringify(column)}`);
      }
    } finally {
      await page.close();
    }
  });
});

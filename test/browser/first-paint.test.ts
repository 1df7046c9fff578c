/**
 * First paint of the board on 10,000 issues must be under one second: from navigation start to
 * the frame after the cards were drawn, measured by the page itself (performance marks), the
 * server having said it is ready. All five loads are reported. With ROADMAP_STRICT_PERF=1 the best
 * of them is held to the budget; in the ordinary run (two test files at once on two cores, other
 * browsers among them) to three times the budget, a guard against drawing all 10,000 cards
 * rather than a measurement. ROADMAP_FIRST_PAINT_ISSUES changes the size.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { tempDir } from '../helpers.js';
import { writeCorpus } from './corpus.js';
import { launchBrowser, noBrowser, type Served, serve } from './harness.js';

const COUNT = Number(process.env.ROADMAP_FIRST_PAINT_ISSUES) || 10_000;
const BUDGET_MS = 1000;
const STRICT = process.env.ROADMAP_STRICT_PERF === '1';
const LIMIT_MS = STRICT ? BUDGET_MS : 3 * BUDGET_MS;

interface Timing {
  fcp: number;
  /** The board's data arrived. */
  data: number;
  rendered: number;
  painted: number;
  cards: number;
}

describe(`first paint of the board on ${COUNT.toLocaleString('en')} issues`, { skip: noBrowser }, () => {
  let served: Served;
  let browser: BrowserContext;

  before(async () => {
    const dir = tempDir('roadmap-first-paint-');
    const started = performance.now();
    writeCorpus(dir, COUNT);
    const wrote = performance.now() - started;
    served = await serve(dir);
    process.stderr.write(`# corpus of ${COUNT} issues written in ${Math.round(wrote)} ms; server ready in ${Math.round(served.startMs)} ms\n`);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  async function load(): Promise<Timing> {
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      await page.waitForFunction(() => performance.getEntriesByName('roadmap:board-painted').length > 0, undefined, { timeout: 30_000 });
      return (await page.evaluate(`({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
        data: performance.getEntriesByName('roadmap:board-data')[0].startTime,
        rendered: performance.getEntriesByName('roadmap:board-rendered')[0].startTime,
        painted: performance.getEntriesByName('roadmap:board-painted')[0].startTime,
        cards: document.querySelectorAll('.card').length,
      })`)) as Timing;
    } finally {
      await page.close();
    }
  }

  /** The same browser painting a bare text page from the same server: what the machine allows. */
  async function baseline(): Promise<number> {
    const page = await browser.newPage();
    try {
      await page.goto(`${served.origin}/api/project`);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 30_000 });
      return (await page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")) as number;
    } finally {
      await page.close();
    }
  }

  test(`is under ${BUDGET_MS} ms${STRICT ? '' : ` (held to ${LIMIT_MS} ms unless ROADMAP_STRICT_PERF=1)`}`, async () => {
    const loads: Timing[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 5; i++) {
      loads.push(await load());
      bare.push(await baseline());
    }
    bare.sort((a, b) => a - b);
    const painted = loads.map((t) => t.painted).sort((a, b) => a - b);
    const [first] = loads as [Timing];
    const best = painted[0]!;
    const median = painted[2]!;
    process.stderr.write(
      `# board first paint at ${COUNT} issues: best of 5 loads ${Math.round(best)} ms, median ${Math.round(median)} ms, ` +
        `first ${Math.round(first.painted)} ms (its data ${Math.round(first.data)} ms, cards drawn ${Math.round(first.rendered)} ms, ` +
        `first contentful paint ${Math.round(first.fcp)} ms, ${first.cards} cards); ` +
        `a bare text page from the same server: best ${Math.round(bare[0]!)} ms, median ${Math.round(bare[2]!)} ms\n`,
    );
    assert.ok(first.cards >= 100, `${first.cards} cards drawn`);
    // The best of five: what other processes do to the clock says nothing about the page.
    assert.ok(best < LIMIT_MS, `the board painted after ${Math.round(best)} ms at best (median ${Math.round(median)} ms); the limit is ${LIMIT_MS} ms`);
  });
});

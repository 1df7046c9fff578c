/**
 * Titles, bodies, labels, names and links that would run script if the page wrote them as HTML:
 * every view shows them as text, no dialog opens, and no element they describe exists.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { cleanEnv } from '../helpers.js';
import { CLI, fixtureCopy, get, launchBrowser, noBrowser, type Served, serve } from './harness.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const BODY = [
  `# ${SCRIPT}`,
  '',
  `Plain ${IMG} and ${SCRIPT} in a paragraph.`,
  '',
  '<a href="javascript:alert(2)">raw link</a> <svg onload=alert(3)></svg> <iframe src="javascript:alert(4)"></iframe>',
  '',
  '[markdown link](javascript:alert(5)) [spaced](java\tscript:alert(6)) [data](data:text/html,<script>alert(7)</script>)',
  '',
  '![image](x" onerror="alert(8)) `<b>code</b>` **<i>bold</i>**',
  '',
  '```html',
  `${SCRIPT}`,
  '```',
  '',
  '| <img src=x onerror=alert(9)> | b |',
  '|---|---|',
  `| ${SCRIPT} | [x](javascript:alert(10)) |`,
].join('\n');

/** What the page holds that hostile data could have made: run in the page, as a string. */
const INERT_PROBE = `({
  img: document.querySelectorAll('img').length,
  scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? 'inline'),
  iframes: document.querySelectorAll('iframe, object, embed').length,
  handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
  jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^(https?:|#|\\/)/i.test(a.getAttribute('href'))).map((a) => a.getAttribute('href')),
  svgFromData: [...document.querySelectorAll('svg')].filter((s) => !s.matches('.burndown, .timeline')).length,
  b: document.querySelectorAll('.markdown b, .card b, td b, .label b').length,
})`;

function cli(dir: string, args: string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
  assert.equal(result.status, 0, `roadmap ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

describe('hostile strings in Chromium', { skip: noBrowser }, () => {
  let dir: string;
  let served: Served;
  let browser: BrowserContext;
  let page: Page;
  const ids: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];

  before(async () => {
    dir = fixtureCopy();
    const milestone = '<img src=x onerror=alert(11)>';
    cli(dir, ['milestone', 'create', milestone, '--due-date', '2030-01-01', '--description', SCRIPT]);
    cli(dir, ['roadmap', 'create', `<svg onload=alert(12)>`, '--owner', SCRIPT, '--milestone', milestone]);
    ids.push(cli(dir, ['issue', 'create', SCRIPT, '--body', BODY, '--milestone', milestone, '--label', '<b>label</b>', '--assignee', '<svg onload=alert(13)>', '--priority', 'critical']));
    ids.push(cli(dir, ['issue', 'create', IMG, '--body', BODY, '--depends-on', ids[0]!, '--priority', 'critical']));
    served = await serve(dir);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  /** Nothing the data described became an element, and nothing ran. */
  async function assertInert(view: string) {
    await page.waitForTimeout(300); // give any injected handler its chance to fire
    const found = (await page.evaluate(INERT_PROBE)) as Record<string, unknown> & { scripts: string[] };
    assert.deepEqual(found, { img: 0, scripts: found.scripts.filter((s) => s.startsWith('/assets/')), iframes: 0, handlers: 0, jsLinks: [], svgFromData: 0, b: 0 }, view);
    assert.equal(found.scripts.length, 1, `${view}: only the page's own script`);
    assert.deepEqual(dialogs, [], `${view}: no dialog`);
    assert.deepEqual(errors, [], `${view}: no page errors`);
  }

  test('the page is served with a policy that forbids inline script', async () => {
    const reply = await get(served.url);
    assert.match(reply.headers['content-security-policy'] as string, /script-src 'self'/);
  });

  test('board: hostile titles, labels and assignees show as text', async () => {
    await page.goto(served.url);
    await page.locator(`.card[data-id="${ids[0]}"]`).waitFor();
    assert.equal(await page.locator(`.card[data-id="${ids[0]}"] .card-title`).textContent(), SCRIPT);
    assert.equal(await page.locator(`.card[data-id="${ids[1]}"] .card-title`).textContent(), IMG);
    assert.equal(await page.locator(`.card[data-id="${ids[0]}"] .label`).textContent(), '<b>label</b>');
    assert.equal(await page.locator(`.card[data-id="${ids[0]}"] .assignee`).textContent(), '@<svg onload=alert(13)>');
    await assertInert('board');
  });

  test('issues list and search: hostile titles show as text', async () => {
    await page.goto(`${served.url}#/issues?q=alert`);
    await page.locator(`tr[data-id="${ids[0]}"]`).waitFor();
    assert.equal(await page.locator(`tr[data-id="${ids[0]}"] td.title`).textContent(), SCRIPT);
    assert.equal(await page.locator(`tr[data-id="${ids[1]}"] td.title`).textContent(), IMG);
    await assertInert('issues');
  });

  test('issue: the Markdown body escapes HTML and drops script links', async () => {
    for (const id of ids) {
      await page.goto(`${served.url}#/issue/${id}`);
      await page.locator('.markdown').waitFor();
      const text = (await page.locator('.markdown').textContent()) ?? '';
      assert.ok(text.includes(`Plain ${IMG} and ${SCRIPT} in a paragraph.`), text);
      assert.ok(text.includes('<a href="javascript:alert(2)">raw link</a>'), text);
      assert.ok((await page.locator('.markdown h1').allTextContents()).includes(SCRIPT));
      assert.equal(await page.locator('.markdown pre code').textContent(), SCRIPT);
      assert.equal(await page.locator('.markdown code').first().textContent(), '<b>code</b>');
      // The javascript: and data: links are text without a link.
      assert.equal(await page.locator('.markdown a', { hasText: 'markdown link' }).count(), 0);
      assert.ok(text.includes('markdown link'));
      await assertInert(`issue ${id}`);
    }
    // Dependencies in both directions, hostile titles as text.
    assert.equal(await page.locator('.dep-list').first().locator('li').textContent(), `${ids[0]} ${SCRIPT} todo`);
  });

  test('milestones and roadmap: hostile names and descriptions show as text', async () => {
    await page.goto(`${served.url}#/milestones`);
    await page.locator('.milestone h2', { hasText: '<img src=x onerror=alert(11)>' }).waitFor();
    const milestones = (await page.locator('.milestones').textContent()) ?? '';
    assert.ok(milestones.includes(SCRIPT), milestones);
    await assertInert('milestones');
    await page.goto(`${served.url}#/roadmap`);
    await page.locator('.roadmap h2', { hasText: '<svg onload=alert(12)>' }).waitFor();
    const roadmaps = (await page.locator('.roadmaps').textContent()) ?? '';
    assert.ok(roadmaps.includes(`owner ${SCRIPT}`), roadmaps);
    const timeline = (await page.locator('.roadmap', { hasText: '<svg onload=alert(12)>' }).locator('.timeline').textContent()) ?? '';
    assert.ok(timeline.includes('<img src=x onerror=alert(11)>'), timeline);
    await assertInert('roadmap');
  });
});

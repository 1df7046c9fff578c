/** The web view's Markdown parser, under Node: the tree it builds, and the links it refuses. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Block, type Inline, parseInline, parseMarkdown, safeHref } from '../../web/src/markdown.js';

function text(nodes: Array<Inline | Block>): string {
  return nodes
    .map((n) => ('text' in n ? n.text : 'children' in n ? text(n.children as Array<Inline | Block>) : 'items' in n ? n.items.map((i) => text(i.children)).join('|') : ''))
    .join('');
}

test('HTML in the source stays text', () => {
  const blocks = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> and <b>bold</b>');
  assert.deepEqual(blocks, [
    { type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script>' }] },
    { type: 'paragraph', children: [{ type: 'text', text: '<img src=x onerror=alert(1)> and <b>bold</b>' }] },
  ]);
});

test('links keep only http(s) and relative targets', () => {
  for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '\\\\evil/x']) {
    assert.equal(safeHref(bad), null, bad);
    assert.deepEqual(parseInline(`[x](${bad.replace(/\s/g, '')})`).filter((n) => n.type === 'link'), [], bad);
  }
  for (const good of ['https://example.com/a?b=c#d', 'http://x.y', '/api/issues', '#/issue/3f2a', 'docs/api.md', '../up', '?q=1']) {
    assert.equal(safeHref(good), good, good);
  }
  assert.deepEqual(parseInline('[site](https://example.com "title")'), [{ type: 'link', href: 'https://example.com', children: [{ type: 'text', text: 'site' }] }]);
  assert.deepEqual(parseInline('see https://example.com/a.'), [{ type: 'text', text: 'see ' }, { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'https://example.com/a' }] }, { type: 'text', text: '.' }]);
  // An image loads nothing: it becomes a link to its source.
  assert.deepEqual(parseInline('![alt](https://example.com/x.png)'), [{ type: 'link', href: 'https://example.com/x.png', children: [{ type: 'text', text: 'image: ' }, { type: 'text', text: 'alt' }] }]);
});

test('blocks: headings, lists with tasks, quotes, code, rules, tables', () => {
  const blocks = parseMarkdown('# Title\n\n- [ ] open\n- [x] done\n  - nested\n\n1. one\n2. two\n\n> quoted\n\n```ts\nconst a = "<b>";\n```\n\n---\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n');
  assert.deepEqual(blocks.map((b) => b.type), ['heading', 'list', 'list', 'quote', 'code', 'hr', 'table']);
  const tasks = blocks[1] as Extract<Block, { type: 'list' }>;
  assert.deepEqual(tasks.items.map((i) => i.checked), [false, true]);
  assert.equal(tasks.items[1]!.children[1]!.type, 'list');
  assert.deepEqual(blocks[4], { type: 'code', lang: 'ts', text: 'const a = "<b>";' });
  const table = blocks[6] as Extract<Block, { type: 'table' }>;
  assert.deepEqual(table.align, ['left', 'right']);
  assert.equal(text(table.rows[0]![1]!), '2');
});

test('inline: emphasis, code, strike-through; snake_case and escapes stay as written', () => {
  assert.deepEqual(parseInline('**b** *i* `c <d>` ~~s~~').map((n) => n.type), ['strong', 'text', 'em', 'text', 'code', 'text', 'del']);
  assert.deepEqual(parseInline('snake_case_name'), [{ type: 'text', text: 'snake_case_name' }]);
  assert.deepEqual(parseInline('\\*not em\\*'), [{ type: 'text', text: '*not em*' }]);
  assert.deepEqual(parseInline('a  \nb'), [{ type: 'text', text: 'a' }, { type: 'br' }, { type: 'text', text: 'b' }]);
});

test('deep nesting and long input end quickly', () => {
  const started = performance.now();
  parseMarkdown('> '.repeat(500) + 'deep\n' + '- '.repeat(500) + 'x\n' + '['.repeat(5000) + '*'.repeat(5000) + '`'.repeat(3000));
  parseMarkdown('word '.repeat(100_000));
  assert.ok(performance.now() - started < 3000);
});

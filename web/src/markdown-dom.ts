/** The Markdown tree as DOM nodes: only the tags below, every piece of text a text node. */
import { h, type Child } from './dom.ts';
import { type Block, type Inline, parseMarkdown } from './markdown.ts';

export function renderMarkdown(source: string): HTMLElement {
  return h('div', { class: 'markdown' }, parseMarkdown(source).map(block));
}

function block(node: Block): Child {
  switch (node.type) {
    case 'heading': {
      const tag = (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const)[node.level - 1]!;
      return h(tag, null, inlines(node.children));
    }
    case 'paragraph':
      return h('p', null, inlines(node.children));
    case 'code':
      return h('pre', null, h('code', node.lang ? { attrs: { 'data-lang': node.lang } } : null, node.text));
    case 'quote':
      return h('blockquote', null, node.children.map(block));
    case 'hr':
      return h('hr');
    case 'list': {
      const items = node.items.map((item) => {
        const box = item.checked === null ? null : h('input', { attrs: { type: 'checkbox', disabled: true, checked: item.checked } });
        // A tight item's single paragraph reads better inline with its box.
        const [first, ...rest] = item.children;
        const head = first?.type === 'paragraph' ? [box, h('span', null, inlines(first.children))] : [box, first ? block(first) : null];
        return h('li', item.checked === null ? null : { class: 'task' }, head, rest.map(block));
      });
      return node.ordered ? h('ol', node.start !== 1 ? { attrs: { start: node.start } } : null, items) : h('ul', null, items);
    }
    case 'table':
      return h(
        'table',
        null,
        h('thead', null, h('tr', null, node.head.map((cell, i) => h('th', align(node.align[i]), inlines(cell))))),
        h('tbody', null, node.rows.map((row) => h('tr', null, row.map((cell, i) => h('td', align(node.align[i]), inlines(cell)))))),
      );
  }
}

function align(value: 'left' | 'center' | 'right' | null | undefined) {
  return value ? { class: `align-${value}` } : null;
}

function inlines(nodes: Inline[]): Child[] {
  return nodes.map(inline);
}

function inline(node: Inline): Child {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'code':
      return h('code', null, node.text);
    case 'strong':
      return h('strong', null, inlines(node.children));
    case 'em':
      return h('em', null, inlines(node.children));
    case 'del':
      return h('del', null, inlines(node.children));
    case 'br':
      return h('br');
    case 'link': {
      const external = /^https?:/i.test(node.href);
      return h('a', { href: node.href, attrs: external ? { rel: 'noopener noreferrer nofollow', target: '_blank' } : undefined }, inlines(node.children));
    }
  }
}

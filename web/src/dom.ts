/**
 * Building the page without HTML strings: elements are created one by one and every piece of
 * text is a text node, so a title holding `<script>` shows as those characters. Attributes named
 * `on…` are refused and links go through `safeHref`.
 */
import { safeHref } from './markdown.ts';

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  /** Attributes, set as text (never `on…`, never an unchecked `href`). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  data?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  href?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) setAttr(el, name, String(value));
  append(el, children);
  return el;
}

function applyProps(el: HTMLElement, props: Props): void {
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    setAttr(el, name, value === true ? '' : String(value));
  }
  for (const [key, value] of Object.entries(props.data ?? {})) el.dataset[key] = value;
  for (const [event, handler] of Object.entries(props.on ?? {})) el.addEventListener(event, handler as EventListener);
  if (props.href !== undefined) {
    const href = safeHref(props.href);
    if (href !== null) el.setAttribute('href', href);
  }
}

function setAttr(el: Element, name: string, value: string): void {
  if (/^on/i.test(name) || /^(href|src|xlink:href|srcdoc|formaction|action)$/i.test(name)) {
    throw new Error(`refusing to set attribute ${name} from data`);
  }
  el.setAttribute(name, value);
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/** Replace everything inside `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  const fragment = document.createDocumentFragment();
  append(fragment, children);
  parent.replaceChildren(fragment);
}

/** A short-lived message at the bottom of the page. */
export function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  const box = document.getElementById('toasts');
  if (!box) return;
  const note = h('div', { class: `toast ${kind}` }, message);
  box.appendChild(note);
  setTimeout(() => note.remove(), kind === 'error' ? 6000 : 2500);
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

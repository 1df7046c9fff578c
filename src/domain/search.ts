/**
 * Full-text search rules, shared by the file scan and the SQLite FTS5 index so both modes
 * find the same issues in the same order. A query is words; an issue matches when each word
 * begins some word of its title, labels, body or comments (case and accents ignored, as
 * FTS5's unicode61 tokenizer does). Title matches rank first, then labels, then the rest;
 * within a rank, the most recently updated first.
 */
import { compareCodePoints } from './query.js';

export type MatchTier = 'title' | 'labels' | 'body';
const TIER_ORDER: Record<MatchTier, number> = { title: 0, labels: 1, body: 2 };

export function tokenize(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');
}

/** The words of a query, deduplicated; punctuation and FTS syntax count as spaces. */
export function queryTerms(query: string): string[] {
  return [...new Set(tokenize(query))];
}

function allMatch(terms: string[], tokens: string[]): boolean {
  return terms.every((term) => tokens.some((token) => token.startsWith(term)));
}

/** Where an issue matches, or null when it does not. */
export function matchTier(
  terms: string[],
  doc: { title: string; labels: string[]; body: string; comments: string },
): MatchTier | null {
  if (terms.length === 0) return null;
  const title = tokenize(doc.title);
  if (allMatch(terms, title)) return 'title';
  const titleAndLabels = title.concat(tokenize(doc.labels.join(' ')));
  if (allMatch(terms, titleAndLabels)) return 'labels';
  const everything = titleAndLabels.concat(tokenize(doc.body), tokenize(doc.comments));
  return allMatch(terms, everything) ? 'body' : null;
}

/** For an issue already known to match somewhere: is it a title or a labels match? */
export function tierFromTitleAndLabels(terms: string[], title: string, labels: string[]): MatchTier {
  const titleTokens = tokenize(title);
  if (allMatch(terms, titleTokens)) return 'title';
  return allMatch(terms, titleTokens.concat(tokenize(labels.join(' ')))) ? 'labels' : 'body';
}

export function compareHits(
  a: { tier: MatchTier; updated: string | null; id: string; path: string },
  b: { tier: MatchTier; updated: string | null; id: string; path: string },
): number {
  const tier = TIER_ORDER[a.tier] - TIER_ORDER[b.tier];
  if (tier !== 0) return tier;
  if (a.updated !== b.updated) {
    if (a.updated === null) return 1;
    if (b.updated === null) return -1;
    return compareCodePoints(b.updated, a.updated);
  }
  return compareCodePoints(a.id, b.id) || compareCodePoints(a.path, b.path);
}

/** How issues print: the one place list, ready, search and milestone status share. */
import { type Issue, issueJson, type IssueSummary } from '../../domain/issue.js';
import { ISSUE_CSV_COLUMNS } from '../../domain/issue.js';
import type { IO } from '../io.js';
import { priorityStyle, statusStyle } from './color.js';
import { writeCsv } from './csv.js';
import type { Format } from './format.js';
import { writeJsonArray } from './json.js';
import { type Column, writeTable } from './table.js';

export { issueJson };

export function issueCsvRow(issue: Issue): unknown[] {
  return ISSUE_CSV_COLUMNS.map((column) => (column === 'path' ? issue.path : issue.fields[column]));
}

export const ISSUE_COLUMNS: Column<IssueSummary>[] = [
  { header: 'ID', value: (i) => i.id, style: () => 'cyan' },
  { header: 'TITLE', value: (i) => i.title, flex: true },
  { header: 'STATUS', value: (i) => i.status, style: (i) => statusStyle(i.status) },
  { header: 'PRIORITY', value: (i) => i.priority, style: (i) => priorityStyle(i.priority), dropOrder: 3 },
  { header: 'ASSIGNEE', value: (i) => i.assignee ?? '', max: 16, dropOrder: 2 },
  { header: 'MILESTONE', value: (i) => i.milestone ?? '', max: 16, dropOrder: 1 },
];

/** Formats that need only what a table shows: `listIssueSummaries` can answer them. */
export function needsOnlySummaries(format: Format): format is 'table' | 'ids' {
  return format === 'table' || format === 'ids';
}

/** Write issues as a table or ids, from summaries (or whole issues); returns how many. */
export function writeIssueSummaries<T extends IssueSummary>(io: IO, format: 'table' | 'ids', issues: Iterable<T>, columns: Column<T>[] = ISSUE_COLUMNS): number {
  if (format === 'table') return writeTable(io, columns, issues);
  let count = 0;
  for (const issue of issues) {
    io.out(`${issue.id}\n`);
    count++;
  }
  return count;
}

/** A value a command adds to each issue (search: where it matched), in every format. */
export interface ExtraField {
  header: string;
  key: string;
  value: (issue: Issue) => string;
}

/** Write issues in the chosen format; returns how many were written. */
export function writeIssues(io: IO, format: Format, issues: Iterable<Issue>, extra?: ExtraField): number {
  if (!extra) {
    if (format === 'json') return writeJsonArray(io, issues, issueJson);
    if (format === 'csv') return writeCsv(io, ISSUE_CSV_COLUMNS, issues, issueCsvRow);
    return writeIssueSummaries(io, format, issues);
  }
  if (format === 'json') return writeJsonArray(io, issues, (issue) => ({ ...issueJson(issue), [extra.key]: extra.value(issue) }));
  if (format === 'csv') return writeCsv(io, [...ISSUE_CSV_COLUMNS, extra.key], issues, (issue) => [...issueCsvRow(issue), extra.value(issue)]);
  // In a table it is the first column to go on a narrow terminal.
  return writeIssueSummaries(io, format, issues, [...ISSUE_COLUMNS, { header: extra.header, value: extra.value, dropOrder: 0 }]);
}

import { isArchivedStatus, isDoneStatus } from '../../domain/values.js';

/** ANSI styles, applied only when the IO says colour is on. */
const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof CODES;

export function paint(on: boolean, style: Style | undefined, text: string): string {
  if (!on || !style || text === '') return text;
  const [open, close] = CODES[style];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}

export function statusStyle(status: string): Style | undefined {
  if (isDoneStatus(status)) return 'green';
  if (isArchivedStatus(status)) return 'dim';
  switch (status) {
    case 'in-progress': return 'yellow';
    case 'blocked': return 'red';
    case 'review': return 'magenta';
    default: return undefined;
  }
}

export function priorityStyle(priority: string): Style | undefined {
  if (priority === 'critical') return 'red';
  if (priority === 'high') return 'yellow';
  if (priority === 'low') return 'dim';
  return undefined;
}

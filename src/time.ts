/**
 * Milliseconds on a monotonic clock. Not `performance.now()`: the first touch of that global
 * loads Node's perf_hooks (about ten internal modules) on every command.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

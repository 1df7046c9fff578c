import { monotonicMs } from '../time.js';

/** Phase timings for `--profile`: start-up, freshness check, query, render. */
export class Profiler {
  private readonly phases: Array<[string, number]> = [];
  private last: number;

  constructor(private readonly startedAt: number) {
    this.last = startedAt;
  }

  /** Close the current phase under this name. */
  mark(name: string): void {
    const now = monotonicMs();
    this.phases.push([name, now - this.last]);
    this.last = now;
  }

  total(): number {
    return monotonicMs() - this.startedAt;
  }

  report(): string {
    const rows = this.phases.map(([name, ms]) => `  ${name.padEnd(18)} ${ms.toFixed(1).padStart(8)} ms`);
    rows.push(`  ${'total'.padEnd(18)} ${this.total().toFixed(1).padStart(8)} ms`);
    return `profile:\n${rows.join('\n')}\n`;
  }
}

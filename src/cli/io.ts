/**
 * The streams a command writes to. Only `main.ts` builds the real one; tests build their own
 * with buffers, which are not terminals (so no colour, no width limit) unless they say so.
 */
export interface IO {
  out(text: string): void;
  /** Write out whatever `out` has buffered. */
  flush(): void;
  err(text: string): void;
  /** stdout is a terminal: aligned tables cut to its width, colour unless NO_COLOR. */
  isTTY: boolean;
  /** stderr is a terminal: progress bars go there. */
  errIsTTY: boolean;
  columns: number;
  color: boolean;
}

/**
 * The real streams. stdout is buffered (64 KiB, or until the event loop turns): a 10,000-row
 * list written a line at a time is 10,000 write calls.
 */
export function terminalIO(env: NodeJS.ProcessEnv): IO {
  const stdout = process.stdout;
  const isTTY = Boolean(stdout.isTTY);
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  let buffer = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    stdout.write(text);
  };
  return {
    out: (text) => {
      buffer += text;
      if (buffer.length >= 65536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    err: (text) => void process.stderr.write(text),
    isTTY,
    errIsTTY: Boolean(process.stderr.isTTY),
    columns: isTTY ? stdout.columns || 80 : Number(env.COLUMNS) || 0,
    color: isTTY && !noColor && env.TERM !== 'dumb',
  };
}

export interface CapturedIO extends IO {
  stdout(): string;
  stderr(): string;
}

export function captureIO(options: { isTTY?: boolean; columns?: number; color?: boolean } = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    out: (text) => void (out += text),
    flush: () => {},
    err: (text) => void (err += text),
    isTTY: options.isTTY ?? false,
    errIsTTY: false,
    columns: options.columns ?? 0,
    color: options.color ?? false,
    stdout: () => out,
    stderr: () => err,
  };
}

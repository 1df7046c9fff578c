import { fstatSync, statSync, writeSync } from 'node:fs';

/**
 * The streams a command writes to. Only `main.ts` builds the real one; tests build their own
 * with buffers, which are not terminals (so no colour, no width limit) unless they say so.
 */
export interface IO {
  out(text: string): void;
  /** Write out whatever `out` has buffered. */
  flush(): void;
  /** Everything written has reached the kernel: the process may exit without losing output. */
  drained(): boolean;
  err(text: string): void;
  /** stdout is a terminal: aligned tables cut to its width, colour unless NO_COLOR. */
  isTTY: boolean;
  /** stderr is a terminal: progress bars go there. */
  errIsTTY: boolean;
  columns: number;
  color: boolean;
}

/**
 * Where a command's output goes. A pipe, a file or /dev/null is written with writeSync: Node's
 * process.stdout loads node:tty, net and the streams to build a stream object, about 4 ms of
 * every start. A terminal gets process.stdout, which knows its width.
 */
interface Sink {
  write(text: string): void;
  drained(): boolean;
  isTTY: boolean;
  columns: number;
}

/** Only a character device can be a terminal; /dev/null, the usual one that is not, is known by its device number. */
function mayBeTerminal(fd: number): boolean {
  if (process.platform === 'win32') return true;
  try {
    const st = fstatSync(fd);
    return st.isCharacterDevice() && st.rdev !== statSync('/dev/null').rdev;
  } catch {
    return true;
  }
}

/** The reader left (`roadmap issue list | head`): that is not a failure. */
function exitIfReaderLeft(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
}

function streamSink(stream: NodeJS.WriteStream): Sink {
  return { write: (text) => void stream.write(text), drained: () => stream.writableLength === 0, isTTY: Boolean(stream.isTTY), columns: stream.columns || 0 };
}

function sinkFor(fd: 1 | 2): Sink {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  if (mayBeTerminal(fd)) {
    if (fd === 1) process.stdout.on('error', exitIfReaderLeft);
    return streamSink(stream());
  }
  let fallback: Sink | undefined;
  return {
    write(text) {
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text);
      let at = 0;
      try {
        while (at < bytes.length) at += writeSync(fd, bytes, at);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE' && fd === 1) exitIfReaderLeft(error as NodeJS.ErrnoException);
        if (code !== 'EAGAIN') throw error;
        // A non-blocking pipe is full: the stream waits for it without spinning.
        if (fd === 1) process.stdout.on('error', exitIfReaderLeft);
        fallback = streamSink(stream());
        fallback.write(bytes.subarray(at).toString());
      }
    },
    drained: () => fallback?.drained() ?? true,
    isTTY: false,
    columns: 0,
  };
}

/**
 * The real streams. stdout is buffered (64 KiB, or until the event loop turns): a 10,000-row
 * list written a line at a time is 10,000 write calls.
 */
export function terminalIO(env: NodeJS.ProcessEnv): IO {
  const stdout = sinkFor(1);
  let stderr: Sink | undefined;
  const errSink = () => (stderr ??= sinkFor(2));
  const isTTY = stdout.isTTY;
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
    drained: () => buffer === '' && stdout.drained() && (stderr?.drained() ?? true),
    err: (text) => errSink().write(text),
    isTTY,
    get errIsTTY() {
      return errSink().isTTY;
    },
    // COLUMNS, when exported, wins over the terminal's own width, as it does for `ls`.
    columns: widthFrom(env.COLUMNS) || (isTTY ? stdout.columns || 80 : 0),
    color: isTTY && !noColor && env.TERM !== 'dumb',
  };
}

function widthFrom(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 0;
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
    drained: () => true,
    err: (text) => void (err += text),
    isTTY: options.isTTY ?? false,
    errIsTTY: false,
    columns: options.columns ?? 0,
    color: options.color ?? false,
    stdout: () => out,
    stderr: () => err,
  };
}

/**
 * Reading many files for the index, on every core. Parsing YAML is the cost of a rebuild
 * (about 0.2 ms a file), so large batches are split across worker threads while the main
 * thread writes the rows they send back.
 *
 * The store's API is synchronous (better-sqlite3 is), so the main thread does not await the
 * workers: it sleeps on a shared counter that workers bump after each message, and takes the
 * messages with receiveMessageOnPort. Records arrive in small batches and are written as they
 * come, so memory stays flat however many files there are.
 */
import { availableParallelism } from 'node:os';
import {
  isMainThread, MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData,
} from 'node:worker_threads';
import { type FileToRead, readRecord } from './read-record.js';
import type { FileRecord } from './rows.js';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 400;
const BATCH = 100;
/**
 * Workers parse one file at a time and keep nothing: small heaps suffice, and V8 would
 * otherwise let each grow to tens of MiB of garbage (measured: a 100,000-file rebuild peaked
 * at 425 MiB with default limits).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 };
/** A worker silent this long is given up on; the main thread reads what it had left. */
const STALL_MS = 30_000;

interface WorkerInput {
  role: 'roadmap-parse';
  files: FileToRead[];
  port: MessagePort;
  signal: Int32Array;
}

type WorkerMessage = { records: Array<FileRecord | null> } | { done: true } | { error: string };

/**
 * Read every file and hand each record (null for a file that vanished) to `consume`, in
 * batches, in the calling thread.
 */
export function readRecords(files: FileToRead[], consume: (batch: Array<FileRecord | null>, files: FileToRead[]) => void): void {
  const workers = Math.min(availableParallelism(), 4);
  if (files.length < PARALLEL_THRESHOLD || workers < 2 || !canStartWorkers()) {
    for (let i = 0; i < files.length; i += BATCH) {
      const slice = files.slice(i, i + BATCH);
      consume(slice.map(readRecord), slice);
    }
    return;
  }
  readInWorkers(files, workers, consume);
}

function canStartWorkers(): boolean {
  return isMainThread && process.env.ROADMAP_NO_WORKERS === undefined;
}

function readInWorkers(files: FileToRead[], count: number, consume: (batch: Array<FileRecord | null>, files: FileToRead[]) => void): void {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const chunks: FileToRead[][] = Array.from({ length: count }, () => []);
  files.forEach((file, i) => chunks[i % count]!.push(file));
  const running = chunks.map((chunk) => {
    const channel = new MessageChannel();
    const input: WorkerInput = { role: 'roadmap-parse', files: chunk, port: channel.port2, signal };
    const worker = new Worker(new URL(import.meta.url), { workerData: input, transferList: [channel.port2], resourceLimits: WORKER_LIMITS });
    worker.unref();
    return { worker, port: channel.port1, chunk, offset: 0, done: false, heardAt: Date.now() };
  });
  try {
    while (running.some((r) => !r.done)) {
      const seen = Atomics.load(signal, 0);
      let received = false;
      for (const r of running) {
        for (let message = receiveMessageOnPort(r.port); message; message = receiveMessageOnPort(r.port)) {
          received = true;
          r.heardAt = Date.now();
          const body = message.message as WorkerMessage;
          if ('error' in body) throw new Error(`index worker failed: ${body.error}`);
          if ('done' in body) {
            r.done = true;
            continue;
          }
          const slice = r.chunk.slice(r.offset, r.offset + body.records.length);
          r.offset += body.records.length;
          consume(body.records, slice);
        }
        if (!r.done && Date.now() - r.heardAt > STALL_MS) {
          // Crashed or stuck (it cannot say which: its events need an event loop we do not run).
          r.done = true;
          const rest = r.chunk.slice(r.offset);
          for (let i = 0; i < rest.length; i += BATCH) consume(rest.slice(i, i + BATCH).map(readRecord), rest.slice(i, i + BATCH));
        }
      }
      if (!received) Atomics.wait(signal, 0, seen, 1000);
    }
  } finally {
    for (const r of running) {
      r.port.close();
      void r.worker.terminate();
    }
  }
}

function runWorker(input: WorkerInput): void {
  const post = (message: WorkerMessage) => {
    input.port.postMessage(message);
    Atomics.add(input.signal, 0, 1);
    Atomics.notify(input.signal, 0);
  };
  try {
    for (let i = 0; i < input.files.length; i += BATCH) {
      post({ records: input.files.slice(i, i + BATCH).map(readRecord) });
    }
    post({ done: true });
  } catch (error) {
    post({ error: (error as Error).message });
  }
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.role === 'roadmap-parse') {
  runWorker(workerData as WorkerInput);
}

/**
 * The executable: the one place that touches process.argv, the real streams and the exit code.
 * The same bundle also starts the index's parse workers, which must not run the CLI.
 */
import { isMainThread } from 'node:worker_threads';
import { terminalIO } from './io.js';
import { run } from './run.js';

if (isMainThread) {
  const startedAt = performance.now();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `roadmap issue list | head`: the reader left; that is not a failure.
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  void run(process.argv.slice(2), { io: terminalIO(process.env), cwd: process.cwd(), env: process.env, startedAt }).then((code) => { process.exitCode = code; });

}

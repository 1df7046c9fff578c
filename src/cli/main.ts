/**
 * The executable: the one place that touches process.argv, the real streams and the exit code.
 */
import { terminalIO } from './io.js';
import { run } from './run.js';

const startedAt = performance.now();

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `roadmap issue list | head`: the reader left; that is not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await run(process.argv.slice(2), { io: terminalIO(process.env), cwd: process.cwd(), env: process.env, startedAt });
process.exitCode = code;

/**
 * The executable: the one place that touches process.argv, the real streams and the exit code.
 */
import { monotonicMs } from '../time.js';
import { terminalIO } from './io.js';
import { run } from './run.js';

const startedAt = monotonicMs();
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `roadmap issue list | head`: the reader left; that is not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const io = terminalIO(process.env);
void run(process.argv.slice(2), { io, cwd: process.cwd(), env: process.env, startedAt }).then((code) => {
  io.flush();
  process.exitCode = code;
});

/**
 * The executable: the one place that touches process.argv, the real streams and the exit code.
 */
import { monotonicMs } from '../time.js';
import { terminalIO } from './io.js';
import { run } from './run.js';

const startedAt = monotonicMs();
const io = terminalIO(process.env);
void run(process.argv.slice(2), { io, cwd: process.cwd(), env: process.env, startedAt }).then((code) => {
  io.flush();
  process.exitCode = code;
  // Leave now rather than when the event loop runs dry: Node would first wait for V8's
  // background compile jobs, finishing code nobody will run (7 to 10 ms of a short command).
  if (io.drained()) process.exit(code);
});

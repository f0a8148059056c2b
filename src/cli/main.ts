/** The `ricloud` bin: runs the command line, prints a failure as one line on stderr, and sets the exit code. */
import { CommanderError } from 'commander';
import { errorLine, exitCode } from './errors';
import { buildProgram } from './program';
import { drained, isWriteFailure, stopOnWriteError, stopped, stopSignal } from './stop';

const stop = stopSignal();
stopOnWriteError(process.stdout, 'stdout');
stopOnWriteError(process.stderr, 'stderr');
let failure: unknown;
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  // A command may end with a failed output's own error (Node 24's `pipeline` rejects with stdout's): that is the stop.
  // Help and --version end with commander's error of code 0, a success: their output may still fail as any other.
  const printed = error instanceof CommanderError && error.exitCode === 0;
  if (!isWriteFailure(error) && !printed) failure = error;
}
// The last lines may fail to reach a reader that has gone: that decides the exit code too. A stopped run does not
// wait for a reader that stopped reading.
await Promise.race([drained(process.stdout), stopped(stop)]);
const line = errorLine(failure, stop);
if (line) process.stderr.write(`${line}\n`);
process.exitCode = exitCode(failure, stop);
// What stdout has yet to take would keep the process waiting on that reader: the stop ends it, as it ends any process.
if (stop.aborted && process.stdout.writableLength > 0) process.exit();

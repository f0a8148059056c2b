/** The `ricloud` bin: runs the command line, prints a failure as one line on stderr, and sets the exit code. */
import { errorLine, exitCode } from './errors';
import { buildProgram } from './program';
import { drained, stopOnWriteError, stopSignal } from './stop';

const stop = stopSignal();
stopOnWriteError(process.stdout, 'stdout');
stopOnWriteError(process.stderr, 'stderr');
let failure: unknown;
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  failure = error;
}
// The last lines may fail to reach a reader that has gone: that decides the exit code too.
await drained(process.stdout);
const line = errorLine(failure, stop);
if (line) process.stderr.write(`${line}\n`);
process.exitCode = exitCode(failure, stop);

/** The `ricloud` bin: runs the command line, prints a failure as one line on stderr, and sets the exit code. */
import { errorLine, exitCode } from './errors';
import { buildProgram } from './program';
import { stopSignal } from './stop';

const stop = stopSignal();
try {
  await buildProgram().parseAsync(process.argv);
  process.exitCode = exitCode(undefined, stop);
} catch (error) {
  const line = errorLine(error, stop);
  if (line) process.stderr.write(`${line}\n`);
  process.exitCode = exitCode(error, stop);
}

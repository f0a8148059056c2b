/**
 * What stops a run early: Ctrl-C, `kill`, and an output that cannot be written. One signal stands for all of them;
 * every command passes it to its API calls and servers, so each can clean up.
 */
import type { StopSignal } from './errors';
import { OutputError, RunTimedOut, SIGNAL_EXIT_CODES } from './errors';

/** Why the run stopped: a signal's name, the output failure that stopped it, or the global `--timeout`. */
export type StopReason = StopSignal | OutputError | RunTimedOut;

/**
 * The signals the command handles itself: Ctrl-C, `kill`, and a terminal closed under a run (`event listen` must still
 * clean up). SIGPIPE is not one: Node ignores it, and a write then fails with EPIPE.
 */
const HANDLED_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const satisfies readonly StopSignal[];

let controller: AbortController | undefined;

/** The run's one controller, made on first use along with the handlers of `HANDLED_SIGNALS`. */
function runController(): AbortController {
  if (controller) return controller;
  const made = new AbortController();
  for (const name of HANDLED_SIGNALS) {
    process.on(name, () => {
      if (made.signal.aborted) process.exit(SIGNAL_EXIT_CODES[name]);
      made.abort(name);
    });
  }
  controller = made;
  return made;
}

/**
 * The signal that aborts on the first SIGINT, SIGTERM or SIGHUP, with the signal's name as its reason, or when an
 * output fails (see `stopOnWriteError`). A second signal exits at once, for a cleanup that hangs. Installs the handlers
 * on first use.
 */
export function stopSignal(): AbortSignal {
  return runController().signal;
}

/** Stops the run with `reason`, unless it is already stopping. */
export function stopRun(reason: StopReason): void {
  const running = runController();
  if (!running.signal.aborted) running.abort(reason);
}

/** Stops the run with a `RunTimedOut` once `seconds` have passed (the global `--timeout`), unless it ended first. */
export function stopAfter(seconds: number): void {
  const timer = setTimeout(() => stopRun(new RunTimedOut(`ran out of time (--timeout ${seconds} s)`)), seconds * 1000);
  // A run that ends first ends at once: the timer does not hold the process.
  timer.unref();
}

// The errors of outputs that failed and so stopped the run.
const writeFailures = new WeakSet<object>();

/** True for the error of an output that failed (see `stopOnWriteError`): the run ends as the stop it caused. */
export const isWriteFailure = (error: unknown): boolean => error instanceof Object && writeFailures.has(error);

/**
 * Stops the run, as Ctrl-C does, when `stream` fails, instead of crashing on an unhandled 'error' event. A reader
 * that went away (EPIPE: `ricloud … | head -1`) stops it as SIGPIPE would stop other tools, quietly; any other
 * failure (ENOSPC: `> /dev/full`) stops it with an `OutputError` that names `name`.
 */
export function stopOnWriteError(stream: NodeJS.WritableStream, name: string): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    writeFailures.add(error);
    stopRun(error.code === 'EPIPE' ? 'SIGPIPE' : new OutputError(`cannot write to ${name}: ${error.message}`));
  });
}

/**
 * Resolves once `stream` has taken everything written to it so far, and a failure of those writes has been
 * reported (and has stopped the run).
 */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => setImmediate(resolve)));
}

/** Resolves when `signal` aborts. */
export function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

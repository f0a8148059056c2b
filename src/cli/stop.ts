/** Ctrl-C and `kill`: one signal that every command passes to its API calls and servers, so each can clean up. */
import type { StopSignal } from './errors';
import { SIGNAL_EXIT_CODES } from './errors';

let stop: AbortSignal | undefined;

/**
 * The signal that aborts on the first SIGINT or SIGTERM, with the signal's name as its reason. A second one exits
 * at once, for a cleanup that hangs. Installs the handlers on first use.
 */
export function stopSignal(): AbortSignal {
  if (stop) return stop;
  const controller = new AbortController();
  for (const name of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) {
    process.on(name, () => {
      if (controller.signal.aborted) process.exit(SIGNAL_EXIT_CODES[name]);
      controller.abort(name);
    });
  }
  stop = controller.signal;
  return stop;
}

/** Resolves when `signal` aborts. */
export function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

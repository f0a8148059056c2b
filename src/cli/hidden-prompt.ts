/** A question asked on the terminal whose answer is typed with echo off: a password, a token, a webhook secret. */
import { aborted } from '../read-file';
import { UsageError } from './errors';
import { stopRun } from './stop';

// Keys a hidden prompt acts on.
const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * Asks `question` on the terminal and reads a line without echoing it; Ctrl-C stops the run, as it does elsewhere, and
 * so does anything else that aborts `stop`.
 * @throws UsageError as soon as more than `max` bytes were typed (or pasted) without an Enter.
 */
export function askHidden(
  question: string,
  stdin: NodeJS.ReadStream,
  prompt: NodeJS.WriteStream,
  stop: AbortSignal,
  max: number,
): Promise<string> {
  // In raw mode the terminal neither echoes nor turns Ctrl-C into SIGINT: both are handled here. It is set before the
  // question shows, so nothing typed as soon as it appears is echoed.
  stdin.setRawMode(true);
  prompt.write(question);
  stdin.setEncoding('utf8');
  let typed: string[] = [];
  let onData: (chunk: string) => void = () => undefined;
  let onStop: () => void = () => undefined;
  return new Promise<string>((resolve, reject) => {
    onStop = () => reject(aborted(stop.reason));
    if (stop.aborted) return onStop();
    stop.addEventListener('abort', onStop, { once: true });
    onData = (chunk) => {
      for (const key of chunk) {
        // Enter or Ctrl-D ends the answer; an empty one is the caller's to refuse.
        if (ENTER.has(key) || key === CTRL_D) return resolve(typed.join(''));
        if (key === CTRL_C) return stopRun('SIGINT');
        if (BACKSPACE.has(key)) typed = typed.slice(0, -1);
        else if (key >= ' ') typed.push(key);
        // Counted in characters, each a byte or more: past `max` of them, the answer is past `max` bytes.
        if (typed.length > max) return reject(new UsageError(`more than ${max} bytes typed at the prompt`));
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  }).finally(() => {
    stop.removeEventListener('abort', onStop);
    stdin.off('data', onData);
    stdin.setRawMode(false);
    stdin.pause();
    prompt.write('\n');
  });
}

/**
 * A session's password, never taken from a flag (other users see flags in `ps`, and the shell keeps them in its
 * history): asked on the terminal with echo off, or read from stdin with `--password-stdin`. It is never printed.
 */
import { readBounded } from '../read-file';
import { UsageError } from './errors';
import { MAX_SECRET_BYTES } from './secret-input';
import { stopRun } from './stop';

/** Where the password is read from and where the prompt goes. */
export interface PasswordInput {
  /** `--password-stdin`: read stdin to its end instead of asking. */
  fromStdin: boolean;
  stdin: NodeJS.ReadStream;
  /** The prompt's stream: stderr, so stdout holds only the result. */
  prompt: NodeJS.WriteStream;
  /** The run's stop signal: it ends the read or the prompt (SIGTERM, a pipe kept open). */
  stop: AbortSignal;
}

// Keys a hidden prompt acts on.
const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** Bytes `stdin` held, less one final line break: a password may begin or end with spaces, so nothing else is cut. */
function passwordOf(bytes: Buffer): string {
  if (bytes.length > MAX_SECRET_BYTES)
    throw new UsageError(`stdin for --password-stdin holds more than ${MAX_SECRET_BYTES} bytes`);
  const value = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (!value) throw new UsageError('stdin for --password-stdin is empty');
  return value;
}

/** An interruption as the run's stop machinery reports it: the stop signal's exit code, no message. */
function interrupted(): Error {
  const error = new Error('interrupted');
  error.name = 'AbortError';
  return error;
}

/**
 * Asks `question` on the terminal and reads a line without echoing it; Ctrl-C stops the run, as it does elsewhere, and
 * so does anything else that aborts `stop`.
 */
function askHidden(
  question: string,
  stdin: NodeJS.ReadStream,
  prompt: NodeJS.WriteStream,
  stop: AbortSignal,
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
    onStop = () => reject(interrupted());
    if (stop.aborted) return onStop();
    stop.addEventListener('abort', onStop, { once: true });
    onData = (chunk) => {
      for (const key of chunk) {
        if (ENTER.has(key) || (key === CTRL_D && typed.length > 0)) return resolve(typed.join(''));
        if (key === CTRL_C) return stopRun('SIGINT');
        if (key === CTRL_D) return reject(new UsageError('no password given'));
        if (BACKSPACE.has(key)) typed = typed.slice(0, -1);
        else if (key >= ' ') typed.push(key);
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

/**
 * The password: from stdin with `--password-stdin`, else asked on the terminal.
 * @throws UsageError when stdin is empty or too long, when nothing was typed, or when there is no terminal to ask on
 *   and no `--password-stdin`.
 */
export async function readPassword(input: PasswordInput, question: string): Promise<string> {
  if (input.fromStdin) return passwordOf(await readBounded(input.stdin, MAX_SECRET_BYTES, input.stop));
  if (!input.stdin.isTTY)
    throw new UsageError('no terminal to ask the password on: pipe it to --password-stdin (it is never a flag)');
  const password = await askHidden(question, input.stdin, input.prompt, input.stop);
  if (!password) throw new UsageError('no password given');
  return password;
}

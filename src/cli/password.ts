/**
 * A session's password, never taken from a flag (other users see flags in `ps`, and the shell keeps them in its
 * history): asked on the terminal with echo off, or read from stdin with `--password-stdin`. It is never printed.
 */
import { readBounded } from '../read-file';
import { UsageError } from './errors';
import { MAX_SECRET_BYTES } from '../config/secret-file';
import { askHidden } from './hidden-prompt';

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

/** Bytes `stdin` held, less one final line break: a password may begin or end with spaces, so nothing else is cut. */
function passwordOf(bytes: Buffer): string {
  if (bytes.length > MAX_SECRET_BYTES)
    throw new UsageError(`stdin for --password-stdin holds more than ${MAX_SECRET_BYTES} bytes`);
  const value = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (!value) throw new UsageError('stdin for --password-stdin is empty');
  return value;
}

/**
 * The password: asked on the terminal with echo off (also with `--password-stdin` when stdin is one, as
 * `--token-stdin` is), else read from stdin with `--password-stdin`.
 * @throws UsageError when stdin is empty or too long, when nothing was typed, or when there is no terminal to ask on
 *   and no `--password-stdin`.
 */
export async function readPassword(input: PasswordInput, question: string): Promise<string> {
  if (!input.stdin.isTTY) {
    if (input.fromStdin) return passwordOf(await readBounded(input.stdin, MAX_SECRET_BYTES, input.stop));
    throw new UsageError('no terminal to ask the password on: pipe it to --password-stdin (it is never a flag)');
  }
  const password = await askHidden(question, input.stdin, input.prompt, input.stop, MAX_SECRET_BYTES);
  if (!password) throw new UsageError('no password given');
  return password;
}

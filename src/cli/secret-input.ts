/**
 * Tokens and secrets given without a flag, which other users of the machine could read in `ps`: from a file a
 * variable names (`RICLOUD_TOKEN_FILE`), or from stdin (`--token-stdin`). Either is read up to a bound and trimmed.
 */
import { readBounded, readFileBounded } from '../read-file';
import { UsageError } from './errors';
import { askHidden } from './hidden-prompt';
import type { Setting } from './settings';

/** The most a token or secret may take, in bytes: far more than any has, far less than memory. */
export const MAX_SECRET_BYTES = 64 * 1024;

/** The value in `bytes`, trimmed. @throws UsageError naming `what` when it is too long or empty. */
function secretOf(bytes: Buffer, what: string, source: string): Setting {
  if (bytes.length > MAX_SECRET_BYTES) throw new UsageError(`${what} holds more than ${MAX_SECRET_BYTES} bytes`);
  const value = bytes.toString('utf8').trim();
  if (!value) throw new UsageError(`${what} is empty`);
  return { value, source };
}

/**
 * The value of the file at `path`, which the variable `name` gives (a pipe such as `<(pass show ricloud)` works too),
 * unless `stop` aborts first (a named pipe nothing writes to).
 * @throws UsageError naming the variable and the file when it cannot be read, is empty or is too long; AbortError
 *   when `stop` aborts.
 */
export async function fromSecretFile(name: string, path: string, stop: AbortSignal): Promise<Setting> {
  const what = `${name} ${path}`;
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(path, MAX_SECRET_BYTES, stop);
  } catch (error) {
    if (stop.aborted) throw error;
    throw new UsageError(`cannot read ${what}: ${(error as Error).message}`);
  }
  return secretOf(bytes, what, path);
}

/**
 * The value on `stdin` up to its end, for the flag `flag` (`--token-stdin`), unless `stop` aborts first. On a
 * terminal, `what` is asked for and typed with echo off, so the value does not stay on the screen.
 * @throws UsageError naming the flag when stdin is empty or too long; AbortError when `stop` aborts.
 */
export async function fromStdin(
  flag: string,
  what: string,
  stdin: NodeJS.ReadStream,
  stop: AbortSignal,
): Promise<Setting> {
  const bytes = stdin.isTTY
    ? Buffer.from(await askHidden(`${what} (${flag}): `, stdin, process.stderr, stop, MAX_SECRET_BYTES))
    : await readBounded(stdin, MAX_SECRET_BYTES, stop);
  return secretOf(bytes, `stdin for ${flag}`, flag);
}

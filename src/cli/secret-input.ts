/**
 * Tokens and secrets given without a flag, which other users of the machine could read in `ps`: from a file a
 * variable names (`RICLOUD_TOKEN_FILE`), or from stdin (`--token-stdin`). Either is read up to a bound and trimmed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { addAbortSignal, type Readable } from 'node:stream';
import { UsageError } from './errors';
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
 * The value of the file at `path`, which the variable `name` gives (a pipe such as `<(pass show ricloud)` works too).
 * @throws UsageError naming the variable and the file when it cannot be read, is empty or is too long.
 */
export function fromSecretFile(name: string, path: string): Setting {
  const what = `${name} ${path}`;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${what}: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(fd, buffer, length, buffer.length - length, null);
    return secretOf(buffer.subarray(0, length), what, path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${what}: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes on `stdin` up to its end, or the first `MAX_SECRET_BYTES` and one more (which `secretOf` refuses): a
 * stream without end cannot fill memory. The run's `stop` signal ends the read (a pipe kept open, a terminal).
 * @throws AbortError when `stop` aborts first.
 */
export async function readBounded(stdin: Readable, stop: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of addAbortSignal(stop, stdin)) {
    chunks.push(Buffer.from(chunk as Buffer));
    length += (chunk as Buffer).length;
    if (length > MAX_SECRET_BYTES) break;
  }
  return Buffer.concat(chunks);
}

/**
 * The value on `stdin` up to its end, for the flag `flag` (`--token-stdin`), unless `stop` aborts first.
 * @throws UsageError naming the flag when stdin is empty or too long; AbortError when `stop` aborts.
 */
export async function fromStdin(flag: string, stdin: Readable, stop: AbortSignal): Promise<Setting> {
  return secretOf(await readBounded(stdin, stop), `stdin for ${flag}`, flag);
}

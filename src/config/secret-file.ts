/**
 * A token or secret kept out of the environment, in the file a variable names (`RICLOUD_TOKEN_FILE`): read up to a
 * bound and trimmed. Node-only, for `ricloud/node` and the command line.
 */
import { InvalidInputError } from '../core/errors';
import { readFileBounded } from '../read-file';
import type { Setting } from './settings';

/** The most a token or secret may take, in bytes: far more than any has, far less than memory. */
export const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The value in `bytes`, trimmed, as a setting from `source`.
 * @throws InvalidInputError naming `field` (`what` in its message) when it is too long or empty.
 */
export function secretOf(bytes: Buffer, what: string, source: string, field: string): Setting {
  if (bytes.length > MAX_SECRET_BYTES)
    throw new InvalidInputError(field, `${what} holds more than ${MAX_SECRET_BYTES} bytes`);
  const value = bytes.toString('utf8').trim();
  if (!value) throw new InvalidInputError(field, `${what} is empty`);
  return { value, source };
}

/**
 * The value of the file at `path`, which the variable `name` gives (a pipe such as `<(pass show ricloud)` works too),
 * unless `stop` aborts first (a named pipe nothing writes to).
 * @throws InvalidInputError naming the variable, with the file in its message, when it cannot be read, is empty or is
 *   too long; AbortError when `stop` aborts.
 */
export async function fromSecretFile(name: string, path: string, stop?: AbortSignal): Promise<Setting> {
  const what = `${name} ${path}`;
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(path, MAX_SECRET_BYTES, stop);
  } catch (error) {
    if (stop?.aborted) throw error;
    throw new InvalidInputError(name, `cannot read ${what}: ${(error as Error).message}`);
  }
  return secretOf(bytes, what, path, name);
}

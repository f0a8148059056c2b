/**
 * Tokens and secrets given without a flag, which other users of the machine could read in `ps`, from stdin
 * (`--token-stdin`): read up to a bound and trimmed, as from the file a variable names (`../config/secret-file`).
 */
import { MAX_SECRET_BYTES, secretOf } from '../config/secret-file';
import { readBounded } from '../read-file';
import { asUsage } from './errors';
import { askHidden } from './hidden-prompt';
import type { Setting } from './settings';

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
  try {
    return secretOf(bytes, `stdin for ${flag}`, flag, flag);
  } catch (error) {
    throw asUsage(error);
  }
}

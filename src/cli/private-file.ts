/**
 * Writes a file only its owner can read, such as the config file with the token: it is never readable by others, even
 * for a moment, and the path's symbolic link, if any, is never followed.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors';

/** Read and write for the owner only. */
const OWNER_ONLY = 0o600;

/**
 * Creates `path` (`wx`: never an existing one, nor through a link) with mode 0600 from the start, and writes `text`;
 * a file it could not finish is removed.
 */
function create(path: string, text: string): void {
  const fd = openSync(path, 'wx', OWNER_ONLY);
  try {
    // The umask may have taken bits off the mode asked for; the owner still needs to read the file.
    fchmodSync(fd, OWNER_ONLY);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a `path` that is a symbolic link, or anything else but a regular file: the file renamed into place would
 * replace a device or a pipe (`RICLOUD_CONF=/dev/null`), not write to it.
 * @throws UsageError naming `path`.
 */
export function refuseOddTarget(path: string): void {
  const found = lstatSync(path, { throwIfNoEntry: false });
  if (found?.isSymbolicLink())
    throw new UsageError(`${path} is a symbolic link: remove it, or set RICLOUD_CONF to a file`);
  if (found && !found.isFile())
    throw new UsageError(`${path} is no regular file (a device, a pipe or a socket): set RICLOUD_CONF to a file`);
}

/**
 * Writes `text` to `path`, readable and writable by its owner only. A new file is created with mode 0600. With
 * `overwrite`, the text goes to a new 0600 file beside `path`, renamed into place: the old file, and any other link to
 * it, never holds the text.
 * @throws UsageError when `path` exists and `overwrite` is off, or when it is a symbolic link (which is never written
 *   through) or no regular file.
 */
export function writePrivateFile(path: string, text: string, options: { overwrite: boolean }): void {
  refuseOddTarget(path);
  if (!options.overwrite) {
    try {
      create(path, text);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(`${path} already exists: pass --force to overwrite it`);
      throw error;
    }
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  create(temporary, text);
  try {
    // rename() replaces whatever is at `path`, a link that appeared since the check included, and never follows it.
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

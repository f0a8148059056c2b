/** `ricloud/node`: helpers that need Node's file system, kept out of the main entry so browsers never load them. */
import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { copyFile, type FileHandle, link, lstat, open, rename, rm } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { DownloadOptions } from './core/download';
import { abortError } from './core/abort';
import { InvalidInputError } from './core/errors';
import { checkKeys, checkObject, checkRule, checkRules } from './core/params';
import { type Rule, typed } from './core/rules';
import { readFileBounded } from './read-file';
import type { Result } from './resources/result';
import type { StorageCredentials } from './resources/storage-config';

export { readRicloudConfig } from './config/read-config';
export type { RicloudConfig } from './config/read-config';

/**
 * The fields of a CSV's first data row, named by its header row: lower-cased, spaces made `_` (`Access key ID` →
 * `access_key_id`), as ricloud-py reads an AWS console CSV. Quoted fields may hold commas, quotes and line breaks.
 * @throws InvalidInputError naming `path` when there is no data row, or it has not as many fields as the header.
 */
function firstCsvRow(text: string, path: string): Record<string, string> {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < 3; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      rows.at(-1)?.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.at(-1)?.push(field);
      field = '';
      rows.push([]);
    } else field += c;
  }
  if (field !== '' || (rows.at(-1)?.length ?? 0) > 0) rows.at(-1)?.push(field);
  const [header = [], values] = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  // Sent as it is, a row cut short (or run on) would store blank or shifted credentials.
  if (values?.length !== header.length) {
    const fault = values
      ? `its first row has ${values.length} fields, its header ${header.length}`
      : 'it has no data row';
    throw new InvalidInputError('path', `${path} is no AWS console CSV: ${fault}`);
  }
  return Object.fromEntries(header.map((name, i) => [name.trim().toLowerCase().replace(/ /g, '_'), values[i] ?? '']));
}

// The most a credentials file may take, in bytes: a service-account key takes about 2 KB.
const MAX_CREDENTIALS_BYTES = 1024 * 1024;

const READ_OPTION_RULES: Record<string, Rule> = { signal: [(v) => v instanceof AbortSignal, 'an AbortSignal'] };

/**
 * Reads storage credentials as ricloud-py's `StorageConfig.read_credentials_file` does: a `.csv` file is an AWS
 * console export (its first row, headers as `access_key_id`, `secret_access_key`, …); any other file is a JSON key,
 * such as a GCP service-account key. Errors name the path and never quote the file. `options.signal` ends the read
 * (a named pipe nothing writes to).
 * @throws InvalidInputError naming `path` when the file cannot be read, is longer than 1 MiB or
 *   holds no credentials, or naming `options` when they are not an object of known options; AbortError when
 *   `options.signal` aborts first.
 */
export async function readCredentialsFile(
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<StorageCredentials> {
  const o = checkObject(options, 'options');
  checkKeys(o, Object.keys(READ_OPTION_RULES), 'an option of readCredentialsFile', 'options');
  checkRules(o, 'options', READ_OPTION_RULES);
  const { signal } = o as typeof options;
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(path, MAX_CREDENTIALS_BYTES, signal);
  } catch (error) {
    if (signal?.aborted) throw abortError(`reading the credentials file ${path}`, signal);
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InvalidInputError('path', `cannot read the credentials file ${path} (${code})`);
  }
  if (bytes.length > MAX_CREDENTIALS_BYTES)
    throw new InvalidInputError('path', `the credentials file ${path} holds more than ${MAX_CREDENTIALS_BYTES} bytes`);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let credentials: unknown;
  if (extname(path).toLowerCase() === '.csv') credentials = firstCsvRow(text, path);
  else {
    try {
      credentials = JSON.parse(text);
    } catch {
      credentials = undefined;
    }
  }
  const ok =
    typeof credentials === 'object' &&
    credentials !== null &&
    !Array.isArray(credentials) &&
    Object.keys(credentials).length > 0;
  if (!ok)
    throw new InvalidInputError(
      'path',
      `${path} holds no credentials: it must be a JSON key (a GCP service account) or an AWS console CSV`,
    );
  return credentials as StorageCredentials;
}

/** Options of `downloadToFile`: those of `result.download()`, and whether a file already at the path is replaced. */
export interface DownloadToFileOptions extends DownloadOptions {
  /**
   * `false` keeps a file already at the path, also one made during the download (InvalidInputError). Default `true`.
   */
  overwrite?: boolean | undefined;
}

// Files a download is writing: removed if the process exits first (`process.exit`, as a second Ctrl-C in the CLI does).
const unfinished = new Set<string>();

let removesAtExit = false;

/** Removes `path` if the process exits before the returned function is called. */
function removeAtExit(path: string): () => void {
  if (!removesAtExit) process.on('exit', removeUnfinished);
  removesAtExit = true;
  unfinished.add(path);
  return () => unfinished.delete(path);
}

function removeUnfinished(): void {
  for (const path of unfinished) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Exiting: a file that cannot be removed now stays.
    }
  }
}

/**
 * Downloads a result's file to `path`, readable and writable by its owner only (mode 0600): written to a temporary name
 * beside it, put at `path` only once its size and MD5 checksum matched, and removed on any failure, or when the process
 * exits (`process.exit`) before the download ends, so `path` never holds a partial or corrupted file. A process killed
 * by a signal it does not handle cannot clean up.
 * @throws InvalidInputError naming `path`, before anything is sent, when it is a directory, a symbolic link, a device,
 *   a pipe or a socket, a file is there and `overwrite` is false, or its directory is missing or refuses a new file
 *   (the temporary one); naming `path` too when a file was made there during the download and `overwrite` is false
 *   (that file is kept). What `result.download()`
 *   throws (SizeMismatchError, ChecksumMismatchError, AbortError, …), or the file system's error (`ENOSPC`, `EIO`).
 */
export async function downloadToFile(result: Result, path: string, options?: DownloadToFileOptions): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new InvalidInputError('path', 'must be a non-empty file path');
  const { overwrite = true, ...download } = checkObject(options, 'options') as DownloadToFileOptions;
  checkRule(overwrite, 'options.overwrite', typed('boolean'));
  const found = await lstat(path).catch(() => undefined);
  if (found?.isDirectory()) throw new InvalidInputError('path', `${path} is a directory: name the file to write`);
  // The file is renamed into place: a link, /dev/null or a named pipe would be replaced, not written to.
  if (found && !found.isFile())
    throw new InvalidInputError(
      'path',
      `${path} is no regular file (a link, device, pipe or socket), which it would replace`,
    );
  if (found && !overwrite) throw alreadyExists(path);
  const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
  const file = await createPartial(partial, path);
  const done = removeAtExit(partial);
  try {
    const stream = await result.download(download).catch(async (error: unknown) => {
      await file.close();
      throw error;
    });
    await pipeline(Readable.fromWeb(stream as NodeReadableStream<Uint8Array>), file.createWriteStream());
    await (overwrite ? rename(partial, path) : placeNew(partial, path));
  } finally {
    await rm(partial, { force: true });
    done();
  }
}

/** The refusal to replace the file at `path`, found before the download or made during it. */
const alreadyExists = (path: string) =>
  new InvalidInputError('path', `${path} already exists: pass overwrite: true to replace it`);

// Creating the temporary file fails with these when `path` names a place no file can be made: the caller's input.
const BAD_PLACE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENAMETOOLONG', 'ELOOP']);

/**
 * Creates the temporary file `partial` beside `path`, exclusively and with mode 0600, before anything is sent: the
 * directory's own answer, where a check of its permissions would guess (ACLs, read-only mounts).
 * @throws InvalidInputError naming `path` when its directory is missing or refuses the file; else the fs error.
 */
async function createPartial(partial: string, path: string): Promise<FileHandle> {
  try {
    return await open(partial, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!BAD_PLACE.has(code)) throw error;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR' ? 'no such directory as' : `cannot write a file (${code}) in`;
    throw new InvalidInputError('path', `${path}: ${reason} ${dirname(path)}`);
  }
}

/**
 * Puts `partial` at `path` unless a file is there, in one step of the file system: a hard link, or on a file system
 * without them an exclusive copy. A check before a rename would replace a file made between the two.
 */
async function placeNew(partial: string, path: string): Promise<void> {
  try {
    await link(partial, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(path);
    // The link found no file at `path`: one there when the process exits mid-copy is this copy, cut short.
    const copyDone = removeAtExit(path);
    await copyFile(partial, path, constants.COPYFILE_EXCL)
      .catch(async (failure: NodeJS.ErrnoException) => {
        // A copy cut short (a full disk) made the file at `path`: it goes, so no partial file is left there.
        if (failure.code === 'EEXIST') throw alreadyExists(path);
        await rm(path, { force: true });
        throw failure;
      })
      .finally(copyDone);
  }
}

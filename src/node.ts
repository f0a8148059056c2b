/** `ricloud/node`: helpers that need Node's file system, kept out of the main entry so browsers never load them. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidInputError } from './core/errors';
import type { StorageCredentials } from './resources/storage-config';

/**
 * The fields of a CSV's first data row, named by its header row: lower-cased, spaces made `_` (`Access key ID` →
 * `access_key_id`), as ricloud-py reads an AWS console CSV. Quoted fields may hold commas, quotes and line breaks.
 */
function firstCsvRow(text: string): Record<string, string> {
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
  const [header = [], values = []] = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  return Object.fromEntries(header.map((name, i) => [name.trim().toLowerCase().replace(/ /g, '_'), values[i] ?? '']));
}

/**
 * Reads storage credentials as ricloud-py's `StorageConfig.read_credentials_file` does: a `.csv` file is an AWS
 * console export (its first row, headers as `access_key_id`, `secret_access_key`, …); any other file is a JSON key,
 * such as a GCP service-account key. Errors name the path and never quote the file.
 * @throws InvalidInputError naming `path` when the file cannot be read or holds no credentials.
 */
export async function readCredentialsFile(path: string): Promise<StorageCredentials> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InvalidInputError('path', `cannot read the credentials file ${path} (${code})`);
  }
  let credentials: unknown;
  if (extname(path).toLowerCase() === '.csv') credentials = firstCsvRow(text);
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

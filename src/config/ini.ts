/**
 * The INI subset that ricloud-py's configparser files use: `[section]` headers (text after the `]` ignored, as
 * configparser does), `key = value` or `key: value` lines, and `#` or `;` comment lines, ended by `\n`, `\r\n` or `\r`.
 * Keys are lower-cased, as configparser does.
 */

/** Sections by name, each a map of keys to values. */
export type Ini = Record<string, Record<string, string>>;

/** The name of the section a `[section]` header line opens; undefined for any other line. */
export const headerOf = (line: string): string | undefined => /^\[(.+)\]/.exec(line.trim())?.[1]?.trim();

/** The key (lower-cased) and value of a `key = value` or `key: value` line; undefined for a comment or other text. */
export function entryOf(line: string): [key: string, value: string] | undefined {
  const text = line.trim();
  if (text.startsWith('#') || text.startsWith(';')) return undefined;
  const at = text.search(/[=:]/);
  return at > 0 ? [text.slice(0, at).trim().toLowerCase(), text.slice(at + 1).trim()] : undefined;
}

/** Parses INI text. Lines outside any section, and lines that are not `key = value`, are skipped. */
export function parseIni(text: string): Ini {
  const ini: Ini = Object.create(null) as Ini;
  let section: Record<string, string> | undefined;
  // Python reads a file with universal newlines: \n, \r\n and a lone \r each end a line.
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const name = headerOf(raw);
    if (name !== undefined) section = ini[name] ??= Object.create(null) as Record<string, string>;
    const entry = name === undefined ? entryOf(raw) : undefined;
    if (section && entry) section[entry[0]] = entry[1];
  }
  return ini;
}

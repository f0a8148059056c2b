/**
 * The INI subset that ricloud-py's configparser files use: `[section]` headers (text after the `]` ignored, as
 * configparser does), `key = value` or `key: value` lines, and `#` or `;` comment lines, ended by `\n`, `\r\n` or `\r`.
 * Keys are lower-cased, as configparser does.
 */

/** Sections by name, each a map of keys to values. */
export type Ini = Record<string, Record<string, string>>;

/** Parses INI text. Lines outside any section, and lines that are not `key = value`, are skipped. */
export function parseIni(text: string): Ini {
  const ini: Ini = Object.create(null) as Ini;
  let section: Record<string, string> | undefined;
  // Python reads a file with universal newlines: \n, \r\n and a lone \r each end a line.
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]/.exec(line);
    if (header) {
      section = ini[(header[1] as string).trim()] ??= Object.create(null) as Record<string, string>;
      continue;
    }
    const at = line.search(/[=:]/);
    if (section && at > 0) section[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return ini;
}

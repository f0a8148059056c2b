/** Writes ricloud-py's config files: sets keys in the INI text that `src/config/ini.ts` parses, keeping the rest. */
import { entryOf, headerOf } from '../config/ini';
import { UsageError } from './errors';
import { escapeControls } from './escape';

// A line break would start a line of its own (`token = …` smuggled in a URL); no control character has a use here.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `text`, refused when it holds a control character: it must stay on its one line. */
function oneLine(text: string, what: string): string {
  const found = CONTROL.exec(text);
  if (found)
    throw new UsageError(
      `cannot write ${what} to the config file: ` +
        `it holds a ${/[\r\n]/.test(found[0]) ? 'line break' : 'control character'} (${escapeControls(found[0])})`,
    );
  return text;
}

/** How far a line is indented: a line indented past a key's continues that key's value, to configparser. */
const indent = (line: string): number => line.length - line.trimStart().length;

/** A blank line or a comment: it neither sets nor ends a value. */
const isNote = (line: string): boolean => /^\s*([#;]|$)/.test(line);

/**
 * `text` with `values` set in `[section]`: a key's line is replaced (with the lines continuing its old value), a key
 * the section lacks is added after its last setting, and a section the text lacks is added at its end. Comments, other
 * keys and sections, and the line breaks are kept as they are.
 * @throws UsageError naming the setting when a value holds a line break or any control character.
 */
export function setIniValues(text: string, section: string, values: Record<string, string>): string {
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const lineOf = (key: string) => `${key} = ${oneLine(values[key] as string, `[${section}] ${key}`)}${eol}`;
  const missing = new Set(Object.keys(values));
  const out: string[] = [];
  // Where the section's first occurrence ends: after its header, then after each of its settings; `ended` once past.
  let end: number | undefined;
  let ended = false;
  let inSection = false;
  let replacedIndent = -1;
  // Each line with its line break (the last one may have none).
  for (const line of text ? text.split(/(?<=\n|\r(?!\n))/) : []) {
    const name = headerOf(line);
    // A line continuing the old value of a key replaced goes with it.
    if (name === undefined && !isNote(line) && replacedIndent >= 0 && indent(line) > replacedIndent) continue;
    if (!isNote(line)) replacedIndent = -1;
    if (name !== undefined) {
      ended ||= inSection;
      inSection = name === section;
    }
    const key = inSection && name === undefined ? entryOf(line)?.[0] : undefined;
    if (key !== undefined && Object.hasOwn(values, key)) {
      out.push(lineOf(key));
      missing.delete(key);
      replacedIndent = indent(line);
    } else out.push(line);
    if (inSection && !ended && !isNote(line)) end = out.length;
  }
  if (missing.size === 0) return out.join('');
  const added = [...missing].map(lineOf);
  if (end === undefined) {
    if (out.length > 0 && !/[\r\n]$/.test(out.at(-1) as string)) out[out.length - 1] += eol;
    // A blank line before the new section, as between the others.
    if (out.length > 0 && !isNote(out.at(-1) as string)) out.push(eol);
    return [...out, `[${section}]${eol}`, ...added].join('');
  }
  if (!/[\r\n]$/.test(out[end - 1] as string)) out[end - 1] += eol;
  out.splice(end, 0, ...added);
  return out.join('');
}

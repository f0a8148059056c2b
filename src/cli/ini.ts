/** Writes ricloud-py's config files: the INI that `src/config/ini.ts` parses. */
import type { Ini } from '../config/ini';
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

/**
 * Writes sections back as INI text, `key = value` lines, one blank line between sections.
 * @throws UsageError naming the setting when a section name, key or value holds a line break or any control character.
 */
export function stringifyIni(ini: Ini): string {
  return Object.entries(ini)
    .map(
      ([name, values]) =>
        `[${oneLine(name, `the section name [${name}]`)}]\n${Object.entries(values)
          .map(([key, value]) => `${oneLine(key, `a key in [${name}]`)} = ${oneLine(value, `[${name}] ${key}`)}\n`)
          .join('')}`,
    )
    .join('\n');
}

/**
 * What the command prints from the server, made harmless on a terminal: control characters are shown, not obeyed,
 * so a value cannot set the window title, write the clipboard (OSC 52), clear the screen or forge a line; and
 * invisible format characters are shown too, so a value cannot reorder or hide what a line shows.
 */

// C0 but the tab, then DEL and C1: a terminal acts on these (ESC and C1's CSI start its sequences).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it escapes
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

// Unicode's format characters (Cf) and its line and paragraph separators: the bidi embeddings, overrides and
// isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F, U+061C) reorder what a line shows (Trojan
// Source), zero widths and tags (U+200B, U+FEFF, U+E0041) hide text in it, and U+2028 and U+2029 end a line for
// some readers (Python's splitlines).
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}]/gu;

// What JSON.stringify leaves raw: it escapes C0 itself.
const RAW_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

/** `char` as JSON writes it: `\uXXXX`, a surrogate pair past U+FFFF. */
const jsonEscape = (char: string) =>
  char
    .split('')
    .map((unit) => `\\u${hex(unit.charCodeAt(0), 4)}`)
    .join('');

/**
 * `text` with every control character but the tab shown as `\xHH` (ESC as `\x1b`, a line break as `\x0a`), and every
 * format character and line or paragraph separator as `\uXXXX` (a right-to-left override as `\u202e`; `\u{XXXXX}`
 * past U+FFFF).
 */
export function escapeControls(text: string): string {
  return text
    .replace(CONTROL, (char) => `\\x${hex(char.charCodeAt(0), 2)}`)
    .replace(INVISIBLE, (char) => {
      const code = char.codePointAt(0) as number;
      return code > 0xffff ? `\\u{${hex(code, 5)}}` : `\\u${hex(code, 4)}`;
    });
}

/**
 * `value` as JSON, with DEL, C1, format characters (bidi controls, zero widths), U+2028 and U+2029 written `\uXXXX`:
 * the same JSON document, with no control character, no invisible character and no line end but its own in its text.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, jsonEscape);
}

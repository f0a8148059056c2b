/**
 * What the command prints from the server, made harmless on a terminal: control characters are shown, not obeyed,
 * so a value cannot set the window title, write the clipboard (OSC 52), clear the screen or forge a line.
 */

// C0 but the tab, then DEL and C1: a terminal acts on these (ESC and C1's CSI start its sequences).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it escapes
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

// What JSON.stringify leaves raw: it escapes C0 itself. U+2028 and U+2029 end a line for some readers (Python's
// splitlines): raw, they would split one NDJSON object in two.
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029]/g;

const hex = (char: string, digits: number) => char.charCodeAt(0).toString(16).padStart(digits, '0');

/** `text` with every control character but the tab shown as `\xHH` (ESC as `\x1b`, a line break as `\x0a`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${hex(char, 2)}`);
}

/**
 * `value` as JSON, with DEL, C1, U+2028 and U+2029 written `\uXXXX`: the same JSON document, with no control character
 * and no line end but its own in its text.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (char) => `\\u${hex(char, 4)}`);
}

/** How many terminal columns text takes, so tables of names in any script still line up. */

// East Asian Wide and Fullwidth characters (CJK, Hangul, kana, fullwidth forms) and emoji shown as pictures: two
// columns each on a terminal, as wcwidth counts them.
const WIDE = new RegExp(
  '[\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ua4cf\\uac00-\\ud7a3' +
    '\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6\\u{20000}-\\u{3fffd}\\p{Emoji_Presentation}\\ufe0f]',
  'u',
);

const PRINTABLE_ASCII = /^[ -~]*$/;

const graphemes = new Intl.Segmenter();

/**
 * The columns `text` takes on a terminal: one per character as the reader sees it (a letter with its accents is one),
 * two for a wide one. `text` is already escaped (escapeControls): it holds no control or zero-width character.
 */
export function displayWidth(text: string): number {
  // Most cells (ids, dates, states) are printable ASCII, one column a character: the segmenter costs ~20 µs a cell.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += WIDE.test(segment) ? 2 : 1;
  return width;
}

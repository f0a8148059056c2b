/** A whole number read as Python's `int()` reads it, as ricloud-py reads its settings `max_retries` and `delta`. */

// Whitespace around it, a sign, and decimal digits (of any script, as `int('٣')`) with single underscores between them.
const PYTHON_INT = /^[\s\x85]*([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)[\s\x85]*$/u;

/** A decimal digit's value, in any script: Unicode gives each script's digits in a row, from 0 to 9. */
function digitValue(digit: string): string {
  const code = digit.codePointAt(0) as number;
  let zero = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return String((code - zero) % 10);
}

/** `text` as Python's `int()` reads it (` 7 `, `+5`, `1_000`, `-0`), or undefined where `int()` would refuse it. */
export function pythonInt(text: string): number | undefined {
  const [, sign, digits] = PYTHON_INT.exec(text) ?? [];
  if (digits === undefined) return undefined;
  const value = Number(digits.replace(/_/g, '').replace(/\p{Nd}/gu, digitValue));
  // `-0` reads as 0, as in Python.
  return sign === '-' && value > 0 ? -value : value;
}

/** Redaction: the token, `secret` fields and signature values never leave the SDK in text meant for people. */

/** What stands in for a hidden value. */
export const REDACTED = '[redacted]';

/**
 * Attributes that hold secrets: readable on a resource, but never printed, spread, serialised or described in messages.
 * A session's payload is secret, each field of it: its `password` and its `code` (a 2FA or pairing code).
 */
export const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set(['secret', 'token', 'credentials', 'password', 'code']);

/** Response bodies kept in errors are cut to this many characters. */
const MAX_ERROR_BODY = 64 * 1024;

// For text that is not JSON: a form or query field after a separator (`password=`, `&credentials%5Bkey%5D=`, the `s=`
// of a signature in a header or tag: `:s=`, `>s=`; `+token=` may be inside a token, and an empty value is none: a token
// may end in `/s=`). And the value of a secret key in any case, in JSON or Python's quotes (`"secret": `, `'token': `):
// a string in either quotes (also with Python's `u` or `b` prefix, and when the text ends inside it), an object or list
// (one that nests another is hidden to the text's end, as a pattern cannot count brackets; one inside a string is no
// bracket), a number, but no word (`'token': expected one of …`; `true` or `null` tells nothing); also in a string
// holding JSON (`\"secret\": \"…`, a request echoed, hidden to that string's end). Its names are
// `SECRET_ATTRIBUTES`' (test/reliability/redaction-bodies.test.ts fails when they differ).
const SECRET_FIELD =
  /((?:^|[\s&?;,"'([>:=/{]|%5B)(?:secret|token|password|credentials|code|s)(?:(?:[[\]]|%5[BD])[\w.-]*)*=)[^\s&"']+|((["'])(?:secret|token|password|credentials|code)\\?\3\s*:\s*)(?:[{[](?:[^{}[\]"']|(["'])(?:(?!\4)[^\\]|\\.)*\4?)*(?:[}\]]|[\s\S]*)|[ub]?\\?(["'])(?:(?!\5)[^\\]|\\.)*(?:\5|\\?$)|-?\d[^\s,}\]]*)/gi;
// A key written with `\uXXXX` escapes: a secret one is written plainly before the pattern above looks for it. The `u`
// is lower-case only, as JSON has it: `\U0073` is no escape, and JSON.parse would throw on it.
const ESCAPED_KEY = /"(?:\w*\\u[\dA-Fa-f]{4})+\w*"(?=\s*:)/g;

/** True for a key whose value is a secret: a name in `SECRET_ATTRIBUTES`, in any case. */
export const isSecretKey = (key: string): boolean => SECRET_ATTRIBUTES.has(key.toLowerCase());

/** True for a field path with a secret part: `session.password`, `credentials[key]`. */
export const isSecretField = (field: string): boolean => field.split(/[.[\]]/).some(isSecretKey);

/**
 * Hides secret values inside a body or message, then `hide` (the token), then cuts it to `MAX_ERROR_BODY` characters.
 * A JSON body is redacted as `redactedJson` says, and re-serialised only when something was hidden; only text that is
 * not JSON (a body cut short) falls back to the text pattern alone, which shows a secret key written with escapes as it
 * spells.
 */
export function redactText(text: string, hide: (text: string) => string): string {
  // Secrets before the token: a token inside the word `secret` would hide the key that marks a secret.
  let redacted: string;
  try {
    const json = redactedJson(JSON.parse(text), hide);
    redacted = json.includes(REDACTED) ? json : text;
  } catch {
    redacted = redactFields(text);
  }
  // Redacting before cutting: a cut inside a secret would leave its start unmatched.
  redacted = hide(redacted);
  return redacted.length > MAX_ERROR_BODY ? `${redacted.slice(0, MAX_ERROR_BODY)}…` : redacted;
}

/**
 * The JSON of `value` with every secret attribute hidden (whatever its case, escapes or layout) and each string
 * redacted by the text pattern (one may hold JSON or a form: a request echoed back) and `hide` (however the server
 * escaped it, as Python's `\u00e4`).
 */
export const redactedJson = (value: unknown, hide: (text: string) => string): string =>
  JSON.stringify(value, (key, field: unknown) =>
    isSecretKey(key) ? REDACTED : typeof field === 'string' ? hide(redactFields(field)) : field,
  );

/** `text` with the values of its secret fields replaced, as `SECRET_FIELD` finds them once keys are unescaped. */
const redactFields = (text: string): string =>
  text
    .replace(ESCAPED_KEY, (key) => (isSecretKey(JSON.parse(key)) ? JSON.stringify(JSON.parse(key)) : key))
    .replace(SECRET_FIELD, (_, form, json) => (form ? form + REDACTED : `${json}"${REDACTED}"`));

/** `text` with the characters a regular expression reads as syntax escaped. */
const literal = (text: string): string => text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');

/**
 * A pattern of the forms in which a server may echo `secret` back on its own: its base64, padded or not (inside a
 * longer base64 or base64url text, `base64Groups` finds it), JSON-escaped (also with each `/` as `\/`, as PHP writes
 * it), or each character as sent or percent-encoded, any number of times (its UTF-8 bytes, hex in upper or lower case,
 * each re-encoding a `%` as `%25`; a space also as a form's `+`, or as that `+` encoded): encoders differ in which
 * characters they encode (`encodeURIComponent` keeps `!'()`, a form encodes them, Python's `quote` keeps `/`), so each
 * character may be either way. Ways of one character that start alike (`%2f` and `%25252F`, `%2525` and `%`) part at
 * the end of a run of `25`s, and no two are alike: a failing match steps back through that run once for each way, so
 * a hostile text cannot slow it more than its length does.
 */
function secretPattern(secret: string): RegExp {
  const utf8 = new TextEncoder();
  const base64 = encoded(btoa, secret)?.replaceAll('=', '');
  let chars = '';
  for (const char of secret) {
    const hex = [...utf8.encode(char)].map((byte) => `%(?:25)*${(byte | 256).toString(16).slice(1)}`).join('');
    // A hex of digits alone is one way, not two: `%61` offered as its upper and its lower case made a failing match try
    // each of a hex token's starts 2^n times.
    chars += `(?:${[...new Set([hex, hex.toUpperCase()])].join('|')}|${
      char === ' ' ? '\\+|%(?:25)*2[Bb]|' : ''
    }${literal(char)})`;
  }
  // The longer forms first: a JSON-escaped token ending in `\` is hidden whole, not as the token and a `\`.
  const json = literal(JSON.stringify(secret).slice(1, -1));
  // Stryker disable next-line StringLiteral: another text in place of none makes an alternative no text holds.
  return new RegExp(`${base64 ? `${literal(base64)}=*|` : ''}${json.replaceAll('/', '\\\\/')}|${json}|${chars}`, 'g');
}

/**
 * The token's bytes in a base64 text, at each of the three byte alignments: only the characters its bytes alone
 * decide, which the text around them (a `Basic` credential's user or password) extends.
 */
function base64Groups(token: string): string[] {
  // Stryker disable next-line ArrayDeclaration: a group is looked for in a base64 text, which holds no space.
  const groups: string[] = [];
  for (const offset of [0, 1, 2]) {
    const text = encoded(btoa, '\0'.repeat(offset) + token);
    const first = Math.ceil(offset / 3) * 3;
    const last = Math.floor((offset + token.length) / 3) * 3;
    if (text && last - first >= 3) groups.push(text.slice((first / 3) * 4, (last / 3) * 4));
  }
  return groups;
}

/**
 * `encode(text)`, or undefined when `text` has none (`btoa` of non-Latin-1, `encodeURIComponent` of a lone surrogate).
 */
function encoded(encode: (text: string) => string, text: string): string | undefined {
  try {
    return encode(text);
  } catch {
    // None: the function ends, returning undefined.
  }
}

/**
 * The strings and numbers (as text) held under secret keys anywhere in `value` (a request body, a query): what a call
 * must hide besides the token.
 */
export function secretValues(value: unknown, underSecret = false): string[] {
  if (underSecret && (typeof value === 'string' || typeof value === 'number')) return [String(value)];
  // Stryker disable next-line ArrayDeclaration: a value no text holds hides nothing.
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => secretValues(field, underSecret || isSecretKey(key)));
}

// A base64 or base64url text and its padding: one that holds a token's groups is hidden whole, as the characters at
// its ends, which other bytes share, still tell a token's first and last bytes.
const BASE64_TEXT = /[\w+/-]+=*/g;
// A secret this long is hidden wherever it is: no word or number holds one by chance. A shorter one may be a word or
// part of one (a token `t` or `mock`, a 2FA code): it is hidden only where it stands alone.
const HIDDEN_ANYWHERE = 8;
// An escape ends in a letter or digit, yet is no part of the word beside it: `%22hunter2`, `%2522hunter2` (encoded
// twice, or up to four times: `hideSecret` looks ten characters back), `\u0022mock`, `\nmock`.
const ESCAPE_END = /(?:%(?:25)*[\dA-F]{2}|\\(?:u[\dA-F]{4}|U[\dA-F]{8}|x[\dA-F]{2}|[0-7]{1,3}|[a-z]))$/i;

/**
 * True when `a` and `b` are letters both or digits both: side by side, they are one word (`mocked`, `14821`), where a
 * letter and a digit need not be (`key4821`, `mock2`).
 */
const joined = (a?: string, b?: string): boolean => /^(?:\p{L}{2}|\p{N}{2})$/u.test(`${a}${b}`);

/**
 * `text` with each match of `pattern` (a secret's) hidden: everywhere, or, when the secret is `short`, where it
 * stands alone: no letter or digit of its kind touches it (an escape, before it or as its last character, is none).
 */
const hideSecret = (text: string, [pattern, short]: [RegExp, boolean]): string =>
  text.replace(pattern, (found, at: number) =>
    short &&
    ((joined(text[at - 1], found[0]) && !ESCAPE_END.test(text.slice(Math.max(0, at - 10), at))) ||
      (joined(found.at(-1), text[at + found.length]) && !ESCAPE_END.test(found)))
      ? found
      : REDACTED,
  );

/**
 * `secret` in pieces of at most 1024 characters, none under 8: a longer one (a private key) made a pattern whose
 * SyntaxError quoted it. Each is long enough to be hidden anywhere: an echo of the whole leaves nothing.
 */
const pieces = (secret: string): string[] => secret.match(/[\s\S]{1,1024}(?![\s\S]{1,7}$)/gu) ?? [];

/**
 * A function that hides every form of each of `tokens` in a text: a base64 text holding the token's bytes (see
 * `base64Groups`) whole, then each other form (see `secretPattern`).
 */
export function tokenRedactor(...tokens: string[]): (text: string) => string {
  // An empty token (no pieces) would be found between every two characters; longest first, as a shorter one inside a
  // longer one would leave the rest of it visible.
  const given = tokens.flatMap(pieces).sort((a, b) => b.length - a.length);
  const patterns = given.map((token): [RegExp, boolean] => [secretPattern(token), token.length < HIDDEN_ANYWHERE]);
  // Any group, in base64's alphabet or base64url's (`-` and `_` for `+` and `/`); none when no token has one.
  const group = new RegExp(
    given.flatMap(base64Groups).join('|').replaceAll('+', '[+-]').replaceAll('/', '[/_]') || '(?!)',
  );
  // Each word of a text is a base64 text to the pattern: they are looked at only when a group is there at all.
  return (text) =>
    patterns.reduce(
      hideSecret,
      group.test(text) ? text.replace(BASE64_TEXT, (run) => (group.test(run) ? REDACTED : run)) : text,
    );
}

/** Headers (lower-case names) that carry credentials or signatures: hidden whole wherever headers are shown. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'ricloud-signature',
  'cookie',
  'set-cookie',
]);

/** A plain copy of headers with credentials and signatures hidden, and `hide` applied to every other value. */
export function redactHeaders(headers: Headers, hide: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : hide(value);
  });
  return out;
}

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

/**
 * The forms in which a server may echo `token` back on its own: as sent, JSON-escaped (also with each `/` as `\/`, as
 * PHP writes it), percent-encoded, and base64, padded or not (inside a longer base64 text, `base64Groups` finds it).
 */
function tokenForms(token: string): string[] {
  const json = JSON.stringify(token).slice(1, -1);
  const forms = [token, json, json.replaceAll('/', '\\/')];
  const percent = encoded(encodeURIComponent, token);
  if (percent)
    forms.push(
      percent,
      percent.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    );
  const base64 = encoded(btoa, token);
  if (base64) forms.push(base64, base64.replaceAll('=', ''));
  return forms;
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

/** `encode(text)`, or undefined when `text` has none (`btoa` of non-Latin-1, `encodeURIComponent` of a lone surrogate). */
function encoded(encode: (text: string) => string, text: string): string | undefined {
  try {
    return encode(text);
  } catch {
    // None: the function ends, returning undefined.
  }
}

/** The strings held under secret keys anywhere in `value` (a request body): what a call must hide besides the token. */
export function secretValues(value: unknown, underSecret = false): string[] {
  if (underSecret && typeof value === 'string') return [value];
  // Stryker disable next-line ArrayDeclaration: a value no text holds hides nothing.
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => secretValues(field, underSecret || isSecretKey(key)));
}

// A base64 or base64url text and its padding: one that holds a token's groups is hidden whole, as the characters at
// its ends, which other bytes share, still tell a token's first and last bytes.
const BASE64_TEXT = /[\w+/-]+=*/g;
// A form this long is hidden wherever it is; a shorter one may be a word, or part of one (a token `t`), and is hidden
// only where it stands alone.
const HIDDEN_ANYWHERE = 16;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// An escape ends in a letter or digit, yet is no part of the word after it: `%22hunter2`, `\u0022mock`, `\nmock`.
const ESCAPE_END = /(?:%[\dA-F]{2}|\\(?:u[\dA-F]{4}|U[\dA-F]{8}|x[\dA-F]{2}|[0-7]{1,3}|[a-z]))$/i;

/** True when `a` and `b` are letters or digits both: side by side, they are one word. */
const joined = (a = '', b = ''): boolean => LETTER_OR_DIGIT.test(a) && LETTER_OR_DIGIT.test(b);

/**
 * `text` with `form` hidden: everywhere, or, when it is short enough to be a word, where no letter or digit touches it
 * (the end of an escape before it does not).
 */
const hideForm = (text: string, form: string): string =>
  text.replaceAll(form, (found, at: number) =>
    form.length < HIDDEN_ANYWHERE &&
    ((joined(text[at - 1], form[0]) && !ESCAPE_END.test(text.slice(Math.max(0, at - 10), at))) ||
      joined(form.at(-1), text[at + form.length]))
      ? found
      : REDACTED,
  );

/**
 * A function that hides every form of each of `tokens` in a text: a base64 text holding the token's bytes (see
 * `base64Groups`) whole, then each other form (see `tokenForms`).
 */
export function tokenRedactor(...tokens: string[]): (text: string) => string {
  // An empty token would be found between every two characters.
  const given = tokens.filter(Boolean);
  const groups = given.flatMap(base64Groups);
  // Longest first: a shorter form inside a longer one would leave the rest of it visible.
  const forms = [...new Set(given.flatMap(tokenForms))].sort((a, b) => b.length - a.length);
  const holdsGroup = (text: string) => groups.some((group) => text.includes(group));
  // Each word of a text is a base64 text to the pattern: they are looked at only when a group is there at all.
  return (text) =>
    forms.reduce(
      hideForm,
      holdsGroup(text) ? text.replace(BASE64_TEXT, (run) => (holdsGroup(run) ? REDACTED : run)) : text,
    );
}

const SECRET_HEADERS = new Set(['authorization', 'ricloud-signature', 'cookie', 'set-cookie']);

/** A plain copy of headers with credentials and signatures hidden, and `hide` applied to every other value. */
export function redactHeaders(headers: Headers, hide: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : hide(value);
  });
  return out;
}

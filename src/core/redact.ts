/** Redaction: the token, `secret` fields and signature values never leave the SDK in text meant for people. */

/** What stands in for a hidden value. */
export const REDACTED = '[redacted]';

/** Attributes that hold secrets: readable on a resource, but never printed, spread, serialised or described in messages. */
export const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set(['secret', 'token', 'credentials']);

/** Response bodies kept in errors are cut to this many characters. */
export const MAX_ERROR_BODY = 64 * 1024;

// The value of `"secret":` or `"token":` in JSON text: a string (also when the text ends inside it: a body cut short), a list of
// strings (as the API's `params` lists messages per field), or any other scalar; and `s=...` in a `Ricloud-Signature`.
const SECRET_FIELD =
  /("(?:secret|token)"\s*:\s*)(?:"(?:[^"\\]|\\.)*(?:"|\\?$)|\[(?:[^[\]"]|"(?:[^"\\]|\\.)*"?)*\]?|[^\s,}\]]+)/g;
// The value of `"credentials":`, a flat object (a GCP key, AWS keys), also when the text ends inside it.
const CREDENTIALS_FIELD = /("credentials"\s*:\s*)\{(?:[^{}"]|"(?:[^"\\]|\\.)*"?)*\}?/g;
const SIGNATURE_VALUE = /(\bs=)[A-Za-z0-9+/=_-]+/g;

/** Hides secret values inside a body or message, then cuts it to `MAX_ERROR_BODY` characters. */
export function redactText(text: string): string {
  // Redacting before cutting: a cut inside a secret would leave its start unmatched.
  const redacted = text
    .replace(SECRET_FIELD, `$1"${REDACTED}"`)
    .replace(CREDENTIALS_FIELD, `$1"${REDACTED}"`)
    .replace(SIGNATURE_VALUE, `$1${REDACTED}`);
  return redacted.length > MAX_ERROR_BODY ? `${redacted.slice(0, MAX_ERROR_BODY)}…` : redacted;
}

const SECRET_HEADERS = new Set(['authorization', 'ricloud-signature', 'cookie', 'set-cookie']);

/** A plain copy of headers with credentials and signatures hidden, and `hide` applied to every other value. */
export function redactHeaders(
  headers: Headers,
  hide: (text: string) => string = (text) => text,
): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : hide(value);
  });
  return out;
}

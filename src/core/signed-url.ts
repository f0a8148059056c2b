/**
 * A signed URL's query is a credential: errors name the file without it, and hide it in what a server or the platform
 * says, whole and each credential's value (a storage server may echo one alone, as S3 does); a date or an algorithm
 * stays, as one may explain the error (S3's `RequestTimeTooSkewed`).
 */
import { REDACTED, tokenRedactor } from './redact';

/** The shortest value of a signed URL's query hidden in errors: shorter ones would hide ordinary words. */
const MIN_HIDDEN_VALUE = 8;
/** Query parameters of a signed URL that hold a credential (`X-Amz-Signature`, Azure's `sig`, `X-Goog-Credential`). */
const CREDENTIAL_PARAMETER = /^sig$|signature|token|credential|key|policy|secret|auth/i;
/** A field of a URL's query in a text: its name and value (which ends where a message's punctuation begins). */
const QUERY_FIELD = /([?&]([^=&#\s]+)=)[^&#\s"'<>()[\]]+/g;

/**
 * A function that hides the credentials of `urls` in a text (each query whole, and each credential's value in every
 * form `tokenRedactor` knows), and those of any other URL in it: a redirect leads to a URL the SDK was never given.
 */
export function credentialHider(...urls: string[]): (text: string) => string {
  const values = urls.flatMap((url) => {
    const { search, searchParams } = new URL(url);
    const credentials = [...searchParams].filter(([name]) => CREDENTIAL_PARAMETER.test(name));
    return [search.slice(1), ...credentials.map(([, value]) => value)];
  });
  const hideKnown = tokenRedactor(...values.filter((value) => value.length >= MIN_HIDDEN_VALUE));
  return (text) =>
    hideKnown(text).replace(QUERY_FIELD, (field, start: string, name: string) =>
      CREDENTIAL_PARAMETER.test(name) ? start + REDACTED : field,
    );
}

/**
 * `error` with `hide` applied to the message, stack and string fields of it and its causes: the error itself when that
 * hides nothing, else a copy, as the error is the platform's (a fetch may name the URL in it, as Deno's does).
 */
export function hiddenCopy(error: unknown, hide: (text: string) => string, depth = 0): unknown {
  if (typeof error === 'string') return hide(error);
  if (!(error instanceof Error) || depth >= 5) return error;
  const seen: Record<string, unknown> = { ...error, message: error.message, stack: error.stack, cause: error.cause };
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(seen))
    shown[key] = key === 'cause' ? hiddenCopy(value, hide, depth + 1) : typeof value === 'string' ? hide(value) : value;
  if (Object.keys(seen).every((key) => shown[key] === seen[key])) return error;
  const { message, cause, ...fields } = shown;
  const copy = new (error instanceof TypeError ? TypeError : Error)(
    String(message),
    cause === undefined ? {} : { cause },
  );
  Object.assign(copy, fields);
  if (copy.name !== error.name)
    Object.defineProperty(copy, 'name', { value: error.name, configurable: true, writable: true });
  return copy;
}

/**
 * A signed URL's query is a credential: errors name the file without it, and hide it in what a server or the platform
 * says, whole and each credential's value (a storage server may echo one alone, as S3 does); a date or an algorithm
 * stays, as one may explain the error (S3's `RequestTimeTooSkewed`).
 */
import { REDACTED } from './redact';

/** What hides the credentials in a text. */
type Hide = (text: string) => string;

/** The shortest value of a signed URL's query hidden in errors: shorter ones would hide ordinary words. */
const MIN_HIDDEN_VALUE = 8;
/** Query parameters of a signed URL that hold a credential (`X-Amz-Signature`, Azure's `sig`, `X-Goog-Credential`). */
const CREDENTIAL_PARAMETER = /^sig$|signature|token|credential|key|policy|secret|auth/i;
/**
 * A field of a URL's query in a text: its name (no `?`, or a run of them would each be read to the text's end) and
 * value (which ends where a message's punctuation begins).
 */
const QUERY_FIELD = /([?&]([^=&#?\s]+)=)[^&#\s"'<>()[\]]+/g;

/**
 * A function that hides the credentials of `urls` in a text (each query whole, and each credential's value in every
 * form the transport's `redactWith` knows, in the one pass that hides the token: one inside another is hidden whole),
 * and those of any other URL in it: a redirect leads to a URL the SDK was never given.
 */
export function credentialHider(redactWith: (secrets: string[]) => Hide, ...urls: string[]): Hide {
  const values = urls.flatMap((url) => {
    const { search, searchParams } = new URL(url);
    const credentials = [...searchParams].filter(([name]) => CREDENTIAL_PARAMETER.test(name));
    return [search.slice(1), ...credentials.map(([, value]) => value)];
  });
  const hideKnown = redactWith(values.filter((value) => value.length >= MIN_HIDDEN_VALUE));
  return (text) =>
    hideKnown(text).replace(QUERY_FIELD, (field, start: string, name: string) =>
      CREDENTIAL_PARAMETER.test(name) ? start + REDACTED : field,
    );
}

/** Whether `value` is an error: any object with a string `message` (one of another realm, a thrown plain object). */
const isError = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

/**
 * Fields an error may hold through its prototype (a DOMException's are getters there): a copy holds them as its own.
 */
const INHERITED = ['name', 'message', 'stack', 'code', 'cause', 'errors'];

/**
 * `error` with `hide` applied to its text, its causes, its `errors` (an AggregateError's) and the strings and URLs of
 * its fields one level down (`request.url`): the error itself when that hides nothing, else a copy of its class, as the
 * error is the platform's (a fetch may name the URL in it, as Deno's does). `copies` maps each error met to its copy,
 * so a cycle of causes ends.
 */
export function hiddenCopy(error: unknown, hide: Hide, copies = new Map<object, object>()): unknown {
  if (typeof error === 'string') return hide(error);
  if (!isError(error)) return error;
  const known = copies.get(error);
  if (known) return known;
  const copy: object = Object.create(Object.getPrototypeOf(error));
  copies.set(error, copy);
  let hid = false;
  for (const key of new Set([...Reflect.ownKeys(error), ...INHERITED.filter((key) => key in error)])) {
    const value: unknown = Reflect.get(error, key);
    const shown = hiddenField(value, hide, copies);
    hid ||= shown !== value;
    const enumerable = Object.getOwnPropertyDescriptor(error, key)?.enumerable ?? false;
    Object.defineProperty(copy, key, { value: shown, enumerable, writable: true, configurable: true });
  }
  return hid ? copy : error;
}

/** A field of an error, hidden: text, a URL, an error, and those in an object or array (one level down only). */
function hiddenField(value: unknown, hide: Hide, copies: Map<object, object>, nested = false): unknown {
  if (typeof value === 'string') return hide(value);
  if (value instanceof URL) return hide(value.href) === value.href ? value : hide(value.href);
  if (isError(value)) return hiddenCopy(value, hide, copies);
  if (nested || typeof value !== 'object' || value === null) return value;
  const fields = Object.entries(value).map(([key, field]) => [key, hiddenField(field, hide, copies, true)] as const);
  if (fields.every(([key, field]) => field === Reflect.get(value, key))) return value;
  return Array.isArray(value) ? fields.map(([, field]) => field) : Object.fromEntries(fields);
}

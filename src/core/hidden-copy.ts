/**
 * Copies of errors with their secrets hidden: the platform's or a caller's error is kept as a cause, and
 * `util.inspect(err)` prints causes whole.
 */

import { REDACTED, redactHeaders } from './redact';

/** How many objects a copy walks at most. */
const MAX_WALKED = 1000;

/** What hides the secrets in a text. */
export type Hide = (text: string) => string;

/** Whether `value` is an error: any object with a string `message` (one of another realm, a thrown plain object). */
const isError = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

/**
 * Fields an error may hold through its prototype (a DOMException's are getters there): a copy holds them as its own.
 */
const INHERITED = ['name', 'message', 'stack', 'code', 'cause', 'errors'];

/**
 * `error` with `hide` applied to its text, its causes, its `errors` (an AggregateError's) and the strings and URLs of
 * its fields at any depth (`request.url`, `config.headers.auth`): the error itself when that hides nothing, else a copy
 * of its class, as the error is the platform's (a fetch may name the URL in it, as Deno's does). Thrown values that are
 * no Error are hidden as its fields are. `copies` maps each object met to its copy, so a cycle ends.
 */
export function hiddenCopy(error: unknown, hide: Hide, copies = new Map<object, object>()): unknown {
  if (!isError(error)) return hiddenField(error, hide, copies);
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

/**
 * A field of an error, hidden: text, a URL, an error, and those in an object or array, at any depth: the value itself
 * when that hides nothing, else a plain copy.
 */
function hiddenField(value: unknown, hide: Hide, copies: Map<object, object>): unknown {
  if (typeof value === 'string') return hide(value);
  if (value instanceof URL) return hide(value.href) === value.href ? value : hide(value.href);
  if (isError(value)) return hiddenCopy(value, hide, copies);
  // Their fields are no own ones, yet printed: a request's headers hold the token.
  if (value instanceof Headers) return redactHeaders(value, hide);
  if (value instanceof Request) value = { method: value.method, url: value.url, headers: value.headers };
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known) return known;
  // A graph of thousands of objects (a socket's) would take long to walk, or overflow the stack: its rest is hidden.
  if (copies.size > MAX_WALKED) return REDACTED;
  // Made before the fields are walked, so a cycle back to it ends at the copy (which then counts as a change).
  const copy = (Array.isArray(value) ? [] : {}) as Record<string, unknown>;
  copies.set(value, copy);
  let hid = false;
  for (const [key, field] of Object.entries(value)) {
    copy[key] = hiddenField(field, hide, copies);
    hid ||= copy[key] !== field;
  }
  // Unchanged, it is met again as itself: none of its fields took the copy, or they would have changed.
  copies.set(value, hid ? copy : value);
  return hid ? copy : value;
}

/**
 * Copies of errors with their secrets hidden: the platform's or a caller's error is kept as a cause, and
 * `util.inspect(err)` prints causes whole.
 */

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

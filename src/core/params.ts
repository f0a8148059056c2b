/**
 * Checks and encodings for what callers pass in. Each open decision of the API docs has one home here:
 * how ids go into paths, how a datetime filter goes on the wire, what a valid url is.
 */
import { InvalidInputError } from './errors';
import { isSecretField } from './redact';
import { type Rule, typed } from './rules';

/**
 * Checks one value against its rule; `T` is what the rule lets through, when a caller needs it narrowed.
 * @throws InvalidInputError naming `field` and saying what it must be.
 */
export function checkRule<T>(value: unknown, field: string, [ok, mustBe]: Rule): asserts value is T {
  if (ok(value)) return;
  // A secret's value (a password passed as a number) is not described, unless blank: the message may be logged.
  const hidden = isSecretField(field) && !isBlank(value);
  throw new InvalidInputError(field, `must be ${mustBe}${hidden ? '' : `, got ${describe(value)}`}`);
}

/**
 * Checks each key of `o` that is set against its rule.
 * @throws InvalidInputError naming `${field}.${key}` and saying what it must be.
 */
export function checkRules(o: Record<string, unknown>, field: string, rules: Record<string, Rule>): void {
  for (const key in rules) if (o[key] !== undefined) checkRule(o[key], `${field}.${key}`, rules[key] as Rule);
}

/** Longest id the SDK will put in a path or a list's cursor; real ids are UUID-sized. */
export const MAX_ID_LENGTH = 256;

/**
 * Checks an id and returns it path-encoded. Refuses empty ids, `/`, `.`/`..` and absurd lengths, and a number that is
 * no safe whole number (NaN, say, or an id JSON rounded: sent, it would name another resource).
 */
export function encodeId(id: unknown, field = 'id'): string {
  if (isPlainObject(id) && 'id' in id)
    throw new InvalidInputError(field, 'must be a string, got an object with an id: pass its .id');
  checkRule(id, field, [(v) => typeof v === 'string' || Number.isSafeInteger(v), 'a string']);
  const text = String(id);
  if (isBlank(text)) throw new InvalidInputError(field, `must not be ${text ? 'only whitespace' : 'empty'}`);
  if (text.length > MAX_ID_LENGTH)
    throw new InvalidInputError(field, `is ${text.length} characters long; ids are at most ${MAX_ID_LENGTH}`);
  // A `\` is refused too: URL parsers read it as a `/`.
  const slash = /[/\\]/.exec(text);
  if (slash) throw new InvalidInputError(field, `must not contain "${slash[0]}"`);
  if (text === '.' || text === '..') throw new InvalidInputError(field, `must not be "${text}"`);
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate (half of a UTF-16 pair) has no UTF-8 form.
    throw new InvalidInputError(field, 'is not well-formed Unicode text');
  }
}

/**
 * The token as it is sent: surrounding whitespace (the line break a token file ends with) is trimmed, once, here.
 * @throws InvalidInputError naming `token` when it starts with an Authorization scheme (`Token `, `Bearer `), or
 *   whitespace or a control character is left inside it.
 */
export function checkToken(value: string): string {
  const token = value.trim();
  if (/^(token|bearer)\s/i.test(token))
    throw new InvalidInputError('token', 'must be the key token alone, without "Token " or "Bearer " before it');
  if (/[\s\p{Cc}]/u.test(token))
    throw new InvalidInputError('token', 'must not contain whitespace or control characters');
  return token;
}

/**
 * Checks a receiver url: absolute http(s), no credentials, no whitespace or control characters (which `URL` would
 * silently drop, so the text sent would differ from the URL checked). Returns it unchanged.
 */
export function checkUrl(value: unknown, field = 'url'): string {
  checkRule<string>(value, field, typed('string'));
  if (isBlank(value)) throw new InvalidInputError(field, `must be an absolute http(s) URL, got ${describe(value)}`);
  if (/[\s\p{Cc}]/u.test(value))
    throw new InvalidInputError(field, 'must not contain whitespace, line breaks or control characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(field, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(field, `must use http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username || url.password) throw new InvalidInputError(field, 'must not contain credentials (user:password@)');
  return value;
}

/**
 * Checks the API's base URL: what `checkUrl` asks, and nothing after the path, since every request path is appended.
 * @throws InvalidInputError naming `field`.
 */
export function checkBaseUrl(value: unknown, field: string): void {
  checkUrl(value, field);
  if (/[?#]/.test(value as string))
    throw new InvalidInputError(field, 'must not have a query (?) or fragment (#): request paths are appended to it');
}

/** A point in time: a `Date` or an ISO 8601 string. */
export type DateInput = Date | string;

/** A datetime filter: one instant (equality) or a range. */
export type DateFilter =
  | DateInput
  | {
      gt?: DateInput | undefined;
      gte?: DateInput | undefined;
      lt?: DateInput | undefined;
      lte?: DateInput | undefined;
    };

const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

/**
 * The first and last instants whose ISO form has a four-digit year, 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z
 * (`toISOString` writes others as `+010000-…`).
 */
const FIRST_INSTANT = -62_167_219_200_000;
const LAST_INSTANT = 253_402_300_799_999;

/** A `Date` the wire form can carry: an instant (not `new Date('nonsense')`) in the years 0000 to 9999, UTC. */
const isValidDate = (date: Date): boolean => date.getTime() >= FIRST_INSTANT && date.getTime() <= LAST_INSTANT;

/**
 * ISO 8601 as datetime filters take it: a date (`2025-01-31`, midnight UTC), or a date and time with `Z` or an offset
 * (`2025-01-31T12:00Z`, `2025-01-31T12:00:00.5+01:00`). A time without a zone is refused: read as local time, it
 * would mean something else on each machine. Hours stop at 23 (no `24:00`), and a second has at most nine digits of
 * fraction (nanoseconds; the API writes six); `Date` refuses minutes, seconds and offsets out of range.
 */
const ISO_8601 = /^(\d{4}-\d\d-\d\d)(T([01]\d|2[0-3]):\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/;

/**
 * The instant that `text` names in ISO 8601 (see `ISO_8601`); undefined for other text, or a day not on the calendar
 * (2025-02-30).
 */
export function parseIsoInstant(text: string): Date | undefined {
  // `Date` reads other text its own way ('1' is 2001) and rolls an impossible day over to the next month.
  const day = ISO_8601.exec(text)?.[1];
  if (!day) return undefined;
  const start = new Date(day);
  const date = new Date(text);
  return isValidDate(start) && isValidDate(date) && start.toISOString().slice(0, 10) === day ? date : undefined;
}

/**
 * The wire form of an instant: ISO 8601 in UTC with `Z`, as ricloud-py sends it. A string's fraction of a second finer
 * than `Date` holds (the API's own `…57.168354Z`) goes as given, so `gt: config.date_created` leaves that config out.
 */
export function isoInstant(value: unknown, field: string): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? parseIsoInstant(value) : undefined;
  if (!date || !isValidDate(date)) {
    throw new InvalidInputError(
      field,
      'must be a valid Date or ISO 8601 with a zone (years 0000 to 9999), e.g. 2025-01-31T12:00:00Z',
    );
  }
  const fine = typeof value === 'string' ? /\.(\d{4,})/.exec(value) : null;
  if (!fine) return date.toISOString();
  // The seconds come from the instant without the fraction, which an offset (whole minutes) never changes.
  return `${new Date(fine.input.replace(fine[0], '')).toISOString().slice(0, 19)}.${fine[1]}Z`;
}

/**
 * Encodes a datetime filter as flat query keys: `date_created=<iso>`, or `date_created__gt=<iso>` and so on
 * for a range. The API docs do not show the wire form; this is the one place that decides it.
 */
export function encodeDateFilter(filter: unknown, name: string, query: Record<string, unknown>): void {
  if (filter instanceof Date || typeof filter === 'string') {
    query[name] = isoInstant(filter, name);
    return;
  }
  if (typeof filter !== 'object' || filter === null)
    throw new InvalidInputError(name, `must be a Date, an ISO string or a range, got ${describe(filter)}`);
  const entries = Object.entries(filter).filter(([, value]) => value !== undefined);
  if (entries.length === 0) throw new InvalidInputError(name, 'a range needs at least one of gt, gte, lt, lte');
  for (const [op, value] of entries) {
    if (!(RANGE_KEYS as readonly string[]).includes(op))
      throw new InvalidInputError(`${name}.${op}`, 'is not a range operator (gt, gte, lt, lte)');
    query[`${name}__${op}`] = isoInstant(value, `${name}.${op}`);
  }
}

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Refuses any key of `o` not in `allowed`, so a typo is not sent as a filter or ignored as an option. `what` says what
 * a key is (`a list parameter`, `an option`); `at` names the object holding them.
 */
export function checkKeys(o: object, allowed: readonly string[], what: string, at?: string): void {
  for (const key of Object.keys(o))
    if (!allowed.includes(key))
      throw new InvalidInputError(at ? `${at}.${key}` : key, `is not ${what} (expected one of ${allowed.join(', ')})`);
}

/** A plain object: not null, not an array. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Refuses anything but a plain object (or undefined) where parameters or options belong. */
export function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined) return {};
  checkRule(value, field, [isPlainObject, 'an object']);
  return value as Record<string, unknown>;
}

/** `a, b or c`: names joined as alternatives. */
export const alternatives = (names: readonly string[]): string =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');

/** `a string`, `an object`, `an update`, `a user`: a noun with its article (`us…` sounds as `you`). */
export const withArticle = (noun: string): string => `${/^(?!us)[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** True for a string with nothing but whitespace in it, or none at all. */
const isBlank = (value: unknown): boolean => typeof value === 'string' && !/\S/.test(value);

/**
 * A short, secret-free description of a value for messages: numbers and booleans as they are, strings by length, or as
 * empty or only whitespace (which a field refusing them would otherwise seem to take for text of that length).
 */
export function describe(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (value instanceof Promise) return 'a Promise (a missing await?)';
  if (typeof value !== 'string') return withArticle(typeof value);
  if (isBlank(value)) return value ? 'only whitespace' : 'an empty string';
  return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
}

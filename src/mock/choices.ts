/**
 * What the mock does where the API docs are silent. Each choice is a named value here and a row of the README's
 * "Where the docs are silent" table; nothing else in the mock hard-codes them.
 */

/** Organisation ids are derived from tokens in this order; a token map in the options overrides it. */
export const ORGANISATION_PREFIX = 'org_';

/** Lists return this many items when no `limit` is sent (documented). */
export const DEFAULT_LIST_LIMIT = 10;
/** The largest `limit` (documented). */
export const MAX_LIST_LIMIT = 1000;
/** A `limit` is written in decimal digits only: `1e1`, `0x2`, ` 2` and `2.0` are refused with 400. */
export const LIMIT_FORMAT = /^\d+$/;
/**
 * A `date_created` filter is ISO 8601 in UTC with a `Z`, as the SDK sends it (`Date.toISOString()`, or the API's own
 * microseconds), fractions of a second optional: a date alone, a zone offset, no zone or any other text is refused
 * with 400.
 */
export const DATE_FILTER_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** Deliveries go to the config's url, trailing slashes dropped, with the event id as a last path segment. */
export function deliveryUrl(configUrl: string, eventId: string): string {
  const url = new URL(configUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(eventId)}`;
  return url.toString();
}

/** Milliseconds a receiver has to answer a delivery before the test fails. */
export const DELIVERY_TIMEOUT = 10_000;

/** A receiver answer counts as delivered when its status is 2xx. */
export const isDelivered = (status: number): boolean => status >= 200 && status < 300;

/** Task `error` codes for a failed webhook config test. */
export const TEST_ERRORS = {
  unreachable: 'webhook-unreachable',
  timeout: 'webhook-timeout',
  status: 'webhook-bad-status',
} as const;

/** `create` and `test` answer 201 with the new resource; updates answer 200. */
export const CREATED = 201;

/** Error slugs for the statuses the docs give no slug for. */
export const ERROR_CODES = {
  401: 'unauthorized',
  403: 'missing-scope',
  404: 'not-found',
  405: 'method-not-allowed',
  429: 'rate-limited',
  500: 'server-error',
} as Record<number, string>;

/** How many received requests `api.requests` keeps (the latest). */
export const MAX_LOGGED_REQUESTS = 10_000;

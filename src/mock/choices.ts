/**
 * What the mock does where the API docs are silent. Each choice is a named value here and a row of `docs/mock.md`
 * (or of the README's "Where the docs are silent" table); nothing else in the mock hard-codes them.
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
 * A `date_created` filter is ISO 8601 as any client's encoder writes it: a date alone (midnight UTC), or a date and
 * time with an optional fraction (up to nine digits) and a zone (`Z`, `±HH:MM`, `±HHMM`); a time without a zone is
 * read as UTC (ricloud-py sends naive datetimes so). Any other text, or a date that does not exist, is refused with 400.
 */
export const DATE_FILTER_FORMAT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

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
  413: 'request-too-large',
  429: 'rate-limited',
  500: 'server-error',
} as Record<number, string>;

/** How many received requests `api.requests` keeps (the latest). */
export const MAX_LOGGED_REQUESTS = 10_000;
/** The largest request body the mock reads; a larger one is answered 413 `request-too-large`. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** The largest body `api.requests` keeps; a larger one is logged as `''` with its size in `bodyBytes`. */
export const MAX_LOGGED_BODY_BYTES = 4096;

/** Delivery attempts of an event before it is `failed` (documented: "up to 5"); a config test makes one. */
export const DELIVERY_ATTEMPTS = 5;
/** Milliseconds before the first retry of a failed delivery; each later one waits 5 times longer (1, 5, 25, 125 min). */
export const RETRY_DELAY = 60_000;
/** The growth of the wait between two retries. */
export const RETRY_BACKOFF = 5;

/** Task `error` code of a failed storage config test. */
export const STORAGE_TEST_ERROR = 'storage-access-denied';

/** The answer to an operation that would produce events for an organisation with no `valid` webhook config. */
export const UNCONFIGURED = { status: 400, code: 'unconfigured' } as const;

/**
 * What the mock does where the API docs are silent. Each choice is a named value here and a row of `docs/mock.md`
 * (or of `docs/design.md`); nothing else in the mock hard-codes them.
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
 * read as UTC (ricloud-py sends naive datetimes so). Any other text, or a date that does not exist, is refused with
 * 400.
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
/** The deepest nesting of arrays and objects a JSON body may have: a deeper one could not be written back. */
export const MAX_BODY_DEPTH = 64;
/** The largest body `api.requests` keeps; a larger one is logged as `''` with its size in `bodyBytes`. */
export const MAX_LOGGED_BODY_BYTES = 4096;

/** Delivery attempts of an event before it is `failed` (documented: "up to 5"); a config test makes one. */
export const DELIVERY_ATTEMPTS = 5;
/**
 * Milliseconds before the first retry of a failed delivery; each later one waits 5 times longer (1, 5, 25, 125 min).
 */
export const RETRY_DELAY = 60_000;
/** The growth of the wait between two retries. */
export const RETRY_BACKOFF = 5;

/** Task `error` code of a failed storage config test. */
export const STORAGE_TEST_ERROR = 'storage-access-denied';

/** The answer to an operation that would produce events for an organisation with no `valid` webhook config. */
export const UNCONFIGURED = { status: 400, code: 'unconfigured' } as const;

/**
 * The identifier of the `n`th Relay instance an organisation's pairing codes paired, when a session names the instance
 * by its user and type only (ricloud-py's Relay sample): counted, as the code is a credential and must not show.
 */
export const relayIdentifier = (n: number): string => `rirelay-${n}`;

/** A session's error when the service locked its source, which is then `locked`. */
export const SOURCE_LOCKED = 'source-locked';

/**
 * How the mock ends a session from its credentials: the first matching row decides (`error` null: `active`).
 * iCloud accounts whose identifier starts with `2fa` need a code: none, or a wrong one, is `code-required`
 * (ricloud-py's iCloud sample asks again on it); `code-invalid` is a wrong Relay pairing code (its Relay sample's).
 */
export const SESSION_OUTCOMES: readonly {
  type: string;
  when: (identifier: string, payload: { password?: string; code?: string }) => boolean;
  error: string;
}[] = [
  { type: 'icloud.account', when: (_, p) => p.password === 'wrong', error: 'invalid-credentials' },
  { type: 'icloud.account', when: (id) => id.startsWith('locked'), error: SOURCE_LOCKED },
  {
    type: 'icloud.account',
    when: (id, p) => id.startsWith('2fa') && (!p.code || p.code === 'invalid'),
    error: 'code-required',
  },
  { type: 'rirelay.instance', when: (_, p) => p.code === 'invalid', error: 'code-invalid' },
];

/** Milliseconds an active session lives before it is `expired` (default of the `sessionLifetime` option): a day. */
export const SESSION_LIFETIME = 24 * 60 * 60 * 1000;
/** Milliseconds a result stays `available` or `consumed` before it is `expired` (`resultLifetime`): seven days. */
export const RESULT_LIFETIME = 7 * 24 * 60 * 60 * 1000;
/** Bytes of a file result (default of the `resultSize` option). */
export const RESULT_SIZE = 4096;
/** Milliseconds of the mock per second of a subscription's `interval` (default of the `intervalScale` option). */
export const INTERVAL_SCALE = 1000;
/**
 * A subscription's `interval` in seconds: a day by default; an hour at least for a Relay source (the API's changelog),
 * whose app is passed it; an iCloud subscription's is its polling period, with no minimum documented.
 */
export const SUBSCRIPTION_INTERVAL = { default: 86_400, relayMin: 3600 } as const;

/**
 * A data type or file whose name ends so makes its task fail, with this error; a storage config whose url ends so fails
 * its tests, with `STORAGE_TEST_ERROR`.
 */
export const FAILING_TARGET = { suffix: '.fail', error: 'data-unavailable' } as const;
/** A data type or file whose name ends so leaves its task `suspended` after `processing`, for good. */
export const SUSPENDED_TARGET = { suffix: '.suspend' } as const;
/** The path where the mock serves result files: the `signed_url` of a result. */
export const FILES_PATH = '/files';
/** The answer for the file of an expired result, and to acknowledging it. */
export const RESULT_EXPIRED = { status: 410, code: 'result-expired' } as const;
/** The answer for a result's file once its signed URL expired (`signed_urls_expiry`), as S3 answers one: 403. */
export const SIGNED_URL_EXPIRED = { status: 403, code: 'signed-url-expired' } as const;
/** The answer to a poll on an expired session (the documented slug). */
export const SESSION_EXPIRED = { status: 400, code: 'session-expired' } as const;
/** The most ids one `POST /results/ack` takes. */
export const MAX_ACK_IDS = 1000;
/** The child sources a poll of a Relay instance finds, once: one per device, named after the instance. */
export const RELAY_DEVICES = ['iphone', 'ipad'] as const;
/**
 * The most resources of each kind the mock holds. Past it, what a client makes (a config, a user, a session…) is
 * refused with `LIMIT_EXCEEDED`, and the oldest of the mock's history (events, tasks, polls, results) is forgotten.
 */
export const MAX_STORED = 10_000;
/** The answer to a create past `MAX_STORED` (the documented slug; 400, as `unconfigured`: no permission is missing). */
export const LIMIT_EXCEEDED = { status: 400, code: 'limit-exceeded' } as const;
/**
 * The mock server's reset route (`POST`): `__`-prefixed, as WireMock's `/__admin`, so it is outside the API's paths and
 * can never take one of its endpoints.
 */
export const RESET_PATH = '/__mock/reset';
/** Without the `tokens` option, the most organisations unknown tokens make until `reset()`; past it they are 401. */
export const MAX_MADE_ORGANISATIONS = 1000;
/** The most tasks one poll makes: distinct info types, data types and files together. */
export const MAX_POLL_TASKS = 100;

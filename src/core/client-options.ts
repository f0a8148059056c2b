/** A client's settings: what each may be, how they are checked, and the headers they make for every request. */
import { InvalidInputError } from './errors';
import { LOG_LEVELS, LOG_METHODS, type Logger, type LogLevel } from './log';
import { checkRequestOptions, type Hooks } from './options';
import { checkBaseUrl, checkRules } from './params';
import type { Validation } from './parse';
import { numberIn, type Rule, typed } from './rules';
import { userAgent } from './user-agent';

/**
 * A `fetch` the client may use: what calling `fetch` takes, and no more, so the app's own function passes where the
 * runtime's `fetch` has members of its own (Bun's `preconnect`).
 */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Settings of a client. Every one is optional; see each for its default. */
export interface ClientOptions extends Hooks {
  /** The key token; defaults to `RICLOUD_TOKEN`. Trimmed, sent as `Authorization: Token <token>`, never printed. */
  token?: string | undefined;
  /** The API's base URL; defaults to `RICLOUD_URL`, else `https://ricloud-api.reincubate.com`. */
  baseUrl?: string | undefined;
  /** Milliseconds each attempt may take (default 30 000). */
  timeout?: number | undefined;
  /** Milliseconds a whole call may take, retries and backoff included (default 3 × timeout). */
  deadline?: number | undefined;
  /** Retries after a failed attempt (default 2). See the README for which failures are retried. */
  maxRetries?: number | undefined;
  /** Largest response body read, in bytes after decompression (default 10 MiB); past it, `ResponseTooLargeError`. */
  maxResponseBytes?: number | undefined;
  /** Headers sent with every request (not `Authorization`: the token sets it). */
  headers?: Record<string, string> | undefined;
  /** A `fetch` to use instead of the global one (proxies, tests). */
  fetch?: Fetch | undefined;
  /** Where log lines go (default `console`). */
  logger?: Logger | undefined;
  /** How much to log (default `RICLOUD_LOG`, else `warn`). */
  logLevel?: LogLevel | undefined;
  /**
   * Check every response against the resource's schema (default `true`: a body that breaks it is a
   * `ResponseValidationError`). `'warn'` logs that error and returns the body unchecked; `false` skips the schemas.
   */
  validate?: Validation | undefined;
}

/** The checks of client options, besides those every request option has. */
const CLIENT_RULES: Record<string, Rule> = {
  token: typed('string'),
  fetch: typed('function'),
  logLevel: [(v) => LOG_LEVELS.includes(v as LogLevel), `one of ${LOG_LEVELS.join(', ')}`],
  logger: [
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      LOG_METHODS.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
    `an object with ${LOG_METHODS.join(', ')} methods`,
  ],
  maxResponseBytes: numberIn(1, Number.MAX_SAFE_INTEGER, ' of bytes', true),
  validate: [(v) => typeof v === 'boolean' || v === 'warn', "true, false or 'warn'"],
};

/** Why a client refuses an option that it cannot apply to all calls (a signal given there would cancel nothing). */
const CALL_ONLY = 'is an option of each call, not of a client';

/** Checks client options; every refusal names the option. */
export function checkClientOptions(options: unknown): ClientOptions {
  const o: ClientOptions = checkRequestOptions(options, [...Object.keys(CLIENT_RULES), 'baseUrl'], {
    signal: CALL_ONLY,
    awaitFor: CALL_ONLY,
  });
  checkRules(o as Record<string, unknown>, 'options', CLIENT_RULES);
  if (o.baseUrl !== undefined) checkBaseUrl(o.baseUrl, 'options.baseUrl');
  return o;
}

/**
 * Every request's headers: the user agent, the caller's own, then the token and `accept`, which they cannot replace.
 * @throws InvalidInputError when the token cannot be sent in an HTTP header.
 */
export function requestHeaders(token: string, extra: Record<string, string> | undefined): Headers {
  const agent = userAgent();
  // Set one by one, so names match whatever their case.
  const headers = new Headers(agent ? { 'user-agent': agent } : {});
  for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  try {
    headers.set('authorization', `Token ${token}`);
  } catch {
    // Headers' own TypeError would quote the token.
    throw new InvalidInputError(
      'token',
      'cannot be sent in an HTTP header: it has a line break or a character outside Latin-1',
    );
  }
  headers.set('accept', 'application/json');
  return headers;
}

/** The options every call takes, and their checks. */
import type { BaseClient } from './client';
import { InvalidInputError } from './errors';
import { checkKeys, checkObject, checkRules, isPlainObject } from './params';
import type { RicloudError } from './ricloud-error';
import { MILLISECONDS, numberIn, typed, type Rule } from './rules';
import { MAX_AWAIT_SECONDS, MAX_RETRIES } from './wire';

/** Observability hooks. Each may be set on the client and on a single request; both run. */
export interface Hooks {
  /** Before each attempt is sent. */
  onRequest?: ((event: RequestHookInfo) => void) | undefined;
  /** When an attempt gets a response, whatever its status. */
  onResponse?: ((event: ResponseHookInfo) => void) | undefined;
  /** Before the SDK sleeps `delayMs` and sends attempt `attempt + 1`. */
  onRetry?: ((event: RetryHookInfo) => void) | undefined;
}

/** What `onRequest` gets: the attempt about to be sent (`url` is the whole URL, never the token). */
export interface RequestHookInfo {
  /** The HTTP method: `GET`, `POST` or `DELETE`. */
  method: string;
  /** The whole URL, query included. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** What `onResponse` gets: an attempt's response, whatever its status. */
export interface ResponseHookInfo extends RequestHookInfo {
  /** The HTTP status of the response. */
  status: number;
  /** Milliseconds from sending the attempt to its response headers (the body is read after). */
  durationMs: number;
  /** The server's request id (`X-Request-Id`), when sent. */
  requestId?: string | undefined;
}

/** What `onRetry` gets: the attempt that failed, its error, and the sleep before the next. */
export interface RetryHookInfo {
  /** The attempt that failed: 1 for the first. */
  attempt: number;
  /** Milliseconds the SDK sleeps before it sends the next attempt. */
  delayMs: number;
  /** Why the attempt failed: the error the call would throw, were it not retried. */
  error: RicloudError;
}

/** Options every method takes as its last argument. Unset values fall back to the client's. */
export interface RequestOptions extends Hooks {
  /** Cancels the call: the request in flight, any backoff sleep, and `task.wait()`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take (with `awaitFor`, at least its seconds and 5 more). */
  timeout?: number | undefined;
  /** Milliseconds the whole call may take, retries and backoff included (default 3 × the attempt's timeout). */
  deadline?: number | undefined;
  /** How many times a failed attempt may be retried (default 2). */
  maxRetries?: number | undefined;
  /** Extra headers for this call (not `Authorization`: the token sets it). */
  headers?: Record<string, string> | undefined;
  /** Long-poll: asks the server to hold the answer up to this many seconds (sends `Ricloud-Await`). */
  awaitFor?: number | undefined;
}

/** Options of every resource call: request options, plus the client to use instead of the default one. */
export interface CallOptions extends RequestOptions {
  /** The client to send with, instead of the default one from `configure()`. */
  client?: BaseClient | undefined;
}

/** True when fetch can send every name and value (a value with a line break, say, makes `Headers` throw). */
function validHeaders(headers: Record<string, unknown>): boolean {
  try {
    new Headers(headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

const hook: Rule = typed('function');

/** The checks of every method's options. */
const REQUEST_RULES: Record<string, Rule> = {
  timeout: MILLISECONDS,
  deadline: MILLISECONDS,
  maxRetries: numberIn(0, MAX_RETRIES, '', true),
  awaitFor: numberIn(0, MAX_AWAIT_SECONDS, ' of seconds'),
  signal: [(v) => v instanceof AbortSignal, 'an AbortSignal'],
  headers: [
    (v) => isPlainObject(v) && validHeaders(v),
    'an object of valid HTTP header names to values (no line breaks)',
  ],
  onRequest: hook,
  onResponse: hook,
  onRetry: hook,
};

/** The keys of a resource call's options: every method's, and the client to send with. */
const CALL_KEYS = [...Object.keys(REQUEST_RULES), 'client'];

/**
 * Checks the options object every method takes, which may also hold the `more` keys (by default, a resource call's
 * `client`). An unknown key (a typo such as `timout`) is refused, as an unknown parameter is; a key of `refused` (one
 * this place does not take) is refused with its reason, unless undefined (left out, as any option is), and is not
 * offered among the keys a typo could have meant.
 */
export function checkRequestOptions(
  options: unknown,
  more?: readonly string[],
  refused: Readonly<Record<string, string>> = {},
): RequestOptions {
  const o = checkObject(options, 'options');
  checkKeys(
    o,
    // A key of `refused` that is given passes here: it is refused below with its reason, or left out as undefined.
    more ? [...Object.keys(REQUEST_RULES), ...more].filter((key) => !(key in refused) || key in o) : CALL_KEYS,
    'an option',
    'options',
  );
  for (const key in refused)
    if (o[key] !== undefined) throw new InvalidInputError(`options.${key}`, refused[key] as string);
  checkRules(o, 'options', REQUEST_RULES);
  const auth = o.headers && Object.keys(o.headers).find((name) => name.toLowerCase() === 'authorization');
  // Only the client's token is sent as credentials, so only it is redacted wherever a server echoes it.
  if (auth)
    throw new InvalidInputError(`options.headers.${auth}`, 'is set from the token option; pass { token } instead');
  return o as RequestOptions;
}

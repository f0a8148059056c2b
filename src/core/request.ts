/**
 * The request pipeline: one call in, one validated value or one RicloudError out. It builds the request, lets ky
 * run attempts and backoff under the retry policy, bounds everything by a deadline, and maps every failure.
 */
import type { KyInstance, Options as KyOptions } from 'ky';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestError,
  ResponseValidationError,
  type RicloudError,
  RicloudError as BaseError,
  ServerError,
  TimeoutError,
  type RequestInfo,
} from './errors';
import type { Logger, LogLevel } from './log';
import { levelled } from './log';
import { checkObject, checkRules, isPlainObject, MILLISECONDS, numberIn, typed, type Rule } from './params';
import { REDACTED, redactHeaders, redactText, SECRET_ATTRIBUTES } from './redact';
import { loadKy, loadSchemas, type Ky } from './load';
import { parseBody, type SchemaOf, type Validation } from './parse';
import { failedBeforeSending, networkCode } from './network';
import {
  backoffMs,
  isAttemptTimeout,
  isHttpError,
  isRetryable,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  type RetryMode,
} from './retry';
import { userAgent } from './user-agent';
import { AWAIT_HEADER, MAX_AWAIT_SECONDS, REQUEST_ID_HEADER } from './wire';

/** Observability hooks. Each may be set on the client and on a single request; both run. */
export interface Hooks {
  /** Before each attempt is sent. */
  onRequest?: ((event: { method: string; url: string; attempt: number }) => void) | undefined;
  /** When an attempt gets a response, whatever its status. */
  onResponse?:
    | ((event: {
        method: string;
        url: string;
        attempt: number;
        status: number;
        durationMs: number;
        requestId?: string | undefined;
      }) => void)
    | undefined;
  /** Before the SDK sleeps `delayMs` and sends attempt `attempt + 1`. */
  onRetry?: ((event: { attempt: number; delayMs: number; error: RicloudError }) => void) | undefined;
}

/** Options every method takes as its last argument. Unset values fall back to the client's. */
export interface RequestOptions extends Hooks {
  /** Cancels the call: the request in flight, any backoff sleep, and `task.wait()`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take. */
  timeout?: number | undefined;
  /** Milliseconds the whole call may take, retries and backoff included (default 3 × timeout). */
  deadline?: number | undefined;
  /** How many times a failed attempt may be retried (default 2). */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** Long-poll: asks the server to hold the answer up to this many seconds (sends `Ricloud-Await`). */
  awaitFor?: number | undefined;
}

/** What a client hands to the pipeline, built once per client: its settings (but the token) and its hooks. */
export interface Transport extends Hooks {
  /** The client's ky instance, made with the first request (ky, and the platform's fetch, load only then); a promise only until then. */
  ky: () => KyInstance | Promise<KyInstance>;
  /** The caller's `fetch`; unset means the global one, looked up at each call (so test interceptors apply). */
  fetch?: typeof fetch | undefined;
  timeout: number;
  deadline?: number | undefined;
  maxRetries: number;
  log: ReturnType<typeof levelled>;
  /** Whether debug lines are written: they are built only then. */
  debug: boolean;
  validate: Validation;
  /** Hides the client's token in server text that errors keep: a server may echo it back in a message. */
  redact: (text: string) => string;
}

/** Settings for `createTransport`. */
export interface TransportSettings extends Hooks {
  baseUrl: string;
  token: string;
  timeout: number;
  deadline?: number | undefined;
  maxRetries: number;
  headers?: Record<string, string> | undefined;
  fetch?: typeof fetch | undefined;
  logger: Logger;
  logLevel: LogLevel;
  validate: Validation;
}

/** One API call, as a resource describes it. */
export interface RequestSpec<T> {
  /** HTTP method: the API reads with GET and changes with POST. */
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`, ids already encoded. */
  path: string;
  /** Query parameters, already encoded as strings (list filters, `limit`, cursors). */
  query?: Record<string, string>;
  /** Sent as the JSON body. */
  body?: object;
  /** How the call may be repeated: `idempotent` on any transient failure, `once` only when the server certainly did not act. */
  retry: RetryMode;
  /** Picks the response's schema from the schemas module (loaded with the first response). */
  schema: SchemaOf<T>;
  /** The answer is a list page: its `data` must be a list of objects even when validation is off. */
  page?: boolean;
  /** How messages name the target, e.g. `webhook_config wc_1`. */
  what: string;
}

/** The HTTP facts behind a returned value. */
export interface ResponseMeta {
  /** HTTP status code. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The server's request id (`X-Request-Id`), when sent. */
  requestId?: string | undefined;
}

// ky retries only the methods listed; the SDK's policy (retry.ts) decides per call instead.
const RETRY_METHODS = ['get', 'post'];

// A long-poll attempt gets this much time beyond what it asked the server to wait.
const AWAIT_MARGIN_MS = 5_000;

/** Builds a client's transport: one ky instance with the auth header and base URL, made on first use. */
export function createTransport(settings: TransportSettings): Transport {
  let instance: KyInstance | undefined;
  // Everything but the token, which only the auth header and `redact` need.
  const { token, ...rest } = settings;
  // The token as text may hold it, and as JSON text may escape it (`/` as `\/`).
  const forms = token ? [...new Set([token, JSON.stringify(token).slice(1, -1), token.replaceAll('/', '\\/')])] : [];
  // Set one by one, so names match whatever their case: the caller's headers may replace the user agent, never the token.
  const agent = userAgent();
  const headers = new Headers(agent ? { 'user-agent': agent } : {});
  for (const [name, value] of Object.entries(settings.headers ?? {})) headers.set(name, value);
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
  const make = (ky: Ky) =>
    (instance = ky.create({
      prefixUrl: settings.baseUrl,
      headers,
      redirect: 'manual',
      throwHttpErrors: true,
    }));
  return {
    ...rest,
    ky: () => {
      if (instance) return instance;
      const ky = loadKy();
      return ky instanceof Promise ? ky.then(make) : make(ky);
    },
    log: levelled(settings.logger, settings.logLevel),
    debug: settings.logLevel === 'debug',
    redact: (text) => forms.reduce((hidden, form) => hidden.replaceAll(form, REDACTED), text),
  };
}

const hook: Rule = typed('function');

/** True when fetch can send every name and value (a value with a line break, say, makes `Headers` throw). */
function validHeaders(headers: Record<string, unknown>): boolean {
  try {
    new Headers(headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

/** The checks of every method's options. */
const REQUEST_RULES: Record<string, Rule> = {
  timeout: MILLISECONDS,
  deadline: MILLISECONDS,
  maxRetries: numberIn(0, 10, '', true),
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

/** Checks the options object every method takes; `field` prefixes the names in errors. */
export function checkRequestOptions(options: unknown, field = 'options'): RequestOptions {
  const o = checkObject(options, field);
  checkRules(o, field, REQUEST_RULES);
  return o as RequestOptions;
}

/** Runs both hooks of one kind, the client's first. A hook that throws (or rejects) is logged, never fatal. */
function runHook<K extends keyof Hooks>(
  transport: Transport,
  options: RequestOptions,
  name: K,
  event: Parameters<NonNullable<Hooks[K]>>[0],
): void {
  for (const hook of [transport[name], options[name]]) {
    if (!hook) continue;
    const threw = (error: unknown) =>
      transport.log('warn', `${name} hook threw: ${error instanceof Error ? error.name : typeof error}`);
    try {
      const result: unknown = (hook as (e: typeof event) => unknown)(event);
      // An async hook is not awaited, but its rejection is caught: it must not become an unhandled one.
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function')
        (result as PromiseLike<unknown>).then(undefined, threw);
    } catch (error) {
      threw(error);
    }
  }
}

/** Sends one API call and returns the validated body with its response facts. Throws only RicloudError. */
export async function send<T>(
  transport: Transport,
  spec: RequestSpec<T>,
  options: RequestOptions = {},
): Promise<{ data: T; response: ResponseMeta }> {
  const timeout = options.timeout ?? transport.timeout;
  const deadline = options.deadline ?? transport.deadline ?? 3 * timeout;
  const maxRetries = options.maxRetries ?? transport.maxRetries;
  const info: RequestInfo = { method: spec.method, path: spec.path, attempts: 0 };
  if (options.signal?.aborted)
    throw new AbortError(`${spec.what}: aborted before sending`, { cause: options.signal.reason, request: info });

  const started = Date.now();
  let nextDelay = 0;
  // The failure the next attempt retries.
  let retrying: unknown;
  let text = '';
  // Set when the deadline, rather than the caller or an attempt's timeout, cut an attempt short.
  let expired = false;
  const pastDeadline = () => expired || Date.now() - started >= deadline;
  const awaitHeader = options.awaitFor === undefined ? undefined : { [AWAIT_HEADER]: String(options.awaitFor) };
  // ky's timeout bounds each attempt, body included, and is never longer than the whole deadline.
  const attemptTimeout = Math.min(
    awaitHeader ? Math.max(timeout, (options.awaitFor ?? 0) * 1000 + AWAIT_MARGIN_MS) : timeout,
    deadline,
  );

  // One attempt, as ky's `fetch` (ky always passes a Request): ky's timeout and retry then cover the body too, so a
  // body that stalls is cut at `timeout` and one cut short by a dropped connection is retried like any other
  // connection failure. The deadline needs no signal of its own on the common path: the first attempt's timeout
  // fits in it and backoff never sleeps past it. Only a retry left with less than a timeout of it gets a timer.
  const attempt = async (request: Request, init?: RequestInit): Promise<Response> => {
    const left = deadline - (Date.now() - started);
    // A backoff sleep that ended late (a busy machine) left no time: send nothing, end with the failure being retried.
    if (left <= 0 && retrying !== undefined) throw retrying;
    info.attempts++;
    // The URL is serialised on each read: read once.
    const url = (info.url = request.url);
    if (transport.debug) transport.log('debug', `→ ${spec.method} ${spec.path} (attempt ${info.attempts})`);
    runHook(transport, options, 'onRequest', { method: spec.method, url, attempt: info.attempts });
    const exchange = async (signalled: RequestInit | undefined) => {
      const sent = Date.now();
      const response = await (transport.fetch ?? fetch)(request, signalled);
      const durationMs = Date.now() - sent;
      info.requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
      if (transport.debug)
        transport.log('debug', `← ${response.status} ${spec.method} ${spec.path} in ${durationMs} ms`);
      runHook(transport, options, 'onResponse', {
        method: spec.method,
        url,
        attempt: info.attempts,
        status: response.status,
        durationMs,
        requestId: info.requestId,
      });
      // The body is kept here rather than copied into a new Response: ky only needs the status and headers.
      text = await response.text();
      return response;
    };
    if (left >= attemptTimeout) return exchange(init);
    return beforeDeadline(
      (signal) => exchange({ ...init, signal }),
      request.signal,
      left,
      () => {
        expired = true;
        return new DOMException(`deadline of ${deadline} ms passed`, 'TimeoutError');
      },
    );
  };

  let follower: ReturnType<typeof follow> | undefined;
  try {
    // Once loaded, ky and the schemas come back as they are: a request awaits them only while they load.
    let ky = transport.ky();
    if (ky instanceof Promise) ky = await ky;
    let schemas = transport.validate === false ? undefined : loadSchemas();
    if (schemas instanceof Promise) schemas = await schemas;
    const kyOptions: KyOptions = {
      method: spec.method,
      fetch: attempt as typeof fetch,
      timeout: attemptTimeout,
      retry: {
        limit: maxRetries,
        methods: RETRY_METHODS,
        delay: () => nextDelay,
        shouldRetry: ({ error, retryCount }) => {
          if (options.signal?.aborted || pastDeadline() || !isRetryable(error, spec.retry)) return false;
          const advised = isHttpError(error) ? retryAfterMs(error.response.headers) : undefined;
          // Past the cap, fail now: the error carries the advice instead of sleeping for minutes.
          if (advised !== undefined && advised > MAX_RETRY_AFTER_MS) return false;
          const delay = advised ?? backoffMs(retryCount);
          if (Date.now() - started + delay >= deadline) return false;
          nextDelay = delay;
          const mapped = mapFailure(
            error,
            '',
            transport.redact,
            spec,
            info,
            options,
            pastDeadline(),
            deadline,
            attemptTimeout,
          );
          transport.log(
            'warn',
            `${spec.method} ${spec.path}: ${mapped.name} on attempt ${retryCount}, retrying in ${delay} ms`,
          );
          runHook(transport, options, 'onRetry', { attempt: retryCount, delayMs: delay, error: mapped });
          retrying = error;
          return true;
        },
      },
    };
    // Set only when there is a value: ky treats a key that is present as given.
    if (spec.body !== undefined) kyOptions.json = spec.body;
    if (spec.query) kyOptions.searchParams = spec.query;
    if (options.headers || awaitHeader) kyOptions.headers = { ...options.headers, ...awaitHeader };
    // Only a caller's signal goes to ky (which stops its backoff sleep with it): each signal costs ky an AbortSignal.any().
    if (options.signal) kyOptions.signal = (follower = follow(options.signal)).signal;
    const response = await ky(spec.path.slice(1), kyOptions);
    const context = {
      status: response.status,
      request: info,
      what: spec.what,
      page: spec.page,
      mayHaveSucceeded: spec.retry === 'once',
      redact: transport.redact,
    };
    const data = parseBody(
      schemas && spec.schema(schemas),
      text,
      context,
      transport.validate === 'warn'
        ? (error) => transport.log('warn', `${error.message}; returned unchecked (validate: 'warn')`)
        : undefined,
    );
    return { data, response: responseMeta(response, info.requestId, transport.redact) };
  } catch (error) {
    if (error instanceof BaseError) throw error;
    const mapped = mapFailure(
      error,
      isHttpError(error) ? text : '',
      transport.redact,
      spec,
      info,
      options,
      pastDeadline(),
      deadline,
      attemptTimeout,
    );
    if (transport.debug) transport.log('debug', `${spec.method} ${spec.path} failed: ${mapped.message}`);
    throw mapped;
  } finally {
    follower?.release();
  }
}

/**
 * Runs an attempt that the call's deadline falls inside. In `left` ms its signal aborts with `expire()`'s reason and it
 * rejects, even when a custom fetch ignores the signal. `linked` (ky's signal: its timeout, the caller's abort) aborts
 * it too, linked by hand rather than with `AbortSignal.any()`, which Safari before 17.4 and Node before 20.3 lack.
 */
async function beforeDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  linked: AbortSignal,
  left: number,
  expire: () => unknown,
): Promise<T> {
  const own = new AbortController();
  const timer = setTimeout(() => own.abort(expire()), left);
  const passed = new Promise<never>((_, reject) =>
    own.signal.addEventListener('abort', () => reject(own.signal.reason), { once: true }),
  );
  const unlink = link(linked, own);
  try {
    return await Promise.race([run(own.signal), passed]);
  } finally {
    clearTimeout(timer);
    unlink();
  }
}

/** Aborts `to` when `from` aborts (at once if it has); returns what undoes the link, so `from` keeps nothing of `to`. */
function link(from: AbortSignal, to: AbortController): () => void {
  const relay = () => to.abort(from.reason);
  if (from.aborted) relay();
  else from.addEventListener('abort', relay, { once: true });
  return () => from.removeEventListener('abort', relay);
}

/**
 * A signal for one call that follows the caller's. ky combines the signal it is given with `AbortSignal.any()`, and on
 * Node 20 each composite stays attached to its sources: a long-lived signal (an app's shutdown signal, say) passed to
 * every call would keep a little memory per call, for good. Following it through a listener removed when the call
 * ends keeps nothing.
 */
function follow(signal: AbortSignal): { signal: AbortSignal; release: () => void } {
  const own = new AbortController();
  return { signal: own.signal, release: link(signal, own) };
}

// Appended to the message of a `once` request that failed after it may have reached the server.
const MAY_HAVE_APPLIED = '; the request may have been applied';

/**
 * `value` with the token hidden in its strings and every `secret` field's value hidden, whatever its type; when hiding
 * the token would break the JSON (a token that is a number), all of it.
 */
function redactJson(value: unknown, redact: (text: string) => string): unknown {
  try {
    return JSON.parse(redact(JSON.stringify(value)), (key, field: unknown) =>
      SECRET_ATTRIBUTES.has(key) ? REDACTED : field,
    );
  } catch {
    return REDACTED;
  }
}

/** The response facts of a value. The headers are copied (and redacted) only when someone reads them. */
function responseMeta(
  response: Response,
  requestId: string | undefined,
  redact: (text: string) => string,
): ResponseMeta {
  let headers: Record<string, string> | undefined;
  return {
    status: response.status,
    requestId,
    get headers() {
      headers ??= redactHeaders(response.headers, redact);
      return headers;
    },
  };
}

/** Turns whatever a failed call threw into the matching RicloudError. */
function mapFailure(
  error: unknown,
  /** The response body as received. */
  body: string,
  /** Hides the client's token in text the error keeps. */
  redact: (text: string) => string,
  spec: RequestSpec<unknown>,
  info: RequestInfo,
  options: RequestOptions,
  /** True when the call's deadline has passed. */
  pastDeadline: boolean,
  deadline: number,
  /** The limit of one attempt. */
  timeout: number,
): RicloudError {
  const once = spec.retry === 'once';
  const request = { ...info };
  if (options.signal?.aborted)
    return new AbortError(`${spec.what}: aborted`, {
      cause: options.signal.reason,
      request,
      mayHaveSucceeded: once && info.attempts > 0,
    });
  // An answer is reported as what it is, even when it came as the deadline passed.
  if (isHttpError(error)) return httpError(error.response.status, error.response.headers, body, redact, spec, request);
  if (pastDeadline) {
    return new TimeoutError(
      `${spec.what}: no answer within the deadline of ${deadline} ms (${info.attempts} attempts)`,
      { request, mayHaveSucceeded: once },
    );
  }
  if (isAttemptTimeout(error)) {
    return new TimeoutError(`${spec.what}: attempt ${info.attempts} got no answer within ${timeout} ms`, {
      request,
      mayHaveSucceeded: once,
    });
  }
  const notSent = failedBeforeSending(error);
  const code = networkCode(error);
  const cause = (error as { cause?: unknown })?.cause ?? error;
  return new ConnectionError(
    `${spec.what}: connection failed${code ? ` (${code})` : ''}${once && !notSent ? MAY_HAVE_APPLIED : ''}`,
    {
      cause,
      request,
      mayHaveSucceeded: once && !notSent,
    },
  );
}

/**
 * The error for an HTTP error status, from the API's `{ error, message, params }` body when there is one. The body is
 * read as received, and each part the error keeps is redacted on its own: redacting the text first would miss a token
 * the JSON escapes, and could break the JSON the parts come from.
 */
function httpError(
  status: number,
  headers: Headers,
  text: string,
  redact: (text: string) => string,
  spec: RequestSpec<unknown>,
  request: RequestInfo,
): RicloudError {
  let parsed: { error?: unknown; message?: unknown; params?: unknown } = {};
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') parsed = json as typeof parsed;
  } catch {
    // Not JSON (an HTML error page, an empty body): the status alone speaks.
  }
  // The slug is redacted too: a server may put anything there, the token included.
  const code = typeof parsed.error === 'string' ? redact(parsed.error) : '';
  const advised = retryAfterMs(headers);
  const init = {
    status,
    request,
    body: redactText(redact(text)),
    retryAfter: advised === undefined ? undefined : Math.ceil(advised / 1000),
    mayHaveSucceeded: spec.retry === 'once' && status >= 500,
  };
  if (status < 400) {
    // A redirect (status 0 in browsers): the SDK never follows a server-provided location with the token.
    return new ResponseValidationError(
      `${spec.what}: the server answered with a redirect (${status}); the SDK does not follow redirects`,
      {
        ...init,
        field: '',
      },
    );
  }
  const tag = `(${status}${code ? ` ${code}` : ''})`;
  const said = typeof parsed.message === 'string' && parsed.message ? redactText(redact(parsed.message)) : undefined;
  if (status >= 500) {
    return new ServerError(`${spec.what}: server error ${tag}${init.mayHaveSucceeded ? MAY_HAVE_APPLIED : ''}`, init);
  }
  const errorInit = {
    ...init,
    error: code,
    params: parsed.params === undefined ? undefined : redactJson(parsed.params, redact),
  };
  switch (status) {
    case 401:
      return new AuthenticationError(`${spec.what}: ${said ?? 'the token is missing or invalid'} ${tag}`, errorInit);
    case 403:
      return new PermissionDeniedError(`${spec.what}: ${said ?? 'permission denied'} ${tag}`, errorInit);
    case 404:
      return new NotFoundError(`${spec.what} not found ${tag}`, errorInit);
    case 429: {
      const wait = init.retryAfter === undefined ? '' : `; retry after ${init.retryAfter} s`;
      return new RateLimitError(`${spec.what}: rate limited ${tag}${wait}`, errorInit);
    }
    default:
      return new RequestError(`${spec.what}: ${said ?? 'request refused'} ${tag}`, errorInit);
  }
}

/**
 * One API call: ky sends it and runs the retries, this file holds the SDK's own policy (which calls may be re-sent,
 * the whole call's deadline) and turns the outcome into a validated value or one RicloudError.
 */
import { HTTPError, type KyRequest, type Options, type ShouldRetryState } from 'ky';
import { TimeoutError as KyTimeoutError } from 'ky';
import type * as z from 'zod/mini';
import { readCapped } from './body';
import {
  AbortError,
  type RequestInfo,
  RicloudError as BaseError,
  type RicloudError,
  ResponseTooLargeError,
} from './errors';
import { mapFailure } from './failure';
import { tokenRedactor } from './redact';
import type { RequestOptions } from './options';
import { MAX_TIMER_MS } from './params';
import { parseBody } from './parse';
import { runHooks } from './hooks';
import { build, buildPage } from './schema-kit';
import { type RequestSpec, type ResponseMeta, responseMeta } from './spec';
import { follow, sleep, within } from './signal';
import { backoffStep, jittered, MAX_RETRY_AFTER_MS, mayRetry, retryAfterMs, retryOptions } from './retry';
import type { Transport } from './transport';
import { AWAIT_HEADER, REQUEST_ID_HEADER } from './wire';

// A long-poll attempt gets this much time beyond what it asked the server to wait.
const AWAIT_MARGIN_MS = 5_000;

/** Sends one API call and returns the validated body with its response facts. Throws only RicloudError. */
export async function send<T>(
  transport: Transport,
  spec: RequestSpec<T>,
  options: RequestOptions = {},
): Promise<{ data: T; response: ResponseMeta }> {
  return await new Call(withSecrets(transport, spec.secrets), spec, options).run();
}

/** `transport` hiding `secrets` too, wherever it hides its token. */
function withSecrets(transport: Transport, secrets: readonly string[] | undefined): Transport {
  if (!secrets?.length) return transport;
  const hiders = secrets.map(tokenRedactor);
  return { ...transport, redact: (text) => hiders.reduce((hidden, hide) => hide(hidden), transport.redact(text)) };
}

/** The zod schema of a spec's answer: a resource's declaration is built on first use. */
function resolve<T>({ schema, page }: RequestSpec<T>): z.ZodMiniType<T> | undefined {
  if (typeof schema !== 'function') return schema;
  return (page ? buildPage(schema) : build(schema)) as z.ZodMiniType<T>;
}

/** The state of one call across its attempts. */
class Call<T> {
  readonly info: RequestInfo;
  readonly deadline: number;
  readonly attemptTimeout: number;
  readonly #deadlineAt: number;
  // The call's signal, made when something needs it: most calls end without one.
  #controller: AbortController | undefined;
  #abortReason: { reason: unknown } | undefined;
  // Rejects when the call is aborted: raced against ky and the body, whose fetch may ignore the signal.
  readonly #aborted: Promise<never>;
  #rejectAborted: (reason: unknown) => void = () => undefined;
  #expired = false;
  #attemptStarted = 0;
  // Retries made before the current ky call (a body that failed after ky returned starts a new one).
  #retriesBefore = 0;
  #inAttempt = false;
  // The reader of the body being read.
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  // The failure the next attempt retries, as ky threw it and as the SDK reports it.
  #retrying: { raw: unknown; error: RicloudError } | undefined;
  // Set by `shouldRetry` for `jitter`, which ky calls next with the backoff step.
  #pending: { attempt: number; error: RicloudError; advised: number | undefined } | undefined;

  constructor(
    readonly transport: Transport,
    readonly spec: RequestSpec<T>,
    readonly options: RequestOptions,
  ) {
    const timeout = options.timeout ?? transport.timeout;
    // The default is held to what a timer can count: past it, setTimeout fires at once.
    this.deadline = options.deadline ?? transport.deadline ?? Math.min(3 * timeout, MAX_TIMER_MS);
    const awaitMs = options.awaitFor === undefined ? 0 : options.awaitFor * 1000 + AWAIT_MARGIN_MS;
    this.attemptTimeout = Math.min(Math.max(timeout, awaitMs), this.deadline);
    this.info = { method: spec.method, path: spec.path, attempts: 0 };
    this.#deadlineAt = Date.now() + this.deadline;
    this.#aborted = new Promise<never>((_, reject) => {
      this.#rejectAborted = reject;
    });
    this.#aborted.catch(() => undefined);
  }

  /** The call's signal: it follows the caller's and fires at the deadline. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#abortReason) this.#controller.abort(this.#abortReason.reason);
    }
    return this.#controller.signal;
  }

  /** Ends the call with `reason`: its signal fires and whatever it awaits rejects. */
  abort(reason: unknown): void {
    this.#abortReason ??= { reason };
    this.#controller?.abort(reason);
    this.#rejectAborted(reason);
  }

  /** True once the deadline has passed. */
  pastDeadline(): boolean {
    return this.#expired || Date.now() >= this.#deadlineAt;
  }

  /** True when the deadline passed while the SDK was between attempts, with a failure to report. */
  #expiredBetweenAttempts(): boolean {
    return this.pastDeadline() && !this.#inAttempt && this.#retrying !== undefined;
  }

  async run(): Promise<{ data: T; response: ResponseMeta }> {
    const { spec, options, transport } = this;
    if (options.signal?.aborted)
      throw new AbortError(`${spec.what}: aborted before sending`, {
        cause: options.signal.reason,
        request: this.info,
      });
    const release = options.signal && follow(options.signal, this);
    const deadline = setTimeout(() => {
      this.#expired = true;
      this.abort(new DOMException('deadline passed', 'TimeoutError'));
    }, this.deadline);
    const limit = options.maxRetries ?? transport.maxRetries;
    const kyOptions: Options = {
      method: spec.method,
      timeout: this.attemptTimeout,
      fetch: this.#fetch,
      retry: { ...retryOptions(limit), shouldRetry: this.#shouldRetry, jitter: this.#jitter },
      hooks: { beforeRequest: [this.#beforeRequest] },
    };
    // Set only when there is a value: ky treats a key that is present as given.
    if (options.signal) kyOptions.signal = this.signal;
    if (spec.body !== undefined) kyOptions.json = spec.body;
    if (spec.query) kyOptions.searchParams = spec.query;
    const awaitHeader = options.awaitFor === undefined ? undefined : { [AWAIT_HEADER]: String(options.awaitFor) };
    if (options.headers || awaitHeader) kyOptions.headers = { ...options.headers, ...awaitHeader };
    try {
      for (;;) {
        const sent = transport.ky(spec.path.slice(1), kyOptions);
        // A custom fetch may ignore the signal: the call still ends when it fires.
        const response = await Promise.race([sent, this.#aborted]);
        let text: string;
        try {
          const reading = this.#read(response);
          text = await Promise.race([reading, this.#aborted]);
        } catch (error) {
          // A body no longer read is cancelled, so its connection is freed (fetch may not have the call's signal).
          void this.#reader?.cancel().catch(() => undefined);
          const left = await this.#retryBody(error, limit);
          if (left === undefined) throw error;
          kyOptions.retry = { ...retryOptions(left), shouldRetry: this.#shouldRetry, jitter: this.#jitter };
          continue;
        }
        this.#inAttempt = false;
        const meta = responseMeta(response, this.info.requestId, transport.redact);
        return { data: this.#parse(text, response.status), response: meta };
      }
    } catch (error) {
      throw await this.#failure(error);
    } finally {
      clearTimeout(deadline);
      release?.();
    }
  }

  #parse(text: string, status: number): T {
    const { spec, transport } = this;
    if (!spec.schema && text.trim() === '') return undefined as T;
    const context = {
      status,
      request: this.info,
      what: spec.what,
      page: spec.page,
      mayHaveSucceeded: spec.retry === 'once',
      redact: transport.redact,
    };
    const warn =
      transport.validate === 'warn'
        ? (error: RicloudError) => transport.log('warn', `${error.message}; returned unchecked (validate: 'warn')`)
        : undefined;
    return parseBody(transport.validate === false ? undefined : resolve(spec), text, context, warn);
  }

  /** The RicloudError for whatever the call threw. */
  async #failure(error: unknown): Promise<RicloudError> {
    if (error instanceof BaseError) return error;
    if (
      this.#retrying &&
      (error === this.#retrying.raw || (this.#expiredBetweenAttempts() && !this.options.signal?.aborted))
    )
      return this.#retrying.error;
    const body = error instanceof HTTPError ? await this.#read(error.response).catch(() => '') : '';
    const mapped = mapFailure(error, body, this);
    if (this.transport.debug)
      this.transport.log('debug', `${this.spec.method} ${this.spec.path} failed: ${mapped.message}`);
    return mapped;
  }

  #beforeRequest = (request: KyRequest): Request | undefined => {
    // A backoff sleep that ended late (a busy machine) left no time: send nothing, end with the failure being retried.
    if (this.#retrying && this.pastDeadline()) throw this.#retrying.raw;
    const { spec, transport, info } = this;
    info.attempts++;
    info.url = request.url;
    this.#attemptStarted = Date.now();
    this.#inAttempt = true;
    if (transport.debug) transport.log('debug', `→ ${spec.method} ${spec.path} (attempt ${info.attempts})`);
    runHooks(this.transport, this.options, 'onRequest', { method: spec.method, url: info.url, attempt: info.attempts });
    // ky gets the call's signal only with a caller's (AbortSignal.any is costly on Node 20 and missing in older
    // browsers); an attempt that ky's own timeout would let run past the deadline is linked to it here.
    if (this.options.signal || this.#attemptStarted + this.attemptTimeout <= this.#deadlineAt) return undefined;
    const linked = new AbortController();
    follow(request.signal, linked);
    follow(this.signal, linked);
    return new Request(request, { signal: linked.signal });
  };

  /** ky's fetch for this call: the platform's (or the client's), with the response reported as it arrives. */
  #fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await (this.transport.fetch ?? fetch)(input, init);
    const { spec, transport, info } = this;
    const durationMs = Date.now() - this.#attemptStarted;
    info.requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
    if (transport.debug) transport.log('debug', `← ${response.status} ${spec.method} ${spec.path} in ${durationMs} ms`);
    runHooks(transport, this.options, 'onResponse', {
      method: spec.method,
      url: info.url ?? String(input),
      attempt: info.attempts,
      status: response.status,
      durationMs,
      requestId: info.requestId,
    });
    return response;
  };

  /** The body of `response`, read within what is left of the attempt's time. */
  #read(response: Response): Promise<string> {
    const left = this.attemptTimeout - (Date.now() - this.#attemptStarted);
    const max = this.transport.maxResponseBytes;
    const tooLarge = () =>
      new ResponseTooLargeError(this.spec.what, { status: response.status, maxResponseBytes: max, request: this.info });
    const reader = response.body?.getReader();
    this.#reader = reader;
    return within(
      readCapped(reader, max, tooLarge),
      left,
      () => new KyTimeoutError(new Request(this.info.url ?? 'about:blank')),
    );
  }

  /**
   * ky has returned, so a body that stalls or breaks after the headers is retried here, by the same policy and
   * backoff as any failed attempt; returns the retries ky may still make, or undefined to give up.
   */
  async #retryBody(error: unknown, limit: number): Promise<number | undefined> {
    const retries = this.info.attempts - 1;
    // A body past the size cap would be as large again.
    if (
      error instanceof BaseError ||
      retries >= limit ||
      (await this.#shouldRetry({ error: error as Error, retryCount: retries + 1 })) === false
    )
      return undefined;
    const delay = this.#jitter(backoffStep(retries + 1));
    this.#retriesBefore = retries + 1;
    await sleep(delay, this.signal);
    return limit - retries - 1;
  }

  #shouldRetry = async ({ error, retryCount: kyCount }: ShouldRetryState): Promise<boolean | undefined> => {
    this.#inAttempt = false;
    const retryCount = kyCount + this.#retriesBefore;
    if (this.options.signal?.aborted || this.pastDeadline() || !mayRetry(error, this.spec.retry)) return false;
    const advised = error instanceof HTTPError ? retryAfterMs(error.response.headers) : undefined;
    // Past the cap, fail now: the error carries the advice instead of sleeping for minutes.
    if (advised !== undefined && (advised > MAX_RETRY_AFTER_MS || Date.now() + advised >= this.#deadlineAt))
      return false;
    const mapped = await this.#failure(error);
    this.#retrying = { raw: error, error: mapped };
    // ky asks `jitter` for the delay next, which is the advice when there is one.
    this.#pending = { attempt: retryCount, error: mapped, advised };
    return undefined;
  };

  #jitter = (step: number): number => {
    const pending = this.#pending;
    const delay = pending?.advised ?? jittered(step);
    this.#pending = undefined;
    // A backoff that would end past the deadline is not slept: the failure being retried ends the call now.
    if (!pending || Date.now() + delay >= this.#deadlineAt) throw this.#retrying?.raw;
    this.#retried(pending.attempt, delay, pending.error);
    return delay;
  };

  #retried(attempt: number, delayMs: number, error: RicloudError): void {
    const { spec } = this;
    this.transport.log(
      'warn',
      `${spec.method} ${spec.path}: ${error.name} on attempt ${attempt}, retrying in ${delayMs} ms`,
    );
    runHooks(this.transport, this.options, 'onRetry', { attempt, delayMs, error });
  }
}

/**
 * One call across its attempts: its time limits and cancellation, the loop that hands it to ky, what it does as each
 * attempt leaves and its answer arrives, and its one failure.
 */
import { HTTPError, type KyRequest, TimeoutError as KyTimeoutError, type Options } from 'ky';
import { abortError } from './abort';
import { readCapped } from './body';
import { parseAnswer } from './call-answer';
import { CallRetries } from './call-retry';
import { setRequest } from './call-request';
import { InvalidInputError, ResponseTooLargeError } from './errors';
import { mapFailure } from './failure';
import { runHooks } from './hooks';
import type { RequestOptions } from './options';
import { REDACTED } from './redact';
import { type RequestInfo, RicloudError as BaseError, type RicloudError } from './ricloud-error';
import { MAX_TIMER_MS } from './rules';
import { follow, within } from './signal';
import { type Answer, mayHaveWritten, type RequestSpec, responseMeta } from './spec';
import type { Transport } from './transport';
import { REQUEST_ID_HEADER } from './wire';

// A long-poll attempt gets this much time beyond what it asked the server to wait.
const AWAIT_MARGIN_MS = 5_000;

/** The state of one call across its attempts. Internal to the request layer. */
export class Call<T> {
  readonly info: RequestInfo;
  /** Milliseconds the whole call may take. */
  readonly deadline: number;
  /** Milliseconds each attempt may take. */
  readonly attemptTimeout: number;
  /** When the deadline passes, in `performance.now()` time: elapsed time, which a wall clock stepped leaves alone. */
  readonly deadlineAt: number;
  /**
   * The status of the answer being checked by a caller's schema, which may be async: it came, only the check is late.
   */
  answered: number | undefined;
  readonly retries = new CallRetries(this);
  // When the current attempt was sent.
  #attemptStarted = 0;
  // True from an attempt's sending until its failure is judged worth a retry or its answer read.
  #inAttempt = false;
  // The call's signal, made when something needs it: most calls end without one.
  #controller: AbortController | undefined;
  #abortReason: { reason: unknown } | undefined;
  // Rejects when the call is aborted: raced against ky and the body, whose fetch may ignore the signal.
  readonly #aborted: Promise<never>;
  #rejectAborted: (reason: unknown) => void = () => undefined;
  #expired = false;

  constructor(
    readonly transport: Transport,
    readonly spec: RequestSpec<T>,
    readonly options: RequestOptions,
  ) {
    const awaitMs = options.awaitFor === undefined ? 0 : options.awaitFor * 1000 + AWAIT_MARGIN_MS;
    // A long-poll's attempt outlasts a shorter `timeout`: the default deadline is three such attempts, as of any other.
    const attempt = Math.max(options.timeout ?? transport.timeout, awaitMs);
    // The default is held to what a timer can count: past it, setTimeout fires at once.
    this.deadline = options.deadline ?? transport.deadline ?? Math.min(3 * attempt, MAX_TIMER_MS);
    this.attemptTimeout = Math.min(attempt, this.deadline);
    this.info = { method: spec.method, path: spec.path, attempts: 0 };
    this.deadlineAt = performance.now() + this.deadline;
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

  /** The current attempt has failed and is retried: what follows (the backoff) is between attempts. */
  attemptFailed(): void {
    this.#inAttempt = false;
  }

  /** True once the deadline has passed. */
  pastDeadline(): boolean {
    return this.#expired || performance.now() >= this.deadlineAt;
  }

  /** Sends the call, retrying as its policy allows; returns the validated answer or throws one RicloudError. */
  async run(): Promise<Answer<T>> {
    const { spec, options, transport } = this;
    // A key's token given for its id would be in the URL, which servers and proxies log, and in errors: not sent.
    if (spec.path.split('/').some((step) => transport.redactToken(step) === REDACTED))
      throw new InvalidInputError('id', "is the client's API token, not an id (nothing was sent)");
    if (options.signal?.aborted) throw abortError(spec.what, options.signal, this.info);
    const release = options.signal && follow(options.signal, this);
    const deadline = setTimeout(() => {
      this.#expired = true;
      this.abort(new DOMException('deadline passed', 'TimeoutError'));
    }, this.deadline);
    const limit = options.maxRetries ?? transport.maxRetries;
    const kyOptions: Options = {
      method: spec.method,
      timeout: this.attemptTimeout,
      fetch: (input, init) => this.#fetch(input, init),
      retry: this.retries.options(limit),
      hooks: { beforeRequest: [(request) => this.#beforeAttempt(request)] },
    };
    // Set only with the caller's signal: ky treats a key that is present as given.
    if (options.signal) kyOptions.signal = this.signal;
    setRequest(kyOptions, spec, options);
    try {
      for (;;) {
        const sent = transport.ky(spec.path.slice(1), kyOptions);
        // A custom fetch may ignore the signal: the call still ends when it fires.
        const response = await Promise.race([sent, this.#aborted]);
        let text: string;
        try {
          text = await this.#readBody(response);
        } catch (error) {
          const left = await this.retries.afterBody(error, limit);
          if (left === undefined) throw error;
          kyOptions.retry = this.retries.options(left);
          continue;
        }
        // A caller's schema may be async: its check ends with the call (its deadline, its signal), as the read does.
        this.answered = response.status;
        const parsed = parseAnswer(this, text, response.status);
        const data = parsed instanceof Promise ? await Promise.race([parsed, this.#aborted]) : parsed;
        this.#inAttempt = false;
        return { data, response: responseMeta(response, this.info.requestId, transport.redact), request: this.info };
      }
    } catch (error) {
      throw await this.failure(error);
    } finally {
      clearTimeout(deadline);
      release?.();
    }
  }

  /** The RicloudError for whatever the call threw. */
  async failure(error: unknown): Promise<RicloudError> {
    if (error instanceof BaseError) return error;
    const { retrying } = this.retries;
    if (retrying && (error === retrying.raw || (this.#expiredBetweenAttempts() && !this.options.signal?.aborted)))
      return retrying.error;
    const body = error instanceof HTTPError ? await this.#readBody(error.response, false).catch(() => '') : '';
    const mapped = mapFailure(error, body, this);
    if (this.transport.debug)
      this.transport.log('debug', `${this.spec.method} ${this.spec.path} failed: ${mapped.message}`);
    return mapped;
  }

  /** True when the deadline passed while the SDK was between attempts, with a failure to report. */
  #expiredBetweenAttempts(): boolean {
    return this.pastDeadline() && !this.#inAttempt && this.retries.retrying !== undefined;
  }

  /**
   * ky's `beforeRequest`: counts and reports an attempt; returns the request to send when it must end at the deadline.
   */
  #beforeAttempt(request: KyRequest): Request | undefined {
    // A backoff sleep that ended late (a busy machine) left no time: send nothing, end with the failure being retried.
    const retrying = this.retries.retrying;
    if (retrying && this.pastDeadline()) throw retrying.raw;
    const { spec, transport, info } = this;
    info.attempts++;
    // A query's secret (the escape hatch's `{ token }`) is sent, but not kept where errors, hooks and logs show it;
    // only the query is looked at, so a short one that is also a word of the host leaves a URL.
    info.url = request.url.replace(/\?.*/, transport.redact);
    this.#attemptStarted = performance.now();
    this.#inAttempt = true;
    if (transport.debug) transport.log('debug', `→ ${spec.method} ${spec.path} (attempt ${info.attempts})`);
    runHooks(transport, this.options, 'onRequest', { method: spec.method, url: info.url, attempt: info.attempts });
    // ky gets the call's signal only with a caller's (AbortSignal.any is costly on Node 20 and missing in older
    // browsers); an attempt that ky's own timeout would let run past the deadline is linked to it here.
    if (this.options.signal || this.#attemptStarted + this.attemptTimeout <= this.deadlineAt) return undefined;
    const linked = new AbortController();
    follow(request.signal, linked);
    follow(this.signal, linked);
    return new Request(request, { signal: linked.signal });
  }

  /** ky's `fetch`: the platform's (or the client's), reporting each response as it arrives. */
  async #fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const { spec, transport, info } = this;
    // A custom fetch may ignore the signal: it still ends with the call, and with it ky's attempt timer.
    const response = await Promise.race([(transport.fetch ?? fetch)(input, init), this.#aborted]);
    const durationMs = Math.round(performance.now() - this.#attemptStarted);
    // Server text, kept in errors and hooks: hidden as every other header is, should it echo the token.
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    info.requestId = requestId === null ? undefined : transport.redact(requestId);
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
  }

  /**
   * The body of `response`, an answer's or an error's, read within what is left of the current attempt and the size
   * cap, and only while the call lasts. Past the cap, an answer is a ResponseTooLargeError; an error's body (`whole`
   * false) is cut there.
   */
  async #readBody(response: Response, whole = true): Promise<string> {
    const left = this.attemptTimeout - (performance.now() - this.#attemptStarted);
    const max = this.transport.maxResponseBytes;
    // Only a 2xx answer is read whole, so only it is too large: the server acted on a write it answered.
    const tooLarge = () =>
      new ResponseTooLargeError(this.spec.what, {
        status: response.status,
        maxResponseBytes: max,
        request: this.info,
        mayHaveSucceeded: mayHaveWritten(this.spec),
      });
    const reader = response.body?.getReader();
    const timedOut = () => new KyTimeoutError(new Request(this.info.url ?? 'about:blank'));
    try {
      // A custom fetch may ignore the signal, so its body may never end: the read stops when the call does.
      const reading = readCapped(reader, max, whole ? tooLarge : undefined);
      return await Promise.race([within(reading, left, timedOut), this.#aborted]);
    } catch (error) {
      // A body no longer read is cancelled, so its connection is freed (fetch may not have the call's signal).
      void reader?.cancel().catch(() => undefined);
      throw error;
    }
  }
}

/**
 * A result's file, fetched from its signed URL as a stream and checked as it passes: its length against the result's
 * `size` (an excess stops the stream at once), its MD5 against `checksum` (at the end), with progress, cancellation,
 * an idle timeout and an optional overall deadline.
 */
import type { HTTPError, KyInstance } from 'ky';
import {
  AbortError,
  ChecksumMismatchError,
  ConnectionError,
  InvalidInputError,
  RequestError,
  type RequestInfo,
  ResultExpiredError,
  type RicloudError,
  SizeMismatchError,
  TimeoutError,
} from './errors';
import type { mapFailure } from './failure';
import { type Digest, md5 } from './md5';
import { checkObject, checkRules, checkUrl, MILLISECONDS, numberIn, type Rule } from './params';
import { readCapped } from './body';
import { MAX_ERROR_BODY, REDACTED } from './redact';
import { follow } from './signal';
import type { Transport } from './transport';

/** Bytes received so far, and the file's size when known. */
export interface DownloadProgress {
  bytes: number;
  total: number | undefined;
}

/** Options of `result.download()`. */
export interface DownloadOptions {
  /** Cancels the download: the request, or the stream mid-way (it then fails with `AbortError`). */
  signal?: AbortSignal | undefined;
  /** Called after each chunk with the bytes received so far and the result's `size`. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Milliseconds to wait for the answer, then for each chunk while the stream is read (default: the client's timeout). */
  timeout?: number | undefined;
  /** Milliseconds the whole download may take, to the last byte (default: no limit; `timeout` still stops a stall). */
  deadline?: number | undefined;
  /** Retries of a request that failed before its answer began (default: the client's). */
  maxRetries?: number | undefined;
}

/** What a download takes from the request engine, which a client loads with its first request. */
export interface DownloadEngine {
  /** Bare ky, for a signed URL off the API's origin: no token, no base URL. */
  ky: KyInstance;
  HTTPError: typeof HTTPError;
  mapFailure: typeof mapFailure;
}

/** A client's transport with the loaded engine, as `BaseClient`'s internal `TRANSPORT` method hands them over. */
export interface Connection {
  engine: DownloadEngine;
  transport: Transport;
}

/** The file of a result, as a download needs it. */
export interface ResultFile {
  /** The signed URL. */
  url: string;
  size?: number | null | undefined;
  checksum?: string | null | undefined;
  /** How messages name it, e.g. `download result r_1`. */
  what: string;
}

const OPTION_RULES: Record<string, Rule> = {
  signal: [(v) => v instanceof AbortSignal, 'an AbortSignal'],
  onProgress: [(v) => typeof v === 'function', 'a function'],
  timeout: MILLISECONDS,
  deadline: MILLISECONDS,
  maxRetries: numberIn(0, 10, '', true),
};

/**
 * Checks download options.
 * @throws InvalidInputError naming the option.
 */
function checkOptions(options: unknown): DownloadOptions {
  const o = checkObject(options, 'options');
  for (const key of Object.keys(o))
    if (!(key in OPTION_RULES))
      throw new InvalidInputError(
        `options.${key}`,
        `is not a download option (expected one of ${Object.keys(OPTION_RULES).join(', ')})`,
      );
  checkRules(o, 'options', OPTION_RULES);
  return o as DownloadOptions;
}

/**
 * Whether a file URL gets the API token: only on the API's own origin (scheme, host and port of `baseUrl`). A signed
 * URL is its own credential; storage elsewhere never sees the token.
 */
export const sendsToken = (url: string, baseUrl: string): boolean => new URL(url).origin === new URL(baseUrl).origin;

/**
 * Opens the download of `file` with the transport `connect` gives (after the options are checked): resolves once the
 * answer's headers arrived, with its body as a checked stream.
 * @throws InvalidInputError for a bad option or URL; ResultExpiredError for a 410; RequestError, ServerError,
 *   ConnectionError, TimeoutError or AbortError for the request. The stream fails with SizeMismatchError,
 *   ChecksumMismatchError, TimeoutError, AbortError or ConnectionError.
 */
export async function openDownload(
  connect: () => Promise<Connection>,
  baseUrl: string,
  file: ResultFile,
  options: DownloadOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const o = checkOptions(options);
  const target = new URL(checkUrl(file.url, 'signed_url.url'));
  const { engine, transport } = await connect();
  // The signed URL's query is a credential: errors name the file without it, and hide it in what a server says.
  const info: RequestInfo = { method: 'GET', path: target.pathname, url: target.origin + target.pathname, attempts: 0 };
  const redact = (text: string) =>
    transport.redact(target.search.length > 1 ? text.replaceAll(target.search.slice(1), REDACTED) : text);
  const own = new AbortController();
  const limits = new Limits(own, o, o.timeout ?? transport.timeout, file.what);
  const withToken = sendsToken(file.url, baseUrl);
  let response: Response;
  try {
    response = await (withToken ? transport.ky : engine.ky)(file.url, {
      prefixUrl: '',
      headers: { accept: '*/*' },
      // With the token, never to another host; without it, a storage redirect is followed.
      redirect: withToken ? 'manual' : 'follow',
      signal: own.signal,
      timeout: limits.timeout,
      retry: { limit: o.maxRetries ?? transport.maxRetries },
      fetch: (input, init) => (transport.fetch ?? fetch)(input, init),
      hooks: { beforeRequest: [() => void info.attempts++] },
    });
  } catch (error) {
    limits.end();
    throw await requestFailure(error, { engine, info, what: file.what, redact, limits, options: o });
  }
  const total = file.size ?? (Number(response.headers.get('content-length')) || undefined);
  const digest = file.checksum ? md5() : undefined;
  return checkedStream(response.body, { ...file, total, digest, onProgress: o.onProgress, limits });
}

/** The call's time limits and cancellation: they abort `own`, which the request and its body follow. */
class Limits {
  readonly timeout: number;
  #why: 'idle' | 'deadline' | undefined;
  #release: (() => void) | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #onAbort: (() => void) | undefined;
  // When the pending read began (0: none pending): a slow reader of the stream is not the server's stall.
  #readSince = 0;

  constructor(
    readonly own: AbortController,
    readonly options: DownloadOptions,
    timeout: number,
    readonly what: string,
  ) {
    this.timeout = timeout;
    this.#release = options.signal && follow(options.signal, own);
    own.signal.addEventListener('abort', () => this.#onAbort?.(), { once: true });
    if (options.deadline !== undefined) this.#deadline = setTimeout(() => this.#stop('deadline'), options.deadline);
  }

  #stop(why: 'idle' | 'deadline'): void {
    this.#why ??= why;
    this.own.abort(new DOMException(`${this.what}: ${why} time passed`, 'TimeoutError'));
  }

  /** Calls `stop` once the download is aborted or timed out: a body that ignores the signal is cancelled with it. */
  onAbort(stop: () => void): void {
    this.#onAbort = stop;
  }

  /** True once the download was aborted or timed out. */
  get stopped(): boolean {
    return this.own.signal.aborted;
  }

  /** A read of the body begins. */
  reading(): void {
    this.#readSince = Date.now();
    this.#idle ??= setTimeout(this.#check, this.timeout);
  }

  /** The pending read ended. */
  read(): void {
    this.#readSince = 0;
  }

  // One timer for the whole stream, moved on as reads end, rather than one per chunk; none while no read is pending,
  // so a stream left unread keeps no timer (nor the process) alive.
  #check = (): void => {
    this.#idle = undefined;
    if (this.#readSince === 0) return;
    const waited = Date.now() - this.#readSince;
    if (waited >= this.timeout) this.#stop('idle');
    else this.#idle = setTimeout(this.#check, this.timeout - waited);
  };

  /** The error for a failure of the body while it was read. */
  failure(error: unknown): RicloudError {
    const signal = this.options.signal;
    if (signal?.aborted) return new AbortError(`${this.what}: aborted`, { cause: signal.reason });
    if (this.#why === 'idle') return new TimeoutError(`${this.what}: no data for ${this.timeout} ms`, { cause: error });
    if (this.#why === 'deadline')
      return new TimeoutError(`${this.what}: not done within the deadline of ${this.options.deadline} ms`, {
        cause: error,
      });
    return new ConnectionError(`${this.what}: the connection failed during the download`, { cause: error });
  }

  /** True once the deadline passed. */
  pastDeadline(): boolean {
    return this.#why === 'deadline';
  }

  /** Stops the timers and the signal's listener. */
  end(): void {
    clearTimeout(this.#deadline);
    clearTimeout(this.#idle);
    this.#release?.();
    this.#release = undefined;
  }
}

/** The RicloudError for a request that failed before its body: a 410 is `ResultExpiredError`. */
async function requestFailure(
  error: unknown,
  call: {
    engine: DownloadEngine;
    info: RequestInfo;
    what: string;
    redact: (text: string) => string;
    limits: Limits;
    options: DownloadOptions;
  },
): Promise<RicloudError> {
  if (error instanceof InvalidInputError) return error;
  const body =
    error instanceof call.engine.HTTPError
      ? await readCapped(error.response.body?.getReader(), MAX_ERROR_BODY, () => new Error('too large')).catch(() => '')
      : '';
  const mapped = call.engine.mapFailure(error, body, {
    spec: { what: call.what, retry: 'idempotent' },
    info: call.info,
    options: call.options,
    transport: { redact: call.redact },
    deadline: call.options.deadline ?? 0,
    attemptTimeout: call.limits.timeout,
    pastDeadline: () => call.limits.pastDeadline(),
  });
  if (mapped instanceof RequestError && mapped.status === 410)
    return new ResultExpiredError(
      `${call.what}: the result has expired (410${mapped.error ? ` ${mapped.error}` : ''})`,
      {
        status: 410,
        request: mapped.request,
        body: mapped.body,
        error: mapped.error,
        params: mapped.params,
      },
    );
  return mapped;
}

/** What the checked stream compares the bytes with. */
interface Checks extends ResultFile {
  total: number | undefined;
  digest: Digest | undefined;
  onProgress: DownloadOptions['onProgress'];
  limits: Limits;
}

/**
 * `body` passed on chunk by chunk as its reader pulls, counted and hashed on the way; fails as soon as more bytes
 * than `size` arrived, and at the end when fewer did or the MD5 differs from `checksum`.
 */
function checkedStream(body: ReadableStream<Uint8Array> | null, checks: Checks): ReadableStream<Uint8Array> {
  const { size, checksum, digest, limits, onProgress, total, what } = checks;
  const reader = body?.getReader();
  let bytes = 0;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: RicloudError) => {
    limits.end();
    void reader?.cancel(error).catch(() => undefined);
    controller.error(error);
  };
  // A cancelled reader ends its pending read as done: the check after each read turns that into the error.
  limits.onAbort(() => void reader?.cancel().catch(() => undefined));
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array> = { done: true, value: undefined };
        if (reader) {
          limits.reading();
          try {
            chunk = await reader.read();
          } catch (error) {
            return fail(controller, limits.failure(error));
          } finally {
            limits.read();
          }
        }
        if (limits.stopped) return fail(controller, limits.failure(limits.own.signal.reason));
        if (chunk.done) {
          limits.end();
          if (typeof size === 'number' && bytes !== size)
            return fail(controller, new SizeMismatchError(what, size, bytes));
          const actual = digest?.hex();
          if (checksum && actual !== checksum.toLowerCase())
            return fail(controller, new ChecksumMismatchError(what, checksum, actual ?? ''));
          return controller.close();
        }
        bytes += chunk.value.byteLength;
        if (typeof size === 'number' && bytes > size) return fail(controller, new SizeMismatchError(what, size, bytes));
        digest?.update(chunk.value);
        try {
          onProgress?.({ bytes, total });
        } catch (error) {
          // The caller's own error ends the download as it is.
          limits.end();
          void reader?.cancel(error).catch(() => undefined);
          throw error;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        limits.end();
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

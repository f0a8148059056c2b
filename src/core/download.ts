/**
 * A result's file, fetched from its signed URL as a stream and checked as it passes: its length against the result's
 * `size` (an excess stops the stream at once), its MD5 against `checksum` (at the end), with progress, cancellation,
 * an idle timeout and an optional overall deadline.
 */
import type { HTTPError, KyInstance } from 'ky';
import {
  InvalidInputError,
  RequestError,
  type RequestInfo,
  ResponseTooLargeError,
  ResultExpiredError,
  type RicloudError,
} from './errors';
import type { mapFailure } from './failure';
import { checkedStream } from './checked-stream';
import { Limits } from './download-limits';
import { checkKeys, checkObject, checkRules, checkUrl, MILLISECONDS, numberIn, type Rule } from './params';
import { readCapped, readInto } from './body';
import { ByteBuffer } from './bytes';
import { tokenRedactor } from './redact';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after';
import { within } from './signal';
import type { Transport } from './transport';

/** The shortest value of a signed URL's query hidden in errors: shorter ones would hide ordinary words. */
const MIN_HIDDEN_VALUE = 8;
/** Query parameters of a signed URL that hold a credential (`X-Amz-Signature`, Azure's `sig`, `X-Goog-Credential`). */
const CREDENTIAL_PARAMETER = /^sig$|signature|token|credential|key|policy|secret|auth/i;

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
  maxRetries: /* @__PURE__ */ numberIn(0, 10, '', true),
};

/**
 * Checks download options.
 * @throws InvalidInputError naming the option.
 */
function checkOptions(options: unknown): DownloadOptions {
  const o = checkObject(options, 'options');
  checkKeys(o, Object.keys(OPTION_RULES), 'a download option', 'options');
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
  // The signed URL's query is a credential: errors name the file without it, and hide it in what a server says, whole
  // and each credential's value (a storage server may echo one alone, as S3 does); a date or an algorithm stays, as
  // one may explain the error (S3's `RequestTimeTooSkewed`).
  const info: RequestInfo = { method: 'GET', path: target.pathname, url: target.origin + target.pathname, attempts: 0 };
  const credentials = [...target.searchParams].filter(([name]) => CREDENTIAL_PARAMETER.test(name));
  const hide = tokenRedactor(
    ...[target.search.slice(1), ...credentials.map(([, value]) => value)].filter((v) => v.length >= MIN_HIDDEN_VALUE),
  );
  const redact = (text: string) => transport.redact(hide(text));
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
      retry: {
        limit: o.maxRetries ?? transport.maxRetries,
        // Advice past the cap fails at once, as an API call's does; ky's other rate-limit headers are held to it.
        maxRetryAfter: MAX_RETRY_AFTER_MS,
        shouldRetry: ({ error }) =>
          error instanceof engine.HTTPError && (retryAfterMs(error.response.headers) ?? 0) > MAX_RETRY_AFTER_MS
            ? false
            : undefined,
      },
      fetch: (input, init) =>
        (transport.fetch ?? fetch)(input, init).catch((error: unknown) => {
          throw hideIn(error, redact);
        }),
      hooks: { beforeRequest: [() => void info.attempts++] },
    });
  } catch (error) {
    const failure = await requestFailure(error, {
      engine,
      info,
      what: file.what,
      redact,
      limits,
      options: o,
      maxBytes: transport.maxResponseBytes,
    });
    limits.end();
    throw failure;
  }
  const total = file.size ?? (Number(response.headers.get('content-length')) || undefined);
  return checkedStream(response.body, { ...file, total, onProgress: o.onProgress, limits });
}

/**
 * The file of `openDownload`, checked likewise, as text held in memory: no larger than the client's `maxResponseBytes`.
 * @throws ResponseTooLargeError past `maxResponseBytes` (the rest is not read); what `openDownload` throws.
 */
export async function downloadText(
  connect: () => Promise<Connection>,
  baseUrl: string,
  file: ResultFile,
  options?: DownloadOptions,
): Promise<string> {
  const stream = await openDownload(connect, baseUrl, file, options);
  const max = (await connect()).transport.maxResponseBytes;
  const tooLarge = () => new ResponseTooLargeError(file.what, { status: 200, maxResponseBytes: max });
  return readCapped(stream.getReader(), max, tooLarge);
}

/**
 * `error` with `hide` applied to its message and stack, and its causes', in place: a platform's fetch may name the
 * signed URL in them (Deno's does), and a ConnectionError keeps them as its cause.
 */
function hideIn(error: unknown, hide: (text: string) => string): unknown {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    try {
      e.message = hide(e.message);
      if (e.stack) e.stack = hide(e.stack);
    } catch {
      // A message that cannot be set (a DOMException's) is the platform's own, naming no URL.
    }
  }
  return error;
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
    /** The client's `maxResponseBytes`: an error reads its body no further, as an API call's does. */
    maxBytes: number;
  },
): Promise<RicloudError> {
  if (error instanceof InvalidInputError) return error;
  const body =
    error instanceof call.engine.HTTPError
      ? await errorBody(error.response.body, call.maxBytes, call.limits.timeout)
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
        apiMessage: mapped.apiMessage,
        error: mapped.error,
        params: mapped.params,
      },
    );
  return mapped;
}

/**
 * The start of an error answer's body, read for no longer than an attempt waits and up to `max` bytes: a body that
 * stalls is cancelled, and one that stalls, fails or was already read (by a custom fetch) keeps what was read of it.
 */
async function errorBody(body: ReadableStream<Uint8Array> | null, max: number, ms: number): Promise<string> {
  const kept = new ByteBuffer(max);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    reader = body?.getReader();
    if (reader) await within(readInto(reader, kept), ms, () => undefined);
  } catch {
    void reader?.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(kept.bytes());
}

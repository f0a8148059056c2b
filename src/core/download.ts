/**
 * A result's file, fetched from its signed URL as a stream and checked as it passes: its length against the result's
 * `size` (an excess stops the stream at once), its MD5 against `checksum` (at the end), with progress, cancellation,
 * an idle timeout, a minimum speed and an optional overall deadline.
 */
import type { HTTPError, KyInstance } from 'ky';
import { ResponseTooLargeError, ResponseValidationError } from './errors';
import type { mapFailure } from './failure';
import { type Bytes, checkedStream } from './checked-stream';
import { requestFailure } from './download-failure';
import { Limits } from './download-limits';
import { downloadBackoff, resumingBody } from './download-resume';
import { checkKeys, checkObject, checkRules, checkUrl } from './params';
import { readCapped } from './body';
import { redactText } from './redact';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after';
import { hiddenCopy } from './hidden-copy';
import type { RequestInfo } from './ricloud-error';
import { MILLISECONDS, numberIn, type Rule } from './rules';
import { credentialHider } from './signed-url';
import type { Transport } from './transport';

/** Bytes received so far, and the file's size when known. */
export interface DownloadProgress {
  /** Bytes received so far. */
  bytes: number;
  /**
   * The file's size in bytes: the result's `size`, else the answer's `Content-Length`; undefined when neither is known.
   */
  total: number | undefined;
}

/** Options of `result.download()`. */
export interface DownloadOptions {
  /** Cancels the download: the request, or the stream mid-way (it then fails with `AbortError`). */
  signal?: AbortSignal | undefined;
  /**
   * Called after each chunk with the bytes received so far and the result's `size`; an async one is awaited before the
   * chunk is passed on. What it throws or rejects with ends the download.
   */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Milliseconds to wait for the answer, then for each chunk as the stream is read (default: the client's timeout). */
  timeout?: number | undefined;
  /**
   * Bytes per second the file must arrive at, over each window of `timeout` that reads wait on the server: slower is a
   * stall, as no data for `timeout` is (default: 1024; a reader that does not read does not count).
   */
  minSpeed?: number | undefined;
  /** Milliseconds the whole download may take, to its last byte (default: none; `timeout` and `minSpeed` apply). */
  deadline?: number | undefined;
  /**
   * Retries of a request that failed before its answer began, and resumes of a file cut part way by the network or
   * stalled (past `timeout`, or under `minSpeed`), from the byte it stopped at (default: the client's).
   */
  maxRetries?: number | undefined;
}

/** What a download takes from the request engine, which a client loads with its first request. */
export interface DownloadEngine {
  /** Bare ky, for a signed URL off the API's origin: no token, no base URL. */
  ky: KyInstance;
  HTTPError: typeof HTTPError;
  mapFailure: typeof mapFailure;
}

/**
 * A client's transport with the loaded engine, as `BaseClient`'s internal `TRANSPORT` method hands them over; a
 * download needs only the engine's `DownloadEngine` part.
 */
export interface Connection<E = DownloadEngine> {
  engine: E;
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
  minSpeed: /* @__PURE__ */ numberIn(1, 1_073_741_824, ' of bytes per second'),
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
const sendsToken = (url: string, baseUrl: string): boolean => new URL(url).origin === new URL(baseUrl).origin;

/** Whether `response` is a `206` whose `Content-Range` is not the whole file from byte 0 (or is missing). */
function partOnly(response: Response): boolean {
  const [, end, size] = /^bytes 0-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '') ?? [];
  return response.status === 206 && Number(end) + 1 !== Number(size);
}

/**
 * Opens the download of `file` with the transport `connect` gives (after the options are checked): resolves once the
 * answer's headers arrived, with its body as a checked stream.
 * @throws InvalidInputError for a bad option or URL; ResultExpiredError for a 410; RequestError, ServerError,
 *   ConnectionError, TimeoutError or AbortError for the request; ResponseValidationError for a 206 holding part of
 *   the file. The stream fails with SizeMismatchError, ChecksumMismatchError, TimeoutError, AbortError or
 *   ConnectionError.
 */
export async function openDownload(
  connect: () => Promise<Connection>,
  baseUrl: string,
  file: ResultFile,
  options?: DownloadOptions,
): Promise<ReadableStream<Bytes>> {
  return (await openFile(connect, baseUrl, file, options)).stream;
}

/** An opened download: its checked stream, the answer its bytes come from, and what hides its credentials. */
interface OpenedFile {
  stream: ReadableStream<Bytes>;
  /** The first answer's status; a resume's (206) once the rest comes from one. */
  answer: { status: number };
  /** Hides the token and the credentials of the file's URL. */
  redact: (text: string) => string;
  /** The client's `maxResponseBytes`. */
  maxBytes: number;
}

/** `openDownload`, telling the status of the answer, what hides its credentials and the client's cap too. */
async function openFile(
  connect: () => Promise<Connection>,
  baseUrl: string,
  file: ResultFile,
  options: DownloadOptions = {},
): Promise<OpenedFile> {
  const o = checkOptions(options);
  const target = new URL(checkUrl(file.url, 'signed_url.url'));
  const { engine, transport } = await connect();
  const info: RequestInfo = { method: 'GET', path: target.pathname, url: target.origin + target.pathname, attempts: 0 };
  // What hides the token and the credentials of the file's URL and of `urls` (where a redirect led).
  const hideWith = (...urls: string[]) => credentialHider(transport.redactWith, file.url, ...urls);
  const redact = hideWith();
  const limits = new Limits(new AbortController(), o, o.timeout ?? transport.timeout, file.what, redact);
  const withToken = sendsToken(file.url, baseUrl);
  // The `Retry-After` of the answer being retried: `jitter` gives it to ky as the delay.
  let advised: number | undefined;
  const maxRetries = o.maxRetries ?? transport.maxRetries;
  const send = (headers: Record<string, string> = {}) =>
    (withToken ? transport.ky : engine.ky)(file.url, {
      prefixUrl: '',
      headers: { accept: '*/*', ...headers },
      // With the token, never to another host; without it, a storage redirect is followed.
      redirect: withToken ? 'manual' : 'follow',
      signal: limits.own.signal,
      timeout: limits.timeout,
      retry: {
        // A resume is a retry: it and its own retries share the download's budget.
        limit: maxRetries - info.attempts,
        // The attempts so far number the retry to come, a resume's as the first request's.
        delay: () => downloadBackoff(info.attempts),
        // ky would measure an HTTP date by the local clock: the advice is read as an API call reads it.
        afterStatusCodes: [],
        // Advice past the cap fails at once, as an API call's does.
        shouldRetry: ({ error }) => {
          advised = error instanceof engine.HTTPError ? retryAfterMs(error.response.headers) : undefined;
          return (advised ?? 0) > MAX_RETRY_AFTER_MS ? false : undefined;
        },
        jitter: (step) => advised ?? step,
      },
      // The platform's error may name the URL (Deno's does): hooks and logs see a copy with its credentials hidden.
      fetch: (input, init) =>
        (transport.fetch ?? fetch)(input, init).catch((error: unknown) => {
          throw hiddenCopy(error, redact);
        }),
      hooks: { beforeRequest: [() => void info.attempts++] },
    });
  const maxBytes = transport.maxResponseBytes;
  const failed = async (error: unknown) => {
    throw await requestFailure(error, { engine, info, what: file.what, hideWith, limits, options: o, maxBytes });
  };
  const response = await send().catch((error: unknown) => failed(error).finally(() => limits.end()));
  // Asked for the whole file, a server sending part of it would pass for it where no `size` or `checksum` checks.
  if (partOnly(response)) {
    limits.end();
    void response.body?.cancel().catch(() => undefined);
    const range = redact(response.headers.get('content-range') ?? 'missing');
    throw new ResponseValidationError(
      `${file.what}: the server answered 206 Partial Content (Content-Range ${range}) to a request for the whole file`,
      { status: 206, request: info, field: '', body: '' },
    );
  }
  const total = file.size ?? (Number(response.headers.get('content-length')) || undefined);
  // Kept apart from the stream: the resumes update it, and a caller's signal holds them till the download ends.
  const answer = { status: response.status };
  const resumed = (resumedAnswer: Response) => {
    answer.status = resumedAnswer.status;
    return resumedAnswer;
  };
  const resume = { send: (headers: Record<string, string>) => send(headers).then(resumed, failed), info, maxRetries };
  const body = resumingBody(response, { ...resume, total, checked: Boolean(file.checksum), limits, what: file.what });
  const stream = checkedStream(body, { ...file, total, onProgress: o.onProgress, limits });
  return { stream, answer, redact, maxBytes };
}

/**
 * The file of `openDownload`, checked likewise, held in memory (no larger than the client's `maxResponseBytes`) and
 * parsed as JSON. Its errors carry the status the file was answered with.
 * @throws ResponseTooLargeError past `maxResponseBytes` (the rest is not read); ResponseValidationError when the file
 *   is not JSON; what `openDownload` throws.
 */
export async function downloadJson(
  connect: () => Promise<Connection>,
  baseUrl: string,
  file: ResultFile,
  options?: DownloadOptions,
): Promise<unknown> {
  const { stream, answer, redact, maxBytes } = await openFile(connect, baseUrl, file, options);
  // The status is read as the error is made: a resume may have answered the rest of the file.
  const tooLarge = () => new ResponseTooLargeError(file.what, { status: answer.status, maxResponseBytes: maxBytes });
  const text = await readCapped(stream.getReader(), maxBytes, tooLarge);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Kept as an answer's body is: its secret fields, the token and the URL's credentials hidden, cut to 64 KiB.
    throw new ResponseValidationError(`${file.what}: the file is not JSON`, {
      status: answer.status,
      field: '',
      body: redactText(text, redact),
    });
  }
}

/** The RicloudError for a download whose request failed before its body: what the server or the connection said. */
import type { DownloadEngine, DownloadOptions } from './download';
import type { Limits } from './download-limits';
import { InvalidInputError, NotFoundError, RequestError, ResultExpiredError } from './errors';
import { readInto } from './body';
import { ByteBuffer } from './bytes';
import type { RequestInfo, RicloudError } from './ricloud-error';
import { within } from './signal';

// What a signed URL's 404 and 410 mean: the result was found, its file is what is missing.
const ANSWERS: Record<number, [typeof RequestError, string]> = {
  404: [NotFoundError, 'its file is not at its signed URL'],
  410: [ResultExpiredError, 'the result has expired'],
};

/**
 * The RicloudError for a request that failed before its body: a 404 is a `NotFoundError` saying the file is missing, a
 * 410 a `ResultExpiredError`. What a server said has the credentials of the URL it answered for, and of the one its
 * `Location` names, hidden too: a redirect may have led, or lead, to another signed URL.
 */
export async function requestFailure(
  error: unknown,
  call: {
    engine: DownloadEngine;
    info: RequestInfo;
    what: string;
    /** What hides the token and the credentials of the download's URL and of `urls`, in one pass. */
    hideWith: (...urls: string[]) => (text: string) => string;
    limits: Limits;
    options: DownloadOptions;
    /** The client's `maxResponseBytes`: an error reads its body no further, as an API call's does. */
    maxBytes: number;
  },
): Promise<RicloudError> {
  if (error instanceof InvalidInputError) return error;
  const answer = error instanceof call.engine.HTTPError ? error.response : undefined;
  const body = answer ? await errorBody(answer.body, call.maxBytes, call.limits.timeout) : '';
  const mapped = call.engine.mapFailure(error, body, {
    spec: { method: 'GET', what: call.what, retry: 'idempotent' },
    info: call.info,
    options: call.options,
    transport: { redact: call.hideWith(...answeredUrls(answer)) },
    deadline: call.options.deadline ?? 0,
    attemptTimeout: call.limits.timeout,
    pastDeadline: () => call.limits.pastDeadline(),
  });
  const told = mapped instanceof RequestError && ANSWERS[mapped.status];
  if (!told) return mapped;
  const [Class, what] = told;
  return new Class(`${call.what}: ${what} (${mapped.status}${mapped.error ? ` ${mapped.error}` : ''})`, {
    status: mapped.status,
    request: mapped.request,
    body: mapped.body,
    apiMessage: mapped.apiMessage,
    error: mapped.error,
    params: mapped.params,
  });
}

/** The URL `answer` came from, and the one its `Location` names (resolved against it) when that parses. */
function answeredUrls(answer: Response | undefined): string[] {
  const urls = answer?.url ? [answer.url] : [];
  const location = answer?.headers.get('location');
  try {
    if (location) urls.push(new URL(location, answer?.url || undefined).href);
  } catch {
    // A Location that is no URL names no credential.
  }
  return urls;
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

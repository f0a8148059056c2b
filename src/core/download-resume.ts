/**
 * A download's body that, cut part way by the network or stalled past its `timeout`, is resumed: the same GET again
 * with `Range` from the byte it stopped at and `If-Range` with the first answer's validator, whose `206` continues the
 * same stream.
 */
import type { Limits } from './download-limits';
import { ConnectionError, type RequestInfo } from './errors';
import { sleep } from './signal';
import { hiddenCopy } from './signed-url';

/** The wait before retry number `retry` (from 1): ky's default backoff, which downloads have always used. */
export const downloadBackoff = (retry: number): number => 300 * 2 ** (retry - 1);

/** What a resume takes from the download that opened the body. */
export interface Resume {
  /** Sends the download's GET again with these headers; rejects with the RicloudError of a failed request. */
  send(headers: Record<string, string>): Promise<Response>;
  /** The download's request, its `attempts` counting every one sent, resumes included. */
  info: RequestInfo;
  /** Retries the whole download may make, resumes included. */
  maxRetries: number;
  /** The file's size, which a resumed answer's `Content-Range` must state. */
  total: number | undefined;
  limits: Limits;
  what: string;
}

/** The validator `If-Range` sends: the first answer's strong ETag, else its Last-Modified (none: no resume). */
function validatorOf(headers: Headers): string | undefined {
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return headers.get('last-modified') ?? undefined;
}

/**
 * `first`'s body, resumed where a network failure cut it or a stall ended it while retries remain. Without a validator,
 * a known size, or with a `Content-Encoding` (whose byte offsets are not those read), it is the body as it is.
 * @throws (the stream fails with) the resume's RicloudError, or ConnectionError when it is answered other than `206`
 *   from the byte it asked for: a `200` would start again into bytes already passed on.
 */
export function resumingBody(first: Response, resume: Resume): ReadableStream<Uint8Array> | null {
  const validator = first.headers.get('content-encoding') ? undefined : validatorOf(first.headers);
  if (!first.body || !validator || resume.total === undefined) return first.body;
  const { limits, total } = resume;
  let reader: ReadableStreamDefaultReader<Uint8Array> = first.body.getReader();
  let received = 0;
  let cancelled = false;
  // Why the current answer was ended for a stall: its pending read then ends as done, which is no end of the file.
  let stalled: DOMException | undefined;
  const resumable = () => !limits.stopped && resume.info.attempts <= resume.maxRetries && received < total;
  limits.onStall((reason) => {
    if (!resumable()) return false;
    stalled = reason;
    // Ends this answer alone, freeing its connection; the download's signal stays for the resume.
    void reader.cancel(reason).catch(() => undefined);
    return true;
  });
  const pull = async (controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> => {
    for (;;) {
      try {
        const chunk = await reader.read();
        if (!chunk.done) {
          received += chunk.value.byteLength;
          return controller.enqueue(chunk.value);
        }
        if (!stalled) return controller.close();
        throw stalled;
      } catch (error) {
        stalled = undefined;
        if (!resumable()) throw error;
        reader = await resumeFrom(received, validator, resume, error);
        if (cancelled) return void reader.cancel().catch(() => undefined);
      }
    }
  };
  const cancel = (reason: unknown) => {
    cancelled = true;
    return reader.cancel(reason);
  };
  return new ReadableStream<Uint8Array>({ pull, cancel }, { highWaterMark: 0 });
}

/** After the backoff, the reader of a `206` answering `bytes=<received>-`; `cause` is the failure that cut the body. */
async function resumeFrom(
  received: number,
  validator: string,
  resume: Resume,
  cause: unknown,
): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const { limits, info, what, total } = resume;
  // The backoff and the new request are no stall of the body: the idle timer waits again for the new answer's bytes.
  limits.read();
  await sleep(downloadBackoff(info.attempts), limits.own.signal);
  const answer = await resume.send({ range: `bytes=${received}-`, 'if-range': validator });
  limits.reading();
  const range = answer.headers.get('content-range');
  const [, start, size] = /^bytes (\d+)-\d+\/(\d+)$/.exec(range ?? '') ?? [];
  if (answer.status === 206 && answer.body && Number(start) === received && Number(size) === total)
    return answer.body.getReader();
  void answer.body?.cancel().catch(() => undefined);
  const said = answer.status === 206 ? `206 with Content-Range ${limits.hide(range ?? 'missing')}` : answer.status;
  throw new ConnectionError(
    `${what}: the connection failed or stalled after ${received} bytes, and resuming was answered ${said}, not 206 ` +
      `from byte ${received} of ${total} (the file changed, or the server ignores Range)`,
    { cause: hiddenCopy(cause, limits.hide), status: answer.status, request: info },
  );
}

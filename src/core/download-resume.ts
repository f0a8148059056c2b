/**
 * A download's body that, cut part way by the network or stalled past its `timeout`, is resumed: the same GET again
 * with `Range` from the byte it stopped at and `If-Range` with the first answer's strong validator, whose `206`
 * continues the same stream.
 */
import type { Bytes } from './checked-stream';
import type { Limits } from './download-limits';
import { ConnectionError } from './errors';
import type { RequestInfo } from './ricloud-error';
import { sleep } from './signal';
import { hiddenCopy } from './hidden-copy';

/** The wait before a download's retry number `retry` (from 1), ky's or a resume's: ky's default, 0.3 s doubling. */
// Written out: ky does not export it, and its count starts again at each resume, which runs outside ky's retry loop.
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
  /** Whether the result states the MD5 that the whole file is checked against. */
  checked: boolean;
  limits: Limits;
  what: string;
}

/** How long before its answer's `Date` a `Last-Modified` must be to be a strong validator (RFC 9110 §8.8.2.2). */
const STRONG_DATE_MS = 60_000;

/**
 * The validator `If-Range` may send (RFC 9110 §13.1.5): the first answer's ETag when strong; with no ETag, its
 * Last-Modified when at least 60 s before its `Date`. A weak ETag, or a date nearer its `Date` (or without one), is
 * none.
 */
function strongValidator(headers: Headers): string | undefined {
  const etag = headers.get('etag');
  if (etag) return etag.startsWith('W/') ? undefined : etag;
  const modified = headers.get('last-modified');
  const date = Date.parse(headers.get('date') ?? '');
  return modified && date - Date.parse(modified) >= STRONG_DATE_MS ? modified : undefined;
}

/** Whether `answer` states another version than `first`: its ETag (compared weakly) or Last-Modified differs. */
function anotherVersion(first: Headers, answer: Headers): boolean {
  return ['etag', 'last-modified'].some((name) => {
    const [was, now] = [first.get(name)?.replace(/^W\//, ''), answer.get(name)?.replace(/^W\//, '')];
    return was !== undefined && now !== undefined && was !== now;
  });
}

/**
 * `first`'s body, resumed where a network failure cut it or a stall ended it while retries remain. Without a known
 * size, with a `Content-Encoding` other than `identity` (whose byte offsets are not those read), or with neither a
 * strong validator nor a checksum, it is the body as it is.
 * @throws (the stream fails with) the resume's RicloudError, or ConnectionError when it is answered other than `206`
 *   from the byte it asked for, or for another version of the file: a `200` would start again into bytes already
 *   passed on.
 */
export function resumingBody(first: Response, resume: Resume): ReadableStream<Bytes> | null {
  const validator = strongValidator(first.headers);
  // Without a strong validator, a Range alone may splice two versions of the file (RFC 9110 §15.3.7.3): resumed only
  // when the result's MD5 checks the whole, which ends a splice as it ends any corruption (ChecksumMismatchError).
  // Restarting from byte 0 instead could not take back the bytes already passed on.
  const unchecked = validator === undefined && !resume.checked;
  // `identity` is no encoding (RFC 9110 §8.4.1), so its offsets are those read.
  const encoding = first.headers.get('content-encoding');
  const encoded = encoding !== null && encoding.toLowerCase() !== 'identity';
  if (!first.body || unchecked || encoded || resume.total === undefined) return first.body;
  const { limits, total } = resume;
  let reader: ReadableStreamDefaultReader<Bytes> = first.body.getReader();
  let received = 0;
  let resumed = false;
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
  const pull = async (controller: ReadableStreamDefaultController<Bytes>): Promise<void> => {
    for (;;) {
      try {
        const chunk = await reader.read();
        // A 206 states the rest of the file: one that ends short of it is cut, and one that sends more is refused,
        // even when no `size` checks the file's length.
        if (!chunk.done) {
          received += chunk.value.byteLength;
          if (resumed && received > total) {
            void reader.cancel().catch(() => undefined);
            throw new ConnectionError(
              `${resume.what}: the resumed answer sent more than the ${total} bytes of the file`,
              {
                request: resume.info,
              },
            );
          }
          return controller.enqueue(chunk.value);
        }
        if (stalled) throw stalled;
        if (resumed && received < total)
          throw new ConnectionError(`${resume.what}: the resumed answer ended after ${received} of ${total} bytes`, {
            request: resume.info,
          });
        return controller.close();
      } catch (error) {
        stalled = undefined;
        if (!resumable()) throw error;
        reader = await resumeFrom(received, first.headers, validator, resume, error);
        resumed = true;
        if (cancelled) return void reader.cancel().catch(() => undefined);
      }
    }
  };
  // As `checkedStream` ends its body: without waiting for a cancel that may never settle.
  const cancel = (reason: unknown) => {
    cancelled = true;
    void reader.cancel(reason).catch(() => undefined);
  };
  return new ReadableStream<Bytes>({ pull, cancel }, { highWaterMark: 0 });
}

/**
 * After the backoff, the reader of a `206` answering `bytes=<received>-` for the version `first` stated (with
 * `If-Range` when there is a strong `validator`); `cause` is the failure that cut the body.
 */
async function resumeFrom(
  received: number,
  first: Headers,
  validator: string | undefined,
  resume: Resume,
  cause: unknown,
): Promise<ReadableStreamDefaultReader<Bytes>> {
  const { limits, info, what, total } = resume;
  // The backoff and the new request are no stall of the body: the idle timer waits again for the new answer's bytes,
  // and its speed is judged on its own.
  limits.resumed();
  await sleep(downloadBackoff(info.attempts), limits.own.signal);
  const asked = `bytes=${received}-`;
  const answer = await resume.send(validator ? { range: asked, 'if-range': validator } : { range: asked });
  limits.reading();
  const range = answer.headers.get('content-range');
  const [, start, size] = /^bytes (\d+)-\d+\/(\d+)$/.exec(range ?? '') ?? [];
  const changed = anotherVersion(first, answer.headers);
  if (answer.status === 206 && answer.body && Number(start) === received && Number(size) === total && !changed)
    return answer.body.getReader();
  void answer.body?.cancel().catch(() => undefined);
  const said =
    answer.status !== 206
      ? answer.status
      : changed
        ? '206 for another version (its ETag or Last-Modified differs)'
        : `206 with Content-Range ${limits.hide(range ?? 'missing')}`;
  throw new ConnectionError(
    `${what}: the connection failed or stalled after ${received} bytes, and resuming was answered ${said}, not 206 ` +
      `from byte ${received} of ${total} (the file changed, or the server ignores Range)`,
    { cause: hiddenCopy(cause, limits.hide), status: answer.status, request: info },
  );
}

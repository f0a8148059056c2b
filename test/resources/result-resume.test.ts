/**
 * A result's download cut part way by the network resumes from the byte it stopped at, with `Range` and `If-Range`,
 * through the public API against the mock: the whole file checks out, and an answer that is not the rest of the same
 * file ends it typed, never restarted into bytes already passed on.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ChecksumMismatchError,
  Client,
  ConnectionError,
  ResponseValidationError,
  type Result,
} from '../../src/index';
import { startMockServer } from '../../src/mock/index';
import { downloadToFile } from '../../src/node';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { resultsOf } from '../support/results';

// 1 MiB: the mock's truncate fault cuts it after its first half.
const SIZE = 1024 * 1024;
const HALF = SIZE / 2;
const { api, client, server, receiver } = useMockApi({ taskDelay: 1, resultSize: SIZE });

/** One file result of a new poll. */
async function fileResult(sdk = client()): Promise<Result> {
  const { results } = await resultsOf(sdk, { files: ['file-1'] }, () => api.settle());
  return results[0] as Result;
}

// Dates of the first answer: a Last-Modified 60 s before a Date is a strong validator (RFC 9110 §8.8.2.2).
const OLD = 'Sun, 06 Dec 2026 10:00:00 GMT';
const LATER = 'Sun, 06 Dec 2026 10:01:00 GMT';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** All bytes of `stream`, concatenated. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The requests the mock received for `result`'s file. */
const fileRequests = (result: Result) => api.requests.filter((r) => r.path === `/files/${result.id}`);

/**
 * A file answer that sends `bytes`, then a turn later (once they were read) fails as a cut connection does, calling
 * `onCut` as it fails.
 */
function cutAnswer(bytes: Uint8Array, headers: Record<string, string>, onCut = () => undefined): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent) {
        await new Promise((resolve) => setImmediate(resolve));
        controller.error(new TypeError('The connection was cut.'));
        onCut();
      } else controller.enqueue(bytes);
      sent = true;
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'application/octet-stream', ...headers } });
}

/** Answers each file request with `answer` (the mock's own when undefined), keeping the headers each was sent with. */
function answerFiles(answer: (request: Request) => Response | undefined): Record<string, string>[] {
  const sent: Record<string, string>[] = [];
  server.use(
    http.get(`${api.baseUrl}/files/:id`, ({ request }) => {
      sent.push(Object.fromEntries(request.headers));
      return answer(request);
    }),
  );
  return sent;
}

/** The file's first half, as the mock serves it. */
async function firstHalf(result: Result): Promise<Uint8Array> {
  const bytes = await bytesOf(await result.download());
  api.requests.length = 0;
  return bytes.slice(0, HALF);
}

describe('a download cut part way by the network', () => {
  it('resumes from the byte it stopped at with one Range request and If-Range; the whole file checks out', async () => {
    const result = await fileResult();
    api.faults.add({ path: `/files/${result.id}`, truncate: true });
    const seen: number[] = [];
    const bytes = await bytesOf(await result.download({ onProgress: ({ bytes }) => void seen.push(bytes) }));
    expect(bytes.length).toBe(SIZE);
    expect(md5(bytes)).toBe(result.checksum);
    expect(seen.at(-1)).toBe(SIZE);
    const [first, resumed, ...more] = fileRequests(result);
    expect(first?.headers.range).toBeUndefined();
    expect(resumed?.headers).toMatchObject({ range: `bytes=${HALF}-`, 'if-range': `"${result.checksum}"` });
    expect(more).toEqual([]);
  });

  it('resumes for json() and, over HTTP, for downloadToFile, which write the whole file', async () => {
    const mock = await startMockServer({ taskDelay: 1, resultSize: SIZE, deliver: receiver.deliver });
    server.use(http.all(`${mock.url}/*`, () => passthrough()));
    const dir = await mkdtemp(join(tmpdir(), 'ricloud-resume-'));
    try {
      const sdk = new Client({ token: TOKEN_A, baseUrl: mock.url, logLevel: 'off' });
      const { results } = await resultsOf(sdk, { info_types: ['*'], files: ['file-1'] }, () => mock.api.settle());
      const [info, file] = [results.find((r) => r.type === 'json'), results.find((r) => r.type !== 'json')] as Result[];
      mock.api.faults.add({ path: `/files/${info?.id}`, truncate: true });
      mock.api.faults.add({ path: `/files/${file?.id}`, truncate: true });
      expect(await info?.json()).toMatchObject({ info_type: '*' });
      await downloadToFile(file as Result, join(dir, 'file'));
      expect(md5(await readFile(join(dir, 'file')))).toBe(file?.checksum);
      const ranges = mock.api.requests.filter((r) => r.headers.range).map((r) => r.headers['if-range']);
      expect(ranges).toEqual([`"${info?.checksum}"`, `"${file?.checksum}"`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await mock.close();
    }
  });

  it('sends Last-Modified as If-Range when the first answer has no ETag and it is ≥ 60 s before its Date', async () => {
    const result = await fileResult();
    const half = await firstHalf(result);
    const sent = answerFiles((request) =>
      request.headers.has('range') ? undefined : cutAnswer(half, { 'last-modified': OLD, date: LATER }),
    );
    // The mock's file has an ETag, not this date: it answers the whole file, which ends the download.
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(sent.map((headers) => [headers.range, headers['if-range']])).toEqual([
      [undefined, undefined],
      [`bytes=${HALF}-`, OLD],
    ]);
  });

  it.each<[string, Record<string, string>]>([
    ['neither ETag nor Last-Modified', {}],
    [
      'a weak ETag (and a Last-Modified long before its Date)',
      { etag: 'W/"<md5>"', 'last-modified': OLD, date: LATER },
    ],
    ['a Last-Modified in the second of its Date', { 'last-modified': LATER, date: LATER }],
    ['a Last-Modified 59 s before its Date', { 'last-modified': OLD, date: 'Sun, 06 Dec 2026 10:00:59 GMT' }],
    ['a Last-Modified without a Date', { 'last-modified': OLD }],
  ])('resumes without If-Range after %s, the result checksum checking the whole file', async (_, headers) => {
    const result = await fileResult();
    const half = await firstHalf(result);
    const etag = headers.etag?.replace('<md5>', result.checksum as string);
    const sent = answerFiles((request) =>
      request.headers.has('range') ? undefined : cutAnswer(half, { ...headers, ...(etag && { etag }) }),
    );
    const bytes = await bytesOf(await result.download());
    expect(md5(bytes)).toBe(result.checksum);
    expect(sent.map((headers) => [headers.range, headers['if-range']])).toEqual([
      [undefined, undefined],
      [`bytes=${HALF}-`, undefined],
    ]);
  });

  it('resumes an answer with Content-Encoding: identity as one without, but not a compressed one', async () => {
    let encoding = 'identity';
    let half: Uint8Array = new Uint8Array();
    const ranges: (string | null)[] = [];
    // The first answer is given straight to the SDK: msw would pipe an encoded body through a decoder of its own.
    const fetcher: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!new URL(request.url).pathname.startsWith('/files/')) return fetch(request);
      ranges.push(request.headers.get('range'));
      return request.headers.has('range') ? fetch(request) : cutAnswer(half, { 'content-encoding': encoding });
    };
    const result = await fileResult(client({ fetch: fetcher }));
    half = await firstHalf(await client().results.retrieve(result.id));
    expect(md5(await bytesOf(await result.download()))).toBe(result.checksum);
    expect(ranges).toEqual([null, `bytes=${HALF}-`]);
    // Its byte offsets are not those read: a Range could not say where the rest starts.
    encoding = 'gzip';
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('the connection failed during the download');
    expect(ranges).toHaveLength(3);
  });

  it('ends with ConnectionError, passing none of its bytes on, when the 206 states another ETag', async () => {
    const result = await fileResult();
    const half = await firstHalf(result);
    // The mock's 206 carries the file's strong ETag, which even compared weakly is not this one.
    const sent = answerFiles((request) =>
      request.headers.has('range') ? undefined : cutAnswer(half, { etag: 'W/"version-1"' }),
    );
    const seen: number[] = [];
    const stream = await result.download({ onProgress: ({ bytes }) => void seen.push(bytes) });
    const error = await rejectionOf(bytesOf(stream));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 206 });
    expect(error.message).toContain(
      'resuming was answered 206 for another version (its ETag or Last-Modified differs)',
    );
    expect(seen).toEqual([HALF]);
    expect(sent).toHaveLength(2);
  });

  it('ends with ChecksumMismatchError when, resumed without If-Range, the rest is of another version', async () => {
    const result = await fileResult();
    const half = await firstHalf(result);
    const range = `bytes ${HALF}-${SIZE - 1}/${SIZE}`;
    answerFiles((request) =>
      request.headers.has('range')
        ? new HttpResponse(new Uint8Array(HALF), { status: 206, headers: { 'content-range': range } })
        : cutAnswer(half, {}),
    );
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: result.checksum });
  });

  it('without the result checksum, resumes only with a strong validator for If-Range', async () => {
    const result = await fileResult();
    const strong = `"${result.checksum}"`;
    Object.assign(result, { checksum: null });
    const half = await firstHalf(result);
    let first: Record<string, string> = { etag: 'W/"weak"', 'last-modified': LATER, date: LATER };
    const sent = answerFiles((request) => (request.headers.has('range') ? undefined : cutAnswer(half, first)));
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('the connection failed during the download');
    expect(sent).toHaveLength(1);
    first = { etag: strong };
    expect((await bytesOf(await result.download())).length).toBe(SIZE);
    expect(sent.slice(1).map((headers) => headers['if-range'])).toEqual([undefined, strong]);
  });

  it.each([
    ['ends before the end', 100, `the resumed answer ended after ${HALF + 100} of ${SIZE} bytes`],
    ['sends more than the rest', SIZE, `the resumed answer sent more than the ${SIZE} bytes of the file`],
  ])(
    'ends with ConnectionError, not a file of another length, when a 206 %s its Content-Range states',
    async (_, length, why) => {
      const result = await fileResult();
      const etag = `"${result.checksum}"`;
      // Without size and checksum, the file's length is the first answer's Content-Length, and nothing checks the end.
      Object.assign(result, { checksum: null, size: null });
      const half = await firstHalf(result);
      const range = `bytes ${HALF}-${SIZE - 1}/${SIZE}`;
      answerFiles((request) =>
        request.headers.has('range')
          ? new HttpResponse(new Uint8Array(length), { status: 206, headers: { 'content-range': range, etag } })
          : cutAnswer(half, { etag, 'content-length': String(SIZE) }),
      );
      const seen: number[] = [];
      const stream = await result.download({ maxRetries: 1, onProgress: ({ bytes }) => void seen.push(bytes) });
      const error = await rejectionOf(bytesOf(stream));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toContain(why);
      expect(Math.max(...seen)).toBeLessThanOrEqual(SIZE);
    },
  );

  it('ends with ConnectionError when the resume is answered 200, without restarting the file', async () => {
    const result = await fileResult();
    api.faults.add({ path: `/files/${result.id}`, truncate: true });
    server.use(
      http.get(`${api.baseUrl}/files/:id`, ({ request }) =>
        request.headers.has('range') ? new HttpResponse(new Uint8Array(SIZE)) : undefined,
      ),
    );
    const seen: number[] = [];
    const stream = await result.download({ onProgress: ({ bytes }) => void seen.push(bytes) });
    const error = await rejectionOf(bytesOf(stream));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 200 });
    expect(error.message).toContain(`resuming was answered 200, not 206 from byte ${HALF} of ${SIZE}`);
    expect(seen).toEqual([HALF]);
    const token = new URL(result.signed_url?.url ?? '').searchParams.get('token') as string;
    expect(JSON.stringify({ error, message: error.message, cause: String(error.cause) })).not.toContain(token);
  });

  it('ends with ConnectionError when the 206 starts at another byte than the one asked for', async () => {
    const result = await fileResult();
    api.faults.add({ path: `/files/${result.id}`, truncate: true });
    const range = `bytes 0-${SIZE - 1}/${SIZE}`;
    server.use(
      http.get(`${api.baseUrl}/files/:id`, ({ request }) =>
        request.headers.has('range')
          ? new HttpResponse(new Uint8Array(SIZE), { status: 206, headers: { 'content-range': range } })
          : undefined,
      ),
    );
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 206 });
    expect(error.message).toContain(`answered 206 with Content-Range ${range}, not 206 from byte ${HALF}`);
  });

  it.each([
    ['no retries', 0, 1],
    ['one retry, spent on a resume cut again', 1, 2],
  ])('fails with ConnectionError as before once retries are spent: %s', async (_, maxRetries, sent) => {
    const result = await fileResult();
    api.faults.add({ path: `/files/${result.id}`, truncate: true, times: 2 });
    const error = await rejectionOf(result.download({ maxRetries }).then(bytesOf));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('the connection failed during the download');
    expect(fileRequests(result)).toHaveLength(sent);
  });

  it('ends with AbortError, sending nothing more, when its signal fires in the backoff before resuming', async () => {
    const result = await fileResult();
    const half = await firstHalf(result);
    const controller = new AbortController();
    const etag = `"${result.checksum}"`;
    // Fired a turn after the body fails: while the download waits its backoff (300 ms) before resuming.
    const abortSoon = () => void setTimeout(() => controller.abort(), 0);
    const sent = answerFiles(() => cutAnswer(half, { etag }, abortSoon));
    const error = await rejectionOf(result.download({ signal: controller.signal }).then(bytesOf));
    expect(error).toBeInstanceOf(AbortError);
    expect(sent).toHaveLength(1);
  });
});

describe('a first answer that is part of the file (206 to a request without Range)', () => {
  it('is refused, status and all, when its Content-Range is not the whole file: no part passes for it', async () => {
    const result = await fileResult();
    // Without size and checksum, nothing at the end would tell half a file from the whole.
    Object.assign(result, { checksum: null, size: null });
    const half = await firstHalf(result);
    const range = `bytes 0-${HALF - 1}/${SIZE}`;
    answerFiles(() => new HttpResponse(half, { status: 206, headers: { 'content-range': range } }));
    const error = await rejectionOf(result.download());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 206, request: { attempts: 1 } });
    expect(error.message).toContain(`206 Partial Content (Content-Range ${range})`);
    const dir = await mkdtemp(join(tmpdir(), 'ricloud-206-'));
    try {
      await expect(downloadToFile(result, join(dir, 'file'))).rejects.toBeInstanceOf(ResponseValidationError);
      await expect(readFile(join(dir, 'file'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('is downloaded as usual when its Content-Range is the whole file', async () => {
    const result = await fileResult();
    const whole = await bytesOf(await result.download());
    const range = `bytes 0-${SIZE - 1}/${SIZE}`;
    answerFiles(() => new HttpResponse(whole, { status: 206, headers: { 'content-range': range } }));
    expect(md5(await bytesOf(await result.download()))).toBe(result.checksum);
  });
});

/**
 * `result.json()`'s own errors (a file that is not JSON, one past `maxResponseBytes`) report the status the file was
 * answered with, a `206` (the whole file as a range, or the rest of a resumed one) as much as a `200`, as every other
 * download error does.
 */
import { createHash } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ResponseTooLargeError, ResponseValidationError, type Result } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { resultsOf } from '../support/results';

const { api, client, server } = useMockApi({ taskDelay: 1 });

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const BAD = new TextEncoder().encode(`{"account": "a@b.c", "password": "app-pass-0123", "items": [${'1, '.repeat(40)}`);
const SHOWN = `{"account": "a@b.c", "password": "[redacted]", "items": [${'1, '.repeat(40)}`;

/** A json result of a new poll (of `sdk`), stating `file`'s size and checksum, whose file the handler answers. */
async function jsonResult(file: Uint8Array, answer: (request: Request) => Response, sdk = client()): Promise<Result> {
  const { results } = await resultsOf(sdk, { info_types: ['*'] }, () => api.settle());
  const result = results.find((r) => r.type === 'json') as Result;
  server.use(http.get(`${api.baseUrl}/files/:id`, ({ request }) => answer(request)));
  return Object.assign(result, { size: file.length, checksum: md5(file) });
}

/** A `206` holding `file` from byte `from` to its end. */
const rangeOf = (file: Uint8Array, from: number, etag: string) =>
  new HttpResponse(file.slice(from), {
    status: 206,
    headers: { 'content-range': `bytes ${from}-${file.length - 1}/${file.length}`, etag },
  });

describe('result.json() errors report the status the file came with', () => {
  it('a file answered 206 (its whole range) that is not JSON: ResponseValidationError with status 206', async () => {
    const result = await jsonResult(BAD, () => rangeOf(BAD, 0, '"v1"'));
    const error = await rejectionOf(result.json());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 206, field: '', body: SHOWN });
    expect(JSON.stringify(error)).not.toContain('app-pass-0123');
  });

  it('a file answered 200 that is not JSON: status 200', async () => {
    const result = await jsonResult(BAD, () => new HttpResponse(BAD));
    const error = await rejectionOf(result.json());
    expect(error).toMatchObject({ status: 200, body: SHOWN });
  });

  it('a resumed file (its rest answered 206) that is not JSON: status 206', async () => {
    const half = BAD.length >> 1;
    const ranges: string[] = [];
    const result = await jsonResult(BAD, (request) => {
      const range = request.headers.get('range');
      if (range) ranges.push(range);
      if (range) return rangeOf(BAD, half, '"v1"');
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // A turn later, once the first half was read: as a connection cut part way.
          if (sent) await new Promise((resolve) => setImmediate(resolve));
          if (sent) controller.error(new TypeError('The connection was cut.'));
          else controller.enqueue(BAD.slice(0, half));
          sent = true;
        },
      });
      return new HttpResponse(body, { headers: { etag: '"v1"' } });
    });
    const error = await rejectionOf(result.json());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 206, body: SHOWN });
    expect(ranges).toEqual([`bytes=${half}-`]);
  });

  it('a file answered 206 past maxResponseBytes: ResponseTooLargeError with status 206', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ items: 'x'.repeat(4096) }));
    const result = await jsonResult(big, () => rangeOf(big, 0, '"v1"'), client({ maxResponseBytes: 1024 }));
    const error = await rejectionOf(result.json());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 206, maxResponseBytes: 1024 });
  });

  it("a file that is not JSON holding the token or the signed URL's credential keeps neither in its body", async () => {
    const { results } = await resultsOf(client(), { info_types: ['*'] }, () => api.settle());
    const result = results.find((r) => r.type === 'json') as Result;
    const signature = new URL(result.signed_url?.url ?? '').searchParams.get('token') ?? 'missing';
    expect(signature.length).toBeGreaterThan(8);
    const echo = new TextEncoder().encode(`{"got": "${TOKEN_A} ${signature}", "items": [1, 2`);
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(echo)));
    Object.assign(result, { size: echo.length, checksum: md5(echo) });
    const error = await rejectionOf(result.json());
    expect(error).toMatchObject({ status: 200, body: '{"got": "[redacted] [redacted]", "items": [1, 2' });
  });
});

/**
 * Result through the public API against the mock: lists and their filters, acknowledgement one by one and in a batch,
 * `json()`, and `download()`: bytes checked against `size` and MD5 as they stream, progress, cancellation, time
 * limits, expiry, and the token kept from hosts other than the API's.
 */
import { createHash } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ChecksumMismatchError,
  InvalidInputError,
  NotFoundError,
  RequestError,
  ResponseTooLargeError,
  ResponseValidationError,
  Result,
  ResultExpiredError,
  ServerError,
  SizeMismatchError,
  TimeoutError,
} from '../../src/index';
import { createMockApi } from '../../src/mock/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { gc } from '../support/gc';
import { reactive } from '../support/reactive';
import { resultsOf } from '../support/results';

// 1 MiB: several chunks of the mock's 256 KiB, so progress and cancellation happen mid-file.
const SIZE = 1024 * 1024;
const { api, client, server } = useMockApi({ taskDelay: 1, resultSize: SIZE });

/** One file result of a new poll. */
async function fileResult(sdk = client()): Promise<Result> {
  const { results } = await resultsOf(sdk, { files: ['file-1'] }, () => api.settle());
  return results[0] as Result;
}

/** All bytes of `stream`, concatenated. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** A file answer of `bytes` sent in `chunks` pieces, then, when `hang`, never ending. */
function fileAnswer(bytes: Uint8Array, { chunks = 4, hang = false } = {}): Response {
  const step = Math.ceil(bytes.length / chunks);
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at < bytes.length) {
        controller.enqueue(bytes.slice(at, at + step));
        at += step;
      } else if (!hang) controller.close();
      else return new Promise(() => undefined);
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'application/octet-stream' } });
}

describe('Result lists and acknowledgement', () => {
  it('list() filters by poll, task and state; retrieve() and refresh() fetch one', async () => {
    const { poll, results } = await resultsOf(client(), { info_types: ['*'], data_types: ['a.b', 'c.d'] }, () =>
      api.settle(),
    );
    expect(results).toHaveLength(3);
    expect(results.every((r) => r instanceof Result && r.poll === poll && r.state === 'available')).toBe(true);
    const [first] = results as [Result];
    const byTask = await client().results.list({ task: first.task as string });
    expect(byTask.data.map((r) => r.id)).toEqual([first.id]);
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/results' });
    expect((await client().results.list({ poll: 'p_none' })).data).toEqual([]);
    const one = await Result.retrieve(first.id, { client: client() });
    expect(one).toMatchObject({ id: first.id, size: first.size, checksum: first.checksum });
    expect(await one.refresh()).toBe(one);
  });

  it('acknowledge() makes a result consumed in place; lists hide it unless state asks for consumed ones', async () => {
    const { poll, results } = await resultsOf(client(), { data_types: ['a.b', 'c.d'] }, () => api.settle());
    const [first, second] = results as [Result, Result];
    expect(await first.acknowledge()).toBe(first);
    expect(first).toMatchObject({ state: 'consumed', date_consumed: expect.any(String) });
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: `/results/${first.id}/ack` });
    expect((await client().results.list({ poll })).data.map((r) => r.id)).toEqual([second.id]);
    const consumed = await client().results.list({ poll, state: 'consumed' });
    expect(consumed.data.map((r) => r.id)).toEqual([first.id]);
    const again = await Result.acknowledgeWithId(second.id, { client: client() });
    expect(again.state).toBe('consumed');
    expect((await client().results.list({ poll })).data).toEqual([]);
  });

  it('Result.acknowledge(ids) acknowledges many in one POST /results/ack { ids }, results or ids alike', async () => {
    const { poll, results } = await resultsOf(client(), { data_types: ['a.b', 'c.d', 'e.f'] }, () => api.settle());
    const [a, b, c] = results as [Result, Result, Result];
    const acked = await Result.acknowledge([a, b.id], { client: client() });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/results/ack',
      body: JSON.stringify({ ids: [a.id, b.id] }),
    });
    expect(acked.map((r) => [r.id, r.state])).toEqual([
      [a.id, 'consumed'],
      [b.id, 'consumed'],
    ]);
    expect(acked[0]).toBeInstanceOf(Result);
    expect((await client().results.list({ poll })).data.map((r) => r.id)).toEqual([c.id]);
  });

  it('refuses a batch of no ids, too many, or a bad one before sending anything', async () => {
    const sent = api.requests.length;
    const none = await rejectionOf(client().results.acknowledge([]));
    expect(none).toMatchObject({ name: 'InvalidInputError', field: 'ids' });
    const many = Array.from({ length: 1001 }, (_, i) => `r_${i}`);
    expect(await rejectionOf(client().results.acknowledge(many))).toBeInstanceOf(InvalidInputError);
    expect(await rejectionOf(client().results.acknowledge(['ok', '']))).toMatchObject({ field: 'ids[1]' });
    expect(api.requests.length).toBe(sent);
  });
});

describe('result.json()', () => {
  it("parses a json result's file, checked, with one request; refuses other types before sending", async () => {
    const payload = { info_types: ['*'], data_types: ['a.b'], files: ['file-1'] };
    const { results } = await resultsOf(client(), payload, () => api.settle());
    const of = (identifier: string) => results.find((r) => r.identifier === identifier) as Result;
    const before = api.requests.length;
    expect(await of('*').json()).toEqual({ info_type: '*', source_type: 'icloud.account' });
    expect(api.requests.slice(before).map(({ method, path }) => `${method} ${path}`)).toEqual([
      expect.stringMatching(/^GET \/files\//),
    ]);
    expect(await of('a.b').json()).toMatchObject({ data_type: 'a.b', data: expect.any(Array) });
    const sent = api.requests.length;
    expect(await rejectionOf(of('file-1').json())).toMatchObject({ name: 'InvalidInputError', field: 'type' });
    expect(api.requests.length).toBe(sent);
  });
});

describe('result.download()', () => {
  it('streams the bytes of the file, whose length and MD5 are the result size and checksum', async () => {
    const result = await fileResult();
    const bytes = await bytesOf(await result.download());
    expect(bytes.length).toBe(SIZE);
    expect(result.size).toBe(SIZE);
    expect(md5(bytes)).toBe(result.checksum);
    expect(new TextDecoder().decode(bytes.subarray(0, 14))).toBe('file-1\n'.repeat(2));
  });

  it('reports progress after each chunk, up to the size, with the size as total', async () => {
    const result = await fileResult();
    const seen: { bytes: number; total: number | undefined }[] = [];
    await bytesOf(await result.download({ onProgress: (p) => seen.push(p) }));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ bytes: SIZE, total: SIZE });
    expect(seen.every((p, i) => i === 0 || p.bytes > (seen[i - 1] as { bytes: number }).bytes)).toBe(true);
  });

  it('fails with ChecksumMismatchError at the end when the bytes are corrupted on the way', async () => {
    const result = await fileResult();
    const good = await bytesOf(await result.download());
    const bad = good.slice();
    bad[SIZE - 1] = (bad[SIZE - 1] as number) ^ 1;
    server.use(http.get(`${api.baseUrl}/files/:id`, () => fileAnswer(bad)));
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: result.checksum, actual: md5(bad) });
  });

  it('fails with SizeMismatchError once more bytes than the size arrive, without waiting for the end', async () => {
    const result = await fileResult();
    // The answer never ends: only a check made as the bytes pass can end this download.
    server.use(http.get(`${api.baseUrl}/files/:id`, () => fileAnswer(new Uint8Array(SIZE + 1), { hang: true })));
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toBeInstanceOf(SizeMismatchError);
    expect(error).toMatchObject({ expected: SIZE, received: SIZE + 1 });
  });

  it('fails with SizeMismatchError at the end when fewer bytes than the size arrive', async () => {
    const result = await fileResult();
    server.use(http.get(`${api.baseUrl}/files/:id`, () => fileAnswer(new Uint8Array(SIZE - 10))));
    const error = await rejectionOf(result.download().then(bytesOf));
    expect(error).toMatchObject({ name: 'SizeMismatchError', expected: SIZE, received: SIZE - 10 });
  });

  it('stops with AbortError when its signal fires mid-download', async () => {
    const result = await fileResult();
    const controller = new AbortController();
    const seen: number[] = [];
    const stream = await result.download({
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        seen.push(bytes);
        controller.abort();
      },
    });
    const error = await rejectionOf(bytesOf(stream));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe(`download result ${result.id}: aborted`);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeLessThan(SIZE);
  });

  it('cancels the file once its signal fires between reads: a parked stream keeps no connection open', async () => {
    let cancels = 0;
    // A fetch whose file body counts its cancels (msw's settles none).
    const counting: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!new URL(request.url).pathname.startsWith('/files/')) return fetch(request);
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(1024)),
        cancel: () => void cancels++,
      });
      return new Response(body);
    };
    const result = await fileResult(client({ fetch: counting }));
    const controller = new AbortController();
    const reader = (await result.download({ signal: controller.signal })).getReader();
    await reader.read();
    // Parked: the read's pull has ended.
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    // No read is pending: the abort alone must reach the connection.
    expect(cancels).toBe(1);
    expect(await rejectionOf(reader.read())).toBeInstanceOf(AbortError);
  });

  it('stops with TimeoutError when the file stalls longer than timeout', async () => {
    const result = await fileResult();
    server.use(http.get(`${api.baseUrl}/files/:id`, () => fileAnswer(new Uint8Array(SIZE / 2), { hang: true })));
    // No retries: a stall with retries left is resumed (result-resume-stall.test.ts).
    const error = await rejectionOf(result.download({ timeout: 50, maxRetries: 0 }).then(bytesOf));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('no data for 50 ms');
  });

  it('stops a stalled file within timeout even when the wall clock is set back a day while it waits', async () => {
    const result = await fileResult();
    const wallClock = Date.now.bind(Date);
    let setBack = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => wallClock() - setBack);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) return controller.enqueue(new Uint8Array(1024));
        setTimeout(() => void (setBack = 86_400_000), 100);
        return new Promise(() => undefined);
      },
    });
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(body)));
    try {
      const error = await rejectionOf(result.download({ timeout: 300, maxRetries: 0 }).then(bytesOf));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toContain('no data for 300 ms');
    } finally {
      clock.mockRestore();
    }
  });

  it('does not count a slow reader against timeout: only a pending read waits on the server', async () => {
    const result = await fileResult();
    const reader = (await result.download({ timeout: 1000 })).getReader();
    let size = (await reader.read()).value?.byteLength ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let read = await reader.read(); !read.done; read = await reader.read()) size += read.value.byteLength;
    expect(size).toBe(SIZE);
  });

  it('ends with the error an onProgress callback throws', async () => {
    const result = await fileResult();
    const mistake = new Error('progress bar broke');
    const stream = await result.download({
      onProgress: () => {
        throw mistake;
      },
    });
    expect(await rejectionOf(bytesOf(stream))).toBe(mistake);
  });

  it('ends with the error an async onProgress callback rejects with, never an unhandled rejection', async () => {
    const result = await fileResult();
    const mistake = new Error('progress store down');
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const stream = await result.download({ onProgress: async () => Promise.reject(mistake) });
      expect(await rejectionOf(bytesOf(stream))).toBe(mistake);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('ends at its deadline or its abort while an async onProgress callback never settles', async () => {
    const result = await fileResult();
    const never = () => new Promise<void>(() => undefined);
    const late = await result.download({ deadline: 50, onProgress: never });
    expect(await rejectionOf(bytesOf(late))).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const stopped = await result.download({ signal: controller.signal, onProgress: never });
    const read = rejectionOf(bytesOf(stopped));
    setTimeout(() => controller.abort(), 50);
    expect(await read).toBeInstanceOf(AbortError);
  });

  it('refuses bad options and a result without signed_url before sending anything', async () => {
    const result = await fileResult();
    const sent = api.requests.length;
    const bad = { onProgress: 'yes' } as unknown as Parameters<Result['download']>[0];
    expect(await rejectionOf(result.download(bad))).toMatchObject({ field: 'options.onProgress' });
    expect(await rejectionOf(result.download({ timout: 5 } as never))).toMatchObject({ field: 'options.timout' });
    result.signed_url = null;
    expect(await rejectionOf(result.download())).toMatchObject({
      name: 'InvalidInputError',
      field: 'signed_url',
      message:
        `signed_url: result ${result.id} has none (state available): ` +
        'turn on signed_urls_enabled in its storage config, or read its url from the bucket',
    });
    expect(api.requests.length).toBe(sent);
  });

  it('refuses before sending a result whose storage config signs no URLs (the default): signed_url null', async () => {
    const payload = { data_types: ['a.b'], files: ['file-1'] };
    const { results } = await resultsOf(client(), payload, () => api.settle(), false);
    expect(results.map((r) => r.signed_url)).toEqual([null, null]);
    const sent = api.requests.length;
    for (const result of results) {
      const advice = `signed_url: result ${result.id} has none (state available): turn on signed_urls_enabled`;
      expect(await rejectionOf(result.download())).toMatchObject({ name: 'InvalidInputError', field: 'signed_url' });
      expect((await rejectionOf(result.download())).message).toContain(advice);
    }
    const data = results.find((r) => r.type === 'json') as Result;
    expect(await rejectionOf(data.json())).toMatchObject({ name: 'InvalidInputError', field: 'signed_url' });
    expect(api.requests.length).toBe(sent);
  });

  it("logs the signed URL's token in api.requests as [redacted], as the SDK shows it, never as sent", async () => {
    const result = await fileResult();
    await bytesOf(await result.download());
    const token = new URL(String(result.signed_url?.url)).searchParams.get('token') as string;
    expect(token.length).toBeGreaterThan(8);
    const logged = api.requests.find((r) => r.path === `/files/${result.id}`);
    expect(logged?.query).toEqual({ token: '[redacted]' });
    expect(JSON.stringify(api.requests)).not.toContain(token);
  });

  it('sends the API token to a signed URL on the API origin only, never to another host', async () => {
    const result = await fileResult();
    const good = await bytesOf(await result.download());
    const seen: Record<string, string | null> = {};
    server.use(
      http.get(`${api.baseUrl}/files/:id`, ({ request }) => {
        seen.api = request.headers.get('authorization');
      }),
      http.get('https://storage.example.com/bucket/:file', ({ request }) => {
        seen.storage = request.headers.get('authorization');
        return fileAnswer(good);
      }),
    );
    await bytesOf(await result.download());
    expect(seen.api).toBe(`Token ${TOKEN_A}`);
    result.signed_url = { url: 'https://storage.example.com/bucket/f1?sig=abc', date_expires: null };
    expect(md5(await bytesOf(await result.download()))).toBe(result.checksum);
    expect(seen.storage).toBeNull();
  });
});

describe('result.download() and its request', () => {
  it('sends nothing when its signal has already fired', async () => {
    const result = await fileResult();
    const files = () => api.requests.filter((r) => r.path.startsWith('/files/')).length;
    const before = files();
    const error = await rejectionOf(result.download({ signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(files()).toBe(before);
  });

  it('retries a 503 before the file begins, as reads are retried', async () => {
    const result = await fileResult();
    let refused = 0;
    server.use(
      http.get(`${api.baseUrl}/files/:id`, () => {
        if (refused++ === 0) return new HttpResponse('busy', { status: 503 });
      }),
    );
    const bytes = await bytesOf(await result.download());
    expect(refused).toBe(2);
    expect(md5(bytes)).toBe(result.checksum);
  });

  it('fails at once with the advice when a 503 asks to retry after days, as API calls do, not sleeping', async () => {
    const result = await fileResult();
    let refused = 0;
    server.use(
      http.get(`${api.baseUrl}/files/:id`, () => {
        refused++;
        return new HttpResponse('busy', { status: 503, headers: { 'retry-after': '172800' } });
      }),
    );
    const error = await rejectionOf(result.download());
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, retryAfter: 172800 });
    expect(refused).toBe(1);
  });

  it("waits a Retry-After date as the server's Date measures it, the server's clock 10 minutes ahead", async () => {
    const result = await fileResult();
    const serverNow = Date.now() + 10 * 60_000;
    let refused = 0;
    server.use(
      http.get(`${api.baseUrl}/files/:id`, () => {
        if (refused++ > 0) return;
        const headers = {
          date: new Date(serverNow).toUTCString(),
          'retry-after': new Date(serverNow + 1000).toUTCString(),
        };
        return new HttpResponse('busy', { status: 503, headers });
      }),
    );
    // By the local clock the advice is 10 minutes away: slept on (up to 60 s), it would pass the deadline.
    const bytes = await bytesOf(await result.download({ deadline: 5000 }));
    expect(refused).toBe(2);
    expect(md5(bytes)).toBe(result.checksum);
  });

  it('an error answer whose body stalls ends within timeout, as a ServerError', async () => {
    const result = await fileResult();
    server.use(
      http.get(
        `${api.baseUrl}/files/:id`,
        () =>
          new HttpResponse(
            new ReadableStream({ start: (body) => body.enqueue(new TextEncoder().encode('<html>busy')) }),
            { status: 503 },
          ),
      ),
    );
    const start = Date.now();
    const error = await rejectionOf(result.download({ timeout: 300, maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(Date.now() - start).toBeLessThan(300 + 1000);
  });

  it('an error answer larger than an error keeps is cut, and its start kept as body', async () => {
    const result = await fileResult();
    const page = `<html>${'busy '.repeat(40_000)}</html>`;
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(page, { status: 503 })));
    const error = await rejectionOf(result.download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).body).toMatch(/^<html>busy busy .*…$/s);
  });

  it('refuses a redirect on the API origin, where it would carry the token, and follows one elsewhere', async () => {
    const result = await fileResult();
    const good = await bytesOf(await result.download());
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${api.baseUrl}/files/:id`, () =>
        HttpResponse.redirect('https://storage.example.com/bucket/moved', 302),
      ),
      http.get('https://storage.example.com/bucket/:file', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return request.url.endsWith('/start')
          ? HttpResponse.redirect('https://storage.example.com/bucket/moved', 302)
          : fileAnswer(good);
      }),
    );
    const error = await rejectionOf(result.download());
    expect(error.message).toContain('redirect');
    expect(seen).toEqual([]);
    result.signed_url = { url: 'https://storage.example.com/bucket/start', date_expires: null };
    expect(md5(await bytesOf(await result.download()))).toBe(result.checksum);
    expect(seen).toEqual([null, null]);
  });
});

describe('a result whose file is gone', () => {
  it('download() fails with a NotFoundError (404) that says the file is missing, not the result', async () => {
    const result = await fileResult();
    const fileToken = new URL(result.signed_url?.url ?? '').searchParams.get('token') ?? '';
    expect(fileToken).not.toBe('');
    // The mock forgets its results and files: the result's signed URL now answers 404 "No such file.".
    api.reset();
    const error = await rejectionOf(result.download());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      error: 'not-found',
      message: `download result ${result.id}: its file is not at its signed URL (404 not-found)`,
      request: { method: 'GET', attempts: 1 },
    });
    expect(error.message).not.toContain(fileToken);
    expect(JSON.stringify(error)).not.toContain(fileToken);
  });
});

describe('an expired result', () => {
  it('download() fails with ResultExpiredError (410) and the raw body; refreshed, it has no signed_url', async () => {
    const short = createMockApi({
      baseUrl: 'https://short.mock',
      taskDelay: 1,
      resultLifetime: 300,
      deliver: async () => new Response('OK'),
    });
    server.use(...short.handlers);
    const sdk = client({ baseUrl: short.baseUrl });
    const { results } = await resultsOf(sdk, { data_types: ['a.b'] }, () => short.settle());
    const result = results[0] as Result;
    try {
      await expect.poll(async () => (await sdk.results.retrieve(result.id)).state, { timeout: 5000 }).toBe('expired');
      const error = await rejectionOf(result.download());
      expect(error).toBeInstanceOf(ResultExpiredError);
      expect(error).toBeInstanceOf(RequestError);
      expect(error).toMatchObject({
        status: 410,
        error: 'result-expired',
        apiMessage: 'The result has expired.',
        body: expect.stringContaining('expired'),
      });
      expect(error.message).not.toContain(new URL(result.signed_url?.url ?? '').searchParams.get('token'));
      await result.refresh();
      expect(result.signed_url).toBeNull();
      expect(await rejectionOf(result.download())).toMatchObject({
        field: 'signed_url',
        message: `signed_url: result ${result.id} has expired: its file is gone`,
      });
      expect(await rejectionOf(result.acknowledge())).toMatchObject({ status: 410, error: 'result-expired' });
    } finally {
      short.reset();
    }
  });
});

describe('what a download leaves behind', () => {
  const LIMIT_MS = 60_000;

  /**
   * Runs `work` and counts the timers of `LIMIT_MS` it started that would keep the process alive: referenced and not
   * cleared. Only the download's own timers last that long, so other work in the process does not count.
   */
  async function timersKeptBy(work: () => Promise<void>): Promise<number> {
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    try {
      await work();
      const cleared = new Set(clear.mock.calls.map(([timer]) => timer));
      const started = set.mock.calls.flatMap(([, ms], i) => (ms === LIMIT_MS ? [set.mock.results[i]?.value] : []));
      expect(started.length).toBeGreaterThan(0);
      return started.filter((timer: NodeJS.Timeout) => !cleared.has(timer) && timer.hasRef()).length;
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  }

  it('a stream never read keeps no timer alive, even with a deadline', async () => {
    const result = await fileResult();
    let stream: ReadableStream<Uint8Array> | undefined;
    const kept = await timersKeptBy(async () => {
      stream = await result.download({ deadline: LIMIT_MS, timeout: LIMIT_MS });
    });
    expect(kept).toBe(0);
    // Awaited: it settles though msw's body may never settle a cancel.
    await stream?.cancel();
  });

  it('a stream the reader cancels mid-way stops its timers', async () => {
    const result = await fileResult();
    const kept = await timersKeptBy(async () => {
      const reader = (await result.download({ deadline: LIMIT_MS, timeout: LIMIT_MS })).getReader();
      await reader.read();
      // Awaited: it settles though msw's body may never settle a cancel.
      await reader.cancel();
    });
    expect(kept).toBe(0);
  });

  it('a stream the reader leaves mid-way, neither read on nor cancelled, keeps no timer alive', async () => {
    const result = await fileResult();
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const kept = await timersKeptBy(async () => {
      reader = (await result.download({ timeout: LIMIT_MS })).getReader();
      await reader.read();
    });
    // A script that read the first chunk and went on to something else would otherwise live on for `timeout`.
    expect(kept).toBe(0);
    void reader?.cancel();
  });

  it('a read on a stalled file, after others, keeps its idle timer alive: the process waits for its end', async () => {
    const result = await fileResult();
    server.use(
      http.get(`${api.baseUrl}/files/:id`, () => fileAnswer(new Uint8Array(SIZE / 2), { chunks: 2, hang: true })),
    );
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const kept = await timersKeptBy(async () => {
      reader = (await result.download({ timeout: LIMIT_MS })).getReader();
      await reader.read();
      await reader.read();
      // The file stalls: only the idle timer can end this read.
      void reader.read().catch(() => undefined);
      // Its pull begins within the microtasks that follow.
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(kept).toBe(1);
    void reader?.cancel();
  });

  it(
    'streams dropped unread or left mid-way leave no listener on a shared signal once collected; ' +
      'cancelled ones at once',
    async () => {
      const result = await fileResult();
      const shared = new AbortController();
      const listeners = () => getEventListeners(shared.signal, 'abort').length;
      for (let i = 0; i < 4; i++)
        // Awaited: it settles though msw's body may never settle a cancel.
        await (await result.download({ signal: shared.signal })).cancel();
      expect(listeners()).toBe(0);
      for (let i = 0; i < 4; i++) {
        await result.download({ signal: shared.signal });
        // A read's idle timer holds its stream until it lapses (after `timeout` at most).
        await (await result.download({ signal: shared.signal, timeout: 100 })).getReader().read();
      }
      expect(listeners()).toBe(1);
      await vi.waitFor(
        () => {
          gc();
          expect(listeners()).toBe(0);
        },
        { timeout: 5000 },
      );
      // A stream still held is not collected: the signal still stops it.
      const held = (await result.download({ signal: shared.signal })).getReader();
      await held.read();
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      shared.abort();
      expect(await rejectionOf(held.read())).toBeInstanceOf(AbortError);
    },
  );
});

describe("a result behind a Proxy (Vue's reactive())", () => {
  it("downloads its file and lists its poll's results with the client it came from", async () => {
    const sdk = client();
    const result = reactive(await fileResult(sdk));
    expect(md5(await bytesOf(await result.download()))).toBe(result.checksum);
    const poll = reactive(await sdk.polls.retrieve(String(result.poll)));
    expect((await poll.listResults()).data.map((listed) => listed.id)).toEqual([result.id]);
  });
});

describe('the signed URL, a credential', () => {
  it('is left out of util.inspect, JSON.stringify and spread copies, and still downloads', async () => {
    const { inspect } = await import('node:util');
    const result = await fileResult();
    const url = result.signed_url?.url ?? '';
    const query = new URL(url).search.slice(1);
    expect(query).not.toBe('');
    for (const shown of [inspect(result, { depth: 9, showHidden: true }), JSON.stringify(result)])
      expect(shown).not.toContain(query);
    expect(JSON.stringify({ ...result.signed_url })).not.toContain(query);
    await result.refresh();
    expect(inspect(result)).not.toContain(query);
    expect(result.signed_url?.url).toBe(url);
    expect(md5(await bytesOf(await result.download()))).toBe(result.checksum);
  });
  it("is left out of the task's printed results, and still readable there", async () => {
    const { inspect } = await import('node:util');
    const sdk = client();
    const result = await fileResult(sdk);
    const query = new URL(result.signed_url?.url ?? '').search.slice(1);
    const task = await sdk.tasks.retrieve(String(result.task));
    const shown = [inspect(task, { depth: 9, showHidden: true }), JSON.stringify(task)];
    for (const text of shown) expect(text).toContain(result.id);
    for (const text of shown) expect(text).not.toContain(query);
    const listed = (task.results as { data: { id: string; signed_url: { url: string } }[] }).data;
    expect(listed.find((item) => item.id === result.id)?.signed_url.url).toBe(result.signed_url?.url);
  });
});

describe('result.json() and maxResponseBytes', () => {
  it("fails with ResponseTooLargeError when the file is larger than the client's maxResponseBytes", async () => {
    const { results } = await resultsOf(client(), { info_types: ['*'] }, () => api.settle());
    const id = (results.find((r) => r.type === 'json') as Result).id;
    // A 4 KiB document, with the size and checksum its result states: only the cap can refuse it.
    const file = new TextEncoder().encode(JSON.stringify({ items: 'x'.repeat(4096) }));
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(file)));
    const withFile = async (sdk: ReturnType<typeof client>) =>
      Object.assign(await sdk.results.retrieve(id), { size: file.length, checksum: md5(file) });
    expect(await (await withFile(client())).json()).toEqual({ items: 'x'.repeat(4096) });
    const error = await rejectionOf((await withFile(client({ maxResponseBytes: 1024 }))).json());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: 1024 });
  });
});

describe('result.json() of a file that is not JSON', () => {
  it('fails with ResponseValidationError whose body keeps the text but hides a secret field in it', async () => {
    const { results } = await resultsOf(client(), { info_types: ['*'] }, () => api.settle());
    const id = (results.find((r) => r.type === 'json') as Result).id;
    const hidden = 'icloud-app-password-0123';
    const file = new TextEncoder().encode(`{"account": "a@b.c", "password": "${hidden}", "items": [1, 2`);
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(file)));
    const result = Object.assign(await client().results.retrieve(id), { size: file.length, checksum: md5(file) });
    const error = await rejectionOf(result.json());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 200, body: '{"account": "a@b.c", "password": "[redacted]", "items": [1, 2' });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(hidden);
  });
});

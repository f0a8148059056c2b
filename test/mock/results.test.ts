/**
 * Results: their files served by the mock (in process under msw and over HTTP) with bytes matching `size` and the MD5
 * `checksum`; a data type's a JSON document naming files that a later poll publishes; acknowledged one by one or in a
 * batch; expired after their lifetime. A large configured size streams without the heap growing by it.
 */
import { createHash } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockApi, type MockApi, type MockServer, startMockServer } from '../../src/mock/index';
import { call, configure, type Flow, recorder, session, slugs } from './flow-support';
import type { Answer } from './support';

/** A JSON object the mock answered. */
type Json = Answer['json'];

const rec = recorder();
const inProcess: MockApi = createMockApi({ taskDelay: 1, deliver: rec.deliver });
const msw = setupServer(...inProcess.handlers);
let mock: MockServer;
let flow: Flow;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' });
  mock = await startMockServer({ taskDelay: 1, deliver: rec.deliver });
  flow = { base: mock.url, token: 'token-results', settle: () => mock.api.settle() };
});
afterEach(async () => {
  for (const api of [inProcess, mock.api]) {
    await api.settle();
    api.reset();
  }
  rec.deliveries.length = 0;
});
afterAll(async () => {
  msw.close();
  await mock.close();
});

/** The results of a completed poll of `payload` on a new active session. */
async function resultsOf(flow: Flow, payload: Record<string, string[]>) {
  await configure(flow);
  const opened = await session(flow);
  const poll = (await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload } })).json;
  await flow.settle();
  return (await call(flow, '/results', { query: { poll: poll.id } })).json.data as Json[];
}

/** The mock in process under msw, and over HTTP. */
const BOTH_WAYS: [string, () => Flow][] = [
  ['in process, under msw', () => ({ base: inProcess.baseUrl, token: 't', settle: () => inProcess.settle() })],
  ['over HTTP', () => flow],
];

/** The chunks of an answer's body, as they arrive. */
async function* chunksOf(response: Response): AsyncGenerator<Uint8Array> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
}

/** Downloads a result's file with plain fetch: its size, MD5 and (for small files) its text. */
async function download(url: string) {
  const response = await fetch(url);
  const hash = createHash('md5');
  let size = 0;
  const head: Buffer[] = [];
  for await (const chunk of chunksOf(response)) {
    hash.update(chunk);
    size += chunk.byteLength;
    if (size <= 65_536) head.push(Buffer.from(chunk));
  }
  return {
    status: response.status,
    length: response.headers.get('content-length'),
    size,
    md5: hash.digest('hex'),
    text: Buffer.concat(head).toString(),
  };
}

describe('a result file asked for by HEAD', () => {
  it.each(BOTH_WAYS)('is answered %s as its GET, whole or by Range, with no body', async (_, which) => {
    const [file] = await resultsOf(which(), { files: ['file-1'] });
    const url = file?.signed_url.url as string;
    for (const headers of [{}, { range: 'bytes=1000-' }, { range: 'bytes=5000-' }]) {
      const get = await fetch(url, { headers });
      await get.arrayBuffer();
      const head = await fetch(url, { method: 'HEAD', headers });
      const shown = (answer: Response) =>
        ['content-length', 'content-range', 'content-type', 'etag'].map((name) => answer.headers.get(name));
      expect([head.status, shown(head)]).toEqual([get.status, shown(get)]);
      expect(await head.text()).toBe('');
    }
  });
});

describe('a result file asked for by Range', () => {
  it.each(BOTH_WAYS)('is served %s as S3 serves it: 206 under its ETag, else whole or 416', async (_, which) => {
    const [file] = await resultsOf(which(), { files: ['file-1'] });
    const url = file?.signed_url.url as string;
    const etag = `"${file?.checksum}"`;
    const whole = await fetch(url);
    expect(whole.headers.get('etag')).toBe(etag);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    const get = (headers: Record<string, string>) => fetch(url, { headers });
    const rest = await get({ range: 'bytes=1000-', 'if-range': etag });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes 1000-4095/4096`);
    expect(rest.headers.get('content-length')).toBe('3096');
    const joined = Buffer.concat([bytes.subarray(0, 1000), Buffer.from(await rest.arrayBuffer())]);
    expect(createHash('md5').update(joined).digest('hex')).toBe(file?.checksum);
    const middle = await get({ range: 'bytes=7-13' });
    expect([middle.status, middle.headers.get('content-range'), await middle.text()]).toEqual([
      206,
      'bytes 7-13/4096',
      'file-1\n',
    ]);
    const changed = await get({ range: 'bytes=1000-', 'if-range': '"another"' });
    expect([changed.status, (await changed.arrayBuffer()).byteLength]).toEqual([200, 4096]);
    const past = await get({ range: 'bytes=4096-' });
    expect([past.status, past.headers.get('content-range'), (await past.json()).error]).toEqual([
      416,
      'bytes */4096',
      expect.any(String),
    ]);
  });

  it.each(BOTH_WAYS)('is served %s with the last bytes as 206, bytes=-0 as 416, others whole', async (_, which) => {
    const [file] = await resultsOf(which(), { files: ['file-1'] });
    const url = file?.signed_url.url as string;
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    const get = async (range: string, ifRange?: string) => {
      const answer = await fetch(url, { headers: ifRange ? { range, 'if-range': ifRange } : { range } });
      const body = Buffer.from(await answer.arrayBuffer());
      return [answer.status, answer.headers.get('content-range'), answer.headers.get('content-length'), body];
    };
    expect(await get('bytes=-500', `"${file?.checksum}"`)).toEqual([
      206,
      'bytes 3596-4095/4096',
      '500',
      bytes.subarray(3596),
    ]);
    expect(await get('bytes=-5000')).toEqual([206, 'bytes 0-4095/4096', '4096', bytes]);
    expect(await get('Bytes=7-13')).toEqual([206, 'bytes 7-13/4096', '7', Buffer.from('file-1\n')]);
    expect((await get('bytes=-0')).slice(0, 2)).toEqual([416, 'bytes */4096']);
    expect(await get('bytes=-500', `W/"${file?.checksum}"`)).toEqual([200, null, '4096', bytes]);
    // Several ranges, as S3 answers them, and malformed ones (RFC 9110 §14.2), another unit included.
    const ignored = ['bytes=0-1,5-6', 'bytes=-1,0-0', 'bytes=10-5', 'bytes=', 'bytes=-', 'bytes=x', 'items=0-5'];
    for (const range of ignored) expect(await get(range), range).toEqual([200, null, '4096', bytes]);
  });
});

describe('a result file', () => {
  it.each(BOTH_WAYS)('downloads %s from signed_url with the bytes its size and checksum state', async (_, which) => {
    const payload = { info_types: ['*'], data_types: ['ios_messages.messages'], files: ['file-1'] };
    const results = await resultsOf(which(), payload);
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result).toMatchObject({ state: 'available', checksum: expect.stringMatching(/^[0-9a-f]{32}$/) });
      const file = await download(result.signed_url.url);
      expect(file).toMatchObject({ status: 200, size: result.size, md5: result.checksum, length: String(result.size) });
    }
    const of = (identifier: string) => results.find((r) => r.identifier === identifier) as Json;
    expect(of('*').type).toBe('json');
    expect(JSON.parse((await download(of('*').signed_url.url)).text)).toEqual({
      info_type: '*',
      source_type: 'icloud.account',
    });
    expect(of('ios_messages.messages').type).toBe('json');
    const document = JSON.parse((await download(of('ios_messages.messages').signed_url.url)).text);
    expect(document).toMatchObject({ data_type: 'ios_messages.messages', data: expect.any(Array) });
    expect(of('file-1')).toMatchObject({ type: 'binary', size: 4096 });
    expect((await download(of('file-1').signed_url.url)).text.startsWith('file-1\nfile-1\n')).toBe(true);
  });

  it('is 404 without its token or with another, and for an unknown id', async () => {
    const [result] = await resultsOf(flow, { data_types: ['a.b'] });
    const url = new URL(result?.signed_url.url);
    url.searchParams.set('token', 'x'.repeat(43));
    expect((await fetch(url)).status).toBe(404);
    url.search = '';
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(`${mock.url}/files/nope?token=x`)).status).toBe(404);
  });

  it.each(BOTH_WAYS)(
    'is an unknown file %s when its path is in another case, and downloads as written',
    async (_, which) => {
      const [result] = await resultsOf(which(), { files: ['file-1'] });
      const url = new URL(result?.signed_url.url);
      const unknown = new URL(url);
      unknown.pathname = '/files/nope';
      const answer = async (method: string, to: URL) => {
        const response = await fetch(to, { method });
        return [response.status, await response.text()];
      };
      const [status, body] = await answer('GET', unknown);
      expect([status, JSON.parse(body as string)]).toEqual([404, { error: 'not-found', message: 'No such file.' }]);
      for (const path of [url.pathname.replace('/files/', '/Files/'), url.pathname.toUpperCase()]) {
        const wrong = new URL(url);
        wrong.pathname = path;
        expect(await answer('GET', wrong), path).toEqual([status, body]);
        expect(await answer('HEAD', wrong), path).toEqual([404, '']);
      }
      expect(await download(url.href)).toMatchObject({ status: 200, size: 4096, md5: result?.checksum });
      url.pathname += '/';
      expect(await download(url.href)).toMatchObject({ status: 200, size: 4096, md5: result?.checksum });
    },
  );
});

describe("a data type's result", () => {
  /** The file ids of a data document, read as ricloud-py's `parse_file_ids_from_result_data` reads them. */
  const fileIds = (document: Json): string[] =>
    document.data.flatMap((entry: Json) =>
      entry.files
        ? [entry.files[0].id]
        : entry.file
          ? [entry.file.id]
          : (entry.attachments ?? []).map((a: Json) => a.file_id),
    );

  it('is a small JSON document, the same for a data type every time, naming files a later poll publishes', async () => {
    const results = await resultsOf(flow, { data_types: ['ios_messages.messages', 'ios_photos.photos'] });
    const documents = new Map<string, Json>();
    for (const result of results) {
      expect(result).toMatchObject({ type: 'json', size: expect.any(Number) });
      const file = await download(result.signed_url.url);
      expect(file).toMatchObject({ status: 200, size: result.size, md5: result.checksum });
      documents.set(result.identifier, JSON.parse(file.text));
    }
    const messages = documents.get('ios_messages.messages') as Json;
    expect(messages.data).toEqual([
      { id: 'item-1', file: { id: expect.any(String) } },
      { id: 'item-2', files: [{ id: expect.any(String) }, { id: expect.any(String) }] },
      { id: 'item-3', attachments: [{ file_id: expect.any(String) }, { file_id: expect.any(String) }] },
      { id: 'item-4' },
    ]);
    const ids = fileIds(messages);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    // Another data type names other files; the same data type, polled again, gives the same bytes.
    expect(fileIds(documents.get('ios_photos.photos') as Json).filter((id) => ids.includes(id))).toEqual([]);
    const opened = (await call(flow, '/sessions', { query: { state: 'active' } })).json.data[0];
    const again = await call(flow, '/polls', {
      method: 'POST',
      body: { session: opened.id, payload: { data_types: ['ios_messages.messages'] } },
    });
    await flow.settle();
    const [repeated] = (await call(flow, '/results', { query: { poll: again.json.id } })).json.data;
    expect(repeated.checksum).toBe(results.find((r) => r.identifier === 'ios_messages.messages')?.checksum);

    // As `poll download --cascade` goes on: a poll of the files the document names publishes each as a file result.
    const cascade = await call(flow, '/polls', {
      method: 'POST',
      body: { session: opened.id, payload: { files: ids } },
    });
    expect(cascade.status).toBe(201);
    await flow.settle();
    expect((await call(flow, `/polls/${cascade.json.id}`)).json.tasks_succeeded).toHaveLength(4);
    const files = (await call(flow, '/results', { query: { poll: cascade.json.id } })).json.data as Json[];
    expect(files.map((f) => f.identifier).sort()).toEqual([...ids].sort());
    for (const file of files) {
      expect(file).toMatchObject({ type: 'binary', size: 4096 });
      const bytes = await download(file.signed_url.url);
      expect(bytes).toMatchObject({ status: 200, size: file.size, md5: file.checksum });
      expect(bytes.text.startsWith(`${file.identifier}\n`)).toBe(true);
    }
  });
});

describe('acknowledging results', () => {
  it('moves one to consumed with POST /results/{id}/ack, and lists hide it unless the state is asked for', async () => {
    const [first, second] = await resultsOf(flow, { data_types: ['a.b', 'c.d'] });
    const acked = await call(flow, `/results/${first?.id}/ack`, { method: 'POST', body: null });
    expect(acked).toMatchObject({
      status: 200,
      json: { id: first?.id, state: 'consumed', date_consumed: expect.any(String) },
    });
    expect((await call(flow, `/results/${first?.id}/ack`, { method: 'POST' })).json.date_consumed).toBe(
      acked.json.date_consumed,
    );
    const listed = (await call(flow, '/results')).json.data.map((r: { id: string }) => r.id);
    expect(listed).toEqual([second?.id]);
    const consumed = (await call(flow, '/results', { query: { state: 'consumed' } })).json.data;
    expect(consumed.map((r: { id: string }) => r.id)).toEqual([first?.id]);
  });

  it('acknowledges many with POST /results/ack { ids }, and none when one id is unknown', async () => {
    const results = await resultsOf(flow, { data_types: ['a.b', 'c.d', 'e.f'] });
    const ids = results.map((r) => r.id);
    const refused = await call(flow, '/results/ack', { method: 'POST', body: { ids: [...ids, 'nope'] } });
    expect(refused).toMatchObject({ status: 400, json: { params: { ids: [expect.stringContaining('nope')] } } });
    expect((await call(flow, '/results')).json.total_count).toBe(3);
    const acked = await call(flow, '/results/ack', { method: 'POST', body: { ids: ids.slice(0, 2) } });
    expect(acked).toMatchObject({ status: 200, json: { resource: 'list', total_count: 2 } });
    expect(acked.json.data.map((r: { state: string }) => r.state)).toEqual(['consumed', 'consumed']);
    expect((await call(flow, '/results')).json.data.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect((await call(flow, '/results/ack', { method: 'POST', body: { ids: [] } })).status).toBe(400);
  });
});

describe('an expired result', () => {
  it('loses its signed_url after resultLifetime, its file is 410, ack is 410, and result.expired is sent', async () => {
    const short = await startMockServer({ taskDelay: 1, resultLifetime: 100, deliver: rec.deliver });
    try {
      const flow = { base: short.url, token: 'token-expiry', settle: () => short.api.settle() };
      const secret = await configure(flow);
      const [result] = await resultsOf(flow, { data_types: ['a.b'] });
      const id = result?.id as string;
      await vi.waitFor(async () => expect((await call(flow, `/results/${id}`)).json.state).toBe('expired'), {
        timeout: 5000,
      });
      const expired = (await call(flow, `/results/${id}`)).json;
      expect(expired).toMatchObject({ signed_url: null, date_deleted: expect.any(String) });
      const file = await fetch(result?.signed_url.url);
      expect(file.status).toBe(410);
      expect(await file.json()).toMatchObject({ error: 'result-expired' });
      expect((await call(flow, `/results/${id}/ack`, { method: 'POST' })).json).toMatchObject({
        error: 'result-expired',
      });
      expect((await call(flow, '/results')).json.total_count).toBe(0);
      expect((await call(flow, '/results', { query: { state: 'expired' } })).json.total_count).toBe(1);
      await short.api.settle();
      expect(slugs(await rec.events(secret))).toContain('result.expired');
    } finally {
      await short.close();
    }
  });
});

/** The result of a poll of one data type, published at a storage config signing URLs for `seconds`. */
async function signedFor(seconds: number) {
  const flow: Flow = { base: inProcess.baseUrl, token: 'token-signed', settle: () => inProcess.settle() };
  await configure(flow, { storage: false });
  const storage = {
    url: 'gs://signing/r',
    credentials: { k: 'v' },
    signed_urls_enabled: true,
    signed_urls_expiry: seconds,
  };
  await call(flow, '/configs/storage', { method: 'POST', body: storage });
  await flow.settle();
  const opened = await session(flow);
  const poll = (
    await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload: { data_types: ['a.b'] } } })
  ).json;
  await flow.settle();
  const [result] = (await call(flow, '/results', { query: { poll: poll.id } })).json.data as Json[];
  return { flow, result: result as Json };
}

describe('a signed URL of a storage config with signed_urls_expiry', () => {
  it('expires after that many seconds: date_expires says when, then its file is 403 signed-url-expired', async () => {
    const { flow, result } = await signedFor(60);
    const { url, date_expires } = result.signed_url as { url: string; date_expires: string };
    expect(Date.parse(date_expires) - Date.parse(result.date_created)).toBe(60_000);
    expect((await fetch(url)).status).toBe(200);
    // Only the clock moves, to that instant: no timer runs, so the result itself stays available.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(date_expires) });
    try {
      const file = await fetch(url);
      expect(file.status).toBe(403);
      expect(await file.json()).toMatchObject({ error: 'signed-url-expired' });
      expect((await call(flow, `/results/${result.id}`)).json.state).toBe('available');
    } finally {
      vi.useRealTimers();
    }
  });

  it('lasts no longer than its result: an expiry past resultLifetime is cut to it', async () => {
    const { result } = await signedFor(1e300);
    const week = 7 * 24 * 3600_000;
    expect(Date.parse(result.signed_url.date_expires) - Date.parse(result.date_created)).toBe(week);
  });
});

describe('a large result', () => {
  // 256 MiB: four times the bound, so a server that held the file would fail; small enough not to starve other tests.
  const SIZE = 256 * 1024 ** 2;
  it('of 256 MiB (the resultSize option) streams with the right size and checksum, ' +
    'the heap never growing by half of it', async () => {
    const large = await startMockServer({ taskDelay: 1, resultSize: SIZE, deliver: rec.deliver });
    try {
      const flow = { base: large.url, token: 'token-large', settle: () => large.api.settle() };
      const [result] = await resultsOf(flow, { files: ['ios_photos.photos:1'] });
      expect(result?.size).toBe(SIZE);
      const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const start = used();
      let peak = start;
      const response = await fetch(result?.signed_url.url);
      const hash = createHash('md5');
      let size = 0;
      let chunks = 0;
      for await (const chunk of chunksOf(response)) {
        hash.update(chunk);
        size += chunk.byteLength;
        if (++chunks % 256 === 0) peak = Math.max(peak, used());
      }
      expect(size).toBe(SIZE);
      expect(hash.digest('hex')).toBe(result?.checksum);
      // A mock holding the file would grow by its whole 256 MiB; streamed, growth stays near 64 MiB under GC's timing.
      expect(peak - start).toBeLessThan(SIZE / 2);
    } finally {
      await large.close();
    }
  }, 120_000);
});

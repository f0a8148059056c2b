/**
 * toNodeHandler with the request and response objects it is written against (`NodeRequest`, `NodeResponse`): the raw
 * body it picks, the `Request` a receiver sees, and who answers when something fails, Express's `next` or itself.
 */
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type NodeHandlerOptions,
  type NodeRequest,
  type NodeResponse,
  toNodeHandler,
  WebhookPayloadError,
} from '../../src/webhooks/index';
import { OTHER_SECRET, recorder, signed, taskSucceeded } from './support';

type FakeRequest = NodeRequest & { body?: unknown; rawBody?: unknown; originalUrl?: string };

/** A request whose stream yields `chunks`, and remembers whether anything read it. */
function fakeRequest(fields: Partial<FakeRequest>, chunks: (string | Uint8Array)[] = []) {
  const stream = { read: false };
  const req: FakeRequest = {
    method: 'POST',
    url: '/webhooks',
    headers: {},
    ...fields,
    async *[Symbol.asyncIterator]() {
      stream.read = true;
      yield* chunks;
    },
  };
  return { req, stream };
}

/** What a fake response recorded. */
interface FakeResponse extends NodeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  headersSent: boolean;
  destroyed: boolean;
}

/** A response that records what was written, and resolves `done` once it ended or was destroyed. */
function fakeResponse(headersSent = false) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const res: FakeResponse = {
    status: 0,
    headers: {} as Record<string, string>,
    body: '',
    headersSent,
    destroyed: false,
    writeHead(status: number, headers: Record<string, string>) {
      Object.assign(res, { status, headers, headersSent: true });
      return res;
    },
    end(body: Uint8Array | string) {
      res.body = typeof body === 'string' ? body : new TextDecoder().decode(body);
      finish();
    },
    destroy() {
      res.destroyed = true;
      finish();
    },
  };
  return { res, done };
}

/** Process warnings emitted in the current test, caught so that none reaches the test run's output. */
let emitted: Error[] = [];
beforeEach(() => {
  emitted = [];
  vi.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
    emitted.push(typeof warning === 'string' ? new Error(warning) : warning);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});
/** The process warnings emitted in this test so far (and from now on). */
const warnings = () => emitted;
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('toNodeHandler: the raw body', () => {
  it('verifies a string req.body, as express.text() leaves it, without reading the stream', async () => {
    const { handler, events } = recorder();
    const wire = await signed(JSON.stringify(taskSucceeded('evt_text'), null, 2));
    const { req, stream } = fakeRequest({ headers: wire.headers, body: wire.body });
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_text']);
    expect(stream.read).toBe(false);
  });

  it.each(['req.body', 'req.rawBody', 'the stream'])(
    'verifies bytes made in another realm (a Buffer under Jest) given as %s',
    async (where) => {
      const { handler, events, errors } = recorder();
      const wire = await signed(JSON.stringify(taskSucceeded('evt_realm')));
      const foreign = runInNewContext('(bytes) => Uint8Array.from(bytes)')(new TextEncoder().encode(wire.body));
      const fields = where === 'the stream' ? {} : { [where.slice(4)]: foreign, readableEnded: true };
      const { req } = fakeRequest({ headers: wire.headers, ...fields }, [foreign]);
      const { res, done } = fakeResponse();
      toNodeHandler(handler)(req, res);
      await done;
      expect(errors).toEqual([]);
      expect(res.status).toBe(200);
      expect(events.map((event) => event.id)).toEqual(['evt_realm']);
    },
  );

  it('prefers req.rawBody to a parsed req.body', async () => {
    const { handler, events } = recorder();
    const wire = await signed(JSON.stringify(taskSucceeded('evt_raw'), null, 2));
    const parsed = JSON.parse(wire.body);
    const { req } = fakeRequest({ headers: wire.headers, body: parsed, rawBody: wire.body, readableEnded: true });
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_raw']);
  });

  it('reads a stream that yields text chunks (a stream with setEncoding) as their UTF-8 bytes', async () => {
    const { handler, events } = recorder();
    const wire = await signed(JSON.stringify({ ...taskSucceeded('evt_chunks'), note: 'café' }));
    const { req } = fakeRequest({ headers: wire.headers }, [wire.body.slice(0, 30), wire.body.slice(30)]);
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(200);
    expect(res.headers).not.toHaveProperty('connection');
    expect(events.map((event) => event.id)).toEqual(['evt_chunks']);
  });

  it.each([
    ['partly read', { readableDidRead: true, readableEnded: false }],
    ['read to its end', { readableDidRead: true, readableEnded: true }],
    ['ended', { readableEnded: true }],
  ])('answers 500 itself, with the reason and a process warning, for a stream %s and no raw copy', async (_, state) => {
    const seen = warnings();
    const { handler, events } = recorder();
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const { req, stream } = fakeRequest({ headers: wire.headers, ...state }, [wire.body]);
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    await nextTick();
    expect(res.status).toBe(500);
    expect(res.headers).toEqual({ 'content-type': 'text/plain; charset=utf-8' });
    expect(res.body).toMatch(/^the request body was already read \(by a body parser such as express\.json\(\)\)/);
    expect(seen).toEqual([expect.objectContaining({ name: 'WebhookPayloadError', reason: 'body-used' })]);
    expect(stream.read).toBe(false);
    expect(events).toEqual([]);
  });

  it("names the fix in Next.js's pages/api too, whose parser reads the body before the handler runs", async () => {
    const { handler } = recorder();
    const { req } = fakeRequest({ readableDidRead: true, readableEnded: true, body: taskSucceeded() });
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(500);
    expect(res.body).toContain('export const config = { api: { bodyParser: false } }');
  });

  it("leaves the answer to Express's next when the body is gone: it writes nothing and warns of nothing", async () => {
    const seen = warnings();
    const { handler } = recorder();
    const { req } = fakeRequest({ readableEnded: true, body: { parsed: true } });
    const { res } = fakeResponse();
    const passed: unknown[] = [];
    toNodeHandler(handler)(req, res, (error) => passed.push(error));
    await nextTick();
    expect(passed).toEqual([expect.any(WebhookPayloadError)]);
    expect(passed[0]).toHaveProperty('reason', 'body-used');
    expect(res.status).toBe(0);
    expect(seen).toEqual([]);
  });

  it('answers, and throws nothing, where the runtime has no process at all', () => {
    const { req } = fakeRequest({ readableEnded: true });
    const { res } = fakeResponse();
    const node = toNodeHandler(recorder().handler);
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'process') as PropertyDescriptor;
    let thrown: unknown;
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true });
    try {
      node(req, res);
    } catch (error) {
      thrown = error;
    } finally {
      Object.defineProperty(globalThis, 'process', descriptor);
    }
    expect(thrown).toBeUndefined();
    expect(res.status).toBe(500);
  });
});

describe('toNodeHandler: the Request a receiver sees', () => {
  /** The Request handed to the receiver, which answers 204. */
  async function seen(fields: Partial<FakeRequest>) {
    let request: Request | undefined;
    const { req } = fakeRequest(fields, ['{}']);
    const { res, done } = fakeResponse();
    toNodeHandler(async (r) => {
      request = r;
      await r.arrayBuffer();
      return new Response(null, { status: 204, headers: { 'x-seen': 'yes' } });
    })(req, res);
    await done;
    expect(res).toMatchObject({ status: 204, headers: { 'x-seen': 'yes' } });
    return request as Request;
  }

  it('has the URL Express saw before mounting (originalUrl), on the Host of the request', async () => {
    const request = await seen({
      url: '/tenant-7?x=1',
      originalUrl: '/hooks/tenant-7?x=1',
      headers: { host: 'receiver.example:8080' },
    });
    expect(request.url).toBe('http://receiver.example:8080/hooks/tenant-7?x=1');
    expect(request.method).toBe('POST');
  });

  it('hands a request without a method to the receiver as a GET', async () => {
    expect((await seen({ method: undefined })).method).toBe('GET');
  });

  it('hands a GET or HEAD to the receiver without a body', async () => {
    for (const method of ['GET', 'HEAD']) {
      const request = await seen({ method });
      expect(request.method).toBe(method);
      expect(request.body).toBeNull();
    }
  });

  it.each([
    ['a TRACE', { method: 'TRACE' }, 405, 'webhook deliveries are POST requests'],
    ['a POST to a Host with a space', { headers: { host: 'a b' } }, 400, 'malformed request'],
  ])('answers %s, which no Request can hold, itself', async (_, fields, status, text) => {
    const { req } = fakeRequest(fields);
    const { res, done } = fakeResponse();
    toNodeHandler(() => Promise.resolve(new Response('unreached')))(req, res);
    await done;
    expect(res.status).toBe(status);
    expect(res.body).toBe(text);
    expect(res.headers).toEqual(
      status === 405
        ? { 'content-type': 'text/plain; charset=utf-8', allow: 'POST' }
        : { 'content-type': 'text/plain; charset=utf-8' },
    );
  });

  it('falls back to url, then /, and to localhost without a Host', async () => {
    expect((await seen({ url: '/webhooks?a=b' })).url).toBe('http://localhost/webhooks?a=b');
    expect((await seen({ url: undefined })).url).toBe('http://localhost/');
  });

  it('takes the path from the request, never from a Host that carries one', async () => {
    expect((await seen({ url: undefined, headers: { host: 'receiver.example/admin' } })).url).toBe(
      'http://receiver.example/',
    );
  });

  it('reads a path that starts with // as a path on the Host, not as a host (a config url ending in /)', async () => {
    const request = await seen({ url: '//evt_1?a=b', headers: { host: 'receiver.example' } });
    expect(request.url).toBe('http://receiver.example//evt_1?a=b');
  });

  it('has every header, repeated ones appended, and none of HTTP/2 pseudo-headers', async () => {
    const request = await seen({
      headers: {
        ':method': 'POST',
        ':path': '/webhooks',
        ':authority': 'receiver.example',
        'x-forwarded-for': ['10.0.0.1', '10.0.0.2'],
        'x-absent': undefined,
        'x-one': '1',
      },
    });
    expect([...request.headers]).toEqual([
      ['x-forwarded-for', '10.0.0.1, 10.0.0.2'],
      ['x-one', '1'],
    ]);
  });

  it('verifies a delivery that came over HTTP/2, pseudo-headers and all', async () => {
    const { handler, events } = recorder();
    const wire = await signed(JSON.stringify(taskSucceeded('evt_h2')));
    const { req } = fakeRequest({ headers: { ':method': 'POST', ':path': '/webhooks', ...wire.headers } }, [wire.body]);
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_h2']);
  });

  it('answers a request without a method as a GET: 405, no body read', async () => {
    const { handler } = recorder();
    const { req, stream } = fakeRequest({ method: undefined });
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(405);
    expect(res.headers).toMatchObject({ allow: 'POST' });
    expect(stream.read).toBe(false);
  });

  it('answers Connection: close when the receiver stopped reading part way', async () => {
    const { req } = fakeRequest({}, ['{']);
    const { res, done } = fakeResponse();
    toNodeHandler(async (request) => {
      const reader = (request.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      Object.assign(req, { readableDidRead: true });
      return new Response('stopped', { status: 413 });
    })(req, res);
    await done;
    expect(res).toMatchObject({ status: 413, body: 'stopped', headers: { connection: 'close' } });
  });

  it('answers Connection: close when a raw copy was kept but the stream was left read part way', async () => {
    const { req } = fakeRequest({ rawBody: '{', readableDidRead: true, readableEnded: false });
    const { res, done } = fakeResponse();
    toNodeHandler(() => Promise.resolve(new Response('refused', { status: 400 })))(req, res);
    await done;
    expect(res).toMatchObject({ status: 400, body: 'refused', headers: { connection: 'close' } });
  });
});

describe('toNodeHandler: a body still arriving after the answer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A request whose body is refused unread (by its declared length); it records whether it was dropped. */
  function arriving(fields: Partial<FakeRequest>) {
    const listeners: Record<string, (() => void)[]> = {};
    const state = { dropped: false };
    const { req } = fakeRequest({
      headers: { 'content-length': '200000' },
      destroy: () => {
        state.dropped = true;
      },
      once: (event: string, listener: () => void) => void (listeners[event] ??= []).push(listener),
      ...fields,
    });
    const emit = (event: string) => {
      for (const listener of listeners[event] ?? []) listener();
    };
    return { req, state, emit };
  }

  /** Answers `req` with `handler` (413, unread, by default), and lets the adapter finish its work after the answer. */
  async function answer(
    req: FakeRequest,
    handler = recorder({ maxBodyBytes: 1_000 }).handler,
    options?: NodeHandlerOptions,
  ) {
    const { res, done } = fakeResponse();
    toNodeHandler(handler, options)(req, res);
    await done;
    await nextTick();
    return res;
  }

  it('drops a request still sending its refused body after bodyTimeout, up to the ceiling of timers', async () => {
    for (const bodyTimeout of [100, 2_147_483_647]) {
      const { req, state } = arriving({ complete: false });
      const res = await answer(req, recorder({ maxBodyBytes: 1_000, bodyTimeout }).handler);
      expect(res.status).toBe(413);
      vi.advanceTimersByTime(bodyTimeout - 1);
      expect(state.dropped).toBe(false);
      vi.advanceTimersByTime(1);
      expect(state.dropped).toBe(true);
    }
  });

  it("drops it after toNodeHandler's bodyTimeout, for a receiver wrapped in the user's own function", async () => {
    const { handler: receiver } = recorder({ maxBodyBytes: 1_000, bodyTimeout: 100 });
    const seen: string[] = [];
    const wrapped = (request: Request) => {
      seen.push(request.method);
      return receiver(request);
    };
    const { req, state } = arriving({ complete: false });
    expect((await answer(req, wrapped, { bodyTimeout: 100 })).status).toBe(413);
    expect(seen).toEqual(['POST']);
    vi.advanceTimersByTime(99);
    expect(state.dropped).toBe(false);
    vi.advanceTimersByTime(1);
    expect(state.dropped).toBe(true);
  });

  it('drops it after 10 s for a wrapped receiver given no bodyTimeout, whatever the receiver has', async () => {
    const { handler: receiver } = recorder({ maxBodyBytes: 1_000, bodyTimeout: 100 });
    const { req, state } = arriving({ complete: false });
    await answer(req, (request) => receiver(request));
    vi.advanceTimersByTime(9_999);
    expect(state.dropped).toBe(false);
    vi.advanceTimersByTime(1);
    expect(state.dropped).toBe(true);
  });

  it("takes the bodyTimeout given to toNodeHandler over the receiver's own, Infinity for none", async () => {
    const dropped = async (bodyTimeout: number) => {
      const { req, state } = arriving({ complete: false });
      await answer(req, recorder({ maxBodyBytes: 1_000, bodyTimeout: 100 }).handler, { bodyTimeout });
      vi.advanceTimersByTime(50);
      const early = state.dropped;
      vi.runAllTimers();
      return [early, state.dropped];
    };
    expect(await dropped(50)).toEqual([true, true]);
    expect(await dropped(Infinity)).toEqual([false, false]);
  });

  it.each([
    ['whose body had all arrived', { complete: true }],
    ['that does not say whether its body arrived (no complete)', {}],
    ['already dropped (its sender gone)', { complete: false, destroyed: true }],
  ])('leaves alone a request %s', async (_, fields) => {
    const { req, state } = arriving(fields);
    await answer(req);
    vi.runAllTimers();
    expect(state.dropped).toBe(false);
  });

  it('never drops a request for a receiver whose bodyTimeout is Infinity', async () => {
    const { req, state } = arriving({ complete: false });
    await answer(req, recorder({ maxBodyBytes: 1_000, bodyTimeout: Infinity }).handler);
    vi.runAllTimers();
    expect(state.dropped).toBe(false);
    expect(warnings()).toEqual([]);
  });

  it('keeps a request whose body has all arrived by bodyTimeout, before its close came', async () => {
    const { req, state } = arriving({ complete: false });
    await answer(req);
    req.complete = true;
    vi.runAllTimers();
    expect(state.dropped).toBe(false);
  });

  it('keeps no timer once the request closes (its body arrived, or its sender went)', async () => {
    const { req, state, emit } = arriving({ complete: false });
    await answer(req);
    expect(vi.getTimerCount()).toBe(1);
    emit('close');
    expect(vi.getTimerCount()).toBe(0);
    vi.runAllTimers();
    expect(state.dropped).toBe(false);
  });

  it('serves a request that has no destroy or once, and throws nothing after bodyTimeout', async () => {
    const rejections: unknown[] = [];
    const record = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', record);
    try {
      const { req } = arriving({ complete: false });
      delete req.destroy;
      delete req.once;
      expect((await answer(req)).status).toBe(413);
      expect(() => vi.runAllTimers()).not.toThrow();
      await nextTick();
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(rejections).toEqual([]);
  });
});

describe('toNodeHandler: its arguments', () => {
  const thrown = (options: unknown, handler: unknown = recorder().handler) => {
    try {
      toNodeHandler(handler as Parameters<typeof toNodeHandler>[0], options as NodeHandlerOptions);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  // Else every delivery would fail with a 500, and the API retry each in vain.
  it.each([null, {}, 'receiver', 0])('refuses a handler of %j at once, naming it', (handler) => {
    expect(thrown(undefined, handler)).toMatchObject({
      name: 'InvalidInputError',
      field: 'handler',
      message: 'handler: must be a function, such as the receiver createWebhookHandler returns',
    });
  });

  it('refuses no handler at all (an import that missed), naming it', () => {
    expect(() => toNodeHandler(undefined as never)).toThrow(
      'handler: must be a function, such as the receiver createWebhookHandler returns',
    );
  });

  it.each([0, -1, Number.NaN, '5000', null])('refuses a bodyTimeout of %j as bad input, naming it', (bodyTimeout) => {
    expect(thrown({ bodyTimeout })).toMatchObject({
      name: 'InvalidInputError',
      field: 'options.bodyTimeout',
      message: 'options.bodyTimeout: must be a positive number of milliseconds (Infinity for no limit)',
    });
  });

  it('refuses options that are not an object, and takes none or an empty one', () => {
    for (const options of [null, 5_000])
      expect(thrown(options)).toMatchObject({ name: 'InvalidInputError', field: 'options' });
    expect(thrown(undefined)).toBeUndefined();
    expect(thrown({})).toBeUndefined();
  });
});

describe('toNodeHandler: a receiver that rejects', () => {
  const failing = (reason: unknown) => toNodeHandler(() => Promise.reject(reason));

  it('answers 500 itself and emits the error as a process warning, without next', async () => {
    const seen = warnings();
    const { req } = fakeRequest({});
    const { res, done } = fakeResponse();
    const error = new Error('receiver bug');
    failing(error)(req, res);
    await done;
    await nextTick();
    expect(res).toMatchObject({ status: 500, body: 'the webhook receiver failed', destroyed: false });
    expect(seen).toEqual([error]);
  });

  it('still answers where the runtime has no process.emitWarning', async () => {
    const emitWarning = process.emitWarning;
    Object.assign(process, { emitWarning: undefined });
    try {
      const { req } = fakeRequest({});
      const { res, done } = fakeResponse();
      failing(new Error('unheard'))(req, res);
      await done;
      await nextTick();
      expect(res.status).toBe(500);
    } finally {
      Object.assign(process, { emitWarning });
    }
  });

  it('warns with an Error even when the receiver rejects with something else', async () => {
    const seen = warnings();
    const { req } = fakeRequest({});
    const { res, done } = fakeResponse();
    failing('plain text')(req, res);
    await done;
    await nextTick();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Error);
    expect(seen[0]?.message).toBe('plain text');
  });

  it('drops the connection when the answer had already begun, and still warns', async () => {
    const seen = warnings();
    const { req } = fakeRequest({});
    const { res, done } = fakeResponse(true);
    failing(new Error('late'))(req, res);
    await done;
    await nextTick();
    expect(res).toMatchObject({ destroyed: true, status: 0 });
    expect(seen).toEqual([expect.objectContaining({ message: 'late' })]);
  });

  it("passes the error to Express's next, writing nothing itself", async () => {
    const seen = warnings();
    const { req } = fakeRequest({});
    const { res } = fakeResponse();
    const error = new Error('receiver bug');
    const passed = await new Promise((resolve) => failing(error)(req, res, resolve));
    await nextTick();
    expect(passed).toBe(error);
    expect(res).toMatchObject({ status: 0, destroyed: false });
    expect(seen).toEqual([]);
  });
});

describe('createWebhookHandler through toNodeHandler, without onAny', () => {
  it("runs the slug's handler, as the README shows", async () => {
    const states: string[] = [];
    const { handler } = recorder({
      onAny: undefined,
      on: { 'task.succeeded': (event) => void states.push(event.data.state) },
    });
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const { req } = fakeRequest({ headers: wire.headers }, [wire.body]);
    const { res, done } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await done;
    expect(res.status).toBe(200);
    expect(states).toEqual(['succeeded']);
  });
});

describe('createWebhookHandler through toNodeHandler: one handlerTimeout per delivery', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a refusal after a slow secret function by handlerTimeout, however long onError takes', async () => {
    const { handler } = recorder({
      handlerTimeout: 100,
      secret: () => new Promise((resolve) => setTimeout(resolve, 60, OTHER_SECRET)),
      onError: () => new Promise(() => {}),
    });
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const { req } = fakeRequest({ headers: wire.headers }, [wire.body]);
    const { res } = fakeResponse();
    toNodeHandler(handler)(req, res);
    await vi.advanceTimersByTimeAsync(99);
    expect(res.status).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(res.status).toBe(400);
  });
});

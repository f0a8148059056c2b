/**
 * The time budget: `timeout` bounds each attempt (the body included), and `deadline` (default 3 × timeout) bounds
 * the whole call, backoff sleeps included. Elapsed times are compared with a generous margin only: machines are noisy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Client,
  configure,
  ConnectionError,
  RicloudError,
  ServerError,
  TimeoutError,
  WebhookConfig,
} from '../../src/index';
import type { Fault } from '../../src/mock/index';
import { rejectionOf, TOKEN_A } from '../support/core-harness';
import { RECEIVER, seedConfig, sent, since, useMockServer } from './support';

const CONFIGS = '/configs/webhook';
// What "at once" and "within the deadline" allow for a slow machine.
const MARGIN = 1000;

const mock = useMockServer();

const seed = () => seedConfig(mock.client());

/**
 * A client with a 2 s timeout and deadline whose fetch never looks at its signal (a proxy wrapper, say): it answers
 * the first attempt 503 after 1.2 s, and each later one with `later()`. `calls()` counts the attempts.
 */
function stubbornClient(later: () => Promise<Response> | Response, options: { maxRetries?: number } = {}) {
  let calls = 0;
  const fetch = async () => {
    calls++;
    if (calls > 1) return later();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    return new Response('{}', { status: 503, headers: { 'retry-after': '0' } });
  };
  const client = new Client({
    token: TOKEN_A,
    baseUrl: 'https://api.test',
    fetch: fetch as typeof globalThis.fetch,
    timeout: 2_000,
    deadline: 2_000,
    logLevel: 'off',
    ...options,
  });
  return { client, calls: () => calls };
}

describe('timeout and deadline', () => {
  it('against a server that hangs, each attempt is cut at the timeout and the call at 3 × timeout', async () => {
    const { config, path } = await seed();
    mock.api.faults.add({ method: 'GET', path, hang: true, times: Infinity });
    // No backoff (full jitter picks 0): the three attempts start about 400 ms apart, each well before the deadline
    // (a loaded machine's late timers have 400 ms to spare). With a random backoff, the last attempt could start just
    // before the deadline and be cut before the server saw it.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const start = Date.now();
    const error = await rejectionOf(mock.client({ timeout: 400 }).webhookConfigs.retrieve(config.id));
    random.mockRestore();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).request?.attempts).toBe(3);
    expect(error.message).toContain('within the deadline of 1200 ms (3 attempts)');
    expect(since(start)).toBeLessThan(1200 + MARGIN);
    expect(sent(mock.api, 'GET', path)).toBe(3);
  });

  it('a deadline shorter than the timeout wins: TimeoutError naming the deadline', async () => {
    const { config, path } = await seed();
    mock.api.faults.add({ method: 'GET', path, hang: true });
    const start = Date.now();
    const error = await rejectionOf(
      mock.client({ timeout: 10_000 }).webhookConfigs.retrieve(config.id, { deadline: 150 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('deadline of 150 ms');
    expect(since(start)).toBeLessThan(150 + MARGIN);
  });

  it('a retry that would sleep past the deadline is not taken: the last error comes at once', async () => {
    const { config, path } = await seed();
    mock.api.faults.add({ method: 'GET', path, status: 503, retryAfter: 3, times: Infinity });
    const start = Date.now();
    const error = await rejectionOf(mock.client().webhookConfigs.retrieve(config.id, { deadline: 500 }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfter).toBe(3);
    expect(sent(mock.api, 'GET', path)).toBe(1);
    expect(since(start)).toBeLessThan(500 + MARGIN);
  });

  it('a retry sleeping past the deadline (a stalled machine) is not sent: the failure it retried comes', async () => {
    const { config, path } = await seed();
    mock.api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0.05, times: Infinity });
    const start = Date.now();
    // The hook blocks the event loop past the deadline, as a busy machine would between the decision and the retry.
    const stall = () => {
      while (Date.now() - start < 400);
    };
    const error = await rejectionOf(
      mock.client().webhookConfigs.retrieve(config.id, { deadline: 300, onRetry: stall }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).request?.attempts).toBe(1);
    expect(sent(mock.api, 'GET', path)).toBe(1);
  });

  it('a retry that starts late is cut at the deadline, not a full timeout later', async () => {
    const { config, path } = await seed();
    // Attempt 1 fails at once with a 503 advising 250 ms; attempt 2 hangs. Timeout 10 s, deadline 1500 ms: a busy
    // machine's slow first attempt still leaves time for the advised wait (else no retry is sent, as designed).
    mock.api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0.25 });
    mock.api.faults.add({ method: 'GET', path, hang: true });
    const start = Date.now();
    const error = await rejectionOf(
      mock.client({ timeout: 10_000 }).webhookConfigs.retrieve(config.id, { deadline: 1500 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('deadline of 1500 ms');
    expect((error as TimeoutError).request?.attempts).toBe(2);
    expect(since(start)).toBeLessThan(1500 + MARGIN);
  });

  it('a retry whose fetch ignores abort signals still ends at the deadline', async () => {
    // The retry's fetch hangs, and never looks at its signal.
    const { client: c, calls } = stubbornClient(() => new Promise<Response>(() => undefined));
    const start = Date.now();
    const error = await rejectionOf(c.webhookConfigs.retrieve('wc_1'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('deadline of 2000 ms');
    expect(calls()).toBe(2);
    // Without the deadline's own timer, the retry would run its full 2 s timeout: about 3.2 s in all.
    expect(since(start)).toBeLessThan(2_000 + MARGIN);
  });

  it(
    'a last attempt whose error answer stalls its body, from a fetch that ignores abort signals, ' +
      'ends at the deadline',
    async () => {
      // A slow 503, then a 500 that sends its headers and never ends its body: reading it for the error must stop too.
      const stalled = () =>
        new Response(new ReadableStream({ start: (body) => body.enqueue(new TextEncoder().encode('{"e')) }), {
          status: 500,
        });
      const { client: c, calls } = stubbornClient(stalled, { maxRetries: 1 });
      const start = Date.now();
      const error = await rejectionOf(c.webhookConfigs.retrieve('wc_1'));
      // The answer came: it is reported as what it is, without the body that never ended.
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ServerError).status).toBe(500);
      expect(calls()).toBe(2);
      // Without the deadline, the read of the stalled body would run its full 2 s timeout: about 3.2 s in all.
      expect(since(start)).toBeLessThan(2_000 + MARGIN);
    },
  );

  it('timeout and deadline set on the client, with configure() and per request (the request wins)', async () => {
    const { config, path } = await seed();
    mock.api.faults.add({ method: 'GET', path, hang: true, times: Infinity });
    let start = Date.now();
    const fromClient = await rejectionOf(
      mock.client({ timeout: 5000, deadline: 120 }).webhookConfigs.retrieve(config.id),
    );
    expect(fromClient).toBeInstanceOf(TimeoutError);
    expect(since(start)).toBeLessThan(120 + MARGIN);

    configure({ token: TOKEN_A, baseUrl: mock.client().baseUrl, logLevel: 'off', timeout: 60, maxRetries: 0 });
    start = Date.now();
    const fromConfigure = await rejectionOf(WebhookConfig.retrieve(config.id));
    expect(fromConfigure).toBeInstanceOf(TimeoutError);
    expect(fromConfigure.message).toContain('within 60 ms');
    expect(since(start)).toBeLessThan(60 + MARGIN);

    start = Date.now();
    const perRequest = await rejectionOf(
      mock
        .client({ timeout: 10_000, deadline: 20_000 })
        .webhookConfigs.retrieve(config.id, { timeout: 80, maxRetries: 0 }),
    );
    expect(perRequest).toBeInstanceOf(TimeoutError);
    expect(perRequest.message).toContain('within 80 ms');
    expect(since(start)).toBeLessThan(80 + MARGIN);
  });

  it('by default, an attempt has 30 s and a call 3 × 30 s (on a fake clock, a server never answering)', async () => {
    // The request engine loads with a client's first request, on the real clock.
    await seed();
    vi.useFakeTimers();
    try {
      const silent = () => new Promise<Response>(() => undefined);
      const client = new Client({ token: TOKEN_A, baseUrl: 'https://api.test', fetch: silent, logLevel: 'off' });
      const attempt = rejectionOf(client.webhookConfigs.retrieve('wc_1', { maxRetries: 0 }));
      const call = rejectionOf(client.webhookConfigs.retrieve('wc_1', { maxRetries: 10 }));
      await vi.advanceTimersByTimeAsync(90_000);
      expect(await attempt).toMatchObject({
        name: 'TimeoutError',
        message: expect.stringContaining('within 30000 ms'),
      });
      expect(await call).toMatchObject({
        name: 'TimeoutError',
        message: expect.stringContaining('deadline of 90000 ms'),
      });
    } finally {
      vi.useRealTimers();
    }
  });

  // Every fault, on a read and on a create: the call settles within its deadline, as a typed RicloudError.
  const plans: [string, Fault][] = [
    ['hang', { hang: true }],
    ['latency', { latency: 250 }],
    ['reset before', { reset: 'before' }],
    ['reset after', { reset: 'after' }],
    ['truncated body', { truncate: true }],
    ['503 with Retry-After 1 s', { status: 503, retryAfter: 1 }],
    ['429', { status: 429 }],
  ];
  it.each(plans)('under "%s" on every request, no call outlives its deadline of 300 ms', async (_name, fault) => {
    const { config, path } = await seed();
    mock.api.faults.add({ path: new RegExp(`^${CONFIGS}`), times: Infinity, ...fault });
    const client = mock.client({ timeout: 100, deadline: 300 });
    for (const call of [
      () => client.webhookConfigs.retrieve(config.id),
      () => client.webhookConfigs.create({ url: RECEIVER }),
    ]) {
      const start = Date.now();
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(RicloudError);
      expect(since(start)).toBeLessThan(300 + MARGIN);
    }
    expect(sent(mock.api, 'GET', path)).toBeGreaterThanOrEqual(1);
  });
});

describe('the body is part of the attempt', () => {
  // A server that sends the headers and half a body, then stalls (`stall`) or drops the connection (`cut`).
  let server: Server;
  let base = '';
  const sockets = new Set<Socket>();
  let served = 0;
  let mode: 'stall' | 'cut' = 'stall';
  const body = JSON.stringify({
    id: 'wc_1',
    resource: 'webhook_config',
    organisation: 1,
    url: RECEIVER,
    state: 'valid',
    date_created: '2024-01-01T00:00:00Z',
  });
  beforeAll(async () => {
    server = createServer((_req, res) => {
      served++;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'x-request-id': `req_slow_${served}`,
      });
      // The first request gets half a body; later ones the whole body.
      if (served > 1) return void res.end(body);
      res.write(body.slice(0, body.length / 2));
      if (mode === 'cut') setTimeout(() => res.socket?.destroy(), 20);
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const client = (options: { timeout?: number; deadline?: number; maxRetries?: number } = {}) =>
    new Client({ token: TOKEN_A, baseUrl: base, logLevel: 'off', ...options });

  it('a body that stalls after the headers is cut at the timeout and the read retried', async () => {
    served = 0;
    mode = 'stall';
    const retries: string[] = [];
    const config = await client({ timeout: 150, deadline: 5000 }).webhookConfigs.retrieve('wc_1', {
      onRetry: ({ error }) => void retries.push(error.name),
    });
    expect(config.id).toBe('wc_1');
    expect(retries).toEqual(['TimeoutError']);
    expect(served).toBe(2);
  });

  it('a body that stalls is cut at the deadline when no retry is left', async () => {
    served = 0;
    mode = 'stall';
    const start = Date.now();
    const error = await rejectionOf(client({ timeout: 10_000, deadline: 200 }).webhookConfigs.retrieve('wc_1'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(since(start)).toBeLessThan(200 + MARGIN);
  });

  it('a body cut short by a dropped connection is retried like any connection failure', async () => {
    served = 0;
    mode = 'cut';
    const retries: string[] = [];
    const config = await client().webhookConfigs.retrieve('wc_1', {
      onRetry: ({ error }) => void retries.push(error.name),
    });
    expect(config.id).toBe('wc_1');
    expect(retries).toEqual(['ConnectionError']);
  });

  it('with no retry left, a cut body is a ConnectionError that keeps the request id of the response', async () => {
    served = 0;
    mode = 'cut';
    const error = await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.retrieve('wc_1'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).request?.requestId).toBe('req_slow_1');
  });

  it('the largest timeout with no deadline answers: the default deadline is held to what a timer counts', async () => {
    const { config } = await seed();
    const client = mock.client({ timeout: 2_147_483_647 });
    expect((await client.webhookConfigs.retrieve(config.id)).id).toBe(config.id);
  });
});

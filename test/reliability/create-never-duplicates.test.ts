/**
 * `create` and `test` start work on the server, and the API has no idempotency key: they are re-sent only when the
 * server certainly did not act (a 429, or a connection refused before sending). Everywhere else the error says
 * `mayHaveSucceeded`, and `api.created` proves that nothing was created twice.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Client,
  ConnectionError,
  RateLimitError,
  RequestError,
  ResponseTooLargeError,
  ResponseValidationError,
  type RicloudError,
  ServerError,
  TimeoutError,
} from '../../src/index';
import { createMockApi, type Fault } from '../../src/mock/index';
import { rejectionOf, TOKEN_A } from '../support/core-harness';
import { deliverOk, RECEIVER, refusingFetch, sent, sleep, useMockServer } from './support';

const CONFIGS = '/configs/webhook';

describe('in process (msw): by HTTP status', () => {
  const api = createMockApi({ taskDelay: 5, deliver: deliverOk });
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    await api.settle();
    api.reset();
  });
  afterAll(() => server.close());
  const client = () => new Client({ token: TOKEN_A, logLevel: 'off' });

  it('create is re-sent after a 429 (the server did not act), and the config exists once', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, status: 429, retryAfter: 0 });
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    expect(config.state).toBe('new');
    expect(sent(api, 'POST', CONFIGS)).toBe(2);
    expect(api.created.webhook_config).toBe(1);
  });

  it('create that keeps getting 429 ends with a RateLimitError after maxRetries, nothing created', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, status: 429, retryAfter: 0, times: Infinity });
    const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).request.attempts).toBe(3);
    expect((error as RateLimitError).mayHaveSucceeded).toBe(false);
    expect(api.created.webhook_config).toBe(0);
  });

  it.each([500, 502, 503, 504])(
    'create is not re-sent after HTTP %i: ServerError with mayHaveSucceeded',
    async (status) => {
      api.faults.add({ method: 'POST', path: CONFIGS, status, retryAfter: 0 });
      const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }));
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ServerError).mayHaveSucceeded).toBe(true);
      expect((error as ServerError).request.attempts).toBe(1);
      expect(error.message).toContain('may have been applied');
      expect(sent(api, 'POST', CONFIGS)).toBe(1);
    },
  );

  it('a create refused with a 400 says it was not applied', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, status: 400 });
    const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 400, mayHaveSucceeded: false });
    expect(error.message).not.toContain('may have been applied');
    expect(api.created.webhook_config).toBe(0);
  });

  it('create is not re-sent after a 408 either (only 429 proves the server did not act)', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, status: 408 });
    const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(RequestError);
    expect(sent(api, 'POST', CONFIGS)).toBe(1);
  });

  // A server that acted on a POST often answers with a redirect to the result (303, or 302 in many frameworks).
  it.each([301, 302, 303, 307, 308])(
    'a create answered by a %i redirect is not re-sent or followed, and may have been applied',
    async (status) => {
      const redirect = vi.fn(
        async () =>
          new Response(null, { status, headers: { location: 'https://api.example.com/configs/webhook/wc_1' } }),
      );
      const error = await rejectionOf(
        new Client({ token: TOKEN_A, logLevel: 'off', fetch: redirect }).webhookConfigs.create({ url: RECEIVER }),
      );
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ status, mayHaveSucceeded: true });
      expect(error.message).toContain('may have been applied');
      expect(redirect).toHaveBeenCalledTimes(1);
    },
  );

  it('test() follows the same rules: re-sent after a 429, not after a 503', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}/test`;
    api.faults.add({ method: 'POST', path, status: 429, retryAfter: 0 });
    await config.test();
    expect(sent(api, 'POST', path)).toBe(2);
    expect(api.created.task).toBe(2); // the test `create` queued, and this one

    api.faults.add({ method: 'POST', path, status: 503 });
    const error = await rejectionOf(config.test());
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).mayHaveSucceeded).toBe(true);
    expect(sent(api, 'POST', path)).toBe(3);
    expect(api.created.task).toBe(2);
  });

  it('a dropped connection (a network error in process) is not re-sent: the SDK cannot tell when it did', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, reset: 'after' });
    const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
    expect(sent(api, 'POST', CONFIGS)).toBe(1);
    expect(api.created.webhook_config).toBe(1);
  });

  it(
    'a body cut after the server acted is not re-sent: ConnectionError with mayHaveSucceeded, ' +
      'as over real sockets',
    async () => {
      api.faults.add({ method: 'POST', path: CONFIGS, truncate: true });
      const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
      expect(sent(api, 'POST', CONFIGS)).toBe(1);
      expect(api.created.webhook_config).toBe(1);
    },
  );

  it('a retry after a 429 whose answer (server acted) hits the deadline: mayHaveSucceeded, not the 429', async () => {
    let calls = 0;
    const stalling: typeof fetch = async () => {
      calls++;
      if (calls === 1)
        return new Response('{"error":"rate-limited"}', { status: 429, headers: { 'retry-after': '0' } });
      const body = new ReadableStream({ start: (stream) => stream.enqueue(new TextEncoder().encode('{"id":')) });
      return new Response(body, { status: 201, headers: { 'content-type': 'application/json' } });
    };
    const c = new Client({ token: TOKEN_A, logLevel: 'off', fetch: stalling, timeout: 10_000, deadline: 300 });
    const error = await rejectionOf(c.webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).mayHaveSucceeded).toBe(true);
    expect(calls).toBe(2);
  });

  it(
    'an answer past maxResponseBytes (the server acted) is not re-sent: ' +
      'ResponseTooLargeError with mayHaveSucceeded',
    async () => {
      const c = new Client({ token: TOKEN_A, logLevel: 'off', maxResponseBytes: 10 });
      const error = await rejectionOf(c.webhookConfigs.create({ url: RECEIVER }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as ResponseTooLargeError).status).toBe(201);
      expect((error as ResponseTooLargeError).mayHaveSucceeded).toBe(true);
      expect(sent(api, 'POST', CONFIGS)).toBe(1);
      expect(api.created.webhook_config).toBe(1);
    },
  );

  it('a read whose answer is past maxResponseBytes changed nothing: mayHaveSucceeded is false', async () => {
    const c = new Client({ token: TOKEN_A, logLevel: 'off', maxResponseBytes: 10 });
    const error = await rejectionOf(c.webhookConfigs.list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).mayHaveSucceeded).toBe(false);
  });
});

describe('over real sockets (startMockServer)', () => {
  const mock = useMockServer();

  it(
    'a reset after the server acted: not re-sent, ConnectionError with mayHaveSucceeded, ' +
      'and list finds the one config',
    async () => {
      mock.api.faults.add({ method: 'POST', path: CONFIGS, reset: 'after' });
      const client = mock.client();
      const error = await rejectionOf(client.webhookConfigs.create({ url: RECEIVER }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
      expect((error as ConnectionError).request?.attempts).toBe(1);
      expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
      expect(mock.api.created.webhook_config).toBe(1);
      // What the error tells the caller to do: check before trying again.
      const page = await client.webhookConfigs.list();
      expect(page.data.map((c) => c.url)).toEqual([RECEIVER]);
    },
  );

  it('a connection refused before sending (real ECONNREFUSED): create is re-sent, the config exists once', async () => {
    const refusing = await refusingFetch(1);
    const attempts: number[] = [];
    const config = await mock
      .client({ fetch: refusing.fetch, onRequest: ({ attempt }) => void attempts.push(attempt) })
      .webhookConfigs.create({ url: RECEIVER });
    expect(config.url).toBe(RECEIVER);
    expect(attempts).toEqual([1, 2]);
    expect(refusing.calls()).toBe(2);
    expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
    expect(mock.api.created.webhook_config).toBe(1);
  });

  it('a connection refused as Deno says it (a TypeError, no code): create is re-sent, one config exists', async () => {
    let calls = 0;
    // Deno's fetch gives no error code; the words are all it has.
    const deno = async (request: Request) => {
      if (++calls === 1)
        throw new TypeError(
          `error sending request for url (${request.url}): client error (Connect): tcp connect error: ` +
            'Connection refused (os error 111)',
        );
      return fetch(request);
    };
    const config = await mock.client({ fetch: deno as typeof fetch }).webhookConfigs.create({ url: RECEIVER });
    expect(config.url).toBe(RECEIVER);
    expect(calls).toBe(2);
    expect(mock.api.created.webhook_config).toBe(1);
  });

  it(
    'Deno 2.9\'s refused connection ("fetch failed", the words on its cause): create is re-sent, ' +
      'the config exists once',
    async () => {
      let calls = 0;
      const deno = async (request: Request) => {
        if (++calls === 1) {
          const cause = new Error(
            `error sending request for url (${request.url}): client error (Connect): tcp connect error: ` +
              'Connection refused (os error 111)',
          );
          throw new TypeError('fetch failed', { cause });
        }
        return fetch(request);
      };
      const config = await mock.client({ fetch: deno as typeof fetch }).webhookConfigs.create({ url: RECEIVER });
      expect(config.url).toBe(RECEIVER);
      expect(calls).toBe(2);
      expect(mock.api.created.webhook_config).toBe(1);
    },
  );

  // workerd's fetch throws this Error (retryable: true) for a refused connection and one dropped after sending alike.
  const workerdLost = () => Object.assign(new Error('Network connection lost.'), { retryable: true });

  it(
    'workerd\'s refused connection ("Network connection lost.", as when dropped after sending): ' +
      'create is not re-sent, mayHaveSucceeded',
    async () => {
      let calls = 0;
      const workerd = async () => {
        calls++;
        throw workerdLost();
      };
      const error = await rejectionOf(
        mock.client({ fetch: workerd as typeof fetch }).webhookConfigs.create({ url: RECEIVER }),
      );
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
      expect(error.message).toContain('may have been applied');
      expect(calls).toBe(1);
    },
  );

  it(
    'workerd\'s failed name lookup ("Network connection failed: failed to lookup address"): ' +
      'create is re-sent once',
    async () => {
      let calls = 0;
      const workerd = async (request: Request) => {
        if (++calls === 1)
          throw new Error('Network connection failed: failed to lookup address information: Name or service not known');
        return fetch(request);
      };
      const config = await mock.client({ fetch: workerd as typeof fetch }).webhookConfigs.create({ url: RECEIVER });
      expect(config.url).toBe(RECEIVER);
      expect(calls).toBe(2);
      expect(mock.api.created.webhook_config).toBe(1);
    },
  );

  it('a refused connection with no retries left: ConnectionError that says nothing was applied', async () => {
    const refusing = await refusingFetch(1);
    const error = await rejectionOf(
      mock.client({ fetch: refusing.fetch, maxRetries: 0 }).webhookConfigs.create({ url: RECEIVER }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('ECONNREFUSED');
    expect((error as ConnectionError).mayHaveSucceeded).toBe(false);
    expect(mock.api.created.webhook_config).toBe(0);
  });

  it("a port on fetch's bad-port list (Node): ConnectionError that says so and that nothing was applied", async () => {
    const error = await rejectionOf(
      mock.client({ baseUrl: 'http://127.0.0.1:6000', maxRetries: 0 }).webhookConfigs.create({ url: RECEIVER }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('create webhook_config: connection failed (bad port)');
    expect((error as ConnectionError).mayHaveSucceeded).toBe(false);
  });

  it(
    'a port fetch refuses to use, as Deno says it (a TypeError, no cause): ConnectionError ' +
      'that says nothing was applied',
    async () => {
      let calls = 0;
      const deno = async (request: Request) => {
        calls++;
        throw new TypeError(`Fetch failed: Requests to port ${new URL(request.url).port} are blocked`);
      };
      const error = await rejectionOf(
        mock
          .client({ baseUrl: 'http://127.0.0.1:6000', fetch: deno as typeof fetch, maxRetries: 0 })
          .webhookConfigs.create({
            url: RECEIVER,
          }),
      );
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toBe('create webhook_config: connection failed');
      expect((error as ConnectionError).mayHaveSucceeded).toBe(false);
      expect(calls).toBe(1);
    },
  );

  it.each([undefined, null])(
    'a custom fetch that rejects with %s: ConnectionError, not re-sent, may have been applied',
    async (value) => {
      let calls = 0;
      const odd = async () => {
        calls++;
        throw value;
      };
      const error = await rejectionOf(
        mock.client({ fetch: odd as typeof fetch }).webhookConfigs.create({ url: RECEIVER }),
      );
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toBe('create webhook_config: connection failed; the request may have been applied');
      expect(error.cause).toBe(value);
      expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
      expect(calls).toBe(1);
    },
  );

  it('a reset before the server acted looks the same from the client: not re-sent, mayHaveSucceeded', async () => {
    mock.api.faults.add({ method: 'POST', path: CONFIGS, reset: 'before' });
    const error = await rejectionOf(mock.client().webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
    expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
    expect(mock.api.created.webhook_config).toBe(0);
  });

  it('a body cut short after the server acted: not re-sent, ConnectionError with mayHaveSucceeded', async () => {
    mock.api.faults.add({ method: 'POST', path: CONFIGS, truncate: true });
    const error = await rejectionOf(mock.client().webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
    expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
    expect(mock.api.created.webhook_config).toBe(1);
  });

  it('a timeout: not re-sent, TimeoutError with mayHaveSucceeded, and indeed the slow server acts later', async () => {
    mock.api.faults.add({ method: 'POST', path: CONFIGS, latency: 300 });
    const error = await rejectionOf(mock.client({ timeout: 80 }).webhookConfigs.create({ url: RECEIVER }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).mayHaveSucceeded).toBe(true);
    // On a loaded machine the attempt may reach the server only after the client gave up on it.
    await vi.waitFor(() => expect(mock.api.created.webhook_config).toBe(1), { timeout: 5000 });
    expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
  });

  it('test() after a reset once the server acted: not re-sent, one task', async () => {
    const client = mock.client();
    const config = await client.webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}/test`;
    mock.api.faults.add({ method: 'POST', path, reset: 'after' });
    const error = await rejectionOf(config.test());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
    expect(sent(mock.api, 'POST', path)).toBe(1);
    expect(mock.api.created.task).toBe(2); // the one create queued, and this one
  });

  // Every fault the mock can play, on create, with retries allowed: a typed error, and exactly as many configs as
  // the server really made (once it has finished acting), never two.
  const plans: [string, Fault, (new (...args: never[]) => RicloudError) | undefined, number][] = [
    ['429 once, then success', { status: 429, retryAfter: 0, times: 1 }, undefined, 1],
    ['503', { status: 503 }, ServerError, 0],
    ['503 with Retry-After', { status: 503, retryAfter: 1 }, ServerError, 0],
    ['reset before acting', { reset: 'before' }, ConnectionError, 0],
    ['reset after acting', { reset: 'after' }, ConnectionError, 1],
    ['truncated body', { truncate: true }, ConnectionError, 1],
    ['latency past the timeout', { latency: 250 }, TimeoutError, 1],
    ['hang', { hang: true }, TimeoutError, 0],
  ];
  it.each(plans)(
    'under "%s", create is never duplicated and fails (if at all) with the right class',
    async (_name, fault, errorClass, creates) => {
      mock.api.faults.add({ method: 'POST', path: CONFIGS, times: Infinity, ...fault });
      const call = mock.client({ timeout: 100, deadline: 400 }).webhookConfigs.create({ url: RECEIVER });
      if (errorClass) {
        const error = await rejectionOf(call);
        expect(error).toBeInstanceOf(errorClass);
        expect((error as RicloudError).mayHaveSucceeded).toBe(true);
        // Said in the message too, which is all a log or a terminal shows.
        expect((error as RicloudError).message).toContain('; the request may have been applied');
        expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
      } else {
        await call;
      }
      await vi.waitFor(() => expect(mock.api.created.webhook_config).toBe(creates), { timeout: 5000 });
      await sleep(100);
      expect(mock.api.created.webhook_config).toBe(creates);
    },
  );
});

/**
 * Retries of reads and updates: which failures are retried, how long the SDK waits (backoff with full jitter, or the
 * server's Retry-After up to a cap), how many times, and what the final error carries.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  type Client,
  ConnectionError,
  configure,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestError,
  RicloudError,
  ServerError,
  TimeoutError,
  WebhookConfig,
} from '../../src/index';
import { BACKOFF_BASE_MS } from '../../src/core/retry';
import { MAX_RETRY_AFTER_MS } from '../../src/core/retry-after';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { recordingRetries, seedConfig, sent, since } from './support';

const { api, client } = useMockApi();
const CONFIGS = '/configs/webhook';

/** `fetch`, with each answer's `Date` header set to `date` (left as it is when undefined). */
const withDate =
  (date: string | undefined): typeof fetch =>
  async (input, init) => {
    const answer = await fetch(input, init);
    if (date === undefined) return answer;
    const headers = new Headers(answer.headers);
    headers.set('date', date);
    return new Response(answer.body, { status: answer.status, headers });
  };

/** A config in the mock, and the path to it. */
const seed = (c: Client = client()) => seedConfig(c);

describe('reads and updates are retried on transient failures', () => {
  it.each([
    [408, RequestError],
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
    [504, ServerError],
  ])('retrieve is retried after HTTP %i and then succeeds', async (status, errorClass) => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status, retryAfter: 0 });
    const { retries, options } = recordingRetries();
    const got = await client().webhookConfigs.retrieve(config.id, options);
    expect(got.id).toBe(config.id);
    expect(sent(api, 'GET', path)).toBe(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(errorClass);
    expect(retries[0]?.error.status).toBe(status);
  });

  it('an update is retried after a 503: sending the same change twice is harmless', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'POST', path, status: 503, retryAfter: 0 });
    const updated = await client().webhookConfigs.update(config.id, { state: 'deactivated' });
    expect(updated.state).toBe('deactivated');
    expect(sent(api, 'POST', path)).toBe(2);
  });

  it('a delete is retried after a 503: deleting twice ends the same way', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'DELETE', path, status: 503, retryAfter: 0 });
    const { retries, options } = recordingRetries();
    const gone = await client().webhookConfigs.delete(config.id, options);
    expect(gone.id).toBe(config.id);
    expect(sent(api, 'DELETE', path)).toBe(2);
    expect(retries.map((r) => r.error)).toEqual([expect.any(ServerError)]);
  });

  it('a read whose attempt is cut at its timeout is sent again, and the retry succeeds', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, hang: true });
    const { retries, options } = recordingRetries();
    // A timeout long enough for the retry on a loaded machine; only the first attempt hangs.
    const got = await client({ timeout: 1500 }).webhookConfigs.retrieve(config.id, options);
    expect(got.id).toBe(config.id);
    expect(sent(api, 'GET', path)).toBe(2);
    expect(retries.map((r) => r.error)).toEqual([expect.any(TimeoutError)]);
  });

  it('a list is retried after a dropped connection', async () => {
    await seed();
    api.faults.add({ method: 'GET', path: CONFIGS, reset: 'before' });
    const { retries, options } = recordingRetries();
    const page = await client().webhookConfigs.list({}, options);
    expect(page.data).toHaveLength(1);
    expect(retries.map((r) => r.error)).toEqual([expect.any(ConnectionError)]);
  });

  it.each([
    [400, RequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, RequestError],
  ])('HTTP %i is not retried and surfaces as its own RequestError class', async (status, errorClass) => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status });
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).status).toBe(status);
    expect((error as RequestError).request.attempts).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
  });

  it.each([501, 505])(
    'HTTP %i, a 5xx outside the retried ones, is not retried: ServerError at once',
    async (status) => {
      const { config, path } = await seed();
      api.faults.add({ method: 'GET', path, status, retryAfter: 0 });
      const error = await rejectionOf(client().webhookConfigs.retrieve(config.id));
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ServerError).status).toBe(status);
      expect((error as ServerError).request.attempts).toBe(1);
      expect(sent(api, 'GET', path)).toBe(1);
    },
  );

  it('gives up after maxRetries (default 2): three attempts, then the last error', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0, times: Infinity });
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).request.attempts).toBe(3);
    expect(sent(api, 'GET', path)).toBe(3);
  });

  it('maxRetries is set on the client, with configure(), and per request (the request wins)', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0, times: Infinity });
    const attempts = async (call: Promise<unknown>) => ((await rejectionOf(call)) as ServerError).request.attempts;

    expect(await attempts(client({ maxRetries: 0 }).webhookConfigs.retrieve(config.id))).toBe(1);
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off', maxRetries: 1 });
    expect(await attempts(WebhookConfig.retrieve(config.id))).toBe(2);
    expect(await attempts(client({ maxRetries: 0 }).webhookConfigs.retrieve(config.id, { maxRetries: 3 }))).toBe(4);
    expect(await attempts(client({ maxRetries: 4 }).webhookConfigs.retrieve(config.id, { maxRetries: 0 }))).toBe(1);
  });
});

describe('backoff: exponential steps from 0.5 s with full jitter, capped', () => {
  it('the first retry waits below 500 ms and the second below 1000 ms', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, times: 2 });
    const { retries, options } = recordingRetries();
    await client().webhookConfigs.retrieve(config.id, options);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    const [first, second] = retries.map((r) => r.delayMs) as [number, number];
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(BACKOFF_BASE_MS);
    expect(second).toBeGreaterThanOrEqual(0);
    expect(second).toBeLessThan(2 * BACKOFF_BASE_MS);
  });

  it('each step doubles: with the jitter at its top, the delays are 499 ms then 999 ms', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, times: 2 });
    const { retries, options } = recordingRetries();
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    try {
      await client().webhookConfigs.retrieve(config.id, options);
    } finally {
      vi.restoreAllMocks();
    }
    expect(retries.map((r) => r.delayMs)).toEqual([499, 999]);
  });

  it('the step stops doubling at 8 s: the sixth retry waits below 8 s, not 16 s', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, times: Infinity });
    // The jitter picks 0 (no sleep) until the fifth retry is chosen, then its top for the sixth.
    let top = false;
    vi.spyOn(Math, 'random').mockImplementation(() => (top ? 0.999 : 0));
    const controller = new AbortController();
    const delays: number[] = [];
    try {
      const call = client({ maxRetries: 6 }).webhookConfigs.retrieve(config.id, {
        signal: controller.signal,
        onRetry: ({ attempt, delayMs }) => {
          delays.push(delayMs);
          top = attempt >= 5;
          // Aborting from the hook ends the call before it sleeps: only the chosen delay is wanted here.
          if (attempt === 6) controller.abort();
        },
      });
      await rejectionOf(call);
    } finally {
      vi.restoreAllMocks();
    }
    expect(delays).toEqual([0, 0, 0, 0, 0, Math.floor(0.999 * 8_000)]);
  });

  it('full jitter spreads the first delay over [0, 500 ms)', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, times: Infinity });
    const delays: number[] = [];
    for (let i = 0; i < 16; i++) {
      // Aborting from the hook ends the call before it sleeps: only the chosen delay is wanted here.
      const controller = new AbortController();
      const call = client().webhookConfigs.retrieve(config.id, {
        signal: controller.signal,
        onRetry: ({ delayMs }) => {
          delays.push(delayMs);
          controller.abort();
        },
      });
      await rejectionOf(call);
    }
    expect(delays).toHaveLength(16);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(BACKOFF_BASE_MS);
    }
    expect(new Set(delays).size).toBeGreaterThan(4);
  });
});

describe('Retry-After', () => {
  it('in seconds: the SDK waits exactly the advised delay instead of the backoff', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 429, retryAfter: 1 });
    const { retries, options } = recordingRetries();
    await client().webhookConfigs.retrieve(config.id, options);
    expect(retries.map((r) => r.delayMs)).toEqual([1000]);
    expect(retries[0]?.error).toBeInstanceOf(RateLimitError);
  });

  it.each([
    ['without a Date header', undefined],
    ['with a Date header that is no date', 'Sun, 32 Nov 1994 08:49:37 GMT'],
  ])('as an HTTP date, %s: the SDK waits until that date by the local clock', async (_, date) => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: new Date(Date.now() + 10_000).toUTCString() });
    const controller = new AbortController();
    let delay = -1;
    const error = await rejectionOf(
      client({ fetch: withDate(date) }).webhookConfigs.retrieve(config.id, {
        signal: controller.signal,
        onRetry: ({ delayMs }) => {
          delay = delayMs;
          controller.abort();
        },
      }),
    );
    expect(error.name).toBe('AbortError');
    // HTTP dates have whole seconds: 10 s ahead is 9 to 10 s away, less the time the call took to get there.
    expect(delay).toBeGreaterThan(5000);
    expect(delay).toBeLessThanOrEqual(10_000);
  });

  it('past the 60 s cap: fails at once with a RateLimitError that carries the advice', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 429, retryAfter: 120 });
    const { retries, options } = recordingRetries();
    const start = Date.now();
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect((error as RateLimitError).request.attempts).toBe(1);
    expect(error.message).toContain('retry after 120 s');
    expect(retries).toEqual([]);
    expect(since(start)).toBeLessThan(MAX_RETRY_AFTER_MS);
  });

  it('past the cap as an HTTP date, on a 503: fails at once with a ServerError that carries the advice', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: new Date(Date.now() + 10 * 60_000).toUTCString() });
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfter).toBeGreaterThan(590);
    expect((error as ServerError).retryAfter).toBeLessThanOrEqual(600);
    expect(sent(api, 'GET', path)).toBe(1);
  });

  it('an advice that would outlive the deadline is not slept on: fails at once with it', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 429, retryAfter: 5 });
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id, { deadline: 1000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(5);
    expect(sent(api, 'GET', path)).toBe(1);
  });
});

describe('Retry-After in another form', () => {
  it.each(['0x14', '1e3', '20.5', '-5', '5 s', 'soon', 'Sunday, 06-Nov-94 08:49:37 GMT'])(
    'of "%s" is no advice: the retry waits the backoff, and the error carries no retryAfter',
    async (advice) => {
      const { config, path } = await seed();
      api.faults.add({ method: 'GET', path, status: 429, retryAfter: advice });
      const { retries, options } = recordingRetries();
      await client().webhookConfigs.retrieve(config.id, options);
      expect(retries).toHaveLength(1);
      expect(retries[0]?.delayMs).toBeLessThan(BACKOFF_BASE_MS);
      api.faults.add({ method: 'GET', path, status: 429, retryAfter: advice });
      const error = (await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.retrieve(config.id))) as RateLimitError;
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.retryAfter).toBeUndefined();
      expect(error.message).not.toContain('retry after');
    },
  );

  it('an HTTP date in the past means at once, and the error says 0 s', async () => {
    const { config, path } = await seed();
    const past = new Date(Date.now() - 60_000).toUTCString();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: past });
    const { retries, options } = recordingRetries();
    await client().webhookConfigs.retrieve(config.id, options);
    expect(retries.map((r) => r.delayMs)).toEqual([0]);
    api.faults.add({ method: 'GET', path, status: 429, retryAfter: past });
    const error = (await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.retrieve(config.id))) as RateLimitError;
    expect(error.retryAfter).toBe(0);
    expect(error.message).toContain('retry after 0 s');
  });

  it("whole seconds too many to count (400 digits) are advice past the cap, read as a Date's range", async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 429, retryAfter: '9'.repeat(400) });
    const error = (await rejectionOf(client().webhookConfigs.retrieve(config.id))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(sent(api, 'GET', path)).toBe(1);
    // 8.64e15 ms: a number a log or JSON keeps (Infinity is null there).
    expect(error.retryAfter).toBe(8_640_000_000_000);
    expect(error.toJSON().retryAfter).toBe(8_640_000_000_000);
    expect(error.message).toBe(
      `webhook_config ${config.id}: rate limited (429 rate-limited); retry after 8640000000000 s`,
    );
  });

  it('whole seconds are read as they are: 2 is 2000 ms, and the error says 2 s', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 429, retryAfter: '2', times: 2 });
    const error = (await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.retrieve(config.id))) as RateLimitError;
    expect(error.retryAfter).toBe(2);
    expect(error.message).toBe(`webhook_config ${config.id}: rate limited (429 rate-limited); retry after 2 s`);
  });
});

describe('what the final error carries', () => {
  it('the method, the path, the whole URL, the attempt count and the request id; never the token', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 502, retryAfter: 0, times: Infinity });
    const error = (await rejectionOf(client().webhookConfigs.retrieve(config.id))) as ServerError;
    expect(error).toBeInstanceOf(RicloudError);
    expect(error.request).toEqual({
      method: 'GET',
      path,
      url: `${api.baseUrl}${path}`,
      attempts: 3,
      requestId: expect.stringMatching(/^req_/),
    });
    expect(error.message).not.toContain(TOKEN_A);
    expect(JSON.stringify(error)).not.toContain(TOKEN_A);
  });

  it('RateLimitError, AuthenticationError, PermissionDeniedError and NotFoundError are RequestErrors', () => {
    for (const errorClass of [RateLimitError, AuthenticationError, PermissionDeniedError, NotFoundError]) {
      expect(errorClass.prototype).toBeInstanceOf(RequestError);
      expect(errorClass.prototype).toBeInstanceOf(RicloudError);
    }
  });
});

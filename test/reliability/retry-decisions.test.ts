/**
 * Each retry decision, seen from outside: a read whose body breaks after the headers is retried by the same policy
 * and count as any failed attempt, a `Retry-After` past the cap or a backoff past the deadline ends the call at once
 * with the failure being retried, and an aborted call is not retried. Only attempts, errors, what the server saw and
 * the hooks are asserted; the jitter is pinned so that backoffs last a few ms.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  type Client,
  ConnectionError,
  RateLimitError,
  ResponseTooLargeError,
  type RicloudError,
  ServerError,
  TimeoutError,
} from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { RECEIVER, recordingRetries, seedConfig, sent } from './support';

const { api, client } = useMockApi();
const CONFIGS = '/configs/webhook';

/** A config in the mock, and the path to it. */
const seed = (c: Client = client()) => seedConfig(c);

const attemptsOf = (error: Error) => (error as RicloudError).request?.attempts;

// Full jitter picks 1 % of each backoff step: 5 ms, then 10 ms, then 20 ms.
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0.01);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a read whose body breaks after the headers', () => {
  it('is retried with backoff, counting attempts, and the retry succeeds', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, truncate: true, times: 2 });
    const { retries, options } = recordingRetries();
    const got = await client({ maxRetries: 2 }).webhookConfigs.retrieve(config.id, options);
    expect(got.id).toBe(config.id);
    expect(sent(api, 'GET', path)).toBe(3);
    expect(retries.map(({ attempt, delayMs }) => ({ attempt, delayMs }))).toEqual([
      { attempt: 1, delayMs: 5 },
      { attempt: 2, delayMs: 10 },
    ]);
    expect(retries.map((r) => r.error)).toEqual([expect.any(ConnectionError), expect.any(ConnectionError)]);
  });

  it('with more faults than retries: ConnectionError after exactly maxRetries + 1 attempts', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, truncate: true, times: Infinity });
    const { retries, options } = recordingRetries();
    const error = await rejectionOf(client({ maxRetries: 2 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attemptsOf(error)).toBe(3);
    expect(sent(api, 'GET', path)).toBe(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('with maxRetries 0: ConnectionError after one attempt, no retry', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, truncate: true, times: Infinity });
    const { retries, options } = recordingRetries();
    const error = await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attemptsOf(error)).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });

  it('shares the retry count with the retries ky makes next: body retries, then 503s until the limit', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, truncate: true, times: 2 });
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0, times: Infinity });
    const { retries, options } = recordingRetries();
    const error = await rejectionOf(client({ maxRetries: 3 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ServerError);
    expect(attemptsOf(error)).toBe(4);
    expect(sent(api, 'GET', path)).toBe(4);
    expect(retries.map(({ attempt, delayMs }) => ({ attempt, delayMs }))).toEqual([
      { attempt: 1, delayMs: 5 },
      { attempt: 2, delayMs: 10 },
      { attempt: 3, delayMs: 0 },
    ]);
    expect(retries.map((r) => r.error)).toEqual([
      expect.any(ConnectionError),
      expect.any(ConnectionError),
      expect.any(ServerError),
    ]);
  });

  it('past the size cap is not retried: ResponseTooLargeError after one attempt', async () => {
    const { config, path } = await seed();
    const { retries, options } = recordingRetries();
    const error = await rejectionOf(client({ maxResponseBytes: 16 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(attemptsOf(error)).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });

  it('of a create is not retried, even after a 429 was: the server may have acted', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, status: 429, retryAfter: 0 });
    api.faults.add({ method: 'POST', path: CONFIGS, truncate: true });
    const { retries, options } = recordingRetries();
    const error = await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }, options));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
    expect(attemptsOf(error)).toBe(2);
    expect(sent(api, 'POST', CONFIGS)).toBe(2);
    expect(retries.map((r) => r.error)).toEqual([expect.any(RateLimitError)]);
  });
});

describe('Retry-After past the cap', () => {
  it('61 s fails at once with the advice, though the deadline (90 s) would allow it', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 61, times: Infinity });
    const controller = new AbortController();
    // Should the SDK sleep, the test ends it.
    const { retries, options } = recordingRetries({ signal: controller.signal, onRetry: () => controller.abort() });
    const error = await rejectionOf(client({ timeout: 30_000 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfter).toBe(61);
    expect(attemptsOf(error)).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });

  it('60 s, the cap itself, is obeyed: the SDK goes to sleep for it', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 60, times: Infinity });
    const controller = new AbortController();
    const { retries, options } = recordingRetries({ signal: controller.signal, onRetry: () => controller.abort() });
    const error = await rejectionOf(client({ timeout: 30_000 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(AbortError);
    expect(retries.map(({ attempt, delayMs }) => ({ attempt, delayMs }))).toEqual([{ attempt: 1, delayMs: 60_000 }]);
    expect(sent(api, 'GET', path)).toBe(1);
  });
});

describe('a wait that would end past the deadline', () => {
  it('is not slept: the failure being retried ends the call at once', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 1, times: Infinity });
    const { retries, options } = recordingRetries();
    // A deadline of 600 ms (3 × timeout), shorter than the advised second.
    const error = await rejectionOf(client({ timeout: 200 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfter).toBe(1);
    expect(attemptsOf(error)).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });

  it('is not slept when it would end exactly at the deadline', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 50, times: Infinity });
    // A clock that stands still: the advised 50 s end exactly at the 50 s deadline.
    vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    const controller = new AbortController();
    const { retries, options } = recordingRetries({
      deadline: 50_000,
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    const error = await rejectionOf(client({ timeout: 30_000 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ServerError);
    expect(attemptsOf(error)).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });

  it('is not slept either when the wall clock steps back: elapsed time says it does not fit', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 2, times: Infinity });
    const now = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now() + offset);
    // The wall clock steps back 5 s as the 503 arrives: by the date, the 2 s advised would fit in the 1 s deadline.
    const stepBack = () => void (offset = -5_000);
    const { retries, options } = recordingRetries({ deadline: 1_000, onResponse: stepBack });
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfter).toBe(2);
    expect(attemptsOf(error)).toBe(1);
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });
});

describe('a call past its deadline', () => {
  it('is not retried, even when the clock stepped back says there is time left', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, hang: true });
    const now = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now() + offset);
    const stepBack = () => void (offset = -5_000);
    const { retries, options } = recordingRetries({ deadline: 500, onRequest: stepBack });
    const error = await rejectionOf(client().webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(attemptsOf(error)).toBe(1);
    // The attempt's own failure reaches ky after the call has ended: let it, and see that nothing is retried.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });
});

describe('a wall clock stepped forward mid-call (NTP, a resumed VM)', () => {
  it('neither ends the call nor stops its retries: it counts elapsed time, not the date', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0 });
    const now = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now() + offset);
    const durations: number[] = [];
    const onResponse = ({ durationMs }: { durationMs: number }) => {
      durations.push(durationMs);
      offset = 3_600_000;
    };
    const { retries, options } = recordingRetries({ deadline: 10_000, onResponse });
    const fresh = await client().webhookConfigs.retrieve(config.id, options);
    expect(fresh.id).toBe(config.id);
    expect(sent(api, 'GET', path)).toBe(2);
    expect(retries.map((r) => r.error)).toEqual([expect.any(ServerError)]);
    // The second attempt took milliseconds, not the hour the clock jumped.
    expect(durations[1]).toBeLessThan(3_600_000);
  });
});

describe('an aborted call', () => {
  it('is not retried: AbortError, one attempt, no retry even after the call has ended', async () => {
    const { config, path } = await seed();
    api.faults.add({ method: 'GET', path, hang: true, times: Infinity });
    const controller = new AbortController();
    const { retries, options } = recordingRetries({
      signal: controller.signal,
      onRequest: () => void setTimeout(() => controller.abort(), 10),
    });
    const error = await rejectionOf(client({ timeout: 30_000 }).webhookConfigs.retrieve(config.id, options));
    expect(error).toBeInstanceOf(AbortError);
    expect(attemptsOf(error)).toBe(1);
    // The attempt's own failure reaches ky after the call has ended: let it, and see that nothing is retried.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent(api, 'GET', path)).toBe(1);
    expect(retries).toEqual([]);
  });
});

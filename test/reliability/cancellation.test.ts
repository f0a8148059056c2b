/**
 * Cancellation: the caller's AbortSignal stops the request in flight, a backoff sleep, a list between its pages, and
 * `task.wait()`. The call rejects with AbortError (a RicloudError) whose `cause` is the signal's reason, and whose
 * message says in one wording what was aborted, whether anything was sent, and whether a create may have been applied.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { AbortError, RicloudError } from '../../src/index';
import { rejectionOf } from '../support/core-harness';
import { RECEIVER, sent, since, useMockServer } from './support';

const CONFIGS = '/configs/webhook';
const MARGIN = 1000;

// Tasks take 3 × 400 ms here, so there is time to abort a wait.
const mock = useMockServer({ taskDelay: 400 });

/** A reason object, so the test can check it is passed through untouched. */
const reason = () => new Error('the user closed the page');

describe('AbortSignal', () => {
  it('an already aborted signal: AbortError before anything is sent', async () => {
    const controller = new AbortController();
    const why = reason();
    controller.abort(why);
    const error = await rejectionOf(
      mock.client().webhookConfigs.create({ url: RECEIVER }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(RicloudError);
    expect(error.message).toBe('create webhook_config: aborted before sending');
    expect(error.cause).toBe(why);
    expect((error as AbortError).request).toEqual({ method: 'POST', path: CONFIGS, attempts: 0 });
    expect((error as AbortError).mayHaveSucceeded).toBe(false);
    expect(mock.api.requests).toHaveLength(0);
  });

  it('stops a request in flight: AbortError with the reason as cause, and no retry', async () => {
    const config = await mock.client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}`;
    mock.api.faults.add({ method: 'GET', path, hang: true });
    const controller = new AbortController();
    const why = reason();
    setTimeout(() => controller.abort(why), 100);
    const start = Date.now();
    const error = await rejectionOf(
      mock.client({ timeout: 30_000 }).webhookConfigs.retrieve(config.id, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe(`webhook_config ${config.id}: aborted`);
    expect(error.cause).toBe(why);
    expect((error as AbortError).request?.attempts).toBe(1);
    // A read changes nothing on the server, whenever it was stopped.
    expect((error as AbortError).mayHaveSucceeded).toBe(false);
    expect(since(start)).toBeLessThan(100 + MARGIN);
    expect(sent(mock.api, 'GET', path)).toBe(1);
  });

  it('stops a backoff sleep at once, without sending the retry', async () => {
    const config = await mock.client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}`;
    mock.api.faults.add({ method: 'GET', path, status: 503, retryAfter: 30, times: Infinity });
    const controller = new AbortController();
    let slept = 0;
    const start = Date.now();
    const call = mock.client({ deadline: 60_000 }).webhookConfigs.retrieve(config.id, {
      signal: controller.signal,
      onRetry: ({ delayMs }) => {
        slept = delayMs;
        setTimeout(() => controller.abort(), 100);
      },
    });
    const error = await rejectionOf(call);
    expect(slept).toBe(30_000);
    expect(error).toBeInstanceOf(AbortError);
    // A plain abort()'s reason says nothing more than "aborted": it is not repeated.
    expect(error.message).toBe(`webhook_config ${config.id}: aborted`);
    expect(error.cause).toBeInstanceOf(DOMException);
    expect((error.cause as DOMException).name).toBe('AbortError');
    expect(since(start)).toBeLessThan(100 + MARGIN);
    expect(sent(mock.api, 'GET', path)).toBe(1);
  });

  it('stops the read of an error answer whose body stalls, from a fetch whose stream ignores the signal', async () => {
    // A 500 that sends its headers and never ends its body, as a proxy wrapper's fetch (or msw in process) may.
    const stalled: typeof fetch = async () =>
      new Response(new ReadableStream({ start: (body) => body.enqueue(new TextEncoder().encode('{"error":')) }), {
        status: 500,
      });
    const controller = new AbortController();
    const why = reason();
    const start = Date.now();
    const error = await rejectionOf(
      mock.client({ fetch: stalled, timeout: 30_000, maxRetries: 0 }).webhookConfigs.retrieve('wc_1', {
        signal: controller.signal,
        onResponse: () => void setTimeout(() => controller.abort(why), 50),
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe(why);
    expect(since(start)).toBeLessThan(50 + MARGIN);
  });

  it('leaves no attempt timer running once it ends, even if fetch ignores the signal and never answers', async () => {
    const ATTEMPT_MS = 29_000;
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const controller = new AbortController();
      const error = await rejectionOf(
        mock
          .client({ fetch: () => new Promise<Response>(() => undefined), timeout: ATTEMPT_MS })
          .webhookConfigs.retrieve('wc_1', {
            signal: controller.signal,
            onRequest: () => void setTimeout(() => controller.abort(), 20),
          }),
      );
      expect(error).toBeInstanceOf(AbortError);
      // Each attempt's timer (ky's `timeout`), which would keep a script alive for 29 s after the call ended.
      const attemptTimers = setTimer.mock.calls.flatMap(([, ms], i) =>
        ms === ATTEMPT_MS ? [setTimer.mock.results[i]?.value] : [],
      );
      expect(attemptTimers).toHaveLength(1);
      await vi.waitFor(() =>
        expect(clearTimer.mock.calls.map(([timer]) => timer)).toEqual(expect.arrayContaining(attemptTimers)),
      );
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
    }
  });

  it('a create aborted in flight may have been applied', async () => {
    mock.api.faults.add({ method: 'POST', path: CONFIGS, latency: 1000 });
    const controller = new AbortController();
    const call = rejectionOf(mock.client().webhookConfigs.create({ url: RECEIVER }, { signal: controller.signal }));
    // Aborted once the server has the request, however slowly a loaded machine got it there.
    await vi.waitFor(() => expect(sent(mock.api, 'POST', CONFIGS)).toBe(1), { interval: 5 });
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).mayHaveSucceeded).toBe(true);
    expect(error.message).toBe('create webhook_config: aborted; the request may have been applied');
    expect(sent(mock.api, 'POST', CONFIGS)).toBe(1);
    // And it did: the slow server creates the config after the caller gave up.
    await vi.waitFor(() => expect(mock.api.created.webhook_config).toBe(1), { timeout: 5000 });
  });

  it('a create aborted once begun, before its first attempt: aborted before sending, not applied', async () => {
    const controller = new AbortController();
    const why = reason();
    const attempts: number[] = [];
    const client = mock.client({ onRequest: ({ attempt }) => void attempts.push(attempt) });
    // The one window between the call's start (it follows the signal from then on) and its first attempt is the
    // synchronous work of building the request. A header read there aborts, and its value, valid when the options
    // were checked, stops ky building the request before its first attempt (ky runs its beforeRequest hooks, which
    // count the attempt, even on an aborted signal: an abort alone would leave one counted).
    let started = false;
    const headers = {
      get 'x-trace'() {
        started ||= getEventListeners(controller.signal, 'abort').length > 0;
        if (started) controller.abort(why);
        return started ? 'on\nmore' : 'on';
      },
    };
    const error = await rejectionOf(
      client.webhookConfigs.create({ url: RECEIVER }, { signal: controller.signal, headers }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('create webhook_config: aborted before sending');
    expect(error.cause).toBe(why);
    expect((error as AbortError).mayHaveSucceeded).toBe(false);
    expect((error as AbortError).request).toMatchObject({ method: 'POST', path: CONFIGS, attempts: 0 });
    expect(attempts).toEqual([]);
    expect(sent(mock.api, 'POST', CONFIGS)).toBe(0);
  });

  it('stops a list iterated with for await between two pages, before the next page is sent', async () => {
    const client = mock.client();
    for (let i = 0; i < 3; i++) await client.webhookConfigs.create({ url: RECEIVER });
    const controller = new AbortController();
    const why = reason();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const config of client.webhookConfigs.list({ limit: 2 }, { signal: controller.signal })) {
          seen.push(config.id);
          // The last item of the first page: the next page is not asked for yet.
          if (seen.length === 2) controller.abort(why);
        }
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('webhook_config list: aborted before sending');
    expect(error.cause).toBe(why);
    expect((error as AbortError).request).toMatchObject({ method: 'GET', path: CONFIGS, attempts: 0 });
    expect(sent(mock.api, 'GET', CONFIGS)).toBe(1);
  });

  it('stops task.wait() while the server holds the long-poll', async () => {
    const client = mock.client();
    const config = await client.webhookConfigs.create({ url: RECEIVER });
    const task = await config.test();
    expect(task.done).toBe(false);
    const controller = new AbortController();
    const why = reason();
    setTimeout(() => controller.abort(why), 100);
    const start = Date.now();
    const error = await rejectionOf(task.wait({ signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe(`task ${task.id} wait: aborted`);
    expect(error.cause).toBe(why);
    expect(since(start)).toBeLessThan(100 + MARGIN);
    const polls = mock.api.requests.filter((r) => r.path === `/tasks/${task.id}`);
    expect(polls).toHaveLength(1);
    expect(polls[0]?.headers['ricloud-await']).toBeDefined();
  });

  it('stops task.wait() while it sleeps between polls (a server that answers at once)', async () => {
    // A fetch that drops Ricloud-Await: the server answers at once and wait() falls back to polling.
    const impatient: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      request.headers.delete('ricloud-await');
      return fetch(request);
    };
    const client = mock.client({ fetch: impatient });
    const config = await client.webhookConfigs.create({ url: RECEIVER });
    const task = await config.test();
    const controller = new AbortController();
    const why = reason();
    // The first refresh comes back at once; the abort lands in the 500 ms pause after it.
    setTimeout(() => controller.abort(why), 200);
    const start = Date.now();
    const error = await rejectionOf(task.wait({ signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe(`task ${task.id} wait: aborted`);
    expect(error.cause).toBe(why);
    expect((error as AbortError).mayHaveSucceeded).toBe(false);
    expect(since(start)).toBeLessThan(200 + MARGIN);
    expect(sent(mock.api, 'GET', `/tasks/${task.id}`)).toBe(1);
  });
});

describe('a long-lived signal shared by many calls', () => {
  it(
    'is never combined into another signal and keeps no listener once each call ends (Node 20 ' +
      'would keep every composite)',
    async () => {
      const config = await mock.client().webhookConfigs.create({ url: RECEIVER });
      const shutdown = new AbortController();
      const any = vi.spyOn(AbortSignal, 'any');
      try {
        const c = mock.client();
        for (let i = 0; i < 5; i++) await c.webhookConfigs.retrieve(config.id, { signal: shutdown.signal });
        await c.webhookConfigs.list({}, { signal: shutdown.signal });
        // A retried call too: ky combines signals again for each attempt.
        mock.api.faults.add({ method: 'GET', path: `${CONFIGS}/${config.id}`, status: 503, retryAfter: 0 });
        await c.webhookConfigs.retrieve(config.id, { signal: shutdown.signal });
        expect(any).toHaveBeenCalled();
        expect(any.mock.calls.filter(([signals]) => [...signals].includes(shutdown.signal))).toEqual([]);
        expect(getEventListeners(shutdown.signal, 'abort')).toEqual([]);
      } finally {
        any.mockRestore();
      }
    },
  );

  it('20 concurrent calls sharing one signal print no MaxListenersExceededWarning', async () => {
    const config = await mock.client().webhookConfigs.create({ url: RECEIVER });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      const c = mock.client();
      const calls = Array.from({ length: 20 }, () => c.webhookConfigs.retrieve(config.id, { signal: shutdown.signal }));
      expect((await Promise.all(calls)).map((got) => got.id)).toEqual(Array(20).fill(config.id));
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings).toEqual([]);
      expect(getEventListeners(shutdown.signal, 'abort')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('aborting a signal shared by concurrent calls aborts every one of them', async () => {
    const config = await mock.client().webhookConfigs.create({ url: RECEIVER });
    mock.api.faults.add({ method: 'GET', path: `${CONFIGS}/${config.id}`, hang: true, times: Infinity });
    const shutdown = new AbortController();
    const c = mock.client({ timeout: 30_000 });
    const calls = Array.from({ length: 12 }, () =>
      rejectionOf(c.webhookConfigs.retrieve(config.id, { signal: shutdown.signal })),
    );
    setTimeout(() => shutdown.abort(), 50);
    expect((await Promise.all(calls)).map((error) => error.name)).toEqual(Array(12).fill('AbortError'));
  });
});

describe('many waits on one long-lived signal', () => {
  // Config tests that take seconds: on a loaded machine too, each of the 20 still runs when its 700 ms wait gives up.
  const slowTasks = useMockServer({ taskDelay: 1500 });

  it('20 parallel task waits on one signal, pausing between polls, print no MaxListenersExceededWarning', async () => {
    const c = slowTasks.client();
    const config = await c.webhookConfigs.create({ url: RECEIVER });
    const tasks = await Promise.all(Array.from({ length: 20 }, () => config.test()));
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      // Under a second each: no Ricloud-Await is sent, so every wait pauses 500 ms between polls, all at once.
      const waits = tasks.map((task) => rejectionOf(task.wait({ timeout: 700, signal: shutdown.signal })));
      expect((await Promise.all(waits)).map((error) => error.name)).toEqual(Array(20).fill('TimeoutError'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings).toEqual([]);
      expect(getEventListeners(shutdown.signal, 'abort')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

/**
 * `createWebhookHandler`'s `handlerTimeout`: handlers that do not settle in time get a 503 (the API retries), their
 * signal aborts, and with `replay` the event id is freed, so a retry is handled instead of refused for good.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSignedRequest,
  createWebhookHandler,
  DEFAULT_HANDLER_TIMEOUT,
  type EventHandlerContext,
  MemoryReplayStore,
  type ReplayStore,
} from '../../src/webhooks/index';
import { expect503At, recorder, SECRET, taskSucceeded } from './support';

const deliver = async (handler: (request: Request) => Promise<Response>, id = 'evt_slow') => {
  const response = await handler(await createSignedRequest(taskSucceeded(id), SECRET));
  return { status: response.status, text: await response.text() };
};

/** A promise and the functions that settle it. */
function held() {
  let release = () => {};
  let fail = (_: unknown) => {};
  const promise = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

const never = () => new Promise<never>(() => {});

/** Lets the promise reactions queued so far run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('createWebhookHandler: handlerTimeout', () => {
  it('answers 503 when the handlers pass it, aborts their signal with a TimeoutError, and reports it', async () => {
    const contexts: EventHandlerContext[] = [];
    const { handler, errors } = recorder({
      replay: undefined,
      handlerTimeout: 200,
      on: {
        'task.succeeded': (_, context) => {
          contexts.push(context);
          return never();
        },
      },
      onAny: (_, context) => void contexts.push(context),
    });
    expect(await deliver(handler)).toEqual({
      status: 503,
      text: 'the webhook handlers did not finish within 200 ms (handlerTimeout)',
    });
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).toBe(contexts[1]);
    const signal = contexts[0]?.signal as AbortSignal;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect(signal.reason).toMatchObject({
      name: 'TimeoutError',
      message: 'the webhook handlers did not finish within 200 ms (handlerTimeout)',
    });
    expect(errors).toEqual([signal.reason]);
  });

  it('gives handlers that finish in time a signal that never aborts, and answers 200', async () => {
    const signals: AbortSignal[] = [];
    const { handler, errors } = recorder({ handlerTimeout: 1000, onAny: (_, { signal }) => void signals.push(signal) });
    expect(await deliver(handler)).toEqual({ status: 200, text: 'OK' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signals.map((signal) => signal.aborted)).toEqual([false]);
    expect(errors).toEqual([]);
  });

  it(
    'with replay, frees the event id at the timeout: a retry runs the handlers again while ' +
      'the first call still runs',
    async () => {
      let calls = 0;
      const { handler } = recorder({
        handlerTimeout: 200,
        on: { 'task.succeeded': () => (++calls === 1 ? never() : undefined) },
      });
      expect((await deliver(handler)).status).toBe(503);
      expect(await deliver(handler)).toEqual({ status: 200, text: 'OK' });
      // The retry was handled, so its id is recorded: a later copy is acknowledged without running the handlers.
      expect(await deliver(handler)).toEqual({ status: 200, text: 'OK (already received)' });
      expect(calls).toBe(2);
    },
  );

  it('refuses a copy that arrives before the timeout (400), as one being handled', async () => {
    const first = held();
    const { handler } = recorder({ handlerTimeout: 60_000, on: { 'task.succeeded': () => first.promise } });
    const answer = deliver(handler);
    await settle();
    expect((await deliver(handler)).status).toBe(400);
    first.release();
    expect((await answer).status).toBe(200);
  });

  it('records the id of a first call resolving past its timeout: a later copy is acknowledged, not rerun', async () => {
    const first = held();
    let calls = 0;
    const { handler, errors } = recorder({
      handlerTimeout: 200,
      on: {
        'task.succeeded': () => {
          calls++;
          return first.promise;
        },
      },
    });
    expect((await deliver(handler)).status).toBe(503);
    first.release();
    await settle();
    expect(await deliver(handler)).toEqual({ status: 200, text: 'OK (already received)' });
    expect(calls).toBe(1);
    expect(errors.map((error) => (error as Error).name)).toEqual(['TimeoutError', 'ReplayError']);
  });

  it('reports a handler that fails after its timeout', async () => {
    const first = held();
    const late = new Error('failed late');
    const { handler, errors } = recorder({
      handlerTimeout: 200,
      on: {
        'task.succeeded': async () => {
          await first.promise;
          throw late;
        },
      },
    });
    expect((await deliver(handler)).status).toBe(503);
    first.release();
    await settle();
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError' }), late]);
  });

  it('does not report twice a handler that stops with the abort it was given', async () => {
    const { handler, errors } = recorder({
      handlerTimeout: 200,
      onAny: (_, { signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    expect((await deliver(handler)).status).toBe(503);
    await settle();
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError' })]);
  });

  /** A delivery whose first call timed out (503) and whose retry now runs, each call's handler held until told. */
  async function retryAfterTimeout() {
    const first = held();
    const retry = held();
    let calls = 0;
    const { handler } = recorder({
      handlerTimeout: 200,
      on: { 'task.succeeded': () => (++calls === 1 ? first.promise : retry.promise) },
    });
    expect((await deliver(handler)).status).toBe(503);
    const retried = deliver(handler);
    await settle();
    return { first, retry, handler, retried, calls: () => calls };
  }

  it('keeps a running retry marked when the timed-out first call fails late: a copy meanwhile is refused', async () => {
    // A first call that fails records nothing: the retry runs, with a timeout of its own that will not pass.
    const { first, retry, handler, retried, calls } = await retryAfterTimeout();
    first.fail(new Error('failed late'));
    await settle();
    expect((await deliver(handler)).status).toBe(400);
    retry.release();
    expect((await retried).status).toBe(200);
    expect(calls()).toBe(2);
  });

  it('acknowledges a copy arriving while a retry runs once the timed-out first call recorded the id late', async () => {
    const { first, retry, handler, retried, calls } = await retryAfterTimeout();
    first.release();
    await settle();
    expect(await deliver(handler)).toEqual({ status: 200, text: 'OK (already received)' });
    retry.release();
    expect((await retried).status).toBe(200);
    expect(calls()).toBe(2);
  });

  it("acknowledges an event already handled by the delivery's handlerTimeout, however long onError takes", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // A lookup that takes most of the time: onError gets what is left, so the API gets its 200 in time.
    const replay: ReplayStore = {
      has: () => new Promise((resolve) => setTimeout(resolve, 60, true)),
      add: () => undefined,
    };
    const { handler } = recorder({ replay, handlerTimeout: 100, onError: never });
    let status: number | undefined;
    void handler(await createSignedRequest(taskSucceeded('evt_seen'), SECRET)).then((r) => (status = r.status));
    await vi.advanceTimersByTimeAsync(99);
    expect(status).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(status).toBe(200);
  });

  it(`waits ${DEFAULT_HANDLER_TIMEOUT} ms by default, then answers 503`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { handler } = recorder({ on: { 'task.succeeded': never } });
    await expect503At(handler, DEFAULT_HANDLER_TIMEOUT);
  });

  it(
    "leaves no timer behind once the handlers resolved, holds one up to setTimeout's ceiling, " +
      'and sets none past it',
    async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      expect((await deliver(recorder({ handlerTimeout: 60_000 }).handler)).status).toBe(200);
      expect(vi.getTimerCount()).toBe(0);

      const ceiling = held();
      const atCeiling = deliver(recorder({ handlerTimeout: 2_147_483_647, onAny: () => ceiling.promise }).handler);
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(1);
      ceiling.release();
      expect((await atCeiling).status).toBe(200);
      expect(vi.getTimerCount()).toBe(0);

      let answered = false;
      void deliver(recorder({ handlerTimeout: Infinity, onAny: never }).handler).then(() => {
        answered = true;
      });
      await vi.advanceTimersByTimeAsync(24 * 3600 * 1000);
      expect(answered).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it.each([0, -1, Number.NaN, '10s', null])('refuses to start with handlerTimeout %j, naming it', (handlerTimeout) => {
    expect(() => createWebhookHandler({ secret: SECRET, handlerTimeout: handlerTimeout as number })).toThrow(
      expect.objectContaining({
        name: 'InvalidInputError',
        field: 'options.handlerTimeout',
        message: 'options.handlerTimeout: must be a positive number of milliseconds (Infinity for no limit)',
      }),
    );
  });

  it('records nothing in the replay store for handlers that never settle', async () => {
    const replay = new MemoryReplayStore();
    const handler = createWebhookHandler({
      secret: SECRET,
      replay,
      handlerTimeout: 200,
      on: { 'task.succeeded': never },
    });
    expect((await deliver(handler, 'evt_never')).status).toBe(503);
    expect(replay.has('evt_never')).toBe(false);
  });
});

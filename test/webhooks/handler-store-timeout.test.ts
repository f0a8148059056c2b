/**
 * `createWebhookHandler`'s `handlerTimeout` bounds the replay store's calls and the secret function too: one that never
 * answers (a Redis client with no connection, a vault out of reach) gets the delivery a 503, not a request held open
 * for ever.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSignedRequest,
  DEFAULT_HANDLER_TIMEOUT,
  type EventHandlerContext,
  type ReplayStore,
} from '../../src/webhooks/index';
import { expect503At, recorder, SECRET, taskSucceeded } from './support';

const deliver = async (handler: (request: Request) => Promise<Response>, id = 'evt_store') => {
  const response = await handler(await createSignedRequest(taskSucceeded(id), SECRET));
  return { status: response.status, text: await response.text() };
};

const never = () => new Promise<never>(() => {});
/** Holds the thread for `ms`, as a synchronous secret function or store that is slow does. */
const hold = (ms: number) => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** A handler that settles on the next turn of the event loop, when a deadline already passed has fired. */
const nextTurn = { 'task.succeeded': () => new Promise<void>((resolve) => setTimeout(resolve, 0)) };

/** A store in memory whose lookups (`has`) or records (`add`) never answer while `hung` says so. */
function hangingStore(hung: { has?: boolean; add?: boolean }) {
  const ids = new Set<string>();
  const store: ReplayStore = {
    has: (id) => (hung.has ? never() : Promise.resolve(ids.has(id))),
    add: (id) => (hung.add ? never() : Promise.resolve(void ids.add(id))),
  };
  return { store, ids };
}

const storeTimedOut = (ms: number) => `the replay store did not answer within ${ms} ms (handlerTimeout)`;

afterEach(() => {
  vi.useRealTimers();
});

describe('createWebhookHandler: a replay store that does not answer within handlerTimeout', () => {
  it('answers 503 when the lookup never answers, runs no handler, reports a TimeoutError, frees the id', async () => {
    const hung = { has: true };
    const { store } = hangingStore(hung);
    const { handler, events, errors } = recorder({ replay: store, handlerTimeout: 200 });
    expect(await deliver(handler)).toEqual({ status: 503, text: storeTimedOut(200) });
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DOMException);
    expect(errors[0]).toMatchObject({ name: 'TimeoutError', message: storeTimedOut(200) });
    // The API's retry, once the store answers again, is handled: the id was not left marked as being handled.
    hung.has = false;
    expect(await deliver(handler)).toEqual({ status: 200, text: 'OK' });
    expect(events).toHaveLength(1);
  });

  it('answers 503 when the record never answers after the handlers resolved, and aborts their signal', async () => {
    const hung = { add: true };
    const { store, ids } = hangingStore(hung);
    const contexts: EventHandlerContext[] = [];
    const { handler, errors } = recorder({
      replay: store,
      handlerTimeout: 200,
      onAny: (_, context) => void contexts.push(context),
    });
    expect(await deliver(handler)).toEqual({ status: 503, text: storeTimedOut(200) });
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError', message: storeTimedOut(200) })]);
    expect(contexts[0]?.signal.reason).toBe(errors[0]);
    // Nothing was recorded, so the API's retry runs the handlers again rather than the event being lost.
    hung.add = false;
    expect(await deliver(handler)).toEqual({ status: 200, text: 'OK' });
    expect(contexts).toHaveLength(2);
    expect(ids).toEqual(new Set(['evt_store']));
  });

  it('answers 503 to a copy sent while the first is handled, if its lookup never answers; runs nothing', async () => {
    let lookups = 0;
    let runs = 0;
    const store: ReplayStore = { has: () => (++lookups === 1 ? false : never()), add: () => undefined };
    const { handler } = recorder({
      replay: store,
      handlerTimeout: 200,
      onAny: () => {
        runs++;
        return never();
      },
    });
    const first = deliver(handler);
    await vi.waitFor(() => expect(runs).toBe(1));
    expect(await deliver(handler)).toEqual({ status: 503, text: storeTimedOut(200) });
    expect(lookups).toBe(2);
    expect(runs).toBe(1);
    await first;
  });

  it('gives the lookup and the handlers one handlerTimeout between them, not one each', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const store: ReplayStore = {
      has: () => new Promise((resolve) => setTimeout(resolve, 60, false)),
      add: () => undefined,
    };
    const { handler } = recorder({ replay: store, handlerTimeout: 100, onAny: never });
    await expect503At(handler, 100);
  });

  it(`waits ${DEFAULT_HANDLER_TIMEOUT} ms by default for a store that never answers, then answers 503`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { handler } = recorder({ replay: hangingStore({ has: true }).store });
    await expect503At(handler, DEFAULT_HANDLER_TIMEOUT);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('names the store, not the handlers, when its lookup held the thread past handlerTimeout', async () => {
    const store: ReplayStore = {
      has: () => {
        hold(300);
        return false;
      },
      add: () => undefined,
    };
    const { handler, events, errors } = recorder({ replay: store, handlerTimeout: 200, on: nextTurn });
    expect(await deliver(handler)).toEqual({ status: 503, text: storeTimedOut(200) });
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError', message: storeTimedOut(200) })]);
  });

  it('reports a lookup that fails after its timeout, and keeps its message from the sender', async () => {
    let fail = (_: unknown) => {};
    const late = new Error('redis://:hunter2@cache.internal:6379 refused the connection');
    const store: ReplayStore = {
      has: () => new Promise((_, reject) => (fail = reject)),
      add: () => undefined,
    };
    const { handler, errors } = recorder({ replay: store, handlerTimeout: 200 });
    const answer = await deliver(handler);
    expect(answer).toEqual({ status: 503, text: storeTimedOut(200) });
    fail(late);
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(errors).toEqual([
      expect.objectContaining({ name: 'TimeoutError' }),
      expect.objectContaining({ name: 'RicloudError', cause: late }),
    ]);
    expect(String(errors[1])).not.toContain('hunter2');
  });
});

describe('createWebhookHandler: a secret function that does not answer within handlerTimeout', () => {
  it('answers 503, runs no handler, and reports a TimeoutError naming the secret function', async () => {
    let asked = 0;
    const { handler, events, errors } = recorder({
      handlerTimeout: 200,
      secret: () => (++asked === 1 ? never() : SECRET),
    });
    const message = 'the secret function did not answer within 200 ms (handlerTimeout)';
    expect(await deliver(handler)).toEqual({ status: 503, text: message });
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError', message })]);
    expect(await deliver(handler)).toEqual({ status: 200, text: 'OK' });
  });

  it('names the secret function, not the handlers, when it held the thread past handlerTimeout', async () => {
    const secret = () => {
      hold(300);
      return SECRET;
    };
    const { handler, events, errors } = recorder({ handlerTimeout: 200, secret, on: nextTurn });
    const message = 'the secret function did not answer within 200 ms (handlerTimeout)';
    expect(await deliver(handler)).toEqual({ status: 503, text: message });
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError', message })]);
  });

  it(`waits ${DEFAULT_HANDLER_TIMEOUT} ms for it by default, and reports what it throws later`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let fail = (_: unknown) => {};
    const late = new Error('vault://whsec_test_0123456789abcdef unreachable');
    const { handler, errors } = recorder({ secret: () => new Promise((_, reject) => (fail = reject)) });
    await expect503At(handler, DEFAULT_HANDLER_TIMEOUT);
    expect(vi.getTimerCount()).toBe(0);
    fail(late);
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(errors[1]).toBe(late);
  });
});

describe('createWebhookHandler: an onError that never settles', () => {
  it('delays the answer by handlerTimeout at most, and leaves it as it was', async () => {
    const { handler } = recorder({ handlerTimeout: 200, onError: never });
    const refused = await handler(await createSignedRequest(taskSucceeded(), 'whsec_another_secret'));
    expect(refused.status).toBe(400);
    expect(await deliver(handler, 'evt_logged')).toEqual({ status: 200, text: 'OK' });
    expect(await deliver(handler, 'evt_logged')).toEqual({ status: 200, text: 'OK (already received)' });
  });
});

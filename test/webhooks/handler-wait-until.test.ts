/**
 * A receiver's second argument, the platform's context (Workers' `ctx`): work still running when the delivery is
 * answered (handlers past `handlerTimeout`, a late `onError`, a late replay store) goes to its `waitUntil`, so an edge
 * runtime keeps the isolate alive for it. Without one, nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { createSignedRequest, type ReplayStore } from '../../src/webhooks/index';
import { recorder, SECRET, taskSucceeded } from './support';

/** A promise and the functions that settle it. */
function held<T = void>() {
  let release = (_: T) => {};
  let fail = (_: unknown) => {};
  const promise = new Promise<T>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

/** Like Workers' `ctx`: its `waitUntil` works only when called as its method. */
class ExecutionContext {
  readonly #kept: Promise<unknown>[] = [];
  waitUntil(promise: Promise<unknown>): void {
    this.#kept.push(promise);
  }
  get kept(): Promise<unknown>[] {
    return this.#kept;
  }
}

/** Lets the timers and promise reactions queued so far run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Whether `promise` settled by now; it must not reject. */
const isSettled = async (promise: Promise<unknown> | undefined) =>
  Promise.race([promise?.then(() => true), settle().then(() => false)]);

const delivery = (id = 'evt_edge') => createSignedRequest(taskSucceeded(id), SECRET);

describe("createWebhookHandler: the platform context's waitUntil", () => {
  it('gets the handlers that outlive handlerTimeout, settling once they end, their late failure reported', async () => {
    const handlers = held();
    const { handler, errors } = recorder({ handlerTimeout: 20, onAny: () => handlers.promise });
    const ctx = new ExecutionContext();
    expect((await handler(await delivery(), ctx)).status).toBe(503);
    expect(ctx.kept).toHaveLength(1);
    expect(await isSettled(ctx.kept[0])).toBe(false);
    const late = new Error('failed after the answer');
    handlers.fail(late);
    await expect(ctx.kept[0]).resolves.toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError' }), late]);
  });

  it('gets an onError that outlives handlerTimeout, and its rejection is caught', async () => {
    const logged = held();
    const { handler } = recorder({ handlerTimeout: 20, onError: () => logged.promise });
    const forged = await createSignedRequest(taskSucceeded(), 'not-the-secret');
    const ctx = new ExecutionContext();
    expect((await handler(forged, ctx)).status).toBe(400);
    expect(ctx.kept).toHaveLength(1);
    expect(await isSettled(ctx.kept[0])).toBe(false);
    logged.fail(new Error('the log service is down'));
    await expect(ctx.kept[0]).resolves.toBeUndefined();
  });

  it("gets a replay store's record that answers after handlerTimeout, settling once the id is recorded", async () => {
    const recorded = held();
    const ids = new Set<string>();
    const store: ReplayStore = { has: (id) => ids.has(id), add: (id) => recorded.promise.then(() => ids.add(id)) };
    const { handler, events } = recorder({ replay: store, handlerTimeout: 20 });
    const ctx = new ExecutionContext();
    expect((await handler(await delivery('evt_record'), ctx)).status).toBe(503);
    expect(events).toHaveLength(1);
    expect(ctx.kept).toHaveLength(1);
    recorded.release();
    await ctx.kept[0];
    expect(ids).toEqual(new Set(['evt_record']));
  });

  it("gets a replay store's lookup that fails after handlerTimeout, with the failure reported", async () => {
    const lookup = held<boolean>();
    const store: ReplayStore = { has: () => lookup.promise, add: () => {} };
    const { handler, events, errors } = recorder({ replay: store, handlerTimeout: 20 });
    const ctx = new ExecutionContext();
    expect((await handler(await delivery(), ctx)).status).toBe(503);
    expect(ctx.kept).toHaveLength(1);
    const down = new Error('the store is down');
    lookup.fail(down);
    await expect(ctx.kept[0]).resolves.toBeUndefined();
    expect(events).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ name: 'TimeoutError' }),
      expect.objectContaining({ name: 'RicloudError', cause: down }),
    ]);
  });

  it('gets nothing when every piece of work ends before the answer', async () => {
    const { handler } = recorder({ handlerTimeout: 1000 });
    const ctx = new ExecutionContext();
    expect((await handler(await delivery(), ctx)).status).toBe(200);
    expect(ctx.kept).toEqual([]);
  });

  it.each([
    ['no context', undefined],
    ["a context with no waitUntil (Deno's info, Next.js's params)", { params: {} }],
    [
      'a waitUntil that throws',
      {
        waitUntil: () => {
          throw new Error('too late');
        },
      },
    ],
  ])('answers as before, the work still running, with %s', async (_, context) => {
    const handlers = held();
    const { handler, errors } = recorder({ handlerTimeout: 20, onAny: () => handlers.promise });
    expect((await handler(await delivery(), context)).status).toBe(503);
    const late = new Error('failed after the answer');
    handlers.fail(late);
    await settle();
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError' }), late]);
  });
});

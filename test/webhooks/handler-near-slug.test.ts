/**
 * A handler under a misspelt slug (`on['task.succeded']`) is accepted, since the API may add actions, but once an
 * event one or two letters off its slug comes with no handler of its own, `onError` hears of it, once a key.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import { recorder, SECRET, taskSucceeded } from './support';

const deliver = async (handler: (request: Request) => Promise<Response>, event: object = taskSucceeded()) =>
  (await handler(await createSignedRequest(event, SECRET))).status;

afterEach(() => {
  vi.useRealTimers();
});

describe('createWebhookHandler: a slug one or two letters off an event no handler took', () => {
  it('reports it to onError once, naming the key and the slug, and answers 200 as before', async () => {
    const misspelt = vi.fn();
    const { handler, errors } = recorder({ on: { 'task.succeded': misspelt } });
    expect(await deliver(handler)).toBe(200);
    expect(await deliver(handler)).toBe(200);
    expect(misspelt).not.toHaveBeenCalled();
    expect(errors).toEqual([
      expect.objectContaining({
        name: 'InvalidInputError',
        field: "options.on['task.succeded']",
        message: "options.on['task.succeded']: no handler took a task.succeeded event; is this slug misspelt?",
      }),
    ]);
  });

  it.each(['task.suceeded', 'task.succeedde', 'task.succeeed', 'task.suxceeded', 'tsak.succeeded', 'task.succeeded.'])(
    'takes %s, a letter or two dropped, added, changed or swapped, for a misspelt task.succeeded',
    async (key) => {
      const { handler, errors } = recorder({ on: { [key]: () => {} } });
      expect(await deliver(handler)).toBe(200);
      expect(errors).toEqual([expect.objectContaining({ field: `options.on['${key}']` })]);
    },
  );

  it('says nothing of a slug further off, or of an event that has its own handler', async () => {
    const { handler, errors } = recorder({
      on: { 'task.failed': () => {}, 'task.cancelled': () => {}, 'poll.completed': () => {} },
    });
    expect(await deliver(handler)).toBe(200);
    expect(await deliver(handler, { ...taskSucceeded(), action: 'failed' })).toBe(200);
    expect(errors).toEqual([]);
  });

  it('hints at a misspelt slug of a type the SDK does not know, too', async () => {
    const { handler, errors } = recorder({ on: { 'subscription.renwed': () => {} } });
    const renewed = { ...taskSucceeded(), type: 'subscription', action: 'renewed', data: {} };
    expect(await deliver(handler, renewed)).toBe(200);
    expect(errors).toEqual([expect.objectContaining({ field: "options.on['subscription.renwed']" })]);
  });

  it('does not hold the answer for the hint: an onError that never settles leaves the 200 as prompt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { handler } = recorder({ on: { 'task.suceeded': () => {} }, onError: () => new Promise(() => {}) });
    let status: number | undefined;
    void deliver(handler).then((answered) => (status = answered));
    await vi.advanceTimersByTimeAsync(0);
    expect(status).toBe(200);
  });
});

/**
 * `createWebhookHandler` answers every delivery within one `handlerTimeout`, counted from the request's arrival: the
 * secret function, the body's arrival, the replay store, the handlers and the wait for `onError` share it, so a slow
 * logger or a slow secret function cannot hold a sender past it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import { expectStatusAt, OTHER_SECRET, recorder, SECRET, signed, taskSucceeded } from './support';

const never = () => new Promise<never>(() => {});
/** A promise that resolves with `value` after `ms`. */
const resolvesIn = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));
const delivery = (id = 'evt_deadline') => createSignedRequest(taskSucceeded(id), SECRET);

beforeEach(() => {
  // The clock too: a delivery's deadline is also read from it.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createWebhookHandler: one handlerTimeout per delivery, onError included', () => {
  it('answers a refusal after a slow secret function by handlerTimeout, however long onError takes', async () => {
    const { handler, errors } = recorder({
      handlerTimeout: 100,
      secret: () => resolvesIn(60, OTHER_SECRET),
      onError: (error) => {
        errors.push(error);
        return never();
      },
    });
    await expectStatusAt(handler, await delivery(), 100, 400);
    expect(errors).toEqual([expect.objectContaining({ name: 'SignatureVerificationError' })]);
  });

  it('answers 503 when a secret function never answers by handlerTimeout, not a second one for onError', async () => {
    const { handler } = recorder({ handlerTimeout: 100, secret: never, onError: never });
    await expectStatusAt(handler, await delivery(), 100, 503);
  });

  it('answers 500 for a handler that threw late by handlerTimeout, however long onError takes', async () => {
    const { handler } = recorder({
      handlerTimeout: 100,
      onAny: () => resolvesIn(60, undefined).then(() => Promise.reject(new Error('failed late'))),
      onError: never,
    });
    await expectStatusAt(handler, await delivery(), 100, 500);
  });

  it('waits for onError once for all the failures of a delivery, not once each', async () => {
    const { handler, errors } = recorder({
      handlerTimeout: 100,
      on: { 'task.succeeded': () => Promise.reject(new Error('on failed')) },
      onAny: () => Promise.reject(new Error('onAny failed')),
      onError: (error) => {
        errors.push(error);
        return never();
      },
    });
    await expectStatusAt(handler, await delivery(), 100, 500);
    expect(errors.map(String)).toEqual(['Error: on failed', 'Error: onAny failed']);
  });

  it('answers 503 for handlers that never settle at handlerTimeout, not a second one for onError', async () => {
    const { handler, errors } = recorder({
      handlerTimeout: 100,
      onAny: never,
      onError: (error) => {
        errors.push(error);
        return never();
      },
    });
    await expectStatusAt(handler, await delivery(), 100, 503);
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError' })]);
  });
});

describe('createWebhookHandler: a body that arrives after handlerTimeout, within bodyTimeout', () => {
  /** A signed delivery whose body arrives in two parts: the second once `rest` is called. */
  async function arrivingLate(body: string, secret = SECRET) {
    const wire = await signed(body, secret);
    const bytes = new TextEncoder().encode(wire.body);
    let rest = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 10));
        rest = () => {
          controller.enqueue(bytes.subarray(10));
          controller.close();
        };
      },
    });
    const request = new Request('http://localhost/webhooks', {
      method: 'POST',
      headers: wire.headers,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    return { request, rest: () => rest() };
  }

  /** Hands `request` to `handler`, lets 150 ms pass, sends the rest of the body, and gives the answer given by then. */
  async function answerTo(
    handler: (request: Request) => Promise<Response>,
    late: Awaited<ReturnType<typeof arrivingLate>>,
  ) {
    let response: Response | undefined;
    void handler(late.request).then((answered) => (response = answered));
    await vi.advanceTimersByTimeAsync(150);
    late.rest();
    await vi.advanceTimersByTimeAsync(0);
    return response;
  }

  it('answers 503 without running a handler: the API has stopped waiting', async () => {
    const { handler, events, errors } = recorder({ handlerTimeout: 100, bodyTimeout: 1_000 });
    const response = await answerTo(handler, await arrivingLate(JSON.stringify(taskSucceeded('evt_late'))));
    const message = 'the body was not read and verified within 100 ms (handlerTimeout)';
    expect({ status: response?.status, text: await response?.text() }).toEqual({ status: 503, text: message });
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'TimeoutError', message })]);
  });

  it('still refuses a bad signature with its own status, without waiting for onError', async () => {
    const { handler } = recorder({ handlerTimeout: 100, bodyTimeout: 1_000, onError: never });
    const forged = await arrivingLate(JSON.stringify(taskSucceeded('evt_forged')), OTHER_SECRET);
    expect((await answerTo(handler, forged))?.status).toBe(400);
  });
});

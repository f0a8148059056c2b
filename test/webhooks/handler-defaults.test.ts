/**
 * The receiver's documented defaults, through `createWebhookHandler` given none of the options: `handlerTimeout`
 * 10 s (then 503) and `maxBodyBytes` 1 MiB (then 413). Written as numbers, not as the exported constants, so that a
 * default changed in the receiver fails here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignedRequest, createWebhookHandler, type WebhookEvent } from '../../src/webhooks/index';
import { SECRET, signed, taskSucceeded, type Wire } from './support';

const URL_ = 'https://receiver.example/webhooks';

afterEach(() => {
  vi.useRealTimers();
});

describe('createWebhookHandler with no handlerTimeout', () => {
  it('answers 503 to handlers that never settle 10 s after the request arrived, and not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const handler = createWebhookHandler({ secret: SECRET, on: { 'task.succeeded': () => new Promise(() => {}) } });
    let answer: Response | undefined;
    const answered = handler(await createSignedRequest(taskSucceeded(), SECRET)).then((response) => {
      answer = response;
    });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer?.status).toBe(503);
    await answered;
    expect(await answer?.text()).toBe('the webhook handlers did not finish within 10000 ms (handlerTimeout)');
  });
});

describe('createWebhookHandler with no maxBodyBytes', () => {
  /** A signed event whose body is exactly `bytes` long (ASCII: one byte a character). */
  async function eventOf(bytes: number) {
    const id = `evt_${bytes}`;
    const bare = JSON.stringify({ ...taskSucceeded(id), padding: '' }).length;
    return { id, wire: await signed(JSON.stringify({ ...taskSucceeded(id), padding: 'x'.repeat(bytes - bare) })) };
  }

  /** `wire` as a request: its body declared with its Content-Length, or streamed in 64 KiB parts with none. */
  function post({ body, headers }: Wire, how: 'declared' | 'streamed'): Request {
    if (how === 'declared') {
      return new Request(URL_, { method: 'POST', headers: { ...headers, 'content-length': `${body.length}` }, body });
    }
    const parts = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += 65_536)
          controller.enqueue(new TextEncoder().encode(body.slice(at, at + 65_536)));
        controller.close();
      },
    });
    return new Request(URL_, { method: 'POST', headers, body: parts, duplex: 'half' } as RequestInit);
  }

  const SENDS = ['declared', 'streamed'] as const;

  it.each(SENDS)('reads a body of exactly 1 MiB (%s) and hands its event over', async (how) => {
    const events: WebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onAny: (event) => void events.push(event) });
    const { id, wire } = await eventOf(1_048_576);
    expect(wire.body).toHaveLength(1_048_576);
    const response = await handler(post(wire, how));
    expect(response.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual([id]);
  });

  it.each(SENDS)('answers 413 to a body of 1 MiB and 1 byte (%s), running no handler', async (how) => {
    const events: WebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onAny: (event) => void events.push(event) });
    const { wire } = await eventOf(1_048_577);
    expect(wire.body).toHaveLength(1_048_577);
    const response = await handler(post(wire, how));
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('the request body is larger than 1048576 bytes (maxBodyBytes)');
    expect(events).toEqual([]);
  });
});

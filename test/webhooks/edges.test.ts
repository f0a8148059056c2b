/**
 * The edges of the webhook receivers and helpers that the other tests pass by: exact limits, the texts and headers of
 * each answer, envelopes missing one field, async replay stores, and the helpers for users' tests.
 */
import { describe, expect, it } from 'vitest';
import {
  constructEvent,
  createSignedRequest,
  createWebhookHandler,
  generateTestHeader,
  MemoryReplayStore,
  signPayload,
  verifyRequest,
  WebhookPayloadError,
} from '../../src/webhooks/index';
import { InvalidInputError } from '../../src/index';
import { expectErrorJson } from '../support/error-json';
import { recorder, SECRET, signed, taskSucceeded } from './support';

const URL_ = 'https://receiver.example/webhooks';
const T = 1_700_000_000;
const at = { now: T };
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const TEXT = 'text/plain; charset=utf-8';

/** A request whose body arrives as a stream of `parts`, with no declared length. */
const streamed = (headers: Record<string, string>, parts: string[]) =>
  new Request(URL_, {
    method: 'POST',
    headers,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);

describe('createWebhookHandler: the text and headers of each answer', () => {
  it('answers 200 OK as plain text', async () => {
    const { handler } = recorder();
    const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
    expect(response.headers.get('content-type')).toBe(TEXT);
    expect(await response.text()).toBe('OK');
  });

  it('answers a GET with 405, its reason and Allow: POST', async () => {
    const { handler } = recorder();
    const response = await handler(new Request(URL_));
    expect(response.headers.get('content-type')).toBe(TEXT);
    expect(await response.text()).toBe('webhook deliveries are POST requests');
  });

  it('answers 500 with a fixed text when a handler throws, keeping its message private', async () => {
    const { handler } = recorder({
      on: {
        'task.succeeded': () => {
          throw new Error('database password is hunter2');
        },
      },
    });
    const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('the webhook handler failed');
  });

  it('reports a secret function that returned no secret as an InvalidInputError naming options.secret', async () => {
    const { handler, errors } = recorder({ secret: () => [] });
    expect((await handler(await createSignedRequest(taskSucceeded(), SECRET))).status).toBe(500);
    expect(errors[0]).toBeInstanceOf(InvalidInputError);
    expect(errors[0]).toMatchObject({
      field: 'options.secret',
      message:
        'options.secret: the secret function returned no secret (a string of more than whitespace, or a list of them)',
    });
  });

  it('refuses a missing secret with a message that says what is expected', () => {
    expect(() => createWebhookHandler({ secret: '' })).toThrow(
      'options.secret: must be a string of more than whitespace, a list of them, or a function that returns them',
    );
  });

  it('answers 415 to a POST with no body at all', async () => {
    const { handler, errors } = recorder();
    const { headers } = await signed('');
    const response = await handler(new Request(URL_, { method: 'POST', headers }));
    expect(response.status).toBe(415);
    expect(errors[0]).toHaveProperty('reason', 'empty');
  });

  it('says a body cut off while read could not be read to its end', async () => {
    const { handler, errors } = recorder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error('reset'));
      },
    });
    const { headers } = await signed('{}');
    const response = await handler(new Request(URL_, { method: 'POST', headers, body, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('the request body could not be read to its end');
    expect(errors[0]).toHaveProperty('reason', 'unreadable');
  });
});

describe('maxBodyBytes and bodyTimeout: the exact limit, and values that are not numbers', () => {
  it('accepts a body of exactly maxBodyBytes, declared or streamed in several parts', async () => {
    const wire = await signed(JSON.stringify(taskSucceeded('evt_exact')));
    const size = new TextEncoder().encode(wire.body).length;
    const { handler, events } = recorder({ maxBodyBytes: size, replay: undefined });
    const headers = { ...wire.headers, 'content-length': String(size) };
    expect((await handler(new Request(URL_, { method: 'POST', headers, body: wire.body }))).status).toBe(200);
    const parts = [wire.body.slice(0, 7), wire.body.slice(7, 50), wire.body.slice(50)];
    expect((await handler(streamed(wire.headers, parts))).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_exact', 'evt_exact']);
  });

  it('refuses a declared Content-Length one byte over maxBodyBytes, before reading', async () => {
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const size = new TextEncoder().encode(wire.body).length;
    const { handler } = recorder({ maxBodyBytes: size - 1 });
    const headers = { ...wire.headers, 'content-length': String(size) };
    expect((await handler(streamed(headers, [wire.body]))).status).toBe(413);
  });

  it.each([true, '5', [1]])('refuses maxBodyBytes and bodyTimeout of %j', (value) => {
    for (const option of ['maxBodyBytes', 'bodyTimeout']) {
      expect(() => createWebhookHandler({ secret: SECRET, [option]: value })).toThrow(
        expect.objectContaining({ field: `options.${option}` }),
      );
    }
  });

  it('names verifyRequest’s own options when they are bad', async () => {
    const request = await createSignedRequest(taskSucceeded(), SECRET);
    const bytes = await rejection(verifyRequest(request, SECRET, { maxBodyBytes: 0 }));
    expectErrorJson(bytes, {
      name: 'InvalidInputError',
      message: 'options.maxBodyBytes: must be a positive number of bytes (Infinity for no limit)',
      field: 'options.maxBodyBytes',
      status: undefined,
      request: undefined,
      mayHaveSucceeded: false,
    });
    const time = await rejection(verifyRequest(request, SECRET, { bodyTimeout: -1 }));
    expect(time).toHaveProperty(
      'message',
      'options.bodyTimeout: must be a positive number of milliseconds (Infinity for no limit)',
    );
  });
});

describe('constructEvent: what is not an event', () => {
  const refusal = async (body: string | Uint8Array) => {
    const error = await rejection(constructEvent(body, await signPayload(body, SECRET, { timestamp: T }), SECRET, at));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    return error as WebhookPayloadError;
  };

  it.each(['id', 'type', 'action', 'state', 'date_created'])(
    'refuses an event whose %s is missing or empty',
    async (key) => {
      for (const value of [undefined, '', 7]) {
        const error = await refusal(JSON.stringify({ ...taskSucceeded(), [key]: value }));
        expect(error.reason).toBe('not-an-event');
        expect(error.message).toBe(`the body is JSON but not a ricloud event: \`${key}\` is missing or not a string`);
      }
    },
  );

  it('refuses JSON that is not an object, saying so', async () => {
    for (const body of ['[]', '"event"', 'null']) {
      expect((await refusal(body)).message).toBe('the body is JSON but not a ricloud event: it is not a JSON object');
    }
  });

  it('refuses a known event whose data is not its resource, and accepts an unknown one with any data', async () => {
    const wrong = { ...taskSucceeded(), data: { id: 'wc_1', resource: 'webhook_config' } };
    expect((await refusal(JSON.stringify(wrong))).message).toBe(
      'the body is JSON but not a ricloud event: `data` is not the task a task.succeeded event carries',
    );
    for (const data of [[], null, { resource: 'task' }]) {
      expect((await refusal(JSON.stringify({ ...taskSucceeded(), data }))).reason).toBe('not-an-event');
    }
    const unknown = JSON.stringify({ ...taskSucceeded('evt_new'), type: 'subscription', action: 'renewed', data: [1] });
    const event = await constructEvent(unknown, await signPayload(unknown, SECRET, { timestamp: T }), SECRET, at);
    expect(event.id).toBe('evt_new');
  });

  it('checks the data of an unknown action of a documented type: that resource, as its type says', async () => {
    for (const [type, resource] of [
      ['task', 'webhook_config'],
      ['poll', 'task'],
      ['session', 'poll'],
      ['webhook_config', 'session'],
    ]) {
      const wrong = { ...taskSucceeded(), type, action: 'archived', data: { id: 'x_1', resource } };
      expect((await refusal(JSON.stringify(wrong))).message).toBe(
        `the body is JSON but not a ricloud event: \`data\` is not the ${type} a ${type}.archived event carries`,
      );
      const right = JSON.stringify({ ...wrong, id: `evt_${type}`, data: { id: 'x_1', resource: type } });
      const event = await constructEvent(right, await signPayload(right, SECRET, { timestamp: T }), SECRET, at);
      expect(event).toMatchObject({ type, action: 'archived', data: { id: 'x_1', resource: type } });
    }
    expect((await refusal(JSON.stringify({ ...taskSucceeded(), action: 'archived', data: [1] }))).reason).toBe(
      'not-an-event',
    );
  });

  it('refuses a body of white space as empty, not as bad JSON', async () => {
    const error = await refusal(' \n\t');
    expect(error.reason).toBe('empty');
    expect(error.message).toBe('the body is empty; a delivery carries a JSON event');
  });

  it('reads a signed body that starts with a byte order mark the same as bytes and as text', async () => {
    const text = `\uFEFF${JSON.stringify(taskSucceeded('evt_bom'))}`;
    const header = await signPayload(text, SECRET, { timestamp: T });
    for (const body of [text, new TextEncoder().encode(text)])
      expect(await constructEvent(body, header, SECRET, at)).toMatchObject({ id: 'evt_bom', type: 'task' });
    // Only the one mark a decoder drops: a second is text before the JSON.
    expect((await refusal(`\uFEFF${text}`)).reason).toBe('not-json');
  });

  it('refuses bytes that are not UTF-8 as not JSON', async () => {
    const error = await refusal(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(error.reason).toBe('not-json');
    expect(error.message).toBe('the body is not UTF-8 text, so it is not JSON');
  });
});

describe('replay stores', () => {
  it('works with an async store: refuses only the ids it has', async () => {
    const seen = new Set<string>();
    const store = { has: async (id: string) => seen.has(id), add: async (id: string) => void seen.add(id) };
    const body = JSON.stringify(taskSucceeded('evt_async'));
    const header = await signPayload(body, SECRET, { timestamp: T });
    expect((await constructEvent(body, header, SECRET, { ...at, replay: store })).id).toBe('evt_async');
    expect(seen).toEqual(new Set(['evt_async']));
    expect(await rejection(constructEvent(body, header, SECRET, { ...at, replay: store }))).toHaveProperty(
      'eventId',
      'evt_async',
    );
  });

  it('keeps one id with capacity 1, forgetting the older', () => {
    const store = new MemoryReplayStore({ capacity: 1 });
    store.add('a');
    store.add('b');
    expect([store.has('a'), store.has('b')]).toEqual([false, true]);
  });

  it.each([0, 1.5, Number.NaN])('refuses capacity %s, naming it', (capacity) => {
    expect(() => new MemoryReplayStore({ capacity })).toThrow(
      expect.objectContaining({
        field: 'options.capacity',
        message: 'options.capacity: must be a positive whole number',
      }),
    );
  });
});

describe('createSignedRequest', () => {
  it('sends a string as it is, as JSON, signed', async () => {
    const body = '{ "spaced" : true }';
    const request = await createSignedRequest(body, SECRET, { url: URL_, timestamp: T });
    expect(request.url).toBe(URL_);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('ricloud-signature')).toBe(await signPayload(body, SECRET, { timestamp: T }));
    expect(await request.text()).toBe(body);
  });

  it('serialises an object, to http://localhost/webhooks by default', async () => {
    const request = await createSignedRequest({ a: 1 }, SECRET);
    expect(request.url).toBe('http://localhost/webhooks');
    expect(request.method).toBe('POST');
    expect(await request.text()).toBe('{"a":1}');
  });

  it('sends bytes (a Buffer, a Uint8Array, an ArrayBuffer) as they are, signed, as it signs a string', async () => {
    const body = JSON.stringify(taskSucceeded('evt_bytes'));
    const bytes = new TextEncoder().encode(`\uFEFF${body}`);
    for (const raw of [Buffer.from(bytes), bytes, bytes.slice().buffer]) {
      const request = await createSignedRequest(raw, SECRET, { timestamp: T });
      expect(request.headers.get('ricloud-signature')).toBe(await signPayload(bytes, SECRET, { timestamp: T }));
      expect(new Uint8Array(await request.clone().arrayBuffer())).toEqual(bytes);
      expect((await verifyRequest(request, SECRET, at)).id).toBe('evt_bytes');
    }
  });
});

describe('arguments of the wrong type, refused as bad input naming them', () => {
  it.each([null, 'x'])(
    'refuses options %j of signPayload, generateTestHeader and createSignedRequest',
    async (options) => {
      for (const call of [
        () => signPayload('{}', SECRET, options as never),
        () => generateTestHeader('{}', SECRET, options as never),
        () => createSignedRequest(taskSucceeded(), SECRET, options as never),
      ]) {
        const error = await rejection(call());
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toHaveProperty('field', 'options');
      }
    },
  );

  it('refuses options of verifyRequest that are not an object, before reading the body', async () => {
    const request = await createSignedRequest(taskSucceeded(), SECRET);
    const error = await rejection(verifyRequest(request, SECRET, null as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toHaveProperty('field', 'options');
    expect(request.bodyUsed).toBe(false);
  });

  it.each([
    ['nothing', undefined],
    [
      'a Node or Express req (it has plain-object headers)',
      { method: 'POST', headers: { 'ricloud-signature': 't=1' } },
    ],
  ])('refuses %s as the request of verifyRequest, pointing Node to toNodeHandler', async (_name, request) => {
    const error = await rejection(verifyRequest(request as never, SECRET));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toHaveProperty('field', 'request');
    expect((error as Error).message).toMatch(/toNodeHandler/);
  });

  it('reports a Node req given to the receiver itself (no toNodeHandler) as that InvalidInputError', async () => {
    const { handler, errors } = recorder();
    const req = { method: 'POST', headers: { 'ricloud-signature': 't=1,s=x' } };
    expect((await handler(req as never)).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(InvalidInputError);
    expect(errors[0]).toHaveProperty('field', 'request');
  });

  it.each([null, 'x'])('refuses options %j of MemoryReplayStore', (options) => {
    expect(() => new MemoryReplayStore(options as never)).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field: 'options' }),
    );
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client, InvalidInputError, RicloudError } from '../../src/index';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/index';
import {
  createSignedRequest,
  createWebhookHandler,
  DEFAULT_BODY_TIMEOUT,
  DEFAULT_MAX_BODY_BYTES,
  MemoryReplayStore,
  type ReplayStore,
  SignatureVerificationError,
  type WebhookEvent,
  type WebhookHandlerOptions,
} from '../../src/webhooks/index';
import {
  badDeliveries,
  expectRefused,
  expectStatusAt,
  OTHER_SECRET,
  recorder,
  SECRET,
  signed,
  taskSucceeded,
  type Wire,
} from './support';
import { expectErrorJson } from '../support/error-json';

const URL_ = 'https://receiver.example/webhooks';
const post = (wire: Wire) => new Request(URL_, { method: 'POST', headers: wire.headers, body: wire.body });

/** `errors` (what onError got) is one RicloudError with `message`, whose cause is the store's own `failure`. */
function expectOneStoreFailure(errors: unknown[], message: string, failure: Error): void {
  expect(errors).toHaveLength(1);
  expect(errors[0]).toBeInstanceOf(RicloudError);
  expect((errors[0] as RicloudError).message).toBe(message);
  expect((errors[0] as RicloudError).cause).toBe(failure);
}

/** The two ways a replay store's method fails: a rejected promise, or a throw. */
const STORE_FAILURES = [
  ['rejects', (failure: Error) => Promise.reject(failure)],
  [
    'throws',
    (failure: Error) => {
      throw failure;
    },
  ],
] as const;

/**
 * The two steps of a replay store that can fail: the lookup before the handlers and the record after them, with the
 * answer and the onError message the delivery gets, and how many times its handlers ran.
 */
const STORE_STEPS = [
  {
    step: 'lookup',
    method: 'has',
    id: 'evt_unlooked',
    outcome: 'running no handler, and reports that the event comes again',
    text: 'the webhook receiver failed',
    message:
      'the replay store failed to look up event evt_unlooked (see cause): its handlers did not run and the delivery ' +
      'is not acknowledged, so the API will deliver the event again. Check the store.',
    runs: 0,
  },
  {
    step: 'record',
    method: 'add',
    id: 'evt_unrecorded',
    outcome: 'after the handlers ran, saying the event may come again',
    text: 'the event was handled, but the replay store failed to record it: it may be delivered again',
    message:
      'event evt_unrecorded was handled, but the replay store failed to record its id (see cause): the delivery is ' +
      'not acknowledged, so the API will deliver the event again and its handlers may run again. Check the store.',
    runs: 1,
  },
] as const;

describe('createWebhookHandler: answers', () => {
  it('answers 200 and runs the slug handler and onAny for a signed event', async () => {
    const bySlug: unknown[] = [];
    const { handler, events, errors } = recorder({
      on: { 'task.succeeded': (event) => void bySlug.push(event.data.state) },
    });
    const response = await handler(await createSignedRequest(taskSucceeded('evt_1'), SECRET));
    expect(response.status).toBe(200);
    expect(bySlug).toEqual(['succeeded']);
    expect(events.map((event) => event.id)).toEqual(['evt_1']);
    expect(errors).toEqual([]);
  });

  it('answers 200 only after an async handler has resolved', async () => {
    let finished = false;
    const { handler } = recorder({
      on: {
        'task.succeeded': async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          finished = true;
        },
      },
    });
    const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
    expect(response.status).toBe(200);
    expect(finished).toBe(true);
  });

  it('answers 405 with Allow: POST for a GET, and runs no handler', async () => {
    const { handler, events } = recorder();
    const response = await handler(new Request(URL_));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(events).toEqual([]);
  });

  it('answers 500 when a handler throws, reports its error to onError, hides its message from the sender', async () => {
    const boom = new Error('database password is hunter2');
    const { handler, errors } = recorder({ on: { 'task.succeeded': () => Promise.reject(boom) } });
    const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('hunter2');
    expect(errors).toEqual([boom]);
  });

  it('runs onAny even when the slug handler throws at once, and reports the failures of both', async () => {
    const slugFailed = new Error('slug handler failed');
    const anyFailed = new Error('onAny failed');
    const ran: string[] = [];
    const { handler, errors } = recorder({
      on: {
        'task.succeeded': () => {
          ran.push('slug');
          throw slugFailed;
        },
      },
      onAny: async () => {
        ran.push('any');
        throw anyFailed;
      },
    });
    const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
    expect(response.status).toBe(500);
    expect(ran).toEqual(['slug', 'any']);
    expect(errors).toEqual([slugFailed, anyFailed]);
  });

  it('answers 500 for a failed handler only once the other settled, so a retry does not run beside it', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let anyDone = false;
    const { handler } = recorder({
      on: { 'task.succeeded': () => Promise.reject(new Error('failed')) },
      onAny: async () => {
        await held;
        anyDone = true;
      },
    });
    // What was done when the answer came.
    const answer = handler(await createSignedRequest(taskSucceeded(), SECRET)).then((r) => ({
      status: r.status,
      anyDone,
    }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    expect(await answer).toEqual({ status: 500, anyDone: true });
  });

  it('accepts the retry of an event whose handler failed, since only handled ids count as seen', async () => {
    let calls = 0;
    const { handler } = recorder({
      on: {
        'task.succeeded': () => {
          calls += 1;
          if (calls === 1) throw new Error('first attempt fails');
        },
      },
    });
    const wire = await signed(JSON.stringify(taskSucceeded()));
    expect((await handler(post(wire))).status).toBe(500);
    expect((await handler(post(wire))).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('with replay, runs the handlers once for three copies delivered at once: one 200, two 400', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const { handler } = recorder({
      onAny: async () => {
        runs++;
        await held;
      },
    });
    const wire = await signed(JSON.stringify(taskSucceeded('evt_copies')));
    const answers = [1, 2, 3].map(() => handler(post(wire)));
    // The two copies are refused while the first is still being handled.
    const refused = await Promise.all(answers.slice(1));
    release();
    expect([(await answers[0])?.status, ...refused.map((r) => r.status)]).toEqual([200, 400, 400]);
    expect(runs).toBe(1);
    // A copy after the first was handled is acknowledged, and not handled again.
    expect((await handler(post(wire))).status).toBe(200);
    expect(runs).toBe(1);
  });

  it(
    'with a replay store slow to answer, runs the handlers once for a copy whose lookup began ' +
      'before the first was recorded',
    async () => {
      const recorded = new Set<string>();
      let answerLookup = () => {};
      const lookupHeld = new Promise<void>((resolve) => (answerLookup = resolve));
      let lookups = 0;
      // A store across the network: the second lookup answers what the store held when it was asked, but late.
      const replay = {
        has: async (id: string) => {
          const found = recorded.has(id);
          if (++lookups === 2) await lookupHeld;
          return found;
        },
        add: (id: string) => void recorded.add(id),
      };
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let runs = 0;
      const { handler } = recorder({
        replay,
        onAny: async () => {
          runs++;
          await held;
        },
      });
      const wire = await signed(JSON.stringify(taskSucceeded('evt_slow_store')));
      const first = handler(post(wire));
      await vi.waitFor(() => expect(runs).toBe(1));
      let copyAnswered = false;
      const copy = handler(post(wire)).finally(() => (copyAnswered = true));
      // The copy is refused at once, or its lookup is on its way: only then does the first finish.
      await vi.waitFor(() => expect(copyAnswered || lookups === 2).toBe(true));
      release();
      expect((await first).status).toBe(200);
      answerLookup();
      expect((await copy).status).toBe(400);
      expect(runs).toBe(1);
    },
  );

  it.each(
    STORE_STEPS.flatMap((step) =>
      STORE_FAILURES.map(([way, fail]) => [step.step, way, step.outcome, step, fail] as const),
    ),
  )(
    "answers 500 when the replay store's %s %s, %s",
    async (_step, _way, _outcome, { method, id, text, message, runs }, fail) => {
      const ids = new Set<string>();
      const down = new Error('redis://:hunter2@cache.internal:6379 is unreachable');
      let calls = 0;
      // A store in memory whose `method` fails the first time it is called.
      const replay: ReplayStore = {
        has: (key) => (method === 'has' && ++calls === 1 ? fail(down) : ids.has(key)),
        add: (key) => (method === 'add' && ++calls === 1 ? fail(down) : void ids.add(key)),
      };
      const { handler, events, errors } = recorder({ replay });
      const wire = await signed(JSON.stringify(taskSucceeded(id)));
      const first = await handler(post(wire));
      expect({ status: first.status, text: await first.text() }).toEqual({ status: 500, text });
      expect(events).toHaveLength(runs);
      expectOneStoreFailure(errors, message, down);
      // The id was not recorded: the API's retry runs the handlers, and is recorded this time.
      expect((await handler(post(wire))).status).toBe(200);
      expect(events).toHaveLength(runs + 1);
      expect((await handler(post(wire))).status).toBe(200);
      expect(events).toHaveLength(runs + 1);
    },
  );

  it('answers 400 to a body cut off while it was read, and runs no handler', async () => {
    const { handler, events, errors } = recorder();
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(wire.body.slice(0, 10)));
        controller.error(new Error('client went away'));
      },
    });
    const response = await handler(
      new Request(URL_, { method: 'POST', headers: wire.headers, body, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'WebhookPayloadError', reason: 'unreadable' })]);
  });

  it('still answers when onError itself throws', async () => {
    const { handler } = recorder({
      onError: () => {
        throw new Error('logger down');
      },
    });
    expect((await handler(post(await signed('{}')))).status).toBe(400);
  });

  it('accepts a delivery signed with any secret of a rotation list', async () => {
    const { handler } = recorder({ secret: [OTHER_SECRET, SECRET] });
    expect((await handler(await createSignedRequest(taskSucceeded(), SECRET))).status).toBe(200);
    expect((await handler(await createSignedRequest(taskSucceeded(), OTHER_SECRET))).status).toBe(200);
    expect((await handler(await createSignedRequest(taskSucceeded(), 'whsec_retired'))).status).toBe(400);
  });

  it.each([undefined, '', [], [SECRET, '']])('refuses to start with the secret %j, before any delivery', (secret) => {
    expect(() => createWebhookHandler({ secret: secret as string })).toThrow(InvalidInputError);
  });

  it.each([
    ['options.on', { on: null }, 'must be an object of handlers by slug'],
    ['options.on', { on: 'log' }, 'must be an object of handlers by slug'],
    ["options.on['task.succeeded']", { on: { 'task.succeeded': 'log' } }, 'must be a function'],
    ['options.onAny', { onAny: 'log' }, 'must be a function'],
    ['options.onError', { onError: console }, 'must be a function'],
    ['options.replay', { replay: new Map() }, 'must be'],
    ['options.replay', { replay: {} }, 'must be'],
    ['options.replay', { replay: { add: () => undefined } }, 'must be'],
  ])('refuses to start when %s cannot be called, before any delivery', (field, bad, says) => {
    expect(() => createWebhookHandler({ secret: SECRET, ...(bad as object) })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field, message: expect.stringContaining(says) }),
    );
  });

  it.each([undefined, null])('refuses to start with options %s, naming them', (options) => {
    expect(() => createWebhookHandler(options as never)).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field: 'options', message: 'options: must be an object' }),
    );
  });

  it('answers 400 to a delivery it refuses when no onError is given', async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const wire = await signed(JSON.stringify(taskSucceeded('evt_no_on_error')), 'whsec_another_secret_0123456789');
    expect((await handler(post(wire))).status).toBe(400);
  });

  it('asks a secret function for the secrets, with the request', async () => {
    const asked: string[] = [];
    const { handler } = recorder({
      secret: async (request) => {
        asked.push(new URL(request.url).pathname);
        return [SECRET];
      },
    });
    const response = await handler(
      await createSignedRequest(taskSucceeded(), SECRET, { url: 'https://receiver.example/hooks/tenant-7' }),
    );
    expect(response.status).toBe(200);
    expect(asked).toEqual(['/hooks/tenant-7']);
  });

  it.each([undefined, '', []])(
    'answers 500 (the receiver failed, no detail) when the secret function returns %j, and reports it',
    async (returned) => {
      const { handler, events, errors } = recorder({ secret: () => returned as unknown as string });
      const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('the webhook receiver failed');
      expect(errors).toHaveLength(1);
      expect(events).toEqual([]);
    },
  );

  it.each(STORE_FAILURES)(
    'answers 500 (the receiver failed, no detail) when the secret function %s, and reports its error',
    async (_, fail) => {
      const failure = new Error('vault unreachable');
      const { handler, events, errors } = recorder({ secret: () => fail(failure) });
      const response = await handler(await createSignedRequest(taskSucceeded(), SECRET));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('the webhook receiver failed');
      expect(errors).toEqual([failure]);
      expect(events).toEqual([]);
    },
  );

  it.each([Number.NaN, -5, '600', null])(
    'refuses to start with the tolerance %j, which would turn the age check off unnoticed',
    (tolerance) => {
      expect(() => createWebhookHandler({ secret: SECRET, tolerance: tolerance as number })).toThrow(
        expect.objectContaining({ name: 'InvalidInputError', field: 'options.tolerance' }),
      );
    },
  );

  it('answers 500 when the request body was already read', async () => {
    const { handler, errors } = recorder();
    const request = await createSignedRequest(taskSucceeded(), SECRET);
    await request.text();
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/already read/);
    expect(errors).toHaveLength(1);
  });
});

describe('createWebhookHandler: maxBodyBytes', () => {
  it('reads a streamed body only up to the limit, answers 413 and cancels the rest of the upload', async () => {
    let pulls = 0;
    let cancelled = false;
    // An upload with no declared length that never ends: the receiver must stop on its own.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(400).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const { handler, events, errors } = recorder({ maxBodyBytes: 1_000 });
    const request = new Request(URL_, {
      method: 'POST',
      headers: (await signed('{}')).headers,
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('the request body is larger than 1000 bytes (maxBodyBytes)');
    expect(pulls).toBeLessThanOrEqual(5);
    expect(cancelled).toBe(true);
    expect(events).toEqual([]);
    expect(errors[0]).toHaveProperty('reason', 'too-large');
  });

  it('accepts a body over 1 MiB when the limit is lifted with Infinity', async () => {
    const { handler, events } = recorder({ maxBodyBytes: Infinity });
    const big = { ...taskSucceeded('evt_big'), padding: 'x'.repeat(2 * DEFAULT_MAX_BODY_BYTES) };
    expect((await handler(post(await signed(JSON.stringify(big))))).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_big']);
  });

  it.each([0, -1, Number.NaN, '1mb', null])('refuses to start with maxBodyBytes %j', (maxBodyBytes) => {
    expect(() => createWebhookHandler({ secret: SECRET, maxBodyBytes: maxBodyBytes as number })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field: 'options.maxBodyBytes' }),
    );
  });
});

describe('createWebhookHandler: bodyTimeout', () => {
  /** A signed delivery whose body sends its first bytes, then nothing more and never ends. */
  async function stalled() {
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const stream = { cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(wire.body.slice(0, 10)));
      },
      cancel() {
        stream.cancelled = true;
      },
    });
    const request = new Request(URL_, { method: 'POST', headers: wire.headers, body, duplex: 'half' } as RequestInit);
    return { request, stream };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers 408 to a body that stops arriving, cancels its stream, and runs no handler', async () => {
    const { handler, events, errors } = recorder({ bodyTimeout: 20 });
    const { request, stream } = await stalled();
    const response = await handler(request);
    expect(response.status).toBe(408);
    expect(await response.text()).toBe('the request body took longer than 20 ms (bodyTimeout)');
    expect(stream.cancelled).toBe(true);
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'WebhookPayloadError', reason: 'timeout' })]);
  });

  it(`waits ${DEFAULT_BODY_TIMEOUT} ms by default, then answers 408`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { handler } = recorder();
    await expectStatusAt(handler, (await stalled()).request, DEFAULT_BODY_TIMEOUT, 408);
  });

  it('leaves no timer behind once a body has arrived, and sets none with Infinity', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { handler, events } = recorder({ bodyTimeout: 60_000 });
    expect((await handler(post(await signed(JSON.stringify(taskSucceeded('evt_in_time')))))).status).toBe(200);
    expect(vi.getTimerCount()).toBe(0);
    // Never answered: its body never ends, and nothing times it out.
    let answered = false;
    void recorder({ bodyTimeout: Infinity })
      .handler((await stalled()).request)
      .then(() => {
        answered = true;
      });
    await vi.advanceTimersByTimeAsync(24 * 3600 * 1000);
    expect(answered).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(events.map((event) => event.id)).toEqual(['evt_in_time']);
  });

  it.each([0, -1, Number.NaN, '10s', null])('refuses to start with bodyTimeout %j', (bodyTimeout) => {
    expect(() => createWebhookHandler({ secret: SECRET, bodyTimeout: bodyTimeout as number })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field: 'options.bodyTimeout' }),
    );
  });
});

describe('createWebhookHandler: bad deliveries', () => {
  it.each(badDeliveries.map((bad) => [bad.name, bad] as const))(
    'refuses %s with its status and typed error, running no handler',
    async (_name, bad) => {
      const recorded = recorder();
      await expectRefused(bad, (wire) => recorded.handler(post(wire)), recorded);
    },
  );
});

describe('createWebhookHandler with the mock API', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** The mock, delivering straight into `handler`, and a client on it; the secrets come from the mock's configs. */
  async function mockDeliveringTo(options: Partial<WebhookHandlerOptions>, mock: MockServerOptions = {}) {
    const events: WebhookEvent[] = [];
    const errors: unknown[] = [];
    const handler = createWebhookHandler({
      secret: () => server!.api.store.webhookConfigs().map((config) => config.secret),
      onAny: (event) => void events.push(event),
      onError: (error) => void errors.push(error),
      ...options,
    });
    server = await startMockServer({ deliver: handler, taskDelay: 1, ...mock });
    return { client: new Client({ token: 'tok_webhooks', baseUrl: server.url, logLevel: 'off' }), events, errors };
  }

  it('receives the mock webhook_config.test event, typed, and the config becomes valid', async () => {
    const tested: { id: string; url: string; hasSecret: boolean }[] = [];
    const { client, errors } = await mockDeliveringTo({
      on: {
        'webhook_config.test': (event) =>
          void tested.push({ id: event.data.id, url: event.data.url, hasSecret: 'secret' in event.data }),
      },
    });
    const config = await client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
    expect(config.state).toBe('new');
    await server!.api.settle();
    await config.refresh();

    expect(config.state).toBe('valid');
    expect(tested).toEqual([{ id: config.id, url: 'https://receiver.example/webhooks', hasSecret: false }]);
    expect(errors).toEqual([]);
  });

  it(
    'with replay, acknowledges the API’s retry of an event it already handled, so the event ends delivered, ' +
      'handled once',
    async () => {
      // The first delivery's handler outlasts the mock's delivery timeout: the API retries an event that was handled.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let handled = 0;
      const { client, errors } = await mockDeliveringTo(
        {
          replay: new MemoryReplayStore(),
          on: {
            'task.succeeded': async () => {
              handled++;
              await held;
            },
          },
          // The first retries arrive while the first delivery is still handled; then it is let through.
          onError: (error) => {
            errors.push(error);
            if (errors.length === 2) release();
          },
        },
        { deliveryTimeout: 20, retryDelay: 1 },
      );
      await client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
      await server!.api.settle();
      await client.storageConfigs.create({ url: 'gs://bucket/results', credentials: { private_key: 'k' } });
      await server!.api.settle();

      const [event] = server!.api.store.events().filter((e) => e.type === 'task');
      expect(handled).toBe(1);
      expect(event?.state).toBe('delivered');
    },
  );

  it('with a replay store whose record fails once, the API delivers again: delivered, handled twice', async () => {
    const ids = new Set<string>();
    let failNext = false;
    const replay: ReplayStore = {
      has: (id) => ids.has(id),
      add: async (id) => {
        if (failNext) {
          failNext = false;
          throw new Error('the store is down');
        }
        ids.add(id);
      },
    };
    let handled = 0;
    const { client, errors } = await mockDeliveringTo(
      { replay, on: { 'task.succeeded': () => void handled++ } },
      { retryDelay: 1 },
    );
    await client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
    await server!.api.settle();
    failNext = true;
    await client.storageConfigs.create({ url: 'gs://bucket/results', credentials: { private_key: 'k' } });
    await server!.api.settle();

    const [event] = server!.api.store.events().filter((e) => e.type === 'task');
    expect(event).toMatchObject({ state: 'delivered', retries: 1 });
    expect(handled).toBe(2);
    expect(errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('the API will deliver the event again') }),
    ]);
  });

  it('refuses the mock delivery when its secret is wrong, and the config becomes invalid', async () => {
    const { client, events, errors } = await mockDeliveringTo({ secret: 'whsec_not_this_one' });
    const config = await client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
    await server!.api.settle();
    await config.refresh();

    expect(config.state).toBe('invalid');
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SignatureVerificationError);
  });
});

describe('createWebhookHandler: refusals as typed errors, and their JSON', () => {
  it('answers 400, not 500, to a signature whose padding makes atob throw', async () => {
    const { handler, errors } = recorder();
    const wire = await signed(JSON.stringify(taskSucceeded()));
    const header = wire.headers['ricloud-signature'] ?? '';
    // 42 characters and one `=`: the shape passes, but atob refuses it.
    const bad = `${header.slice(0, header.indexOf('s=') + 2 + 42)}=`;
    const response = await handler(post({ ...wire, headers: { ...wire.headers, 'ricloud-signature': bad } }));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Ricloud-Signature signature is not a base64 HMAC-SHA256');
    expectErrorJson(
      errors[0],
      {
        name: 'SignatureVerificationError',
        message: 'Ricloud-Signature signature is not a base64 HMAC-SHA256',
        status: undefined,
        request: undefined,
        mayHaveSucceeded: false,
      },
      [SECRET, bad.slice(bad.indexOf('s=') + 2)],
    );
  });

  it('reports a wrong signature, a payload problem and a replay with their fields, and no secret', async () => {
    const { handler, errors } = recorder();
    await handler(post(await signed(JSON.stringify(taskSucceeded()), OTHER_SECRET)));
    await handler(post(await signed('not json')));
    const replayed = await signed(JSON.stringify(taskSucceeded('evt_twice')));
    await handler(post(replayed));
    await handler(post(replayed));
    const secrets = [SECRET, OTHER_SECRET];
    const base = { status: undefined, request: undefined, mayHaveSucceeded: false };
    expectErrorJson(
      errors[0],
      {
        ...base,
        name: 'SignatureVerificationError',
        message: 'signature does not match: check the secret, and pass the raw body as received (not parsed or base64)',
      },
      secrets,
    );
    expectErrorJson(
      errors[1],
      { ...base, name: 'WebhookPayloadError', message: expect.stringMatching(/not JSON/), reason: 'not-json' },
      secrets,
    );
    expectErrorJson(
      errors[2],
      {
        ...base,
        name: 'ReplayError',
        message: 'event evt_twice was already received; a replayed delivery is refused',
        eventId: 'evt_twice',
      },
      secrets,
    );
    expect(errors).toHaveLength(3);
  });

  it('refuses a bad option with an InvalidInputError whose JSON names the field, never the secret', () => {
    let error: unknown;
    try {
      createWebhookHandler({ secret: SECRET, maxBodyBytes: -1 });
    } catch (thrown) {
      error = thrown;
    }
    expectErrorJson(
      error,
      {
        name: 'InvalidInputError',
        message: 'options.maxBodyBytes: must be a positive number of bytes (Infinity for no limit)',
        field: 'options.maxBodyBytes',
        status: undefined,
        request: undefined,
        mayHaveSucceeded: false,
      },
      [SECRET],
    );
  });
});

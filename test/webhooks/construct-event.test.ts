import { runInNewContext } from 'node:vm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  PollAttributes as ClientPollAttributes,
  SessionAttributes,
  TaskAttributes,
  WebhookConfigAttributes,
} from '../../src/index';
import {
  constructEvent,
  createSignedRequest,
  createWebhookHandler,
  isEvent,
  MemoryReplayStore,
  ReplayError,
  SignatureVerificationError,
  signPayload,
  verifyRequest,
  WebhookPayloadError,
  type GenericWebhookEvent,
  type PollAttributes,
  type UnknownActionWebhookEvent,
  type WebhookEvent,
  type WebhookEventHandlers,
  type WebhookEventOf,
} from '../../src/webhooks/index';
import { OTHER_SECRET, SECRET, taskSucceeded } from './support';

const T = 1_700_000_000;
const at = { now: T };
const sign = (body: string, secret = SECRET) => signPayload(body, secret, { timestamp: T });
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('constructEvent', () => {
  it('returns the event of a signed body, data included', async () => {
    const body = JSON.stringify(taskSucceeded('evt_1'));
    const event = await constructEvent(body, await sign(body), SECRET, at);
    expect(event).toEqual(taskSucceeded('evt_1'));
  });

  it('takes the body as bytes or as an ArrayBuffer, as it came off the wire', async () => {
    const body = JSON.stringify(taskSucceeded('evt_b'));
    const bytes = new TextEncoder().encode(body);
    expect((await constructEvent(bytes, await sign(body), SECRET, at)).id).toBe('evt_b');
    expect((await constructEvent(bytes.buffer, await sign(body), SECRET, at)).id).toBe('evt_b');
  });

  it('takes bytes and an ArrayBuffer made in another realm (a Buffer under Jest)', async () => {
    const body = JSON.stringify(taskSucceeded('evt_realm'));
    const foreign = runInNewContext('(bytes) => Uint8Array.from(bytes)')(new TextEncoder().encode(body));
    expect((await constructEvent(foreign, await sign(body), SECRET, at)).id).toBe('evt_realm');
    expect((await constructEvent(foreign.buffer, await sign(body), SECRET, at)).id).toBe('evt_realm');
  });

  it('parses an event type the SDK does not know as a generic event, without throwing', async () => {
    const body = JSON.stringify({ ...taskSucceeded('evt_new'), type: 'subscription', action: 'renewed', data: [1, 2] });
    const event = await constructEvent(body, await sign(body), SECRET, at);
    expect(event).toMatchObject({ type: 'subscription', action: 'renewed', data: [1, 2] });
    expect(isEvent(event, 'task.succeeded')).toBe(false);
  });

  it('verifies before parsing: a bad signature on a non-JSON body is a SignatureVerificationError', async () => {
    const error = await rejection(constructEvent('not json', await sign('other'), SECRET, at));
    expect(error).toBeInstanceOf(SignatureVerificationError);
  });

  it("says what to pass when the body is base64 (API Gateway's isBase64Encoded), not just that it fails", async () => {
    const body = JSON.stringify(taskSucceeded());
    const error = await rejection(constructEvent(btoa(body), await sign(body), SECRET, at));
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect(error).toHaveProperty(
      'message',
      'signature does not match: check the secret, and pass the raw body as received (not parsed or base64)',
    );
  });

  it('accepts any secret of a rotation list, and refuses when none matches', async () => {
    const body = JSON.stringify(taskSucceeded());
    expect((await constructEvent(body, await sign(body, OTHER_SECRET), [SECRET, OTHER_SECRET], at)).type).toBe('task');
    expect(
      await rejection(constructEvent(body, await sign(body, 'whsec_gone'), [SECRET, OTHER_SECRET], at)),
    ).toBeInstanceOf(SignatureVerificationError);
  });

  it.each([
    ['an array', '[]', /not a JSON object/],
    [
      'an event without an id',
      JSON.stringify({ ...taskSucceeded(), id: undefined }),
      /`id` is missing or not a string/,
    ],
    [
      'an event with a numeric type',
      JSON.stringify({ ...taskSucceeded(), type: 7 }),
      /`type` is missing or not a string/,
    ],
    ['another resource', JSON.stringify({ ...taskSucceeded(), resource: 'task' }), /`resource` is not "event"/],
    [
      'a task.succeeded event whose data is not a task',
      JSON.stringify({ ...taskSucceeded(), data: { id: 'p1', resource: 'poll' } }),
      /`data` is not the task a task.succeeded event carries/,
    ],
    [
      'a webhook_config.test event without data',
      JSON.stringify({ ...taskSucceeded(), type: 'webhook_config', action: 'test', data: null }),
      /`data` is not the webhook_config/,
    ],
  ])('refuses %s as not an event', async (_name, body, message) => {
    const error = await rejection(constructEvent(body, await sign(body), SECRET, at));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toHaveProperty('reason', 'not-an-event');
    expect((error as Error).message).toMatch(message);
  });

  it('refuses bytes that are not UTF-8 as not JSON', async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0x7d]);
    const header = await signPayload(bytes, SECRET, { timestamp: T });
    const error = await rejection(constructEvent(bytes, header, SECRET, at));
    expect(error).toHaveProperty('reason', 'not-json');
  });

  it('with a replay store, accepts an id once and refuses it the second time', async () => {
    const replay = new MemoryReplayStore();
    const body = JSON.stringify(taskSucceeded('evt_once'));
    const header = await sign(body);
    await constructEvent(body, header, SECRET, { ...at, replay });
    const error = await rejection(constructEvent(body, header, SECRET, { ...at, replay }));
    expect(error).toBeInstanceOf(ReplayError);
    expect(error).toHaveProperty('eventId', 'evt_once');
  });

  it('with a replay store, lets one of three copies verified at once through and refuses the others', async () => {
    const replay = new MemoryReplayStore();
    const body = JSON.stringify(taskSucceeded('evt_thrice'));
    const header = await sign(body);
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() => constructEvent(body, header, SECRET, { ...at, replay })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual([
      expect.any(ReplayError),
      expect.any(ReplayError),
    ]);
  });

  it('does not record the id of a delivery it refused', async () => {
    const replay = new MemoryReplayStore();
    const body = JSON.stringify(taskSucceeded('evt_bad_first'));
    await rejection(constructEvent(body, await sign(body, OTHER_SECRET), SECRET, { ...at, replay }));
    expect(replay.has('evt_bad_first')).toBe(false);
  });
});

describe('a replay option that is not a store', () => {
  it.each([{}, { has: () => false }, 'memory'])(
    'is refused by constructEvent as bad input, not a TypeError (%j)',
    async (replay) => {
      const body = JSON.stringify(taskSucceeded('evt_r'));
      const error = await rejection(constructEvent(body, await sign(body), SECRET, { ...at, replay } as never));
      expect(error).toMatchObject({ name: 'InvalidInputError', field: 'options.replay' });
    },
  );

  it('is not looked for in options that are null, which are refused as bad input, not a TypeError', async () => {
    const body = JSON.stringify(taskSucceeded('evt_null_options'));
    const error = await rejection(constructEvent(body, await sign(body), SECRET, null as never));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'options', message: 'options: must be an object' });
  });

  it('is refused by verifyRequest before the body is read', async () => {
    const request = await createSignedRequest(taskSucceeded('evt_r'), SECRET);
    const error = await rejection(verifyRequest(request, SECRET, { replay: {} } as never));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'options.replay' });
    expect(request.bodyUsed).toBe(false);
  });
});

describe('verifyRequest', () => {
  it('verifies a Request built by createSignedRequest and returns its event', async () => {
    const event = await verifyRequest(await createSignedRequest(taskSucceeded('evt_r'), SECRET), SECRET);
    expect(event.id).toBe('evt_r');
  });

  it('honours the timestamp given to createSignedRequest: an old one fails the tolerance', async () => {
    const request = await createSignedRequest(taskSucceeded(), SECRET, { timestamp: T });
    expect(await rejection(verifyRequest(request, SECRET, { now: T + 601 }))).toBeInstanceOf(
      SignatureVerificationError,
    );
    const again = await createSignedRequest(taskSucceeded(), SECRET, { timestamp: T });
    expect((await verifyRequest(again, SECRET, { now: T + 600 })).type).toBe('task');
  });

  it('refuses a body cut off mid-read (the sender went away) as unreadable, not as an untyped error', async () => {
    const signedRequest = await createSignedRequest(taskSucceeded(), SECRET);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new Error('client went away'));
      },
    });
    const request = new Request(signedRequest.url, {
      method: 'POST',
      headers: signedRequest.headers,
      body,
      duplex: 'half',
    } as RequestInit);
    const error = await rejection(verifyRequest(request, SECRET));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toHaveProperty('reason', 'unreadable');
  });

  it('refuses a Request whose body was already read, saying so', async () => {
    const request = await createSignedRequest(taskSucceeded(), SECRET);
    await request.json();
    const error = await rejection(verifyRequest(request, SECRET));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toHaveProperty('reason', 'body-used');
  });

  it('refuses a Request whose body another reader holds, as already read, not with an untyped TypeError', async () => {
    const request = await createSignedRequest(taskSucceeded(), SECRET);
    request.body?.getReader();
    const error = await rejection(verifyRequest(request, SECRET));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toHaveProperty('reason', 'body-used');
  });
});

describe('WebhookEvent types', () => {
  it('narrows data with isEvent, and leaves unknown slugs generic', async () => {
    const event: WebhookEvent = await verifyRequest(await createSignedRequest(taskSucceeded(), SECRET), SECRET);
    expect(isEvent(event, 'task.succeeded')).toBe(true);
    if (isEvent(event, 'task.succeeded')) {
      expectTypeOf(event.data).toEqualTypeOf<TaskAttributes>();
      expectTypeOf(event.action).toEqualTypeOf<'succeeded'>();
      expect(event.data.state).toBe('succeeded');
    }
    expectTypeOf<WebhookEventOf<'webhook_config.test'>['data']>().toEqualTypeOf<WebhookConfigAttributes>();
    expectTypeOf<WebhookEventOf<'poll.completed'>['data']>().toEqualTypeOf<PollAttributes>();
    // The same poll and session types as the client's resources, not looser copies of their own.
    expectTypeOf<PollAttributes>().toEqualTypeOf<ClientPollAttributes>();
    expectTypeOf<WebhookEventOf<'session.expired'>['data']>().toEqualTypeOf<SessionAttributes>();
    expectTypeOf<WebhookEventOf<'subscription.renewed'>>().toEqualTypeOf<GenericWebhookEvent>();
  });

  it("isEvent takes an event typed GenericWebhookEvent, as an unknown slug's handler or a store gives it", async () => {
    const body = JSON.stringify(taskSucceeded('evt_1'));
    const stored: GenericWebhookEvent = await constructEvent(body, await sign(body), SECRET, at);
    expect(isEvent(stored, 'task.succeeded')).toBe(true);
    if (isEvent(stored, 'task.succeeded')) expectTypeOf(stored.data).toEqualTypeOf<TaskAttributes>();
  });

  it('narrows data on type and action, in a switch or an if; an unknown type reaches the default', async () => {
    const renewed = { ...taskSucceeded('evt_2'), type: 'subscription', action: 'renewed', data: [1, 2] };
    const seen: string[] = [];
    for (const body of [JSON.stringify(taskSucceeded('evt_1')), JSON.stringify(renewed)]) {
      const event = await constructEvent(body, await sign(body), SECRET, at);
      switch (event.type) {
        case 'task':
          expectTypeOf(event.data).toEqualTypeOf<TaskAttributes>();
          // Any string: a task event of an action the SDK does not know (a task.cancelled) takes this branch too.
          expectTypeOf(event.action).toEqualTypeOf<string>();
          seen.push(`task ${event.data.state}`);
          break;
        case 'webhook_config':
          expectTypeOf(event.data).toEqualTypeOf<WebhookConfigAttributes>();
          break;
        case 'poll':
          expectTypeOf(event.data).toEqualTypeOf<PollAttributes>();
          break;
        case 'session':
          expectTypeOf(event.data).toEqualTypeOf<SessionAttributes>();
          break;
        default: {
          const other: GenericWebhookEvent = event;
          expectTypeOf(other.data).toBeUnknown();
          seen.push(`${other.type}.${other.action} ${JSON.stringify(other.data)}`);
        }
      }
      if (event.type === 'task' && event.action === 'succeeded') expect(event.data.id).toBe('task_1');
    }
    expect(seen).toEqual(['task succeeded', 'subscription.renewed [1,2]']);
  });

  it('types an action unknown to the SDK of a documented type as a string, its data still the resource', async () => {
    const body = JSON.stringify({ ...taskSucceeded('evt_c'), action: 'cancelled' });
    const event = await constructEvent(body, await sign(body), SECRET, at);
    expect(event).toMatchObject({ type: 'task', action: 'cancelled', data: { id: 'task_1', resource: 'task' } });
    expect(isEvent(event, 'task.succeeded')).toBe(false);
    expectTypeOf(event).toExtend<UnknownActionWebhookEvent>();
    expectTypeOf<Extract<WebhookEvent, { type: 'task' }>['action']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<WebhookEvent, { type: 'task' }>['data']>().toEqualTypeOf<TaskAttributes>();
    expectTypeOf<Extract<WebhookEvent, { type: 'webhook_config' }>['action']>().toEqualTypeOf<string>();
    // A documented pair still narrows: a check of both, or the slug with isEvent, which narrows the whole event.
    if (event.type === 'task' && event.action === 'cancelled') expect(event.data.state).toBe('succeeded');
    if (event.type === 'poll' && event.action === 'completed') {
      expectTypeOf<typeof event.action>().toEqualTypeOf<'completed'>();
      expectTypeOf(event.data).toEqualTypeOf<PollAttributes>();
    }
    if (isEvent(event, 'task.failed')) expectTypeOf(event).toEqualTypeOf<WebhookEventOf<'task.failed'>>();
  });

  it("types on['task.cancelled'] by the task, a known slug by its event, an unknown type's generically", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      on: {
        'task.succeeded': (event) => {
          expectTypeOf(event).toEqualTypeOf<WebhookEventOf<'task.succeeded'>>();
          seen.push(`succeeded ${event.data.state}`);
        },
        'task.cancelled': (event) => {
          expectTypeOf(event).toEqualTypeOf<Extract<UnknownActionWebhookEvent, { type: 'task' }>>();
          expectTypeOf(event).toEqualTypeOf<WebhookEventOf<'task.cancelled'>>();
          expectTypeOf(event.data).toEqualTypeOf<TaskAttributes>();
          seen.push(`${event.action} ${event.data.id}`);
        },
        'subscription.renewed': (event) => {
          expectTypeOf(event).toEqualTypeOf<GenericWebhookEvent>();
          expectTypeOf(event).toEqualTypeOf<WebhookEventOf<'subscription.renewed'>>();
          seen.push(`renewed ${JSON.stringify(event.data)}`);
        },
      },
    });
    const renewed = { ...taskSucceeded('evt_r'), type: 'subscription', action: 'renewed', data: [1] };
    for (const body of [taskSucceeded('evt_s'), { ...taskSucceeded('evt_c'), action: 'cancelled' }, renewed])
      expect((await handler(await createSignedRequest(body, SECRET))).status).toBe(200);
    expect(seen).toEqual(['succeeded succeeded', 'cancelled task_1', 'renewed [1]']);
    type Handled<S extends string> = Parameters<NonNullable<WebhookEventHandlers[S]>>[0];
    expectTypeOf<Handled<'poll.expired'>['data']>().toEqualTypeOf<PollAttributes>();
    expectTypeOf<Handled<'webhook_config.test'>>().toEqualTypeOf<WebhookEventOf<'webhook_config.test'>>();
    // WebhookEventOf<slug> is what the slug's handler gets, whichever of the three kinds of slug it is.
    expectTypeOf<WebhookEventOf<'poll.expired'>>().toEqualTypeOf<Handled<'poll.expired'>>();
    expectTypeOf<WebhookEventOf<'session.expired'>>().toEqualTypeOf<Handled<'session.expired'>>();
    expectTypeOf<WebhookEventOf<'subscription.renewed'>>().toEqualTypeOf<Handled<'subscription.renewed'>>();
    expectTypeOf<WebhookEventOf<'webhook_config.test'>['action']>().toEqualTypeOf<'test'>();
    expectTypeOf<WebhookEventOf<'webhook_config.resent'>['data']>().toEqualTypeOf<WebhookConfigAttributes>();
    expectTypeOf<WebhookEventOf<'task.cancelled'>['action']>().toEqualTypeOf<string>();
    expectTypeOf<WebhookEventOf<'task'>>().toEqualTypeOf<GenericWebhookEvent>();
    // A mistake in a documented slug's handler is caught as before, and now in one of another action of its type.
    createWebhookHandler({
      secret: SECRET,
      on: {
        // @ts-expect-error: a task.succeeded handler does not get a poll
        'task.succeeded': (event: WebhookEventOf<'poll.completed'>) => event,
        // @ts-expect-error: a task has no `stat`
        'task.failed': (event) => event.data.stat,
        // @ts-expect-error: a task has no `stat`, whatever its action
        'task.cancelled': (event) => event.data.stat,
      },
    });
  });
});

/**
 * Shared fixtures of the webhook tests: a valid event, a signed delivery, and the table of bad deliveries that both
 * the Web handler and the Node server must refuse, each with the status and the typed error it must produce.
 */
import { expect, vi } from 'vitest';
import {
  createSignedRequest,
  createWebhookHandler,
  DEFAULT_MAX_BODY_BYTES,
  MemoryReplayStore,
  SignatureVerificationError,
  signPayload,
  WebhookPayloadError,
  type WebhookEvent,
  type WebhookHandlerOptions,
  type WebhookPayloadProblem,
} from '../../src/webhooks/index';

export const SECRET = 'whsec_test_0123456789abcdef';
export const OTHER_SECRET = 'whsec_other_fedcba9876543210';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A `task.succeeded` event the way the API sends one. */
export function taskSucceeded(id: string = crypto.randomUUID()) {
  return {
    id,
    resource: 'event',
    organisation: 'org_1',
    type: 'task',
    action: 'succeeded',
    data: {
      id: 'task_1',
      resource: 'task',
      type: 'webhook_config.test',
      state: 'succeeded',
      date_created: '2024-05-01T10:00:00Z',
    },
    state: 'pending',
    retries: 0,
    date_created: '2024-05-01T10:00:01Z',
    date_delivered: null,
  };
}

/** What goes on the wire: a raw body and the headers. */
export interface Wire {
  body: string;
  headers: Record<string, string>;
}

/** A body signed with `secret` at `timestamp` (default now). */
export async function signed(body: string, secret = SECRET, timestamp = nowSeconds()): Promise<Wire> {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'ricloud-signature': await signPayload(body, secret, { timestamp }),
    },
  };
}

/** One bad delivery: how to build it, and what the receiver must answer and report. */
export interface BadDelivery {
  name: string;
  /** The wire form. */
  build(): Promise<Wire>;
  status: number;
  error: typeof SignatureVerificationError | typeof WebhookPayloadError;
  reason?: WebhookPayloadProblem;
  message: RegExp;
}

const eventBody = () => JSON.stringify(taskSucceeded());
const withHeader = (header: string): Wire => ({
  body: eventBody(),
  headers: { 'content-type': 'application/json', 'ricloud-signature': header },
});
/** The signature part of a header. */
const sOf = (header: string) => header.split('s=')[1] ?? '';

export const badDeliveries: BadDelivery[] = [
  {
    name: 'a missing signature header',
    build: async () => ({ body: eventBody(), headers: { 'content-type': 'application/json' } }),
    status: 400,
    error: SignatureVerificationError,
    message: /missing Ricloud-Signature header/,
  },
  {
    name: 'an empty signature header',
    build: async () => withHeader(''),
    status: 400,
    error: SignatureVerificationError,
    message: /missing Ricloud-Signature header/,
  },
  {
    name: 't= without s=',
    build: async () => withHeader(`t=${nowSeconds()}`),
    status: 400,
    error: SignatureVerificationError,
    message: /no signature \(s=\)/,
  },
  {
    name: 'a non-numeric timestamp',
    build: async () => {
      const good = await signed(eventBody());
      return withHeader(`t=soon,s=${sOf(good.headers['ricloud-signature']!)}`);
    },
    status: 400,
    error: SignatureVerificationError,
    message: /timestamp is not a whole number/,
  },
  {
    name: 'a signature that is not base64',
    build: async () => withHeader(`t=${nowSeconds()},s=not*base64!`),
    status: 400,
    error: SignatureVerificationError,
    message: /not a base64 HMAC-SHA256/,
  },
  {
    name: 'the wrong secret',
    build: () => signed(eventBody(), OTHER_SECRET),
    status: 400,
    error: SignatureVerificationError,
    message: /does not match/,
  },
  {
    name: 'a body changed by one byte',
    build: async () => {
      const wire = await signed(eventBody());
      return { ...wire, body: wire.body.replace('"succeeded"', '"succeedes"') };
    },
    status: 400,
    error: SignatureVerificationError,
    message: /does not match/,
  },
  {
    name: 'a stale timestamp',
    build: () => signed(eventBody(), SECRET, nowSeconds() - 3600),
    status: 400,
    error: SignatureVerificationError,
    message: /s old; the tolerance is 600 s/,
  },
  {
    name: 'a future timestamp',
    build: () => signed(eventBody(), SECRET, nowSeconds() + 3600),
    status: 400,
    error: SignatureVerificationError,
    message: /s in the future; the tolerance is 600 s/,
  },
  {
    name: 'a correctly signed body over maxBodyBytes (1 MiB by default)',
    build: () => signed(JSON.stringify({ ...taskSucceeded(), padding: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) })),
    status: 413,
    error: WebhookPayloadError,
    reason: 'too-large',
    message: /larger than 1048576 bytes \(maxBodyBytes\)/,
  },
  {
    name: 'an empty body',
    build: () => signed(''),
    status: 415,
    error: WebhookPayloadError,
    reason: 'empty',
    message: /body is empty/,
  },
  {
    name: 'a body that is not JSON',
    build: () => signed('event=task.succeeded'),
    status: 415,
    error: WebhookPayloadError,
    reason: 'not-json',
    message: /not JSON/,
  },
  {
    name: 'a JSON body that is not an event',
    build: () => signed(JSON.stringify({ hello: 'world' })),
    status: 400,
    error: WebhookPayloadError,
    reason: 'not-an-event',
    message: /not a ricloud event: `resource` is not "event"/,
  },
];

/** True when `text` mentions a secret or a signature value of `wire`. */
export function leaks(text: string, wire: Wire): boolean {
  const signature = sOf(wire.headers['ricloud-signature'] ?? '');
  return (
    [SECRET, OTHER_SECRET].some((secret) => text.includes(secret)) || (signature.length > 8 && text.includes(signature))
  );
}

/** A handler that records what its event handlers got and what `onError` saw. */
export function recorder(options: Partial<WebhookHandlerOptions> = {}) {
  const events: WebhookEvent[] = [];
  const errors: unknown[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    replay: new MemoryReplayStore(),
    onAny: (event) => void events.push(event),
    onError: (error) => void errors.push(error),
    ...options,
  });
  return { handler, events, errors };
}

/**
 * Sends `bad` and checks the refusal: its status, one typed error reported to `onError` with the message the answer
 * carries, no handler run, and nothing secret in the answer.
 */
export async function expectRefused(
  bad: BadDelivery,
  send: (wire: Wire) => Promise<Response>,
  recorded: ReturnType<typeof recorder>,
): Promise<void> {
  const { events, errors } = recorded;
  const wire = await bad.build();
  const response = await send(wire);
  const text = await response.text();

  expect(response.status).toBe(bad.status);
  expect(events).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toBeInstanceOf(bad.error);
  expect((errors[0] as Error).message).toMatch(bad.message);
  if (bad.reason) expect(errors[0]).toHaveProperty('reason', bad.reason);
  expect(text).toBe((errors[0] as Error).message);
  expect(leaks(text, wire)).toBe(false);
}

/**
 * Hands `request` to `handler` under fake timers (the caller's `vi.useFakeTimers`) and checks that it is not answered
 * before `ms`, then answered `expected` at `ms`.
 */
export async function expectStatusAt(
  handler: (request: Request) => Promise<Response>,
  request: Request,
  ms: number,
  expected: number,
): Promise<void> {
  let status: number | undefined;
  const answered = handler(request).then((response) => {
    status = response.status;
  });
  await vi.advanceTimersByTimeAsync(ms - 1);
  expect(status).toBeUndefined();
  await vi.advanceTimersByTimeAsync(1);
  // Checked before awaiting the answer: one that never comes fails here, not at the test's timeout.
  expect(status).toBe(expected);
  await answered;
}

/** Delivers a signed event to `handler` under fake timers and checks that it is answered 503 at `ms`, not before. */
export async function expect503At(handler: (request: Request) => Promise<Response>, ms: number): Promise<void> {
  await expectStatusAt(handler, await createSignedRequest(taskSucceeded(), SECRET), ms, 503);
}

/**
 * Shared set-up for the SDK core tests: the mock API in process on msw, and a webhook receiver that records every
 * delivery and answers the way a test tells it to (2xx, 500, never, or unreachable).
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Client, type ClientOptions } from '../../src/index';
import { createMockApi, type MockApi, type MockApiOptions } from '../../src/mock/index';

/** One delivery the receiver got, as it arrived. */
export interface Delivery {
  url: string;
  method: string;
  contentType: string | null;
  signature: string | null;
  body: string;
}

/** How the receiver answers: 2xx, an error status, never, as if it could not be reached, or 2xx once released. */
export type ReceiverMode = 'ok' | 500 | 'hang' | 'unreachable' | 'hold';

/** A receiver for the mock's `deliver` option. */
export function recordingReceiver() {
  const deliveries: Delivery[] = [];
  let mode: ReceiverMode = 'ok';
  let release: () => void = () => undefined;
  let released = Promise.resolve();
  const deliver = async (request: Request): Promise<Response> => {
    deliveries.push({
      url: request.url,
      method: request.method,
      contentType: request.headers.get('content-type'),
      signature: request.headers.get('ricloud-signature'),
      body: await request.text(),
    });
    if (mode === 'hang') return new Promise<Response>(() => undefined);
    if (mode === 'hold') await released;
    if (mode === 'unreachable')
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    return typeof mode === 'number' ? new Response('boom', { status: mode }) : new Response('OK');
  };
  return {
    deliver,
    deliveries,
    answer(next: ReceiverMode) {
      mode = next;
      if (next === 'hold') released = new Promise<void>((resolve) => (release = resolve));
    },
    /** Lets held deliveries answer 2xx. */
    release: () => release(),
    clear() {
      release();
      deliveries.length = 0;
      mode = 'ok';
    },
  };
}

/** Tokens used by the tests; long and distinctive, so a leak into a message is easy to spot. */
export const TOKEN_A = 'tok_alpha_7f3c9e1d5b2a48c6a0e1f2d3c4b5a697';
/** A webhook config as the API answers it, for tests that serve their own answers. */
export const CONFIG_ANSWER = {
  id: 'wc_1',
  resource: 'webhook_config',
  organisation: 'org_1',
  url: 'https://hooks.example.com/in',
  state: 'valid',
  date_created: '2024-05-01T10:00:00Z',
};
export const TOKEN_B = 'tok_bravo_1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6';

/**
 * Starts msw with the mock's handlers for the whole file (unhandled requests fail the test), resets the mock and
 * the receiver after each test, and returns them with a client factory that logs nothing.
 */
export function useMockApi(options: MockApiOptions = {}) {
  const receiver = recordingReceiver();
  const api: MockApi = createMockApi({ taskDelay: 5, deliveryTimeout: 200, deliver: receiver.deliver, ...options });
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    receiver.release();
    await api.settle();
    server.resetHandlers();
    api.reset();
    receiver.clear();
  });
  afterAll(() => server.close());
  const client = (extra: ClientOptions = {}) =>
    new Client({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off', ...extra });
  return { api, server, receiver, client };
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

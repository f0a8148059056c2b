/**
 * Set-up shared by the reliability tests: the mock API over real sockets (so a reset really drops the connection, a
 * truncated body is really cut and a hang really hangs), a port that refuses connections, and small counters.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Client, type ClientOptions, type RequestOptions } from '../../src/index';
import { startMockServer, type MockApi, type MockServer, type MockServerOptions } from '../../src/mock/index';
import { TOKEN_A } from '../support/core-harness';

/** A receiver URL; the mock's `deliver` answers deliveries in process, so nothing listens there. */
export const RECEIVER = 'https://hooks.example.com/in';

/** Deliveries answered at once with 200. */
export const deliverOk = async () => new Response('OK');

/** A webhook config created with `client`, and the path to it. */
export async function seedConfig(client: Client) {
  const config = await client.webhookConfigs.create({ url: RECEIVER });
  return { config, path: `/configs/webhook/${config.id}` };
}

/** What `onRetry` is told of one retry. */
export type RetryEvent = Parameters<NonNullable<RequestOptions['onRetry']>>[0];

/** Request options that record every retry, with `extra` (whose own `onRetry` is called too). */
export function recordingRetries(extra: RequestOptions = {}) {
  const retries: RetryEvent[] = [];
  const onRetry = (event: RetryEvent) => {
    retries.push(event);
    extra.onRetry?.(event);
  };
  return { retries, options: { ...extra, onRetry } };
}

/**
 * Starts the mock server for the whole file, resets it after each test, and returns a client factory for it.
 * Hanging requests are released by `reset()`, so no test leaves one behind.
 */
export function useMockServer(options: MockServerOptions = {}) {
  let server: MockServer | undefined;
  const started = () => {
    if (!server) throw new Error('the mock server is not started yet (use it inside a test)');
    return server;
  };
  beforeAll(async () => {
    server = await startMockServer({ taskDelay: 5, deliver: deliverOk, ...options });
  });
  afterEach(async () => {
    started().api.faults.clear();
    await started().api.settle();
    started().api.reset();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    /** The mock behind the server. */
    get api(): MockApi {
      return started().api;
    },
    /** A client for the server that logs nothing unless told. */
    client: (extra: ClientOptions = {}) =>
      new Client({ token: TOKEN_A, baseUrl: started().url, logLevel: 'off', ...extra }),
  };
}

/**
 * Starts, for the whole file, a loopback server that answers every request 200 with the JSON text last given to
 * `answer` (a body no mock would send), and returns a client factory for it.
 */
export function useAnswerServer() {
  let server: Server | undefined;
  let baseUrl = '';
  let body = '';
  beforeAll(async () => {
    const started = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    server = started;
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return {
    /** Sets the text every later request is answered with. */
    answer: (text: string) => {
      body = text;
    },
    /** A client for the server that logs nothing. */
    client: () => new Client({ token: TOKEN_A, baseUrl, logLevel: 'off' }),
  };
}

/** How many requests the mock received with this method and path. */
export function sent(api: MockApi, method: string, path: string): number {
  return api.requests.filter((r) => r.method === method && r.path === path).length;
}

/** A loopback port nothing listens on: connecting to it fails with a real ECONNREFUSED. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * A `fetch` whose first `refusals` calls connect to a closed port (a real ECONNREFUSED, before any byte is sent) and
 * whose later calls go to the real server. Port 1 is not used: fetch refuses it as a "bad port" without connecting.
 */
export async function refusingFetch(refusals = 1): Promise<{ fetch: typeof fetch; calls: () => number }> {
  const port = await closedPort();
  let calls = 0;
  const wrapped: typeof fetch = (input, init) => {
    calls++;
    return calls <= refusals ? fetch(`http://127.0.0.1:${port}/refused`, init) : fetch(input, init);
  };
  return { fetch: wrapped, calls: () => calls };
}

/** Milliseconds since `start`. */
export const since = (start: number) => Date.now() - start;

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

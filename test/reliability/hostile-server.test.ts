/**
 * A server that answers at the level of raw HTTP what no well-behaved one would: a head that never ends, informational
 * answers first, no body, a redirect echoing the token, a decompression bomb on an error. Each call ends with its typed
 * error (or its answer), a create is sent once, and the token is in none of it. Over real sockets: a raw TCP server
 * writes the answers byte for byte, as node:http would refuse to.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { format, inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  type ClientOptions,
  ConnectionError,
  RequestError,
  ResponseValidationError,
  TimeoutError,
  WebhookConfig,
} from '../../src/index';
import { CONFIG_ANSWER, rejectionOf, TOKEN_A } from '../support/core-harness';
import { RECEIVER } from './support';

/** Answers one request on `socket`, once its head (and any body it announced) has arrived. */
type Answer = (socket: Socket) => void;

/** A raw HTTP server: each request is answered by `answer`, and counted. */
async function rawServer() {
  const state = { answer: ((socket) => socket.end()) as Answer, requests: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
      if (end === -1 || received.length < end + 4 + length) return;
      received = '';
      state.requests++;
      state.answer(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An answer with `status`, `headers` and `body`, on a connection then closed. */
const answer =
  (status: number, headers: Record<string, string>, body: string | Buffer = ''): Answer =>
  (socket) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const head = Object.entries({ 'content-length': String(bytes.length), connection: 'close', ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} Whatever\r\n${head}\r\n`, 'latin1'), bytes]));
  };

/** Writes the status line `status`, then a header line every 20 ms until the client hangs up. */
const endlessHead =
  (status: string): Answer =>
  (socket) => {
    socket.write(`HTTP/1.1 ${status}\r\n`);
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('x-more: yes\r\n')), 20);
  };

let api: Awaited<ReturnType<typeof rawServer>>;
let elsewhere: Awaited<ReturnType<typeof rawServer>>;

beforeAll(async () => {
  [api, elsewhere] = await Promise.all([rawServer(), rawServer()]);
});
afterAll(() => Promise.all([api.close(), elsewhere.close()]));

/** A client of the raw server with short time limits; `answer` is how it answers each request. */
function client(next: Answer, options: ClientOptions = {}) {
  api.state.answer = next;
  api.state.requests = 0;
  return new Client({ token: TOKEN_A, baseUrl: api.url, logLevel: 'off', timeout: 200, deadline: 2_000, ...options });
}

const retrieve = (c: Client) => c.webhookConfigs.retrieve('wc_1');
const create = (c: Client) => c.webhookConfigs.create({ url: RECEIVER });

describe('a response head that never ends', () => {
  it('a header line every 20 ms, forever: a retrieve ends in TimeoutError once its retries are spent', async () => {
    const error = await rejectionOf(retrieve(client(endlessHead('200 OK'), { deadline: 60_000, maxRetries: 1 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('attempt 2 got no answer within 200 ms');
    expect(api.state.requests).toBe(2);
  });

  it('the same on a create: TimeoutError after one attempt, which may have been applied', async () => {
    const error = await rejectionOf(create(client(endlessHead('201 Created'), { deadline: 60_000 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ mayHaveSucceeded: true, request: { attempts: 1 } });
    expect(api.state.requests).toBe(1);
  });

  it(
    'headers past what a response head may hold, sent as fast as they go: a create is a ConnectionError, ' +
      'sent once',
    async () => {
      const flood = (socket: Socket) => {
        socket.write('HTTP/1.1 201 Created\r\n');
        const more = () => {
          while (!socket.destroyed && socket.write(`x-more: ${'y'.repeat(1000)}\r\n`));
          if (!socket.destroyed) socket.once('drain', more);
        };
        more();
      };
      const error = await rejectionOf(create(client(flood)));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ mayHaveSucceeded: true });
      expect(api.state.requests).toBe(1);
    },
  );
});

describe('answers without the body a call expects', () => {
  it('103 Early Hints before the answer are passed over: the answer is returned', async () => {
    const hints: Answer = (socket) => {
      socket.write('HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n');
      answer(200, { 'content-type': 'application/json' }, JSON.stringify(CONFIG_ANSWER))(socket);
    };
    const config = await retrieve(client(hints));
    expect(config).toBeInstanceOf(WebhookConfig);
    expect(config.id).toBe('wc_1');
  });

  it.each([204, 205])(
    'a %i on a retrieve is a ResponseValidationError with the status, not retried',
    async (status) => {
      const error = await rejectionOf(retrieve(client(answer(status, { 'content-type': 'application/json' }))));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ status, body: '', mayHaveSucceeded: false });
      expect(error.message).toContain('the response body is empty');
      expect(api.state.requests).toBe(1);
    },
  );

  it('a 204 on a create is a ResponseValidationError that may have been applied, sent once', async () => {
    const error = await rejectionOf(create(client(answer(204, {}))));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 204, mayHaveSucceeded: true });
    expect(api.state.requests).toBe(1);
  });
});

describe('a redirect that echoes the token', () => {
  it('to another host, in its Location, body, request id: not followed, the token in none of the error', async () => {
    const location = `${elsewhere.url}/configs/webhook/wc_1?token=${TOKEN_A}`;
    const redirect = answer(302, { location, 'x-request-id': `req-${TOKEN_A}` }, `Moved to ${location}`);
    elsewhere.state.requests = 0;
    const error = await rejectionOf(retrieve(client(redirect)));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 302, request: { attempts: 1 } });
    expect(error.message).toContain('the SDK does not follow redirects');
    expect(elsewhere.state.requests).toBe(0);
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), format(error)])
      expect(text).not.toContain(TOKEN_A);
  });
});

describe('an error answer that decompresses past maxResponseBytes (a gzip bomb on a 400)', () => {
  // 16 MiB of JSON, about 16 KB once gzipped.
  const bomb = gzipSync(`{"error":"invalid-parameter","message":"${'a'.repeat(16 * 1024 * 1024)}"}`);

  it('is read no further than the cap: RequestError with its status, the body kept cut', async () => {
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const error = await rejectionOf(retrieve(client(answer(400, headers, bomb), { maxResponseBytes: 100_000 })));
    expect(error).toBeInstanceOf(RequestError);
    // The JSON was cut at the cap, so the API's message cannot be read from it.
    const { status, apiMessage, body } = error as RequestError;
    expect([status, apiMessage]).toEqual([400, undefined]);
    expect(body.startsWith('{"error":"invalid-parameter","message":"aaa')).toBe(true);
    expect(body.length).toBe(64 * 1024 + 1);
    expect(api.state.requests).toBe(1);
  });
});

/**
 * startMockServer(): the mock API over real HTTP on loopback, each request resolved by msw against the handlers, and
 * its control route (`POST /__mock/reset`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
// msw/experimental's frame, not msw's getResponse, whose index keeps Deno alive (see msw.ts).
import { HttpNetworkFrame } from '#msw';
import { buildMockApi, type MockApi } from './api';
import { checkMockOptions, MOCK_OPTION_NAMES, type MockApiOptions } from './options';
import { checkCors, corsHeaders, preflight, type CorsOption } from './cors';
import { controlAnswer } from './control';
import type { ConnectionFaults } from './endpoint';
import { MAX_REQUEST_BYTES } from './choices';
import { statusError } from './respond';

/** Options of `startMockServer`: where to listen, and the mock's own options. */
export interface MockServerOptions extends Omit<MockApiOptions, 'baseUrl'> {
  /** Port to listen on (default 0: any free port). */
  port?: number | undefined;
  /** Address to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /**
   * Answer browsers' CORS checks, for a page that calls the mock: `true` for any origin, or one origin
   * (default off, as the real API's CORS rules are not documented).
   */
  cors?: CorsOption | undefined;
}

/** Every option of `startMockServer`: the mock's but `baseUrl` (the server's own url), and where to listen. */
const { baseUrl: _, ...SERVER_OPTION_NAMES } = {
  ...MOCK_OPTION_NAMES,
  port: true,
  host: true,
  cors: true,
} satisfies Record<keyof MockServerOptions | 'baseUrl', true>;

/** A running mock server. */
export interface MockServer {
  /** Its base URL, e.g. `http://127.0.0.1:8787`: give it to the client as `baseUrl`. */
  readonly url: string;
  /** The mock behind it, to inspect and to plan faults. */
  readonly api: MockApi;
  /** Stops listening, drops every open connection and abandons queued tests: nothing is delivered after it. */
  close(): Promise<void>;
}

// Marks an answer the socket layer must play as a fault instead of sending.
const FAULT_HEADER = 'x-ricloud-mock-fault';

const socketFaults: ConnectionFaults = {
  drop: () => new Response(null, { status: 500, headers: { [FAULT_HEADER]: 'reset' } }),
  truncate: async (response) => {
    const headers = new Headers(response.headers);
    headers.set(FAULT_HEADER, 'truncate');
    return new Response(await response.arrayBuffer(), { status: response.status, headers });
  },
  // Node sends no body to a HEAD: the GET's is kept, to count for its Content-Length.
  head: (response) => response,
};

/** One request to the server, as a frame msw resolves against the handlers: it keeps msw's answer, or its error. */
class ServerFrame extends HttpNetworkFrame {
  answer: Response | undefined;
  failure: unknown;

  respondWith(response?: Response): void {
    this.answer = response;
  }

  // No handler answered: the server sends its own 404.
  passthrough(): void {}

  errorWith(reason?: unknown): void {
    this.failure = reason ?? new Error('msw could not resolve the request');
  }
}

/**
 * Serves the mock API over HTTP until `close()`, and `POST /__mock/reset`, which calls `api.reset()` for a client in
 * another process.
 * @throws InvalidInputError for an option it does not take (`baseUrl` included: the server's is its own url), a `cors`
 *   that is neither a boolean nor an origin, or a `taskDelay` or `deliveryTimeout` that is not a number of
 *   milliseconds a timer can wait; the listen error when the port is taken (e.g. EADDRINUSE).
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  // Before listening: a refused option must not leave a server behind.
  checkMockOptions(options, SERVER_OPTION_NAMES);
  const { port = 0, host = '127.0.0.1', cors: corsOption, ...mockOptions } = options;
  const cors = checkCors(corsOption);
  const sockets = new Set<Socket>();
  let api: MockApi | undefined;
  const server = createServer((req, res) => {
    if (api) void serve(api, req, res, cors);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const closed = new AbortController();
  api = buildMockApi({ ...mockOptions, baseUrl: url }, socketFaults, closed.signal);
  const mock = api;
  return {
    url,
    api: mock,
    async close() {
      closed.abort();
      mock.faults.clear();
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise((resolve) => server.close(resolve)), mock.settle()]);
    },
  };
}

/**
 * The request body's first `limit` bytes; the rest is read and dropped, so the client sees the answer (a 413 from the
 * handlers, which find the body over the cap) and memory stays bounded whatever is uploaded.
 */
async function readUpTo(req: IncomingMessage, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

/** The handlers' answer to `request`, or a 404 when none takes it. */
async function handlersAnswer(api: MockApi, request: Request): Promise<Response> {
  const frame = new ServerFrame({ request });
  await frame.resolve(api.handlers, 'bypass', { quiet: true });
  if (frame.failure !== undefined) throw frame.failure;
  return frame.answer ?? statusError(404, 'No such endpoint.').toResponse();
}

/** Turns one Node request into a Fetch `Request`, asks the handlers, and writes (or plays) the answer. */
async function serve(
  api: MockApi,
  req: IncomingMessage,
  res: ServerResponse,
  cors: CorsOption | undefined,
): Promise<void> {
  const checked = preflight(cors, req);
  if (checked) {
    res.writeHead(checked.status, checked.headers).end();
    return;
  }
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  try {
    const body = await readUpTo(req, MAX_REQUEST_BYTES + 1);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = req.method ?? 'GET';
    const request = new Request(new URL(req.url ?? '/', api.baseUrl), {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? null : body,
      signal: aborter.signal,
    });
    const response = controlAnswer(api, request, cors) ?? (await handlersAnswer(api, request));
    const fault = response.headers.get(FAULT_HEADER);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const out: Record<string, string> = corsHeaders(cors, req);
    response.headers.forEach((value, name) => {
      if (name !== FAULT_HEADER) out[name] = value;
    });
    if (fault === null && response.body && response.headers.has('content-length')) {
      // A result file, of any size: streamed as it is generated, never held.
      res.writeHead(response.status, out);
      if (req.method === 'HEAD') {
        await response.body.cancel();
        res.end();
        return;
      }
      await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res).catch(() => res.destroy());
      return;
    }
    const answer = Buffer.from(await response.arrayBuffer());
    out['content-length'] = String(answer.length);
    res.writeHead(response.status, out);
    if (fault === 'truncate' && req.method !== 'HEAD') {
      res.write(answer.subarray(0, Math.floor(answer.length / 2)), () => req.socket.destroy());
      return;
    }
    res.end(answer);
  } catch {
    if (!res.headersSent) res.writeHead(500, { ...corsHeaders(cors, req), 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'server-error', message: 'The mock server failed.' }));
  }
}

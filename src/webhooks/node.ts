/**
 * toNodeHandler: mounts a `(Request) => Promise<Response>` receiver on Node's `http`, Express or Connect.
 * It imports nothing from Node, and its types describe only what it uses of Node's request and response, so
 * `ricloud/webhooks` loads and type-checks in any runtime, without `@types/node`.
 */
import { InvalidInputError } from '../core/errors';
import { bodyTimeouts, checkTimeout, DEFAULT_BODY_TIMEOUT, MAX_DELAY } from './body';
import { WebhookPayloadError } from './event';
import { checkOptionsObject, toBytes } from './signature';

/** What the adapter reads of a Node `IncomingMessage` (Express's `req` is one). */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  /** The request method, e.g. `POST`. */
  method?: string | undefined;
  /** The path and query. */
  url?: string | undefined;
  /** Lower-case header names to values; over HTTP/2, with its pseudo-headers (`:authority`, `:scheme`). */
  headers: Record<string, string | string[] | undefined>;
  /** 2 for an HTTP/2 request (`node:http2`'s compatibility API). */
  httpVersionMajor?: number | undefined;
  /** The connection: a TLS one has `encrypted: true` (`node:https`, and HTTP/1.1 on `node:http2`'s secure server). */
  socket?: unknown;
  /** True once something has read from the body stream. */
  readableDidRead?: boolean | undefined;
  /** True once the body stream has been read to its end. */
  readableEnded?: boolean | undefined;
  /** True once the whole body has arrived (read or not). */
  complete?: boolean | undefined;
  /** True once the request is dropped: its `close` has been or is about to be emitted. */
  destroyed?: boolean | undefined;
  /** Drops the request: over HTTP/1.1 its connection, over HTTP/2 its stream. */
  destroy?(): unknown;
  /** Listens for the request's `close`, once it has ended or its connection is gone. */
  once?(event: 'close', listener: () => void): unknown;
}

/** What the adapter uses of a Node `ServerResponse` (Express's `res` is one). */
export interface NodeResponse {
  /** True once the status line and headers went out. */
  readonly headersSent: boolean;
  /** Sends the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): NodeResponse;
  /** Ends the response with this body. */
  end(body: Uint8Array | string): unknown;
  /** Drops the connection. */
  destroy(): unknown;
}

/** What body parsers leave on a request: the parsed `body`, and sometimes the raw bytes as `rawBody`. */
type ParsedRequest = NodeRequest & { body?: unknown; rawBody?: unknown; originalUrl?: string };

/** Options of `toNodeHandler`. */
export interface NodeHandlerOptions {
  /**
   * Milliseconds a body still arriving after the answer may take before its connection is closed (`Infinity` for no
   * limit); by default the receiver's `bodyTimeout`, which only a receiver passed as `createWebhookHandler` made it
   * carries: one wrapped in a function of yours gets 10 000 unless you pass it here.
   */
  bodyTimeout?: number | undefined;
}

/** A Node request listener that is also Express / Connect middleware. */
export type NodeHandler = (req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) => void;

// Not `instanceof Uint8Array`: a Buffer from another realm (Jest's test environment) would fail it.
const isRaw = (value: unknown): value is Uint8Array | string => ArrayBuffer.isView(value) || typeof value === 'string';

/**
 * Requests whose stream the receiver began and did not finish: Node's `readableDidRead` stays false until a byte came.
 */
const unfinished = new WeakSet<object>();

/**
 * The unread body as a Web stream, pulled only as the receiver reads it, so the receiver's `maxBodyBytes` bounds what
 * is buffered. Nothing touches `req` before the first read: a body refused unread (by its declared length) is left to
 * Node, which drains it and keeps the connection.
 */
function streamOf(req: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream(
    {
      async pull(controller) {
        unfinished.add(req);
        chunks ??= req[Symbol.asyncIterator]();
        const { done, value } = await chunks.next();
        if (done) {
          unfinished.delete(req);
          controller.close();
        } else controller.enqueue(toBytes(value));
      },
    },
    // No read ahead: pull runs only when the receiver asks for a chunk.
    { highWaterMark: 0 },
  );
}

/**
 * The raw body: `req.rawBody`, else a raw `req.body` (`express.raw()`, `express.text()`), else the unread stream.
 * @throws WebhookPayloadError (`body-used`) when the stream was read and no raw copy is left.
 */
function rawBody(req: ParsedRequest): Uint8Array | ReadableStream<Uint8Array> {
  if (isRaw(req.rawBody)) return toBytes(req.rawBody);
  if (isRaw(req.body)) return toBytes(req.body);
  if (req.readableDidRead || req.readableEnded) {
    throw new WebhookPayloadError(
      'body-used',
      'the request body was already read (by a body parser such as express.json()), ' +
        'so its raw bytes are gone and the signature cannot be checked; a re-serialised object never matches. ' +
        'Mount the webhook handler before express.json(), or keep the raw bytes as req.rawBody, ' +
        'e.g. express.json({ verify: (req, res, buf) => { req.rawBody = buf } }). ' +
        "In Next.js's pages/api, turn the route's parser off: export const config = { api: { bodyParser: false } }.",
    );
  }
  return streamOf(req);
}

function toRequest(req: ParsedRequest, body: Uint8Array | ReadableStream<Uint8Array>): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not valid header names for `Headers`.
    if (name.startsWith(':') || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  // HTTP/2 names the host and scheme in pseudo-headers: it has no Host header. HTTP/1.1 has the socket say it is TLS.
  const encrypted = (req.socket as { encrypted?: unknown } | undefined)?.encrypted === true;
  const { host = req.headers[':authority'] ?? 'localhost', ':scheme': scheme = encrypted && 'https' } = req.headers;
  const path = req.originalUrl ?? req.url ?? '/';
  // A path is resolved as one: URL reads `//x/…` (a config url ending in `/`, its event id appended) as host `x`.
  const url = new URL(path.startsWith('/') ? `.${path}` : path, `${scheme === 'https' ? 'https' : 'http'}://${host}`);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `duplex: 'half'` is what fetch asks of a streamed request body.
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (body as Uint8Array<ArrayBuffer>) : null,
    duplex: 'half',
  } as RequestInit);
}

/** Ends `res` with a plain-text answer of the adapter's own. */
function reply(res: NodeResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(text);
}

/**
 * A malformed request that no `Request` can hold: a method fetch forbids (TRACE, CONNECT) or a Host that is not one.
 */
function unservable(req: ParsedRequest, res: NodeResponse): void {
  if (req.method === 'POST') reply(res, 400, 'malformed request');
  else reply(res, 405, 'webhook deliveries are POST requests', { allow: 'POST' });
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: ParsedRequest,
  res: NodeResponse,
  body: Uint8Array | ReadableStream<Uint8Array>,
) {
  let request: Request;
  try {
    request = toRequest(req, body);
  } catch {
    return unservable(req, res);
  }
  const response = await handler(request);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = Object.fromEntries(response.headers);
  // A body the receiver stopped reading part way (over its limit, or too slow) cannot be skipped: the connection ends
  // with this answer. HTTP/2 forbids the header (Node drops it with a warning), and ends just the request's stream.
  const unread = unfinished.has(req) || (req.readableDidRead && !req.readableEnded);
  if (unread && req.httpVersionMajor !== 2) headers.connection = 'close';
  res.writeHead(response.status, headers).end(bytes);
}

/**
 * Bounds the arrival of a body still arriving at the answer (refused unread, or read part way): Node reads it to its
 * end to reuse the connection, and a sender that has not sent it all after `ms` loses the connection, not holding it.
 */
function limitDrain(req: NodeRequest, ms: number): void {
  // A request already dropped (its sender gone part way) drains nothing, and its `close` may have passed.
  if (req.complete !== false || req.destroyed || ms > MAX_DELAY) return;
  const timer = setTimeout(() => {
    if (!req.complete) req.destroy?.();
  }, ms);
  req.once?.('close', () => clearTimeout(timer));
}

/**
 * Hands a failure to Express's `next`, or without one, makes it a process warning: a request listener must not throw.
 */
function report(error: unknown, next: ((error?: unknown) => void) | undefined): void {
  if (next) next(error);
  else
    (globalThis as { process?: { emitWarning?: (warning: Error) => void } }).process?.emitWarning?.(
      error instanceof Error ? error : new Error(String(error)),
    );
}

/**
 * Adapts a receiver (from `createWebhookHandler`) to `(req, res, next?)`: a `node:http` (or `node:http2`) request
 * listener, and Express or Connect middleware. It reads the raw bytes itself, or takes `req.rawBody` when a body parser
 * kept them. When a body parser has consumed the body and left no raw bytes, it refuses to verify a re-serialised
 * object: with `next` (Express) it passes the error on, so Express answers 500; without, it answers 500 and emits the
 * error as a process warning. It never throws: a malformed request (a method or Host no `Request` can hold) gets 405 or
 * 400. A body still arriving when the answer went out (refused by its declared length, say) is left to Node to drain,
 * so the connection is reused; a sender that has not sent it all within `options.bodyTimeout` has its connection
 * closed. It defaults to the receiver's `bodyTimeout`, which a receiver wrapped in a function of yours hides: 10 s
 * applies then.
 * @throws InvalidInputError when `handler` is not a function, `options` not an object, or `options.bodyTimeout` not a
 *   positive number.
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options: NodeHandlerOptions = {},
): NodeHandler {
  // A handler that cannot be called would fail every delivery with a 500, and the API would retry each in vain.
  if (typeof handler !== 'function')
    throw new InvalidInputError('handler', 'must be a function, such as the receiver createWebhookHandler returns');
  checkOptionsObject(options, 'options');
  const bodyTimeout = checkTimeout(
    options.bodyTimeout,
    'options.bodyTimeout',
    bodyTimeouts.get(handler) ?? DEFAULT_BODY_TIMEOUT,
  );
  return (req, res, next) => {
    let body: Uint8Array | ReadableStream<Uint8Array>;
    try {
      body = rawBody(req);
    } catch (error) {
      if (!next) reply(res, 500, (error as Error).message);
      return report(error, next);
    }
    serve(handler, req, res, body)
      .catch((error: unknown) => {
        // Reached only when a custom handler rejects: createWebhookHandler answers every failure itself.
        if (!next) {
          if (!res.headersSent) reply(res, 500, 'the webhook receiver failed');
          else res.destroy();
        }
        report(error, next);
      })
      .finally(() => limitDrain(req, bodyTimeout));
  };
}

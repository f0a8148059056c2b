/** The mock's msw handlers: one per API endpoint, wrapped in auth, the fault plan and the request log. */
import type { RequestHandler } from 'msw';
import { http } from '#msw';
import { follow } from '../core/signal';
import { anyPathOf, apiPathOf, malformedPath, otherCaseOf, routeOf } from './base-url';
import { FILES_PATH, MAX_REQUEST_BYTES } from './choices';
import type { ConnectionFaults, Endpoint, HandlerContext, Route } from './endpoint';
import { ORGANISATION_ROUTES } from './endpoints/organisation';
import { PERMISSIONS_ROUTES } from './endpoints/permissions';
import { POLL_AND_SUBSCRIPTION_ROUTES } from './endpoints/polls';
import { RESULT_ROUTES, serveFile } from './endpoints/results';
import { SESSION_ROUTES } from './endpoints/sessions';
import { STORAGE_CONFIG_ROUTES } from './endpoints/storage-configs';
import { TASK_AND_EVENT_ROUTES } from './endpoints/tasks-events';
import { USER_AND_SOURCE_ROUTES } from './endpoints/users-sources';
import { WEBHOOK_CONFIG_ROUTES } from './endpoints/webhook-configs';
import type { Fault } from './faults';
import { logRequest } from './request-log';
import { ApiError, invalidParameter, readCapped, statusError } from './respond';
import { nextTurn } from './turn';

/** Each path the API serves, with the methods it takes. */
const ROUTES = [
  ...WEBHOOK_CONFIG_ROUTES,
  ...STORAGE_CONFIG_ROUTES,
  ...ORGANISATION_ROUTES,
  ...PERMISSIONS_ROUTES,
  ...TASK_AND_EVENT_ROUTES,
  ...USER_AND_SOURCE_ROUTES,
  ...SESSION_ROUTES,
  ...POLL_AND_SUBSCRIPTION_ROUTES,
  ...RESULT_ROUTES,
];

const METHODS = { GET: http.get, HEAD: http.head, POST: http.post, DELETE: http.delete } as const;

/** A path's methods, with HEAD right after GET wherever it takes GET: answered as its GET (RFC 9110 §9.3.2). */
const withHead = ({ GET, ...others }: Route['methods']): Route['methods'] & { HEAD?: Endpoint } =>
  GET ? { GET, HEAD: GET, ...others } : others;

/** An endpoint answering 405 with the `Allow` header RFC 9110 requires. */
const notAllowed =
  (allow: string[]): Endpoint =>
  () => {
    throw statusError(405, 'Method not allowed.', undefined, { allow: allow.join(', ') });
  };

/** Builds the handlers for `context.baseUrl`. */
export function createHandlers(context: HandlerContext): RequestHandler[] {
  const base = context.baseUrl;
  const apiPath = apiPathOf(base);
  const route =
    (endpoint: Endpoint) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) =>
      headless(context, request, await handle(context, request, apiPath, String(params.id ?? ''), endpoint));
  // Each path's 405 right after its methods: `GET /results/ack` is refused by its own path, not taken for a result id.
  const served = ROUTES.flatMap(({ path, methods }) => {
    const taken = withHead(methods);
    const matches = routeOf(base, path);
    return [
      ...Object.entries(taken).map(([method, endpoint]) =>
        METHODS[method as keyof typeof METHODS](matches, route(endpoint)),
      ),
      http.all(matches, route(notAllowed(Object.keys(taken)))),
    ];
  });
  // A signed URL is its own credential: no token. The fault plan plays on its path as on the API's.
  const file = async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    await nextTurn();
    const url = new URL(request.url);
    const path = apiPath(url);
    logRequest(context.requests, request, url, path, '');
    const fault = context.faults.take(request.method, path);
    const early = await beforeActing(context, request, fault);
    return headless(
      context,
      request,
      early ?? (await afterActing(context, serveFile(context, request, String(params.id ?? '')), fault)),
    );
  };
  const filePath = `${FILES_PATH}/:id`;
  return [
    http.all(
      malformedPath(base),
      route(() => {
        throw invalidParameter('id', 'The path holds a malformed percent-escape.');
      }),
    ),
    ...[http.get, http.head].flatMap((method) => [
      method(routeOf(base, filePath), file),
      // A file path in another case (`/Files/<id>`) names no file: 404 as an unknown id, not the API's 401 (no token).
      method(otherCaseOf(base, filePath), file),
    ]),
    ...served,
    http.all(
      anyPathOf(base),
      route(() => {
        throw statusError(404, 'No such endpoint.');
      }),
    ),
  ];
}

/** Logs the request, plays its fault, authenticates it, runs the endpoint and maps API errors to answers. */
async function handle(
  context: HandlerContext,
  request: Request,
  apiPath: (url: URL) => string,
  id: string,
  endpoint: Endpoint,
): Promise<Response> {
  // A real network answer always takes a turn of the event loop; in-process msw would not, and a caller polling in a
  // tight loop would then starve the task timers.
  await nextTurn();
  const url = new URL(request.url);
  const path = apiPath(url);
  let body = '';
  try {
    body = await readCapped(request, MAX_REQUEST_BYTES);
  } catch (error) {
    logRequest(context.requests, request, url, path, '');
    if (error instanceof ApiError) return error.toResponse();
    throw error;
  }
  logRequest(context.requests, request, url, path, body);
  const fault = context.faults.take(request.method, path);
  try {
    const early = await beforeActing(context, request, fault);
    if (early) return early;
    const key = authenticate(context, request);
    const ignored = (names: string[]) =>
      context.debug(`${request.method} ${path}: ignored body fields ${names.join(', ')}`);
    // msw gives the path's id already decoded.
    const call = { request, url, body, id, key, organisation: key.organisation, ignored };
    return await afterActing(context, await endpoint(call, context), fault);
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    throw error;
  }
}

/** The answer to `request` as sent: a HEAD's is its GET's without the body, which the connection leaves out. */
const headless = (context: HandlerContext, request: Request, response: Response): Response =>
  request.method === 'HEAD' ? context.connection.head(response) : response;

/** The answer once the server acted, as the fault leaves it: its body replaced, the connection dropped, or cut. */
async function afterActing(context: HandlerContext, response: Response, fault: Fault | undefined): Promise<Response> {
  const answer = withBody(response, fault);
  if (fault?.reset === 'after') return context.connection.drop();
  return fault?.truncate ? await context.connection.truncate(answer) : answer;
}

/** The answer with the fault's `body` in place of its own, when the fault has one. */
function withBody(response: Response, fault: Fault | undefined): Response {
  if (fault?.body === undefined) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(fault.body, { status: response.status, headers });
}

/** The part of a fault played before the server acts; returns the answer that replaces the real one, if any. */
async function beforeActing(
  context: HandlerContext,
  request: Request,
  fault: Fault | undefined,
): Promise<Response | undefined> {
  if (!fault) return undefined;
  // A request still held when the mock is reset or closed is dropped: acting later would change the next test's store.
  if (fault.latency && !(await held(context.released(), fault.latency, request.signal)))
    return context.connection.drop();
  if (fault.hang) {
    await held(context.released(), undefined, request.signal);
    return context.connection.drop();
  }
  if (fault.reset === 'before') return context.connection.drop();
  if (fault.status) return withBody(statusError(fault.status, 'Injected fault.', fault.retryAfter).toResponse(), fault);
  return undefined;
}

/**
 * Holds a request: resolves true after `ms` (never without it), or false as soon as `released` fires. When the
 * request's own `signal` fires (its client gave up), a hold without `ms` ends (false); one with `ms` still ends after
 * it, as a slow server still acts, but its timer no longer keeps the process alive: a request in flight does, as a
 * socket would, and one nobody awaits any more does not. Its listeners and timer are removed either way, so requests
 * held one after another leave nothing behind; `released` is followed as the SDK's calls follow a signal, so requests
 * held at once share one listener on it.
 */
function held(released: AbortSignal, ms?: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let release: (() => void) | undefined;
    const end = (passed: boolean) => {
      clearTimeout(timer);
      release?.();
      signal?.removeEventListener('abort', gone);
      resolve(passed);
    };
    const stop = () => end(false);
    const timer = ms === undefined ? undefined : setTimeout(end, ms, true);
    const gone = timer === undefined ? stop : () => (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', gone, { once: true });
    release = follow(released, { abort: stop });
    if (signal?.aborted) gone();
  });
}

/** The key whose token the request carries; 401 when there is none or it is not a key's. */
function authenticate(context: HandlerContext, request: Request) {
  // The scheme in any case (RFC 9110 §11.1), then any whitespace, as DRF's TokenAuthentication splits the header.
  const match = /^Token\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  const key = match?.[1] ? context.accounts.keyOf(match[1]) : undefined;
  if (!key) throw statusError(401, 'Authentication credentials were not provided or are invalid.');
  return key;
}

/**
 * In-process faults, played as over HTTP: a dropped connection is msw's network error (a failed fetch), and a cut
 * body sends its first half then fails, so reading it rejects as a socket cut mid-body does.
 */
export const mswConnectionFaults: ConnectionFaults = {
  drop: () => Response.error(),
  // msw sends whatever body it is given, to a HEAD too. A dropped connection (a network error) stays one.
  head(response) {
    if (response.type === 'error') return response;
    void response.body?.cancel();
    return new Response(null, { status: response.status, headers: response.headers });
  },
  async truncate(response) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(halfThenFail(bytes), { status: response.status, headers });
  },
};

/** A body stream that gives the first half of `bytes`, then errors as a cut connection would. */
function halfThenFail(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent) {
        // A turn first: the reader takes the half before the error, which would drop a chunk still queued.
        await nextTurn();
        controller.error(new TypeError('The connection was cut before the body ended.'));
        return;
      }
      sent = true;
      controller.enqueue(bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
  });
}

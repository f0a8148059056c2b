/** The mock's msw handlers: one per API endpoint, wrapped in auth, the fault plan and the request log. */
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { AWAIT_HEADER, MAX_AWAIT_SECONDS, WEBHOOK_CONFIG_UPDATE_STATES } from '../core/wire';
import { CREATED, MAX_LOGGED_REQUESTS } from './choices';
import type { Fault, FaultPlan } from './faults';
import { listObject } from './lists';
import { ApiError, invalidParameter, json, readObject, readUrl, statusError } from './respond';
import { newId, newSecret, withoutSecret, type MockStore, type StoredConfig } from './store';
import type { TestRunner } from './test-runner';

/** A request the mock received, for tests to inspect. Headers are kept as sent. */
export interface ReceivedRequest {
  /** HTTP method, as sent. */
  method: string;
  /** URL path, without the query, e.g. `/configs/webhook/wc_1`. */
  path: string;
  /** Query parameters, decoded; a repeated name keeps its last value. */
  query: Record<string, string>;
  /** Headers with lower-case names, values as sent (the `authorization` token included). */
  headers: Record<string, string>;
  /** Body as text; empty when there was none. */
  body: string;
}

/** What the handlers share. */
export interface HandlerContext {
  baseUrl: string;
  store: MockStore;
  runner: TestRunner;
  faults: FaultPlan;
  requests: ReceivedRequest[];
  /** Finds the organisation of a token; undefined refuses it with 401. */
  organisationOf: (token: string) => string | undefined;
  /** How connection-level faults are played: by msw (in-process) or by the socket server. */
  connection: ConnectionFaults;
  /** Resolves when hanging requests should give up (reset or close). */
  released: () => Promise<void>;
}

/** Plays the faults that act below HTTP: a dropped connection and a cut body. */
export interface ConnectionFaults {
  drop(): Response;
  truncate(response: Response): Promise<Response>;
}

/** One call to an endpoint, after authentication. */
interface Call {
  request: Request;
  url: URL;
  body: string;
  id: string;
  organisation: string;
}

type Endpoint = (call: Call, context: HandlerContext) => Response | Promise<Response>;

const CONFIGS = '/configs/webhook';

/** Each path the API serves, with the methods it takes and the endpoint of each. */
const ROUTES: { path: string; methods: Partial<Record<'GET' | 'POST', Endpoint>> }[] = [
  { path: CONFIGS, methods: { GET: listConfigs, POST: createConfig } },
  { path: `${CONFIGS}/:id`, methods: { GET: retrieveConfig, POST: updateConfig } },
  { path: `${CONFIGS}/:id/test`, methods: { POST: testConfig } },
  { path: '/tasks', methods: { GET: listTasks } },
  { path: '/tasks/:id', methods: { GET: retrieveTask } },
  { path: '/events', methods: { GET: listEvents } },
  { path: '/events/:id', methods: { GET: retrieveEvent } },
];

/** An endpoint answering 405 with the `Allow` header RFC 9110 requires. */
const notAllowed =
  (allow: string[]): Endpoint =>
  () => {
    throw statusError(405, 'Method not allowed.', undefined, { allow: allow.join(', ') });
  };

/** Builds the handlers for `context.baseUrl`. */
export function createHandlers(context: HandlerContext): RequestHandler[] {
  const base = context.baseUrl;
  const route =
    (endpoint: Endpoint) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) =>
      handle(context, request, String(params.id ?? ''), endpoint);
  const served = ROUTES.flatMap(({ path, methods }) =>
    Object.entries(methods).map(([method, endpoint]) =>
      (method === 'GET' ? http.get : http.post)(`${base}${path}`, route(endpoint)),
    ),
  );
  const refused = ROUTES.map(({ path, methods }) =>
    http.all(`${base}${path}`, route(notAllowed(Object.keys(methods)))),
  );
  return [
    ...served,
    ...refused,
    http.all(
      `${base}/*`,
      route(() => {
        throw statusError(404, 'No such endpoint.');
      }),
    ),
  ];
}

/** Logs the request, plays its fault, authenticates it, runs the endpoint and maps API errors to answers. */
async function handle(context: HandlerContext, request: Request, id: string, endpoint: Endpoint): Promise<Response> {
  // A real network answer always takes a turn of the event loop; in-process msw would not, and a caller polling in a
  // tight loop would then starve the task timers.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const url = new URL(request.url);
  const body = await request.text();
  // A long-running `ricloud mock` must not grow without bound: keep the latest requests only.
  if (context.requests.length >= MAX_LOGGED_REQUESTS) context.requests.shift();
  context.requests.push({
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body,
  });
  const fault = context.faults.take(request.method, url.pathname);
  try {
    const early = await beforeActing(context, request, fault);
    if (early) return early;
    const organisation = authenticate(context, request);
    const response = await endpoint({ request, url, body, id: decodeURIComponent(id), organisation }, context);
    if (fault?.reset === 'after') return context.connection.drop();
    return fault?.truncate ? await context.connection.truncate(response) : response;
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    throw error;
  }
}

/** The part of a fault played before the server acts; returns the answer that replaces the real one, if any. */
async function beforeActing(
  context: HandlerContext,
  request: Request,
  fault: Fault | undefined,
): Promise<Response | undefined> {
  if (!fault) return undefined;
  if (fault.latency) await delay(fault.latency);
  if (fault.hang) {
    await Promise.race([
      new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true })),
      context.released(),
    ]);
    return context.connection.drop();
  }
  if (fault.reset === 'before') return context.connection.drop();
  if (fault.status) return statusError(fault.status, 'Injected fault.', fault.retryAfter).toResponse();
  return undefined;
}

function authenticate(context: HandlerContext, request: Request): string {
  const match = /^Token (\S+)$/.exec(request.headers.get('authorization') ?? '');
  const organisation = match?.[1] ? context.organisationOf(match[1]) : undefined;
  if (!organisation) throw statusError(401, 'Authentication credentials were not provided or are invalid.');
  return organisation;
}

/** Seconds asked for with `Ricloud-Await`, capped at the API's maximum; 0 when absent. */
function awaitSeconds(request: Request): number {
  const raw = request.headers.get(AWAIT_HEADER);
  if (raw === null) return 0;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
    throw invalidParameter('Ricloud-Await', 'Enter a number of seconds.');
  return Math.min(seconds, MAX_AWAIT_SECONDS);
}

function findConfig(context: HandlerContext, call: Call): StoredConfig {
  const config = context.store.configs.get(call.id);
  if (!config || config.organisation !== call.organisation) throw statusError(404, 'Webhook config not found.');
  return config;
}

/** Starts a test and, for `awaitFor` seconds (`Ricloud-Await`, read before acting), holds the answer until it ends. */
async function startTest(context: HandlerContext, config: StoredConfig, awaitFor: number): Promise<string> {
  const task = context.runner.start(config);
  await context.runner.waitFor(task.id, awaitFor * 1000);
  return task.id;
}

async function createConfig(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const body = readObject(call.body, call.request.headers.get('content-type'), ['url']);
  if (body.url === undefined) throw invalidParameter('url', 'This field is required.');
  const config = context.store.add('webhook_config', context.store.configs, {
    id: newId(),
    resource: 'webhook_config',
    organisation: call.organisation,
    url: readUrl(body.url),
    secret: newSecret(),
    state: 'new',
    date_created: context.store.now(),
  } as StoredConfig);
  await startTest(context, config, awaitFor);
  return json(CREATED, config);
}

function retrieveConfig(call: Call, context: HandlerContext): Response {
  return json(200, findConfig(context, call));
}

function listConfigs(call: Call, context: HandlerContext): Response {
  const mine = [...context.store.configs.values()].filter((c) => c.organisation === call.organisation);
  const spec = { filters: ['state'], hiddenUnlessAsked: (c: StoredConfig) => c.state === 'deactivated' };
  return json(200, listObject(context.store.newestFirst(mine), call.url.searchParams, spec, CONFIGS, withoutSecret));
}

async function updateConfig(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const body = readObject(call.body, call.request.headers.get('content-type'), ['url', 'state']);
  if (body.url === undefined && body.state === undefined) throw invalidParameter('url', 'Send url or state.');
  const url = body.url === undefined ? undefined : readUrl(body.url);
  if (body.state !== undefined && !(WEBHOOK_CONFIG_UPDATE_STATES as readonly unknown[]).includes(body.state)) {
    throw invalidParameter('state', `Can only be set to ${WEBHOOK_CONFIG_UPDATE_STATES.join(' or ')}.`);
  }
  const config = findConfig(context, call);
  if (url !== undefined) config.url = url;
  if (body.state === 'deactivated') {
    config.state = 'deactivated';
  } else {
    // A new url, or state `new`, is "recently updated but not yet tested": test it again.
    config.state = 'new';
    await startTest(context, config, awaitFor);
  }
  return json(200, config);
}

async function testConfig(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  if (call.body !== '') throw new ApiError(400, 'invalid-body', 'The test action takes no body.');
  const config = findConfig(context, call);
  const taskId = await startTest(context, config, awaitFor);
  return json(CREATED, context.store.tasks.get(taskId));
}

async function retrieveTask(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const task = context.store.tasks.get(call.id);
  if (!task || task.organisation !== call.organisation) throw statusError(404, 'Task not found.');
  await context.runner.waitFor(task.id, awaitFor * 1000);
  return json(200, task);
}

function listTasks(call: Call, context: HandlerContext): Response {
  const mine = [...context.store.tasks.values()].filter((t) => t.organisation === call.organisation);
  return json(
    200,
    listObject(
      context.store.newestFirst(mine),
      call.url.searchParams,
      { filters: ['state', 'type'] },
      '/tasks',
      (t) => t,
    ),
  );
}

function retrieveEvent(call: Call, context: HandlerContext): Response {
  const event = context.store.events.get(call.id);
  if (!event || event.organisation !== call.organisation) throw statusError(404, 'Event not found.');
  return json(200, event);
}

function listEvents(call: Call, context: HandlerContext): Response {
  const mine = [...context.store.events.values()].filter((e) => e.organisation === call.organisation);
  return json(
    200,
    listObject(
      context.store.newestFirst(mine),
      call.url.searchParams,
      { filters: ['type', 'action', 'state'] },
      '/events',
      (e) => e,
    ),
  );
}

/**
 * In-process faults, played as over HTTP: a dropped connection is msw's network error (a failed fetch), and a cut
 * body sends its first half then fails, so reading it rejects as a socket cut mid-body does.
 */
export const mswConnectionFaults: ConnectionFaults = {
  drop: () => HttpResponse.error(),
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
    pull(controller) {
      if (sent) {
        controller.error(new TypeError('The connection was cut before the body ended.'));
        return;
      }
      sent = true;
      controller.enqueue(bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
  });
}

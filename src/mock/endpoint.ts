/** What every endpoint of the mock shares: the context, one authenticated call, and the helpers they all use. */
import { AWAIT_HEADER, MAX_AWAIT_SECONDS } from '../core/wire';
import type { Accounts } from './accounts';
import type { FaultPlan } from './faults';
import type { ReceivedRequest } from './request-log';
import { invalidParameter, readObject, statusError } from './respond';
import type { StoredKey, StoredStorageConfig } from './shapes';
import type { MockStore, StoredConfig } from './store';
import type { TestRunner } from './test-runner';

/** Plays what acts below HTTP: the faults (a dropped connection, a cut body), and a HEAD's answer left without body. */
export interface ConnectionFaults {
  drop(): Response;
  truncate(response: Response): Promise<Response>;
  /** The answer to a HEAD, from its GET's: the body left out, or left to a server that sends none to a HEAD. */
  head(response: Response): Response;
}

/** What the handlers share. */
export interface HandlerContext {
  baseUrl: string;
  store: MockStore;
  accounts: Accounts;
  runner: TestRunner;
  faults: FaultPlan;
  requests: ReceivedRequest[];
  /** How connection-level faults are played: by msw (in-process) or by the socket server. */
  connection: ConnectionFaults;
  /** Fires when held requests (hang, latency) should give up: at reset or close. */
  released: () => AbortSignal;
  /** Where the mock's debug lines go (ignored body fields). */
  debug: (line: string) => void;
  /** Timings and sizes of sessions, polls, results and subscriptions. */
  flow: FlowOptions;
}

/** The timings and sizes of the data flow: `createMockApi`'s options, or their defaults. */
export interface FlowOptions {
  /** Milliseconds between two steps of a session, poll or task. */
  taskDelay: number;
  sessionLifetime: number;
  resultLifetime: number;
  /** Bytes of each data or file result. */
  resultSize: number;
  /** Milliseconds per second of a subscription's interval. */
  intervalScale: number;
}

/** One call to an endpoint, after authentication. */
export interface Call {
  request: Request;
  url: URL;
  body: string;
  /** The `:id` of the path, decoded. */
  id: string;
  /** The key whose token made the call. */
  key: StoredKey;
  organisation: string;
  /** Reports body fields the endpoint ignored, by name, to the debug log. */
  ignored: (names: string[]) => void;
}

/** One endpoint: answers a call, or throws an `ApiError`. */
export type Endpoint = (call: Call, context: HandlerContext) => Response | Promise<Response>;

/** HTTP methods the mock's endpoints declare (HEAD is answered wherever GET is). */
export type Method = 'GET' | 'POST' | 'DELETE';

/** A path the API serves, with the methods it takes and the endpoint of each. */
export interface Route {
  path: string;
  methods: Partial<Record<Method, Endpoint>>;
}

/** The call's JSON object body: its `allowed` fields, the others ignored and logged. */
export const bodyOf = (call: Call, allowed: readonly string[]): Record<string, unknown> =>
  readObject(call.body, call.request.headers.get('content-type'), allowed, call.ignored);

/** Seconds asked for with `Ricloud-Await`, capped at the API's maximum; 0 when absent. */
export function awaitSeconds(request: Request): number {
  const raw = request.headers.get(AWAIT_HEADER);
  if (raw === null) return 0;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
    throw invalidParameter('Ricloud-Await', 'Enter a number of seconds.');
  return Math.min(seconds, MAX_AWAIT_SECONDS);
}

/** The item `id` of `map` when the caller's organisation owns it; else a 404 naming `what`. */
export function owned<T extends { organisation?: unknown }>(
  map: Map<string, T>,
  id: string,
  organisation: string,
  what: string,
): T {
  const item = map.get(id);
  if (!item || item.organisation !== organisation) throw statusError(404, `${what} not found.`);
  return item;
}

/** Starts a test and, for `awaitFor` seconds (`Ricloud-Await`, read before acting), holds the answer until it ends. */
export async function startTest(
  context: HandlerContext,
  config: StoredConfig | StoredStorageConfig,
  key: StoredKey,
  awaitFor: number,
): Promise<string> {
  const task = context.runner.start(config, key);
  await context.runner.waitFor(task.id, awaitFor * 1000);
  return task.id;
}

/**
 * A body field naming a config of the caller's organisation (`webhook_config`, `storage_config`…): its id, or null
 * when the field is null; undefined when absent.
 */
export function configRef(
  value: unknown,
  field: string,
  map: Map<string, { organisation?: unknown }>,
  organisation: string,
): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' || map.get(value)?.organisation !== organisation)
    throw invalidParameter(field, 'No such config in this organisation.');
  return value;
}

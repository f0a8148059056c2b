/** createMockApi(): the mock's state, handlers and controls, for msw in tests and for the mock server. */
import type { RequestHandler } from 'msw';
import { checkRule, MAX_TIMER_MS, MILLISECONDS, type Rule } from '../core/params';
import { DEFAULT_BASE_URL } from '../core/wire';
import type { EventAttributes, TaskAttributes, WebhookConfigAttributes } from '../schemas';
import { DELIVERY_TIMEOUT, ORGANISATION_PREFIX } from './choices';
import { FaultPlan, type Fault } from './faults';
import { createHandlers, mswConnectionFaults, type ConnectionFaults, type ReceivedRequest } from './handlers';
import { MockStore, type Kind } from './store';
import { TestRunner, type Deliver } from './test-runner';

/** Options of `createMockApi` and `startMockServer`. */
export interface MockApiOptions {
  /** The origin the handlers answer for (default the SDK's default base URL). */
  baseUrl?: string | undefined;
  /** Token → organisation id. When set, other tokens get 401; when unset, each token is its own organisation. */
  tokens?: Record<string, string> | undefined;
  /** Milliseconds between a task's steps: pending → processing → delivery (default 20). */
  taskDelay?: number | undefined;
  /** Milliseconds a receiver has to answer a delivery (default 10 000). */
  deliveryTimeout?: number | undefined;
  /** How deliveries are sent (default `fetch`). A `createWebhookHandler(...)` handler fits as it is. */
  deliver?: Deliver | undefined;
  /** Faults to play from the start. */
  faults?: Fault[] | undefined;
}

/** The mock API: msw handlers plus what tests need to drive and inspect it. */
export interface MockApi {
  /** The origin the handlers answer for. */
  readonly baseUrl: string;
  /** msw handlers: `setupServer(...api.handlers)`. */
  readonly handlers: RequestHandler[];
  /** Resolves when every queued task has finished, deliveries included. */
  settle(): Promise<void>;
  /** What the mock holds, as the API's plain objects (configs with their secrets). */
  readonly store: {
    webhookConfigs(organisation?: string): (WebhookConfigAttributes & { secret: string })[];
    tasks(organisation?: string): TaskAttributes[];
    events(organisation?: string): EventAttributes[];
  };
  /** How many of each resource were really created. */
  readonly created: Readonly<Record<Kind, number>>;
  /** The requests received, oldest first (the latest 10 000). */
  readonly requests: ReceivedRequest[];
  /** The fault plan in force. */
  readonly faults: FaultPlan;
  /**
   * Forgets everything: store, counts, requests, faults; releases hanging requests and `Ricloud-Await` answers, and
   * abandons queued tests (they send nothing more and change nothing).
   */
  reset(): void;
}

/** `taskDelay` may be 0 (steps on the next turn of the event loop), up to the timer's ceiling. */
const TASK_DELAY: Rule = [
  (v) => typeof v === 'number' && v >= 0 && v <= MAX_TIMER_MS,
  `a number of milliseconds from 0 to ${MAX_TIMER_MS}`,
];

/**
 * Checks the timing options, which timers would otherwise silently turn into 1 ms (Infinity, NaN, negatives, past
 * the timer's ceiling).
 * @throws InvalidInputError naming `options.taskDelay` or `options.deliveryTimeout`.
 */
export function checkMockOptions(options: MockApiOptions): void {
  if (options.taskDelay !== undefined) checkRule(options.taskDelay, 'options.taskDelay', TASK_DELAY);
  if (options.deliveryTimeout !== undefined)
    checkRule(options.deliveryTimeout, 'options.deliveryTimeout', MILLISECONDS);
}

/**
 * Builds a mock API. `connection` is how below-HTTP faults are played, and `closed` ends the mock for good when it
 * aborts (queued tests are abandoned, the store is kept): the server passes its own.
 * @throws InvalidInputError for a `taskDelay` or `deliveryTimeout` that is not a number of milliseconds a timer can wait.
 */
export function createMockApi(
  options: MockApiOptions = {},
  connection: ConnectionFaults = mswConnectionFaults,
  closed?: AbortSignal,
): MockApi {
  checkMockOptions(options);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const store = new MockStore();
  const faults = new FaultPlan(options.faults);
  const requests: ReceivedRequest[] = [];
  const runner = new TestRunner({
    store,
    deliver: options.deliver ?? ((request) => fetch(request)),
    taskDelay: options.taskDelay ?? 20,
    deliveryTimeout: options.deliveryTimeout ?? DELIVERY_TIMEOUT,
  });
  closed?.addEventListener('abort', () => runner.close(), { once: true });
  const organisations = new Map<string, string>(Object.entries(options.tokens ?? {}));
  const organisationOf = (token: string) => {
    if (!options.tokens && !organisations.has(token))
      organisations.set(token, `${ORGANISATION_PREFIX}${organisations.size + 1}`);
    return organisations.get(token);
  };
  let release: () => void = () => undefined;
  let released = new Promise<void>((resolve) => (release = resolve));
  const handlers = createHandlers({
    baseUrl,
    store,
    runner,
    faults,
    requests,
    organisationOf,
    connection,
    released: () => released,
  });
  const of = <T extends { organisation?: unknown }>(items: Iterable<T>, organisation?: string) =>
    [...items].filter((item) => organisation === undefined || item.organisation === organisation);

  return {
    baseUrl,
    handlers,
    settle: () => runner.settle(),
    store: {
      webhookConfigs: (organisation) => of(store.configs.values(), organisation),
      tasks: (organisation) => of(store.tasks.values(), organisation),
      events: (organisation) => of(store.events.values(), organisation),
    },
    created: store.created,
    requests,
    faults,
    reset() {
      store.clear();
      faults.clear();
      requests.length = 0;
      runner.reset();
      release();
      released = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

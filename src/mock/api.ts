/** createMockApi(): the mock's state, handlers and controls, for msw in tests and for the mock server. */
import type { RequestHandler } from 'msw';
import {
  checkBaseUrl,
  checkKeys,
  checkObject,
  checkRule,
  isPlainObject,
  MAX_TIMER_MS,
  MILLISECONDS,
  type Rule,
  typed,
} from '../core/params';
import { DEFAULT_BASE_URL } from '../core/wire';
import type { EventAttributes, TaskAttributes, WebhookConfigAttributes } from '../schemas';
import { Accounts } from './accounts';
import {
  DELIVERY_TIMEOUT,
  INTERVAL_SCALE,
  RESULT_LIFETIME,
  RESULT_SIZE,
  RETRY_DELAY,
  SESSION_LIFETIME,
} from './choices';
import type { Deliver } from './deliveries';
import type { ConnectionFaults } from './endpoint';
import { checkFaults, type Fault, FaultPlan } from './faults';
import { createHandlers, mswConnectionFaults } from './handlers';
import type { ReceivedRequest } from './request-log';
import type {
  StoredKey,
  StoredOrganisation,
  StoredPermissions,
  StoredPoll,
  StoredResult,
  StoredSession,
  StoredSource,
  StoredStorageConfig,
  StoredSubscription,
  StoredUser,
} from './shapes';
import { type Kind, MockStore } from './store';
import { TestRunner } from './test-runner';

/** Options of `createMockApi` and `startMockServer`. */
export interface MockApiOptions {
  /** The origin the handlers answer for (default the SDK's default base URL). */
  baseUrl?: string | undefined;
  /**
   * Token → organisation id: each token is a key of that organisation (several tokens may share one). When set, other
   * tokens get 401; when unset, each new token is the one key of a new organisation, up to 1000 until `reset()` (then
   * 401).
   */
  tokens?: Record<string, string> | undefined;
  /** Milliseconds between a task's steps: pending → processing → delivery (default 20). */
  taskDelay?: number | undefined;
  /** Milliseconds a receiver has to answer a delivery (default 10 000). */
  deliveryTimeout?: number | undefined;
  /** How deliveries are sent (default `fetch`). A `createWebhookHandler(...)` handler fits as it is. */
  deliver?: Deliver | undefined;
  /** Faults to play from the start. */
  faults?: Fault[] | undefined;
  /**
   * Milliseconds before the first retry of a failed event delivery; each later retry waits 5 times longer, up to 5
   * attempts (default 60 000: retries after 1, 5, 25 and 125 minutes). `settle()` waits for them: make it small in
   * tests.
   */
  retryDelay?: number | undefined;
  /** Whether storage config tests pass (default) or fail (task error `storage-access-denied`). */
  storageTest?: 'pass' | 'fail' | undefined;
  /** Receives the mock's debug lines, such as the body fields it ignored (names only, never values). */
  debug?: ((line: string) => void) | undefined;
  /** Milliseconds an active session lives before it is `expired` (default a day). */
  sessionLifetime?: number | undefined;
  /** Milliseconds a result lives before it is `expired`, its file gone (default seven days). */
  resultLifetime?: number | undefined;
  /**
   * Bytes of each file result (default 4096). Any size is served as a stream and never held; the checksum
   * is computed once per data type and size, by generating the bytes.
   */
  resultSize?: number | undefined;
  /** Milliseconds of the mock per second of a subscription's `interval` and start (default 1000: real time). */
  intervalScale?: number | undefined;
}

/** The mock API: msw handlers plus what tests need to drive and inspect it. */
export interface MockApi {
  /** The origin the handlers answer for. */
  readonly baseUrl: string;
  /** msw handlers: `setupServer(...api.handlers)`. */
  readonly handlers: RequestHandler[];
  /**
   * Resolves when every queued task has finished (sessions being decided, polls and their tasks, deliveries and their
   * pending retries included); not for what is scheduled later (expiries, a subscription's next poll).
   */
  settle(): Promise<void>;
  /**
   * What the mock holds, as the API's plain objects (configs with their secrets and credentials), each list of one
   * organisation when named.
   */
  readonly store: {
    organisations(): StoredOrganisation[];
    keys(organisation?: string): StoredKey[];
    webhookConfigs(organisation?: string): (WebhookConfigAttributes & { secret: string })[];
    storageConfigs(organisation?: string): StoredStorageConfig[];
    permissions(organisation?: string): StoredPermissions[];
    users(organisation?: string): StoredUser[];
    sources(organisation?: string): StoredSource[];
    sessions(organisation?: string): StoredSession[];
    polls(organisation?: string): StoredPoll[];
    subscriptions(organisation?: string): StoredSubscription[];
    results(organisation?: string): StoredResult[];
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
   * Forgets everything: store, counts, requests, faults, rotated tokens, the organisations of unknown tokens (the keys
   * of the `tokens` option are made again); releases hanging requests and `Ricloud-Await` answers, and abandons queued
   * tests, polls, delivery retries and scheduled expiries and subscription polls (they send nothing more and change
   * nothing).
   */
  reset(): void;
}

/** `taskDelay` may be 0 (steps on the next turn of the event loop), up to the timer's ceiling. */
const TASK_DELAY: Rule = [
  (v) => typeof v === 'number' && v >= 0 && v <= MAX_TIMER_MS,
  `a number of milliseconds from 0 to ${MAX_TIMER_MS}`,
];

/** `resultSize`: whole bytes, up to what a number counts exactly. */
const RESULT_BYTES: Rule = [
  (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  'a whole number of bytes from 0 to 2^53 - 1',
];

/** `intervalScale`: milliseconds per second, more than 0 (0 would make polls without end). */
const SCALE: Rule = [(v) => typeof v === 'number' && v > 0 && v <= 1_000_000, 'a number above 0, up to 1000000'];

/** `storageTest` says how storage config tests end. */
const STORAGE_TEST: Rule = [(v) => v === 'pass' || v === 'fail', 'pass or fail'];

/** `tokens`: token → organisation id, each id a string (the message never shows a token). */
const TOKENS: Rule = [
  (v) => isPlainObject(v) && Object.values(v).every((id) => typeof id === 'string' && id.trim() !== ''),
  'an object of token → organisation id (a string)',
];

/** Every option of `createMockApi`, so that a misspelt one is refused rather than silently ignored. */
export const MOCK_OPTION_NAMES: Record<keyof MockApiOptions, true> = {
  baseUrl: true,
  tokens: true,
  taskDelay: true,
  deliveryTimeout: true,
  deliver: true,
  faults: true,
  retryDelay: true,
  storageTest: true,
  debug: true,
  sessionLifetime: true,
  resultLifetime: true,
  resultSize: true,
  intervalScale: true,
};

/**
 * Checks the options: their names (`names`, those of `createMockApi` unless a caller such as `startMockServer` takes
 * others), the timings, which timers would otherwise silently turn into 1 ms (Infinity, NaN, negatives, past the
 * timer's ceiling), and the faults, which a handler could otherwise not play.
 * @throws InvalidInputError naming `options` (not an object), an option not in `names`, `options.baseUrl` (not an
 *   absolute http(s) URL to append paths to), `options.tokens`, `options.deliver`, `options.debug`, `options.taskDelay`,
 *   `options.deliveryTimeout`, `options.retryDelay`, `options.storageTest`, `options.sessionLifetime`, `options.resultLifetime`, `options.resultSize`,
 *   `options.intervalScale` or `options.faults` (a fault the mock could not play, named with its index and field).
 */
export function checkMockOptions(options: MockApiOptions, names: object = MOCK_OPTION_NAMES): void {
  checkObject(options, 'options');
  checkKeys(options, Object.keys(names), 'an option of the mock', 'options');
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, 'options.baseUrl');
  if (options.tokens !== undefined) checkRule(options.tokens, 'options.tokens', TOKENS);
  if (options.deliver !== undefined) checkRule(options.deliver, 'options.deliver', typed('function'));
  if (options.debug !== undefined) checkRule(options.debug, 'options.debug', typed('function'));
  if (options.taskDelay !== undefined) checkRule(options.taskDelay, 'options.taskDelay', TASK_DELAY);
  if (options.deliveryTimeout !== undefined)
    checkRule(options.deliveryTimeout, 'options.deliveryTimeout', MILLISECONDS);
  if (options.retryDelay !== undefined) checkRule(options.retryDelay, 'options.retryDelay', TASK_DELAY);
  if (options.storageTest !== undefined) checkRule(options.storageTest, 'options.storageTest', STORAGE_TEST);
  if (options.sessionLifetime !== undefined)
    checkRule(options.sessionLifetime, 'options.sessionLifetime', MILLISECONDS);
  if (options.resultLifetime !== undefined) checkRule(options.resultLifetime, 'options.resultLifetime', MILLISECONDS);
  if (options.resultSize !== undefined) checkRule(options.resultSize, 'options.resultSize', RESULT_BYTES);
  if (options.intervalScale !== undefined) checkRule(options.intervalScale, 'options.intervalScale', SCALE);
  if (options.faults !== undefined) checkFaults(options.faults, 'options.faults');
}

/**
 * Builds a mock API for msw: `handlers` for `setupServer` or `setupWorker`, and the state a test inspects.
 * @throws InvalidInputError for an option of the wrong type or value, or of a name it does not take, naming it.
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  return buildMockApi(options);
}

/**
 * Builds a mock API as `startMockServer` does: `connection` is how below-HTTP faults are played, and `closed` ends the
 * mock for good when it aborts (queued tests are abandoned, the store is kept).
 * @throws InvalidInputError for a `taskDelay` or `deliveryTimeout` that is not a number of milliseconds a timer can wait.
 */
export function buildMockApi(
  options: MockApiOptions = {},
  connection: ConnectionFaults = mswConnectionFaults,
  closed?: AbortSignal,
): MockApi {
  checkMockOptions(options);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const store = new MockStore();
  const faults = new FaultPlan(options.faults);
  const requests: ReceivedRequest[] = [];
  const taskDelay = options.taskDelay ?? 20;
  const runner = new TestRunner({
    store,
    deliver: options.deliver ?? ((request) => fetch(request)),
    taskDelay,
    deliveryTimeout: options.deliveryTimeout ?? DELIVERY_TIMEOUT,
    retryDelay: options.retryDelay ?? RETRY_DELAY,
    storageTest: options.storageTest ?? 'pass',
  });
  store.onDrop = (id) => runner.cancel(id);
  const accounts = new Accounts(store, options.tokens);
  let held = new AbortController();
  closed?.addEventListener(
    'abort',
    () => {
      runner.close();
      held.abort();
    },
    { once: true },
  );
  const handlers = createHandlers({
    baseUrl,
    store,
    runner,
    faults,
    requests,
    accounts,
    connection,
    released: () => held.signal,
    debug: options.debug ?? (() => undefined),
    flow: {
      taskDelay,
      sessionLifetime: options.sessionLifetime ?? SESSION_LIFETIME,
      resultLifetime: options.resultLifetime ?? RESULT_LIFETIME,
      resultSize: options.resultSize ?? RESULT_SIZE,
      intervalScale: options.intervalScale ?? INTERVAL_SCALE,
    },
  });
  const of = <T extends { organisation?: unknown }>(items: Iterable<T>, organisation?: string) =>
    [...items].filter((item) => organisation === undefined || item.organisation === organisation);

  return {
    baseUrl,
    handlers,
    settle: () => runner.settle(),
    store: {
      organisations: () => [...store.organisations.values()],
      keys: (organisation) => of(store.keys.values(), organisation),
      webhookConfigs: (organisation) => of(store.configs.values(), organisation),
      storageConfigs: (organisation) => of(store.storageConfigs.values(), organisation),
      permissions: (organisation) => of(store.permissions.values(), organisation),
      users: (organisation) => of(store.users.values(), organisation),
      sources: (organisation) => of(store.sources.values(), organisation),
      sessions: (organisation) => of(store.sessions.values(), organisation),
      polls: (organisation) => of(store.polls.values(), organisation),
      subscriptions: (organisation) => of(store.subscriptions.values(), organisation),
      results: (organisation) => of(store.results.values(), organisation),
      tasks: (organisation) => of(store.tasks.values(), organisation),
      events: (organisation) => of(store.events.values(), organisation),
    },
    created: store.created,
    requests,
    faults,
    reset() {
      store.clear();
      accounts.reset();
      faults.clear();
      requests.length = 0;
      runner.reset();
      held.abort();
      held = new AbortController();
    },
  };
}

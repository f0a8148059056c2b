/** createMockApi(): the mock's state, handlers and controls, for msw in tests and for the mock server. */
import type { RequestHandler } from 'msw';
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
import type { ConnectionFaults } from './endpoint';
import { FaultPlan } from './faults';
import { createHandlers, mswConnectionFaults } from './handlers';
import { checkMockOptions, type MockApiOptions } from './options';
import type { ReceivedRequest } from './request-log';
import type {
  StoredPoll,
  StoredResult,
  StoredSession,
  StoredSource,
  StoredSubscription,
  StoredUser,
} from './data-shapes';
import type { StoredKey, StoredOrganisation, StoredPermissions, StoredStorageConfig } from './shapes';
import { type Kind, MockStore } from './store';
import { TestRunner } from './test-runner';

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
   * organisation when named. Each call gives copies: changing them changes nothing in the mock.
   */
  readonly store: {
    /** The organisations: those the `tokens` option names, or one for each new token the mock met. */
    organisations(): StoredOrganisation[];
    /** The keys, one a token, their tokens included. */
    keys(organisation?: string): StoredKey[];
    /** The webhook configs, their secrets included. */
    webhookConfigs(organisation?: string): (WebhookConfigAttributes & {
      /** The secret the mock signs this config's events with. */
      secret: string;
    })[];
    /** The storage configs, their credentials included. */
    storageConfigs(organisation?: string): StoredStorageConfig[];
    /** The permissions objects. */
    permissions(organisation?: string): StoredPermissions[];
    /** The users. */
    users(organisation?: string): StoredUser[];
    /** The sources, the devices that polls found under them included. */
    sources(organisation?: string): StoredSource[];
    /** The sessions: never their credentials, which the mock does not keep. */
    sessions(organisation?: string): StoredSession[];
    /** The polls, as stored: `tasks` holds their tasks' ids, shown by the API as the `tasks_*` lists. */
    polls(organisation?: string): StoredPoll[];
    /** The subscriptions. */
    subscriptions(organisation?: string): StoredSubscription[];
    /** The results that polls' tasks published. */
    results(organisation?: string): StoredResult[];
    /** The tasks: config tests, and the tasks of polls. */
    tasks(organisation?: string): TaskAttributes[];
    /** The events, with their delivery `state` and `retries`. */
    events(organisation?: string): EventAttributes[];
  };
  /**
   * How many of each resource were really created, as a frozen copy taken at each read: read it again for the new
   * counts (an earlier read keeps its own, to compare with), and writing to it throws.
   */
  readonly created: Readonly<Record<Kind, number>>;
  /** The requests received, oldest first (the latest 10 000). */
  readonly requests: ReceivedRequest[];
  /** The fault plan in force. */
  readonly faults: FaultPlan;
  /**
   * Forgets everything: store, counts, requests, faults, rotated tokens, the organisations of unknown tokens (the keys
   * of the `tokens` option are made again, as the `faults` option's faults are planned again); releases hanging
   * requests and `Ricloud-Await` answers, and abandons queued tests, polls, delivery retries and scheduled expiries and
   * subscription polls (they send nothing more and change nothing).
   */
  reset(): void;
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
 * @throws InvalidInputError for an option of the wrong type or value, or of a name it does not take, naming it.
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
  // Copies: a test that changes what it read must not change the mock behind its state machines and checks.
  const of = <T extends { organisation?: unknown }>(items: Iterable<T>, organisation?: string) =>
    structuredClone([...items].filter((item) => organisation === undefined || item.organisation === organisation));

  return {
    baseUrl,
    handlers,
    settle: () => runner.settle(),
    store: {
      organisations: () => structuredClone([...store.organisations.values()]),
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
    get created() {
      return Object.freeze({ ...store.created });
    },
    requests,
    faults,
    reset() {
      store.clear();
      accounts.reset();
      faults.reset();
      requests.length = 0;
      runner.reset();
      held.abort();
      held = new AbortController();
    },
  };
}

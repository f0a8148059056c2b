/**
 * The `webhook_config.test` task: pending → processing → a signed delivery to the receiver → succeeded | failed,
 * which moves the config to valid | invalid. Also the long-poll wait on a task's end.
 */
import { TASK_FINAL_STATES } from '../core/wire';
import type { EventAttributes, TaskAttributes } from '../schemas';
import { SIGNATURE_HEADER, signPayload } from '../webhooks/signature';
import { deliveryUrl, isDelivered, TEST_ERRORS } from './choices';
import { newId, withoutSecret, type MockStore, type StoredConfig } from './store';

/** How deliveries leave the mock: `fetch`, or any `(Request) => Promise<Response>` such as a webhook handler. */
export type Deliver = (request: Request) => Promise<Response>;

/** What the task runner needs from the mock. */
export interface TestRunnerContext {
  store: MockStore;
  deliver: Deliver;
  taskDelay: number;
  deliveryTimeout: number;
}

/** Waits `ms`; rejects at once, timer cleared, when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Rejects once `signal` aborts: for a `deliver` that does not listen to its request's signal. */
const whenAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

/**
 * POSTs the signed event to the receiver within `timeout` ms; returns the task's error code, or null on a 2xx.
 * Redirects are not followed: a 3xx is a bad status. Throws, without waiting, when `signal` aborts.
 */
async function post(
  deliver: Deliver,
  url: string,
  init: RequestInit,
  timeout: number,
  signal: AbortSignal,
): Promise<string | null> {
  signal.throwIfAborted();
  const delivery = new AbortController();
  const abandon = () => delivery.abort(signal.reason);
  signal.addEventListener('abort', abandon, { once: true });
  const timer = setTimeout(() => delivery.abort(new Error('timeout')), timeout);
  try {
    // Inside the try: a url the Request cannot take (credentials, say) is an unreachable receiver, never a throw.
    const request = new Request(url, { ...init, method: 'POST', redirect: 'manual', signal: delivery.signal });
    const response = await Promise.race([deliver(request), whenAborted(delivery.signal)]);
    signal.throwIfAborted();
    void response.body?.cancel().catch(() => undefined);
    return isDelivered(response.status) ? null : TEST_ERRORS.status;
  } catch {
    signal.throwIfAborted();
    return delivery.signal.aborted ? TEST_ERRORS.timeout : TEST_ERRORS.unreachable;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abandon);
  }
}

/** Runs tasks and lets callers wait for them; `reset()` and `close()` abandon the tasks queued so far. */
export class TestRunner {
  readonly #running = new Set<Promise<void>>();
  readonly #waiters = new Map<string, Set<() => void>>();
  // Aborts when the tasks queued so far must stop: they then never touch the store, send or hold a timer again.
  #queued = new AbortController();

  constructor(private readonly context: TestRunnerContext) {}

  /** Queues a test of `config` and returns its task, still `pending`. */
  start(config: StoredConfig): TaskAttributes {
    const { store } = this.context;
    const task = store.add('task', store.tasks, {
      id: newId(),
      resource: 'task',
      organisation: config.organisation,
      type: 'webhook_config.test',
      target: config.id,
      state: 'pending',
      error: null,
      date_created: store.now(),
      date_started: null,
      date_completed: null,
    } as TaskAttributes);
    store.latestTest.set(config.id, task.id);
    const run = this.#run(task, config, this.#queued.signal).finally(() => this.#running.delete(run));
    this.#running.add(run);
    return task;
  }

  /** Abandons the tasks queued so far and releases their waiters; later tasks run as usual. */
  reset(): void {
    this.close();
    this.#queued = new AbortController();
  }

  /** Abandons the tasks queued so far, and any later one, and releases their waiters. */
  close(): void {
    this.#queued.abort();
    for (const taskId of [...this.#waiters.keys()]) this.#notify(taskId);
  }

  async #run(task: TaskAttributes, config: StoredConfig, signal: AbortSignal): Promise<void> {
    try {
      await this.#test(task, config, signal);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  async #test(task: TaskAttributes, config: StoredConfig, signal: AbortSignal): Promise<void> {
    const { store, taskDelay } = this.context;
    await sleep(taskDelay, signal);
    task.state = 'processing';
    task.date_started = store.now();
    await sleep(taskDelay, signal);
    const testedUrl = config.url;
    const error = await this.#deliver(config, signal);
    task.state = error ? 'failed' : 'succeeded';
    task.error = error;
    task.date_completed = store.now();
    // Only the latest test of an unchanged, active config decides its state.
    if (store.latestTest.get(config.id) === task.id && config.url === testedUrl && config.state !== 'deactivated') {
      config.state = error ? 'invalid' : 'valid';
    }
    this.#notify(task.id);
  }

  /** Sends the signed test event; returns the task's error code, or null when the receiver took it. */
  async #deliver(config: StoredConfig, signal: AbortSignal): Promise<string | null> {
    const { store, deliver, deliveryTimeout } = this.context;
    const event = store.add('event', store.events, {
      id: newId(),
      resource: 'event',
      organisation: config.organisation,
      type: 'webhook_config',
      action: 'test',
      data: withoutSecret(config),
      state: 'pending',
      retries: 0,
      date_created: store.now(),
      date_delivered: null,
    } as EventAttributes);
    const body = JSON.stringify(event);
    const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: await signPayload(body, config.secret) };
    const error = await post(deliver, deliveryUrl(config.url, event.id), { headers, body }, deliveryTimeout, signal);
    event.state = error ? 'failed' : 'delivered';
    event.date_delivered = error ? null : store.now();
    return error;
  }

  /** Resolves once the task has ended, or after `ms`, whichever is first. */
  waitFor(taskId: string, ms: number): Promise<void> {
    const task = this.context.store.tasks.get(taskId);
    if (!task || TASK_FINAL_STATES.includes(task.state) || ms <= 0 || this.#queued.signal.aborted)
      return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(taskId) ?? new Set();
      this.#waiters.set(taskId, waiters);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  }

  #notify(taskId: string): void {
    for (const done of [...(this.#waiters.get(taskId) ?? [])]) done();
    this.#waiters.delete(taskId);
  }

  /** Resolves when no task is running, including tasks queued while waiting. */
  async settle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}

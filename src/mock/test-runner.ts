/**
 * The `webhook_config.test` task: pending → processing → a signed delivery to the receiver → succeeded | failed,
 * which moves the config to valid | invalid. Also the long-poll wait on a task's end.
 */
import { TASK_FINAL_STATES } from '../core/wire';
import type { EventAttributes, TaskAttributes } from '../schemas';
import { SIGNATURE_HEADER, signPayload } from '../webhooks/signature';
import { deliveryUrl, isDelivered, TEST_ERRORS } from './choices';
import { newId, now, withoutSecret, type MockStore, type StoredConfig } from './store';

/** How deliveries leave the mock: `fetch`, or any `(Request) => Promise<Response>` such as a webhook handler. */
export type Deliver = (request: Request) => Promise<Response>;

/** What the task runner needs from the mock. */
export interface TestRunnerContext {
  store: MockStore;
  deliver: Deliver;
  taskDelay: number;
  deliveryTimeout: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs tasks and lets callers wait for them. */
export class TestRunner {
  readonly #running = new Set<Promise<void>>();
  readonly #waiters = new Map<string, Set<() => void>>();

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
      date_created: now(),
      date_started: null,
      date_completed: null,
    } as TaskAttributes);
    store.latestTest.set(config.id, task.id);
    const run = this.#run(task, config).finally(() => this.#running.delete(run));
    this.#running.add(run);
    return task;
  }

  async #run(task: TaskAttributes, config: StoredConfig): Promise<void> {
    const { store, taskDelay } = this.context;
    await sleep(taskDelay);
    task.state = 'processing';
    task.date_started = now();
    await sleep(taskDelay);
    const testedUrl = config.url;
    const error = await this.#deliver(config);
    task.state = error ? 'failed' : 'succeeded';
    task.error = error;
    task.date_completed = now();
    // Only the latest test of an unchanged, active config decides its state.
    if (store.latestTest.get(config.id) === task.id && config.url === testedUrl && config.state !== 'deactivated') {
      config.state = error ? 'invalid' : 'valid';
    }
    this.#notify(task.id);
  }

  /** Sends the signed test event; returns the task's error code, or null when the receiver took it. */
  async #deliver(config: StoredConfig): Promise<string | null> {
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
      date_created: now(),
      date_delivered: null,
    } as EventAttributes);
    const body = JSON.stringify(event);
    const request = new Request(deliveryUrl(config.url, event.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: await signPayload(body, config.secret) },
      body,
      signal: AbortSignal.timeout(deliveryTimeout),
    });
    let error: string | null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), deliveryTimeout);
      });
      const response = await Promise.race([deliver(request), timedOut]);
      void response.body?.cancel().catch(() => undefined);
      error = isDelivered(response.status) ? null : TEST_ERRORS.status;
    } catch {
      error = request.signal.aborted ? TEST_ERRORS.timeout : TEST_ERRORS.unreachable;
    } finally {
      clearTimeout(timer);
    }
    event.state = error ? 'failed' : 'delivered';
    event.date_delivered = error ? null : now();
    return error;
  }

  /** Resolves once the task has ended, or after `ms`, whichever is first. */
  waitFor(taskId: string, ms: number): Promise<void> {
    const task = this.context.store.tasks.get(taskId);
    if (!task || TASK_FINAL_STATES.includes(task.state) || ms <= 0) return Promise.resolve();
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

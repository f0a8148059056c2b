/**
 * The config test tasks: pending → processing → succeeded | failed, which moves the config to valid | invalid. A
 * webhook config's test is a signed delivery of its own test event (one attempt); a storage config's test passes
 * unless its url ends in `.fail` or the `storageTest` option says `fail`, and its end is a `task.succeeded` |
 * `task.failed` event of the key.
 * Also the long-poll wait on a task's end (`waiters.ts` holds the callers waiting).
 */
import { MAX_TIMER_MS } from '../core/rules';
import { sleep } from '../core/signal';
import { RUNNING_STATES } from '../core/wire';
import type { TaskAttributes } from '../schemas';
import { FAILING_TARGET, STORAGE_TEST_ERROR } from './choices';
import { attempt, type DeliveryContext, emit, newEvent } from './deliveries';
import type { StoredKey, StoredStorageConfig } from './shapes';
import { newId, withoutSecret, type StoredConfig } from './store';
import { Waiters } from './waiters';

/** What the task runner needs from the mock. */
export interface TestRunnerContext extends DeliveryContext {
  taskDelay: number;
  /** Whether storage config tests pass (default) or fail. */
  storageTest: 'pass' | 'fail';
}

/** A config the runner can test. */
type Tested = StoredConfig | StoredStorageConfig;

/** Runs tasks and lets callers wait for them; `reset()` and `close()` abandon the tasks queued so far. */
export class TestRunner {
  // Each running job with its root: 0 for work a request started, else the number of the timer whose firing started
  // it (a subscription's poll, an expiry), inherited by the jobs it starts. settle() waits for the timers fired so far.
  readonly #running = new Map<Promise<void>, number>();
  readonly #roots = new WeakMap<AbortSignal, number>();
  #fired = 0;
  #firing = 0;
  readonly #waiters = new Waiters();
  // One controller per task, so that no signal collects a listener per task; aborted when the task must stop.
  readonly #queued = new Set<AbortController>();
  // Timers of what happens later (expiries, a subscription's next poll): settle() does not wait for them.
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  // What stops the pending work of a resource: a session's or result's expiry, a subscription's next poll, an event's
  // delivery and its retries. A resource the store forgets, or that ends early, has it stopped.
  readonly #stops = new Map<string, () => void>();
  #closed = false;

  constructor(private readonly context: TestRunnerContext) {}

  /** Queues a test of `config` for `key` and returns its task, still `pending`. */
  start(config: Tested, key: StoredKey): TaskAttributes {
    const { store } = this.context;
    const id = newId();
    const task = store.record('task', store.tasks, {
      id,
      resource: 'task',
      organisation: config.organisation,
      key: key.id,
      // Shown as null, as a task's other optional attributes (`error`, `date_started`) are: no poll's task.
      user: null,
      source: null,
      session: null,
      poll: null,
      source_type: null,
      type: `${config.resource}.test`,
      target: config.id,
      state: 'pending',
      results: { resource: 'list', data: [], has_more: false, total_count: 0, url: `/results?task=${id}` },
      error: null,
      date_created: store.now(),
      date_started: null,
      date_completed: null,
    } as TaskAttributes);
    store.latestTest.set(config.id, task.id);
    this.track((signal) => this.#test(task, config, key, signal));
    return task;
  }

  /**
   * Runs `job` as one of the mock's own: `settle()` waits for it, `reset()` and `close()` abort its signal. `parent`
   * is the signal of the job that starts it, whose root it shares.
   */
  track(job: (signal: AbortSignal) => Promise<unknown>, parent?: AbortSignal): () => void {
    const controller = new AbortController();
    if (this.#closed) controller.abort();
    const root = this.#firing || (parent && this.#roots.get(parent)) || 0;
    this.#roots.set(controller.signal, root);
    this.#queued.add(controller);
    const run = job(controller.signal)
      .then(
        () => undefined,
        // No job rejects but when aborted: the rethrow only shows a bug of the mock, as an unhandled rejection.
        // Stryker disable next-line BlockStatement: equivalent while the mock has no such bug.
        (error) => {
          // Stryker disable next-line ConditionalExpression: as above.
          if (!controller.signal.aborted) throw error;
        },
      )
      .finally(() => {
        this.#running.delete(run);
        this.#queued.delete(controller);
      });
    this.#running.set(run, root);
    return () => controller.abort();
  }

  /**
   * Runs `job` (tracked) after `ms`, unless `reset()` or `close()` comes first. The timer does not keep the process
   * alive, and `settle()` does not wait for it, only for the job once it runs. A wait past one timer's ceiling (a
   * 30-day subscription interval) is made of several timers. `owner` names the resource it belongs to, for `cancel`.
   */
  later(ms: number, job: (signal: AbortSignal) => Promise<unknown>, owner?: string): void {
    if (this.#closed) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: memory only; a stop left clears nothing.
        if (owner !== undefined) this.#stops.delete(owner);
        // Stryker disable next-line EqualityOperator: at exactly the ceiling, `>=` adds a timer of 0 ms, due as soon.
        if (ms > MAX_TIMER_MS) return this.later(ms - MAX_TIMER_MS, job, owner);
        this.#firing = ++this.#fired;
        try {
          this.track(job);
        } finally {
          this.#firing = 0;
        }
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    (timer as { unref?: () => void }).unref?.();
    this.#timers.add(timer);
    // Stryker disable next-line ConditionalExpression: a stop kept under no owner is never called.
    if (owner === undefined) return;
    this.#stops.set(owner, () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    });
  }

  /**
   * Stops the pending work of the resource `owner` (its timer, or an event's delivery): it ended early or was
   * forgotten.
   */
  cancel(owner: string): void {
    this.#stops.get(owner)?.();
    this.#stops.delete(owner);
  }

  /**
   * Delivers an event of `key` along its route, as a job of its own: the caller's state machine does not wait.
   * `parent` is the signal of the job that announces it.
   */
  announce(key: StoredKey | undefined, type: string, action: string, data: unknown, parent?: AbortSignal): void {
    // A copy: a late delivery must show the resource as it was when the event happened.
    const snapshot = structuredClone(data);
    // Stryker disable next-line ConditionalExpression: keys are forgotten only by reset(), which stops the announcers.
    if (!key) return;
    const event = newEvent(this.context.store, key.organisation, type, action, snapshot);
    const deliver = (signal: AbortSignal) =>
      // Stryker disable next-line ArrowFunction: memory only; the stop goes anyway when the store forgets the event.
      emit(this.context, key, event, signal).finally(() => this.#stops.delete(event.id));
    this.#stops.set(event.id, this.track(deliver, parent));
  }

  /** Abandons the tasks queued so far and what was scheduled, and releases their waiters; later tasks run as usual. */
  reset(): void {
    for (const controller of this.#queued) controller.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#stops.clear();
    this.#waiters.releaseAll();
  }

  /** Abandons the tasks queued so far, and any later one, and releases their waiters. */
  close(): void {
    this.#closed = true;
    this.reset();
  }

  async #test(task: TaskAttributes, config: Tested, key: StoredKey, signal: AbortSignal): Promise<void> {
    const { store, taskDelay } = this.context;
    await sleep(taskDelay, signal);
    task.state = 'processing';
    task.date_started = store.now();
    await sleep(taskDelay, signal);
    const error =
      config.resource === 'webhook_config' ? await this.#deliverTest(config, signal) : this.#storageError(config);
    task.state = error ? 'failed' : 'succeeded';
    task.error = error;
    task.date_completed = store.now();
    // Only the latest test of an active config decides its state (every change of url starts a new test).
    if (store.latestTest.get(config.id) === task.id && config.state !== 'deactivated') {
      config.state = error ? 'invalid' : 'valid';
    }
    this.notify(task.id);
    if (config.resource === 'storage_config') this.announce(key, 'task', task.state, task, signal);
  }

  #storageError(config: StoredStorageConfig): string | null {
    const fails = this.context.storageTest === 'fail' || config.url.endsWith(FAILING_TARGET.suffix);
    return fails ? STORAGE_TEST_ERROR : null;
  }

  /** Sends the signed test event, once; returns the task's error code, or null when the receiver took it. */
  async #deliverTest(config: StoredConfig, signal: AbortSignal): Promise<string | null> {
    const event = newEvent(
      this.context.store,
      String(config.organisation),
      'webhook_config',
      'test',
      withoutSecret(config),
    );
    const error = await attempt(this.context, event, config, signal);
    if (error) event.state = 'failed';
    return error;
  }

  /** Resolves once the task has left `pending` and `processing`, or after `ms`, whichever is first. */
  waitFor(taskId: string, ms: number): Promise<void> {
    const task = this.context.store.tasks.get(taskId);
    return this.waitUntil(taskId, ms, () => !task || !RUNNING_STATES.includes(task.state));
  }

  /** Resolves once `ready()` holds (checked now and at each `notify(id)`), or after `ms`, whichever is first. */
  waitUntil(id: string, ms: number, ready: () => boolean): Promise<void> {
    // A closed runner holds no one: close() has released its waiters.
    return this.#waiters.until(id, this.#closed ? 0 : ms, ready);
  }

  /** Releases those waiting on `id` whose condition now holds. */
  notify(id: string): void {
    this.#waiters.notify(id);
  }

  /**
   * Resolves when no task or delivery is running, including those queued while waiting, but those that a timer
   * firing after the call starts: a subscription whose polls overlap would never leave a moment with none running.
   */
  async settle(): Promise<void> {
    const fired = this.#fired;
    const waited = () => [...this.#running].filter(([, root]) => root <= fired).map(([run]) => run);
    for (let runs = waited(); runs.length > 0; runs = waited()) await Promise.allSettled(runs);
  }
}

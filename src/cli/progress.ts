/**
 * `--wait`: follows a task, a session, a poll or a new webhook config to its end. On an interactive stderr a spinner
 * shows the state and the time taken, then the final state; piped or `--quiet`, nothing is drawn.
 */
import { Option } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, Task, WebhookConfig } from '../index';
import { DEFAULT_WAIT_TIMEOUT, TimeoutError } from './sdk';
import type { Context } from './context';
import { Unsuccessful, WaitTimedOut } from './errors';
import { escapeControls } from './escape';
import { paintState } from './output';
import { withSpinner } from './spinner';
import { seconds } from './parse';

/** Seconds `--wait` waits unless `--timeout` says otherwise: the SDK's own default. */
export const DEFAULT_WAIT_SECONDS = DEFAULT_WAIT_TIMEOUT / 1000;

/** `--timeout` of a command's `--wait`, which it also turns on. */
export function timeoutOption(): Option {
  return new Option(
    '--timeout <seconds>',
    'how long --wait waits, each request included (implies --wait); exit 4 when it passes first',
  )
    .argParser(seconds)
    .default(DEFAULT_WAIT_SECONDS)
    .implies({ wait: true });
}

/** Milliseconds between looks at a new config's state. */
const CONFIG_POLL_INTERVAL = 500;

/** Milliseconds by which a timer may beat the clock: a request cut this close to the end of a wait ran into it. */
const TIMER_SLACK = 5;

/** The spinner line of a wait: what is waited on, and its current state in colour. */
function stateLine(ctx: Context, what: string, state: () => string): () => string {
  return () => `${escapeControls(what)} ${paintState(ctx.out.errColors, state())}`;
}

/** The end of a wait of `seconds` that starts now: what is left of it, for the deadline of each request. */
class WaitEnd {
  readonly #end: number;
  constructor(readonly seconds: number) {
    this.#end = Date.now() + seconds * 1000;
  }

  /** Milliseconds left, 0 once the wait is over (or all but over: a timer may fire a millisecond early). */
  left(): number {
    const left = this.#end - Date.now();
    return left > TIMER_SLACK ? left : 0;
  }

  /**
   * Runs `call` with the milliseconds left as its deadline, so a server that stops answering cannot stretch the wait.
   * @throws WaitTimedOut with the message `late()` gives when the wait is over, before or during the call (exit 4).
   */
  async within<T>(late: () => string, call: (deadline: number) => Promise<T>): Promise<T> {
    if (this.left() === 0) throw new WaitTimedOut(late());
    try {
      return await call(this.left());
    } catch (error) {
      // A request cut at the end of the wait, or the SDK's own wait timing out, is this wait timing out.
      throw error instanceof TimeoutError && this.left() === 0 ? new WaitTimedOut(late()) : error;
    }
  }
}

/**
 * True for a task that has `succeeded`: what a wait that ended `failed`, `suspended` or in a state yet unknown is not.
 */
const succeeded = (task: Task) => task.state === 'succeeded';

/**
 * Waits for `task` to end with the SDK's `task.wait()`, which bounds each refresh by the time left.
 * @throws WaitTimedOut after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForTask(ctx: Context, task: Task, seconds: number): Promise<Task> {
  return waitForResource(ctx, 'task', task, seconds, succeeded);
}

/**
 * Fetches the task `id`, then waits for it to end: `seconds` bound both. Prints the task however the wait ends.
 * @throws WaitTimedOut after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForTaskId(ctx: Context, client: Client, id: string, seconds: number): Promise<Task> {
  return waitForResourceId(
    ctx,
    'task',
    id,
    seconds,
    (options) => client.tasks.retrieve(id, options),
    succeeded,
    (task) => ctx.out.resource(task),
  );
}

/** What `--wait` follows, but configs: a task, a session or a poll, whose `wait()` refreshes it in place. */
export interface Waited {
  readonly id: string;
  readonly state: string;
  wait(options: { timeout: number; signal: AbortSignal }): Promise<unknown>;
}

/**
 * Waits for `resource` (a task, a session or a poll: `noun`) with its own `wait()`, beside a spinner that ends as a
 * success when `succeeded(resource)`.
 * @throws WaitTimedOut after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForResource<T extends Waited>(
  ctx: Context,
  noun: string,
  resource: T,
  seconds: number,
  succeeded: (resource: T) => boolean,
): Promise<T> {
  return follow(ctx, noun, resource, new WaitEnd(seconds), succeeded);
}

/** `waitForResource` until `end`. */
function follow<T extends Waited>(
  ctx: Context,
  noun: string,
  resource: T,
  end: WaitEnd,
  succeeded: (resource: T) => boolean,
): Promise<T> {
  const work = async () => {
    await end.within(
      () => `${noun} ${resource.id} is still ${resource.state} after ${end.seconds} s`,
      (left) => resource.wait({ timeout: left, signal: ctx.signal }),
    );
    return resource;
  };
  return withSpinner(
    ctx,
    stateLine(ctx, `${noun} ${resource.id}`, () => resource.state),
    work,
    succeeded,
  );
}

/**
 * Fetches the task, session or poll `id` with `retrieve`, then waits for it: `seconds` bound both. Once fetched, it is
 * printed with `show()` however the wait ends, as last known when it timed out, failed or was interrupted.
 * @throws WaitTimedOut after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export async function waitForResourceId<T extends Waited>(
  ctx: Context,
  noun: string,
  id: string,
  seconds: number,
  retrieve: (options: { signal: AbortSignal; deadline: number }) => Promise<T>,
  succeeded: (resource: T) => boolean,
  show: (resource: T) => void,
): Promise<T> {
  const end = new WaitEnd(seconds);
  const resource = await end.within(
    () => `${noun} ${id} got no answer within ${seconds} s`,
    (deadline) => retrieve({ signal: ctx.signal, deadline }),
  );
  await showAfterWait(
    () => follow(ctx, noun, resource, end, succeeded),
    () => show(resource),
  );
  return resource;
}

/**
 * Waits until the API has tested a new `config`: its state leaves `new` for `valid` or `invalid`. Each refresh gets
 * the time left as its deadline.
 * @throws WaitTimedOut after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForConfig(ctx: Context, config: WebhookConfig, seconds: number): Promise<WebhookConfig> {
  const work = async () => {
    const end = new WaitEnd(seconds);
    const late = () => `webhook_config ${config.id} is still new after ${seconds} s`;
    while (config.state === 'new') {
      await end.within(late, (left) => sleep(Math.min(CONFIG_POLL_INTERVAL, left), undefined, { signal: ctx.signal }));
      await end.within(late, (deadline) => config.refresh({ signal: ctx.signal, deadline }));
    }
    return config;
  };
  return withSpinner(
    ctx,
    stateLine(ctx, `webhook_config ${config.id}`, () => config.state),
    work,
    (done) => done.state === 'valid',
  );
}

/**
 * Runs `wait()`, then prints what it waited on with `show()`, whether the wait ended, timed out, failed or was
 * interrupted: a resource just created is shown as last known (a new config's secret, a test's task id), never lost.
 */
export async function showAfterWait(wait: () => Promise<unknown>, show: () => void): Promise<void> {
  try {
    await wait();
  } finally {
    show();
  }
}

/**
 * Fails the run when a waited task did not succeed.
 * @throws Unsuccessful when the task ended `failed`, `suspended` or in another state but `succeeded` (exit 3).
 */
export function throwUnlessSucceeded(task: Task): void {
  if (succeeded(task)) return;
  const error = task.error ? ` (${task.error})` : '';
  throw new Unsuccessful(`task ${task.id} ${task.state === 'failed' ? 'failed' : `is ${task.state}`}${error}`);
}

/**
 * Fails the run when a waited session or subscription (`noun`) ended anything but `active`.
 * @throws Unsuccessful (exit 3).
 */
export function throwUnlessActive(
  noun: string,
  resource: { id: string; state: string; error?: string | null | undefined },
): void {
  if (resource.state !== 'active')
    throw new Unsuccessful(
      `${noun} ${resource.id} is ${resource.state}${resource.error ? ` (${resource.error})` : ''}`,
    );
}

/**
 * `--wait`: follows a task or a new webhook config to its end. On an interactive stderr a spinner shows the state
 * and the time taken, then the final state; piped or `--quiet`, nothing is drawn.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, Task, WebhookConfig } from '../index';
import { DEFAULT_WAIT_TIMEOUT, TimeoutError } from './sdk';
import type { Context } from './context';
import { Unsuccessful } from './errors';
import { escapeControls } from './escape';
import { paintState } from './output';

/** Seconds `--wait` waits unless `--timeout` says otherwise: the SDK's own default. */
export const DEFAULT_WAIT_SECONDS = DEFAULT_WAIT_TIMEOUT / 1000;

/** Milliseconds between looks at a new config's state. */
const CONFIG_POLL_INTERVAL = 500;

/** Milliseconds by which a timer may beat the clock: a request cut this close to the end of a wait ran into it. */
const TIMER_SLACK = 5;

/**
 * Runs `work()` beside a spinner that shows `what` and the current `state()`; ends with the final state, marked as
 * a success when `succeeded(result)`.
 */
async function withSpinner<T>(
  ctx: Context,
  what: string,
  state: () => string,
  work: () => Promise<T>,
  succeeded: (result: T) => boolean,
): Promise<T> {
  if (!ctx.out.interactive) return work();
  // Loaded only here: most runs never draw a spinner.
  const { default: yoctoSpinner } = await import('yocto-spinner');
  const colors = ctx.out.errColors;
  const started = Date.now();
  const text = () =>
    `${escapeControls(what)} ${paintState(colors, state())} ${colors.dim(`${((Date.now() - started) / 1000).toFixed(1)} s`)}`;
  // Signals are the command's to handle: the stop signal aborts `work`, and the spinner stops below.
  const spinner = yoctoSpinner({ text: text(), handleSignals: false }).start();
  const tick = setInterval(() => (spinner.text = text()), 100);
  try {
    const result = await work();
    if (succeeded(result)) spinner.success(text());
    else spinner.error(text());
    return result;
  } catch (error) {
    spinner.stop();
    throw error;
  } finally {
    clearInterval(tick);
  }
}

/** The end of a wait of `seconds` that starts now: what is left of it, for the deadline of each request. */
class WaitEnd {
  readonly #end: number;
  constructor(seconds: number) {
    this.#end = Date.now() + seconds * 1000;
  }

  /** Milliseconds left, 0 once the wait is over (or all but over: a timer may fire a millisecond early). */
  left(): number {
    const left = this.#end - Date.now();
    return left > TIMER_SLACK ? left : 0;
  }

  /**
   * Runs `call` with the milliseconds left as its deadline, so a server that stops answering cannot stretch the wait.
   * @throws the TimeoutError `late()` makes when the wait is over, before or during the call.
   */
  async within<T>(late: () => TimeoutError, call: (deadline: number) => Promise<T>): Promise<T> {
    if (this.left() === 0) throw late();
    try {
      return await call(this.left());
    } catch (error) {
      // A request cut at the end of the wait is the wait timing out, and is told as that.
      throw error instanceof TimeoutError && this.left() === 0 ? late() : error;
    }
  }
}

/**
 * Waits for `task` to end with the SDK's `task.wait()`, which bounds each refresh by the time left.
 * @throws TimeoutError after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForTask(ctx: Context, task: Task, seconds: number): Promise<Task> {
  const work = () => task.wait({ timeout: seconds * 1000, signal: ctx.signal });
  return withSpinner(
    ctx,
    `task ${task.id}`,
    () => task.state,
    work,
    (done) => done.state !== 'failed',
  );
}

/**
 * Fetches the task `id`, then waits for it to end: `seconds` bound both.
 * @throws TimeoutError after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export async function waitForTaskId(ctx: Context, client: Client, id: string, seconds: number): Promise<Task> {
  const end = new WaitEnd(seconds);
  const task = await end.within(
    () => new TimeoutError(`task ${id} got no answer within ${seconds} s`),
    (deadline) => client.tasks.retrieve(id, { signal: ctx.signal, deadline }),
  );
  return end.within(
    () => new TimeoutError(`task ${id} is still ${task.state} after ${seconds * 1000} ms`),
    (left) => waitForTask(ctx, task, left / 1000),
  );
}

/**
 * Waits until the API has tested a new `config`: its state leaves `new` for `valid` or `invalid`. Each refresh gets
 * the time left as its deadline.
 * @throws TimeoutError after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForConfig(ctx: Context, config: WebhookConfig, seconds: number): Promise<WebhookConfig> {
  const work = async () => {
    const end = new WaitEnd(seconds);
    const late = () => new TimeoutError(`webhook_config ${config.id} is still new after ${seconds} s`);
    while (config.state === 'new') {
      await end.within(late, (left) => sleep(Math.min(CONFIG_POLL_INTERVAL, left), undefined, { signal: ctx.signal }));
      await end.within(late, (deadline) => config.refresh({ signal: ctx.signal, deadline }));
    }
    return config;
  };
  return withSpinner(
    ctx,
    `webhook_config ${config.id}`,
    () => config.state,
    work,
    (done) => done.state !== 'invalid',
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
 * Fails the run when a waited task failed.
 * @throws Unsuccessful when the task ended `failed` (exit 3).
 */
export function throwIfFailed(task: Task): void {
  if (task.state === 'failed') throw new Unsuccessful(`task ${task.id} failed${task.error ? ` (${task.error})` : ''}`);
}

/**
 * Prints a waited task and fails the run when it failed.
 * @throws Unsuccessful when the task ended `failed` (exit 3).
 */
export function reportTask(ctx: Context, task: Task): void {
  ctx.out.resource(task);
  throwIfFailed(task);
}

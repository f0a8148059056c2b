/**
 * `--wait`: follows a task or a new webhook config to its end. On an interactive stderr a spinner shows the state
 * and the time taken, then the final state; piped or `--quiet`, nothing is drawn.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Task, WebhookConfig } from '../index';
import { DEFAULT_WAIT_TIMEOUT, TimeoutError } from './sdk';
import type { Context } from './context';
import { Unsuccessful } from './errors';
import { paintState } from './output';

/** Seconds `--wait` waits unless `--timeout` says otherwise: the SDK's own default. */
export const DEFAULT_WAIT_SECONDS = DEFAULT_WAIT_TIMEOUT / 1000;

/** Milliseconds between looks at a new config's state. */
const CONFIG_POLL_INTERVAL = 500;

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
    `${what} ${paintState(colors, state())} ${colors.dim(`${((Date.now() - started) / 1000).toFixed(1)} s`)}`;
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

/**
 * Waits for `task` to end with the SDK's `task.wait()`.
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
 * Waits until the API has tested a new `config`: its state leaves `new` for `valid` or `invalid`.
 * @throws TimeoutError after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForConfig(ctx: Context, config: WebhookConfig, seconds: number): Promise<WebhookConfig> {
  const work = async () => {
    const end = Date.now() + seconds * 1000;
    while (config.state === 'new') {
      if (Date.now() >= end) throw new TimeoutError(`webhook_config ${config.id} is still new after ${seconds} s`);
      await sleep(CONFIG_POLL_INTERVAL, undefined, { signal: ctx.signal });
      await config.refresh({ signal: ctx.signal });
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

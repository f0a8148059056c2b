/**
 * `--wait`: follows a task or a new webhook config to its end. On an interactive stderr a spinner shows the state
 * and the time taken, then the final state; piped or `--quiet`, nothing is drawn.
 */
import { Option } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, Task, WebhookConfig } from '../index';
import { DEFAULT_WAIT_TIMEOUT, TimeoutError } from './sdk';
import type { Context } from './context';
import { Unsuccessful, WaitTimedOut } from './errors';
import { escapeControls } from './escape';
import { paintState } from './output';
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

/**
 * Runs `work()` beside a spinner whose text `line()` gives, redrawn ten times a second with the time taken; ends
 * with the last line, marked as a success when `succeeded(result)`.
 */
async function withSpinner<T>(
  ctx: Context,
  line: () => string,
  work: () => Promise<T>,
  succeeded: (result: T) => boolean,
): Promise<T> {
  if (!ctx.out.interactive) return work();
  // Loaded only here: most runs never draw a spinner.
  const { default: yoctoSpinner } = await import('yocto-spinner');
  const started = Date.now();
  const text = () => `${line()} ${ctx.out.errColors.dim(`${((Date.now() - started) / 1000).toFixed(1)} s`)}`;
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
 * Waits for `task` to end with the SDK's `task.wait()`, which bounds each refresh by the time left.
 * @throws WaitTimedOut after `seconds`; AbortError on Ctrl-C; RicloudError when the API fails.
 */
export function waitForTask(ctx: Context, task: Task, seconds: number): Promise<Task> {
  return waitForResource(ctx, 'task', task, seconds, (done) => done.state !== 'failed');
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
    (done) => done.state !== 'failed',
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
 * Waits for `resource` (a task, a session or a poll: `noun`) with its own `wait()`, beside a spinner that ends as a success
 * when `succeeded(resource)`.
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

/** A number of bytes as people read it: `512 B`, `1.5 MB`, `1.07 GB` (powers of 1000, as drives are sold). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  for (; value >= 1000 && unit < units.length - 1; unit++) value /= 1000;
  return unit === 0 ? `${value} B` : `${value.toPrecision(3)} ${units[unit]}`;
}

/** Cells of the progress bar. */
const BAR_WIDTH = 24;

/**
 * Runs a download beside a progress bar on an interactive stderr: `what`, a bar, the share and the bytes received of
 * `total`. `work` gets the function to call with the bytes received so far. Piped or `--quiet`, nothing is drawn.
 */
export function withProgressBar<T>(
  ctx: Context,
  what: string,
  total: number,
  work: (received: (bytes: number) => void) => Promise<T>,
): Promise<T> {
  let done = 0;
  const line = () => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${ctx.out.errColors.dim('░'.repeat(BAR_WIDTH - filled))}`;
    return `${escapeControls(what)} ${bar} ${Math.floor(share * 100)}% ${formatBytes(done)} of ${formatBytes(total)}`;
  };
  return withSpinner(
    ctx,
    line,
    () => work((bytes) => (done = bytes)),
    () => true,
  );
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

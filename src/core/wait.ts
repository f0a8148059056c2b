/**
 * Waiting for a resource's asynchronous work to end (a task, a session, a poll): long-polls with `Ricloud-Await`,
 * falling back to polling with backoff against a server that answers at once.
 */
import { abortError } from './abort';
import { TimeoutError } from './errors';
import { checkRequestOptions, type RequestOptions } from './options';
import { checkObject, checkRule } from './params';
import { MILLISECONDS } from './rules';
import { sleep } from './signal';
import { DEFAULT_WAIT_TIMEOUT, MAX_AWAIT_SECONDS } from './wire';

/** First pause between polls when the server does not hold requests open; it doubles up to `MAX_POLL_INTERVAL`. */
const FIRST_POLL_INTERVAL = 500;
/** Why a per-call option that a wait sets itself for each refresh is refused. */
const NOT_WAIT = 'is not an option of wait()';
/** Longest pause between polls. */
const MAX_POLL_INTERVAL = 5_000;

/** Options of `wait()`: `timeout` bounds the whole wait; the rest apply to each refresh. */
export interface WaitOptions extends Omit<RequestOptions, 'timeout' | 'deadline' | 'awaitFor'> {
  /** Milliseconds to wait for the work to end (default 60 000). */
  timeout?: number | undefined;
}

/** What `waitFor` follows: a resource that knows when it is done and can fetch itself again in place. */
export interface Waitable {
  readonly id: string;
  readonly state: string;
  readonly done: boolean;
  refresh(options: RequestOptions): Promise<unknown>;
}

/**
 * Refreshes `target` until it is `done`. Each refresh asks the server to hold the answer (`Ricloud-Await`, up to
 * 10 s, never past the wait's end); when the server answers at once, it polls with backoff from 0.5 s to 5 s.
 * `noun` and `path` name the target in errors (`task`, `/tasks/{id}`).
 * @throws InvalidInputError for options that are not an object, a bad or unknown one, a `deadline` or an `awaitFor`;
 * TimeoutError when `target` is not done after `timeout`; AbortError when `signal` fires, or had fired, even for a
 * target already done.
 */
export async function waitFor(target: Waitable, noun: string, path: string, options: WaitOptions): Promise<void> {
  checkObject(options, 'options');
  const budget = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  checkRule(budget, 'options.timeout', MILLISECONDS);
  const { timeout: _budget, ...perRequest } = options;
  // Checked now, not by the first refresh: a target that has already ended is never refreshed. Each refresh gets its
  // own deadline and awaitFor from the wait: a caller's would be overridden, so they are refused.
  checkRequestOptions(perRequest, [], { deadline: NOT_WAIT, awaitFor: NOT_WAIT });
  const request = { method: 'GET', path, attempts: 0 };
  const what = `${noun} ${target.id} wait`;
  // As every call, whatever the target's state: a wait for one that has ended would otherwise resolve.
  if (options.signal?.aborted) throw abortError(what, options.signal, request);
  const stillRunning = () =>
    new TimeoutError(`${noun} ${target.id} is still ${target.state} after ${budget} ms`, { request });
  // Elapsed time, not the date: a wall clock set back (NTP, a user) would stretch the wait by as much.
  const end = performance.now() + budget;
  let interval = FIRST_POLL_INTERVAL;
  while (!target.done) {
    // Whole milliseconds, as a `deadline` option is written and errors report it.
    const remaining = Math.ceil(end - performance.now());
    if (remaining <= 0) throw stillRunning();
    const awaitFor = Math.min(MAX_AWAIT_SECONDS, Math.floor(remaining / 1000));
    const asked = performance.now();
    try {
      await target.refresh({ ...perRequest, deadline: remaining, ...(awaitFor > 0 ? { awaitFor } : {}) });
      if (target.done) break;
      // The server held the request open as asked: ask again at once. Otherwise fall back to polling.
      if (awaitFor > 0 && performance.now() - asked >= awaitFor * 900) continue;
      await sleep(Math.max(0, Math.min(interval, end - performance.now())), options.signal);
    } catch (error) {
      // Stopped in a refresh or between polls: what was aborted is the wait, as before its first refresh.
      if (options.signal?.aborted) throw abortError(what, options.signal);
      // The last refresh ran into the end of the wait: say so, rather than that one request timed out.
      throw error instanceof TimeoutError && performance.now() >= end ? stillRunning() : error;
    }
    interval = Math.min(interval * 2, MAX_POLL_INTERVAL);
  }
}

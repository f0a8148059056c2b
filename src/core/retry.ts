/**
 * The retry policy: which failures are sent again, and how long to wait first. ky runs the loop, the backoff and the
 * sleeps with these options; `mayRetry` holds what ky cannot know (a create is re-sent only when the server certainly
 * did not act). The README's "Retries and time limits" says the same in prose.
 */
import { HTTPError, type RetryOptions } from 'ky';
import { failedBeforeSending } from './network';

/** First backoff step; each retry doubles it, up to `BACKOFF_CAP_MS`, and full jitter picks a point below. */
export const BACKOFF_BASE_MS = 500;
/** Largest backoff step. */
const BACKOFF_CAP_MS = 8_000;

/** Statuses worth sending an idempotent request again for; a `Retry-After` on any of them is obeyed. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

/**
 * How a request may be repeated. `idempotent` requests (reads, updates, deletes) are retried on any transient failure;
 * `once` requests (create, test) start work on the server and are retried only when it certainly did not act.
 */
export type RetryMode = 'idempotent' | 'once';

/** Methods ky may retry: every one the API uses, since `mayRetry` decides which calls are sent again. */
const RETRY_METHODS = ['get', 'post', 'delete'];

/**
 * ky's retry options for a call that may be retried `limit` times, with the call's own `shouldRetry` and `jitter`.
 * `shouldRetry` answers true or false, so ky's own rules (its `statusCodes`, `retryOnTimeout`, its reading of
 * `Retry-After`) never apply and are left out: ky normalises these options on every call, each key at a cost.
 */
export const retryOptions = (
  limit: number,
  { shouldRetry, jitter }: Required<Pick<RetryOptions, 'shouldRetry' | 'jitter'>>,
): RetryOptions => ({ limit, methods: RETRY_METHODS, delay: backoffStep, shouldRetry, jitter });

/**
 * The backoff step before retry number `retry` (from 1): doubling from `BACKOFF_BASE_MS`, capped at `BACKOFF_CAP_MS`.
 */
export const backoffStep = (retry: number): number => Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));

/** Full jitter: a whole number of milliseconds below `step`. */
export const jittered = (step: number): number => Math.floor(Math.random() * step);

/** Whether `error` may be retried under `mode`. Aborts are never retried; the caller checks those first. */
export function mayRetry(error: unknown, mode: RetryMode): boolean {
  if (error instanceof HTTPError) {
    const status = error.response.status;
    return mode === 'idempotent' ? RETRY_STATUSES.includes(status) : status === 429;
  }
  // A timeout (it has no network code) or a connection failure from fetch: a `once` request only when nothing was sent.
  return mode === 'idempotent' || failedBeforeSending(error);
}

/**
 * The retry policy: which failures are sent again, and how long to wait first. ky runs the loop and the sleeps;
 * this file only decides. See the README's "Retries" section for the same rules in prose.
 */
import type { HTTPError, TimeoutError as KyTimeoutError } from 'ky';
import { failedBeforeSending } from './network';

/** First backoff step; each retry doubles it, up to `BACKOFF_CAP_MS`, and full jitter picks a point below. */
export const BACKOFF_BASE_MS = 500;
/** Largest backoff step. */
export const BACKOFF_CAP_MS = 8_000;
/** Largest `Retry-After` the SDK will sleep for; past it the call fails at once, carrying the advice. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth sending an idempotent request again for. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * How a request may be repeated. `idempotent` requests (reads, updates) are retried on any transient failure;
 * `once` requests (create, test) start work on the server and are retried only when it certainly did not act.
 */
export type RetryMode = 'idempotent' | 'once';

// ky is loaded with the first request, so its errors are told apart by name (as ky's own type guards do).
/** True for ky's error for an HTTP error status. */
export const isHttpError = (error: unknown): error is HTTPError => error instanceof Error && error.name === 'HTTPError';
/** True for ky's error for an attempt that outlived `timeout`. */
export const isAttemptTimeout = (error: unknown): error is KyTimeoutError =>
  error instanceof Error && error.name === 'TimeoutError' && 'request' in error;

/** Milliseconds advised by a `Retry-After` header (seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Whether `error` may be retried under `mode`. Aborts are never retried; the caller checks those first. */
export function isRetryable(error: unknown, mode: RetryMode): boolean {
  if (isHttpError(error)) {
    const status = error.response.status;
    return mode === 'idempotent' ? RETRY_STATUSES.has(status) : status === 429;
  }
  if (isAttemptTimeout(error)) return mode === 'idempotent';
  // Anything else from fetch is a connection failure.
  return mode === 'idempotent' || failedBeforeSending(error);
}

/** Backoff before retry number `retry` (1-based): full jitter over an exponential step. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1)));
}

/**
 * A call's retries: ky runs them with `retry.ts`'s options, and asks here whether a failure is re-sent (the SDK's
 * policy and the deadline) and after how long (a server's `Retry-After`, else jittered backoff).
 */
import { HTTPError, type RetryOptions, type ShouldRetryState } from 'ky';
import type { Call } from './call';
import { runHooks } from './hooks';
import { backoffStep, jittered, mayRetry, retryOptions } from './retry';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after';
import { RicloudError as BaseError, type RicloudError } from './ricloud-error';
import { sleep } from './signal';

/** The retry state of one call across its attempts. */
export class CallRetries {
  /** The failure the next attempt retries, as ky threw it and as the SDK reports it. */
  retrying: { raw: unknown; error: RicloudError } | undefined;
  // Retries made before the current ky call (a body that failed after ky returned starts a new one).
  #retriesBefore = 0;
  // Set by `shouldRetry` for `jitter`, which ky calls next with the backoff step.
  #pending: { attempt: number; error: RicloudError; advised: number | undefined } | undefined;

  constructor(readonly call: Call<unknown>) {}

  /** ky's retry options for up to `limit` retries, with this call's policy. */
  options(limit: number): RetryOptions {
    return retryOptions(limit, { shouldRetry: this.#shouldRetry, jitter: this.#jitter });
  }

  /**
   * ky has returned, so a body that stalls or breaks after the headers is retried here, by the same policy and
   * backoff as any failed attempt; returns the retries ky may still make, or undefined to give up.
   */
  async afterBody(error: unknown, limit: number): Promise<number | undefined> {
    const retries = this.call.info.attempts - 1;
    // `shouldRetry` counts from the retries made before this ky call.
    const retryCount = retries + 1 - this.#retriesBefore;
    // A body past the size cap would be as large again.
    if (
      error instanceof BaseError ||
      retries >= limit ||
      (await this.#shouldRetry({ error: error as Error, retryCount })) === false
    )
      return undefined;
    const delay = this.#jitter(backoffStep(retries + 1));
    this.#retriesBefore = retries + 1;
    await sleep(delay, this.call.signal);
    return limit - retries - 1;
  }

  #shouldRetry = async ({ error, retryCount: kyCount }: ShouldRetryState): Promise<boolean> => {
    const { call } = this;
    const retryCount = kyCount + this.#retriesBefore;
    if (call.options.signal?.aborted || call.pastDeadline() || !mayRetry(error, call.spec.retry)) return false;
    const advised = error instanceof HTTPError ? retryAfterMs(error.response.headers) : undefined;
    // Past the cap, fail now: the error carries the advice instead of sleeping for minutes. Advice past the deadline
    // is refused by `jitter`, as any backoff is.
    if ((advised ?? 0) > MAX_RETRY_AFTER_MS) return false;
    const mapped = await call.failure(error);
    // Only now is the call between attempts: a failure that is not retried (a create's answer cut at the deadline)
    // is reported as itself, never as the failure an earlier attempt retried.
    call.attemptFailed();
    this.retrying = { raw: error, error: mapped };
    // ky asks `jitter` for the delay next, which is the advice when there is one.
    this.#pending = { attempt: retryCount, error: mapped, advised };
    return true;
  };

  #jitter = (step: number): number => {
    const pending = this.#pending;
    // Stryker disable next-line OptionalChaining: ky calls `jitter` only once `shouldRetry` set it (no forced retries).
    const delay = pending?.advised ?? jittered(step);
    this.#pending = undefined;
    // A backoff that would end past the deadline is not slept: the failure being retried ends the call now.
    // Stryker disable next-line OptionalChaining: `shouldRetry` sets `retrying` with `pending`.
    if (!pending || performance.now() + delay >= this.call.deadlineAt) throw this.retrying?.raw;
    this.#retried(pending.attempt, delay, pending.error);
    return delay;
  };

  #retried(attempt: number, delayMs: number, error: RicloudError): void {
    const { spec, transport, options } = this.call;
    transport.log(
      'warn',
      `${spec.method} ${spec.path}: ${error.name} on attempt ${attempt}, retrying in ${delayMs} ms`,
    );
    runHooks(transport, options, 'onRetry', { attempt, delayMs, error });
  }
}

/** createWebhookHandler: a `(Request) => Promise<Response>` receiver that verifies, parses and dispatches by slug. */
import { InvalidInputError } from '../core/errors';
import { bodyTimeouts, checkMaxBodyBytes, checkTimeout, DEFAULT_BODY_TIMEOUT } from './body';
import { LATE, startDeadline, type Deadline } from './deadline';
import { eventSlug, type WebhookEvent } from './event';
import { answer, BODY, HANDLERS, RECORD_FAILED, refusal, SECRET_FUNCTION, STORE, timedOut } from './handler-answers';
import {
  checkHandlers,
  DEFAULT_HANDLER_TIMEOUT,
  type EventHandlerContext,
  type PlatformContext,
  type WebhookHandlerOptions,
} from './handler-options';
import { checkReplayStore, lookupFailed, recordFailed, ReplayError } from './replay';
import { checkOptionsObject, checkVerifyOptions, isSecrets } from './signature';
import { verifyRequest } from './verify-request';

/**
 * A delivery as the helpers of one receiver see it: the request, the platform context to keep late work alive, and the
 * deadline of its answer.
 */
interface Delivery {
  request: Request;
  /** The receiver's second argument, when it has a `waitUntil`. */
  platform: PlatformContext | undefined;
  /** `handlerTimeout` from the request's arrival, shared by everything the answer waits on. */
  deadline: Deadline;
}

/**
 * Builds a receiver for Web-standard runtimes: pass it to Next.js, Hono, Bun or Deno as it is, to the mock's `deliver`,
 * or to `toNodeHandler` for Node and Express. It answers 200 once the handlers resolved, or at once for an event id
 * `replay` holds (handlers not run again); 400 for a bad or missing signature, a copy of an event being handled or JSON
 * that is not an event; 405 for a non-POST; 408 for a body still arriving after `bodyTimeout`; 413 for a body over
 * `maxBodyBytes`; 415 for a body that is not JSON; 500 when a handler throws; 503 when the handlers, the replay store
 * or the secret function pass `handlerTimeout`, or the body arrives after it. No handler runs for a refused delivery.
 * Every answer, `onError` included, comes within `handlerTimeout` of the request's arrival, or once a body slower
 * than that has arrived (within `bodyTimeout`). The returned function never throws: every failure becomes an answer
 * (and a call of `onError`). Work that outlives the answer (handlers past `handlerTimeout`, a late `onError` or replay
 * store) is handed to the `waitUntil` of `context`, the second argument (Workers' `ctx`), so an edge runtime does not
 * cut it off; the promises it gets never reject.
 * @throws InvalidInputError when `secret` is neither a string (of more than whitespace), a list of them, nor a
 *   function, when `maxBodyBytes`, `bodyTimeout` or `handlerTimeout` is not a positive number, when `tolerance` is not
 *   a number of seconds, 0 or more, when a handler (in `on`, `onAny`, `onError`) is not a function, or `replay` not a
 *   store.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request, context?: PlatformContext | object) => Promise<Response> {
  checkOptionsObject(options, 'options');
  const { on = {}, onAny, onError, tolerance } = options;
  // A handler that cannot be called would fail every delivery with a 500, and the API would retry each in vain.
  checkHandlers(on, onAny, onError);
  const replay = checkReplayStore(options.replay, 'options.replay');
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes, 'options.maxBodyBytes');
  const bodyTimeout = checkTimeout(options.bodyTimeout, 'options.bodyTimeout', DEFAULT_BODY_TIMEOUT);
  const handlerTimeout = checkTimeout(options.handlerTimeout, 'options.handlerTimeout', DEFAULT_HANDLER_TIMEOUT);
  checkVerifyOptions({ tolerance }, 'options');
  // A secret missing from the environment should stop the app at start, not refuse every delivery later.
  if (typeof options.secret !== 'function' && !isSecrets(options.secret)) {
    throw new InvalidInputError(
      'options.secret',
      'must be a string of more than whitespace, a list of them, or a function that returns them',
    );
  }
  // Ids whose handlers are running: with `replay`, a copy delivered meanwhile is refused, not handled twice.
  const handling = new Set<string>();
  /** Hands `work`, still running at the answer, to the platform's `waitUntil`, with its failure caught. */
  const keep = ({ platform }: Delivery, work: Promise<unknown>) => {
    const kept = work.catch(() => {});
    try {
      platform?.waitUntil(kept);
    } catch {
      // A platform that refuses it leaves the work running as without one.
    }
  };
  /**
   * Calls `onError`, waiting for it (a log sent before the answer) only while the delivery's deadline lasts: the
   * answer is not held past `handlerTimeout`, however slow the logger.
   */
  const report = async (error: unknown, delivery: Delivery) => {
    try {
      const logged = Promise.resolve(onError?.(error, delivery.request));
      if ((await delivery.deadline.race(logged)) === LATE) keep(delivery, logged);
    } catch {
      // A failing logger must not change the answer.
    }
  };
  const reportEach = async (errors: unknown[], delivery: Delivery) => {
    for (const error of errors) await report(error, delivery);
  };
  const refuse = async (error: unknown, delivery: Delivery) => {
    await report(error, delivery);
    return refusal(error);
  };
  /** Answers 503 once the deadline passed, aborting the handlers' signal with the `TimeoutError` reported. */
  const tooLate = async (waitingOn: string, delivery: Delivery, controller?: AbortController) => {
    const error = timedOut(waitingOn, handlerTimeout);
    controller?.abort(error);
    await report(error, delivery);
    return { error, response: answer(503, error.message) };
  };
  /** `value` if it settles before the delivery's deadline, else `LATE`; a failure after that is still reported. */
  const inTime = async <T>(value: T, delivery: Delivery) => {
    const settled = await delivery.deadline.race(value);
    if (settled === LATE)
      keep(
        delivery,
        Promise.resolve(value).catch((failure: unknown) => report(failure, delivery)),
      );
    // One that held the thread past the deadline settled before its timer fired: it used up the time, not what follows.
    return delivery.deadline.passed() ? LATE : settled;
  };
  /**
   * The answer to a delivery whose event id `replay` holds (200, handlers not run), could not look up (500) or did not
   * look up before the deadline (503), and `undefined` for one to handle.
   */
  const answerIfSeen = async (id: string, delivery: Delivery): Promise<Response | undefined> => {
    try {
      if (!replay) return undefined;
      const lookup = Promise.resolve()
        .then(() => replay.has(id))
        .catch((failure: unknown) => Promise.reject(lookupFailed(id, failure)));
      const seen = await inTime(lookup, delivery);
      if (seen === LATE) return (await tooLate(STORE, delivery)).response;
      // An event already handled is acknowledged, its handlers not run again: the API retries a delivery whose answer
      // it missed (a handler slower than its timeout), and refusing the retry would leave the event `failed`.
      if (!seen) return undefined;
      await report(new ReplayError(id), delivery);
      return answer(200, 'OK (already received)');
    } catch (error) {
      return refuse(error, delivery);
    }
  };
  /** Runs the handlers of a verified event, then records its id, all before the delivery's deadline. */
  const handle = async (event: WebhookEvent, delivery: Delivery): Promise<Response> => {
    // Checked, then marked below, with no await between, and before the store is asked: a copy delivered while the
    // first is handled never runs the handlers, even one whose lookup began before the first was recorded and answers
    // late. It is acknowledged when a call recorded the id meanwhile (a first call that resolved after its timeout).
    if (replay && handling.has(event.id))
      return (await answerIfSeen(event.id, delivery)) ?? refuse(new ReplayError(event.id), delivery);
    handling.add(event.id);
    try {
      const seen = await answerIfSeen(event.id, delivery);
      if (seen) return seen;
      const controller = new AbortController();
      const context: EventHandlerContext = { signal: controller.signal };
      let waitingOn = HANDLERS;
      /** The failures of the handlers, or of the store's record after them: none when the event was handled. */
      const work = (async () => {
        // Both run, even beside one that throws at once, and both are waited for: each failure is reported, and a
        // retry of a failed delivery never runs beside a handler of it still running.
        const settled = await Promise.allSettled(
          [on[eventSlug(event)], onAny].map(async (run) => run?.(event, context)),
        );
        const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
        if (failures.length > 0) return failures;
        waitingOn = STORE;
        await replay?.add(event.id);
        return [];
        // Only the store's record can reject (or throw): the handlers' failures are settled above.
      })().catch((failure: unknown) => [recordFailed(event.id, failure)]);
      const failures = await delivery.deadline.race(work);
      if (failures === LATE) {
        const { error, response } = await tooLate(waitingOn, delivery, controller);
        // Settled after the answer: failures are still reported, but the abort itself.
        keep(
          delivery,
          work.then((late) =>
            reportEach(
              late.filter((failure) => failure !== error),
              delivery,
            ),
          ),
        );
        return response;
      }
      if (failures.length > 0) {
        await reportEach(failures, delivery);
        // Past the handlers, only the store's record fails.
        return answer(500, waitingOn === STORE ? RECORD_FAILED : 'the webhook handler failed');
      }
    } finally {
      // Freed at the answer, timed out or not: a retry after a timeout runs the handlers again.
      handling.delete(event.id);
    }
    return answer(200, 'OK');
  };
  /** Verifies the delivery and handles its event, or refuses it, all before its deadline. */
  const receive = async (delivery: Delivery): Promise<Response> => {
    let event: WebhookEvent;
    try {
      const secret =
        typeof options.secret === 'function'
          ? await inTime(options.secret(delivery.request), delivery)
          : options.secret;
      if (secret === LATE) return (await tooLate(SECRET_FUNCTION, delivery)).response;
      // The receiver's own fault, not the sender's: a 500 with no detail, and the error goes to onError.
      if (!isSecrets(secret))
        throw new InvalidInputError(
          'options.secret',
          'the secret function returned no secret (a string of more than whitespace, or a list of them)',
        );
      event = await verifyRequest(delivery.request, secret, { tolerance, maxBodyBytes, bodyTimeout });
    } catch (error) {
      return refuse(error, delivery);
    }
    // A body that took the time left (it has `bodyTimeout` of its own): the API no longer waits, so no handler runs.
    if (delivery.deadline.passed()) return (await tooLate(BODY, delivery)).response;
    return handle(event, delivery);
  };
  const receiver = async (request: Request, context?: PlatformContext | object): Promise<Response> => {
    const { waitUntil } = (context ?? {}) as Partial<PlatformContext>;
    // A context without `waitUntil` (Deno's `info`, Next.js's `{ params }`) is ignored.
    const platform = typeof waitUntil === 'function' ? (context as PlatformContext) : undefined;
    if (request.method !== 'POST') return answer(405, 'webhook deliveries are POST requests', { allow: 'POST' });
    // One deadline from the request's arrival to its answer, for everything the receiver waits on: the API waits for
    // one answer, however the time was spent.
    const deadline = startDeadline(handlerTimeout);
    try {
      return await receive({ request, platform, deadline });
    } finally {
      deadline.clear();
    }
  };
  bodyTimeouts.set(receiver, bodyTimeout);
  return receiver;
}

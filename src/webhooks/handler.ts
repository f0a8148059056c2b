/** createWebhookHandler: a `(Request) => Promise<Response>` receiver that verifies, parses and dispatches by slug. */
import { InvalidInputError } from '../core/errors';
import { checkMaxBodyBytes, checkTimeout, DEFAULT_BODY_TIMEOUT } from './body';
import { LATE, startDeadline, type Deadline } from './deadline';
import {
  eventSlug,
  WebhookPayloadError,
  type GenericWebhookEvent,
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookEventSlug,
  type WebhookPayloadProblem,
} from './event';
import { checkReplayStore, ReplayError, type ReplayStore } from './replay';
import { checkVerifyOptions, isSecrets, SignatureVerificationError, type Secrets } from './signature';
import { verifyRequest } from './verify-request';

/** What a handler gets beside its event. */
export interface EventHandlerContext {
  /**
   * Aborts when `handlerTimeout` passes, with a `TimeoutError` (a `DOMException`) as its reason: the delivery was
   * answered 503, and a retry of the event may run the handlers again. Pass it to the handler's own requests.
   */
  signal: AbortSignal;
}

/** A handler of one event; the `bivariance` form lets a typed handler sit beside the generic ones. */
export type EventHandler<E> = { bivariance(event: E, context: EventHandlerContext): unknown }['bivariance'];

/**
 * Receivers' default `handlerTimeout`: 10 s, the time the API is taken to wait for an answer (its docs give none; the
 * mock waits 10 s). An answer after it would come too late to count.
 */
export const DEFAULT_HANDLER_TIMEOUT = 10_000;

/** Handlers by slug: documented slugs get their typed event, any other slug the generic one. */
export type WebhookEventHandlers = { [S in WebhookEventSlug]?: EventHandler<WebhookEventOf<S>> } & {
  [slug: string]: EventHandler<GenericWebhookEvent> | undefined;
};

/** Options of `createWebhookHandler`. */
export interface WebhookHandlerOptions {
  /** The config's secret, a list of them during a rotation, or a function that finds them for a request (trimmed). */
  secret: Secrets | ((request: Request) => Secrets | Promise<Secrets>);
  /** Handlers by slug, e.g. `{ 'task.succeeded': (event) => … }`. */
  on?: WebhookEventHandlers | undefined;
  /** Called with every verified event, beside the slug's own handler. */
  onAny?: ((event: WebhookEvent, context: EventHandlerContext) => unknown) | undefined;
  /**
   * Called when a delivery is refused (a `SignatureVerificationError`, `WebhookPayloadError` or `ReplayError`, and no
   * handler ran), when one of an event already handled is acknowledged (`ReplayError`), when a handler threw (each
   * one's error, also after a timeout), or when the handlers, the replay store or the secret function passed
   * `handlerTimeout` (a `TimeoutError` DOMException, then what they throw late). For logs: the answer waits for it up
   * to `handlerTimeout` but does not change, and what it throws is ignored.
   */
  onError?: ((error: unknown, request: Request) => unknown) | undefined;
  /** Seconds the signature's timestamp may be off, both ways (default 600). */
  tolerance?: number | undefined;
  /**
   * Runs the handlers once per event id: a delivery of an id already handled is answered 200 without running them (so
   * the API stops retrying), a copy that arrives while the first is handled 400. An id is recorded once its handlers
   * resolved, so the API's retry of a failed one gets through.
   */
  replay?: ReplayStore | undefined;
  /**
   * Milliseconds the handlers may take (default 10 000, `Infinity` for no limit), counted with the `replay` store's
   * calls: its lookup before them and its record after them. Past it the delivery is answered 503, so the API retries
   * it later, and the handlers' `signal` aborts. The handlers are not stopped: with `replay`, a retry that arrives
   * after the timeout runs them again even while the first call still runs (a handler that never settles must not have
   * its event refused for good); a copy that arrives before is refused (400). A first call that resolves late, or a
   * record that answers late, still records its id, so later copies are acknowledged (200). A secret function gets as
   * long again, before the body is read: one that does not answer in time gets the delivery a 503 too.
   */
  handlerTimeout?: number | undefined;
  /** The largest body read, in bytes (default 1 MiB); a larger one gets 413 before its signature is checked. */
  maxBodyBytes?: number | undefined;
  /** Milliseconds the whole body may take to arrive (default 10 000); a slower one gets 408. */
  bodyTimeout?: number | undefined;
}

/**
 * The status of each kind of unreadable body: not JSON is 415, too large 413, too slow 408, cut off 400, the receiver's
 * own mistake 500.
 */
const PAYLOAD_STATUS: Record<WebhookPayloadProblem, number> = {
  empty: 415,
  'not-json': 415,
  'not-an-event': 400,
  'body-used': 500,
  'too-large': 413,
  unreadable: 400,
  timeout: 408,
};

const HANDLERS = 'the webhook handlers did not finish';
const STORE = 'the replay store did not answer';
const SECRET_FUNCTION = 'the secret function did not answer';

/**
 * The reason a handler's signal aborts with, what `onError` gets and the 503 says, when the handlers or the replay
 * store pass `handlerTimeout`.
 */
const timedOut = (waitingOn: string, ms: number) =>
  new DOMException(`${waitingOn} within ${ms} ms (handlerTimeout)`, 'TimeoutError');

const answer = (status: number, text: string, headers: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** The answer to a delivery refused before any handler ran. Our own errors say what is wrong and hold no secret. */
function refusal(error: unknown): Response {
  if (error instanceof SignatureVerificationError || error instanceof ReplayError) return answer(400, error.message);
  if (error instanceof WebhookPayloadError) return answer(PAYLOAD_STATUS[error.reason], error.message);
  // A secret function or replay store that failed: the receiver's fault, and its details stay private.
  return answer(500, 'the webhook receiver failed');
}

/**
 * Checks the handler options: `on` an object of functions by slug, `onAny` and `onError` functions.
 * @throws InvalidInputError naming the first that is not.
 */
function checkHandlers(on: unknown, onAny: unknown, onError: unknown): void {
  if (typeof on !== 'object' || on === null)
    throw new InvalidInputError('options.on', 'must be an object of handlers by slug');
  const handlers: [string, unknown][] = [
    ...Object.entries(on).map(([slug, handler]): [string, unknown] => [`options.on['${slug}']`, handler]),
    ['options.onAny', onAny],
    ['options.onError', onError],
  ];
  for (const [field, handler] of handlers)
    if (handler !== undefined && typeof handler !== 'function')
      throw new InvalidInputError(field, 'must be a function');
}

/**
 * Builds a receiver for Web-standard runtimes: pass it to Next.js, Hono, Bun or Deno as it is, to the mock's `deliver`,
 * or to `toNodeHandler` for Node and Express. It answers 200 once the handlers resolved, or at once for an event id
 * `replay` holds (handlers not run again); 400 for a bad or missing signature, a copy of an event being handled or JSON
 * that is not an event; 405 for a non-POST; 408 for a body still arriving after `bodyTimeout`; 413 for a body over
 * `maxBodyBytes`; 415 for a body that is not JSON; 500 when a handler throws; 503 when the handlers, the replay store
 * or the secret function pass `handlerTimeout`. No handler runs for a refused delivery. The returned function never
 * throws: every failure becomes an answer (and a call of `onError`).
 * @throws InvalidInputError when `secret` is neither a string (of more than whitespace), a list of them, nor a
 *   function, when `maxBodyBytes`, `bodyTimeout` or `handlerTimeout` is not a positive number, when `tolerance` is not a number of
 *   seconds, 0 or more, when a handler (in `on`, `onAny`, `onError`) is not a function, or `replay` not a store.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options !== 'object' || options === null) throw new InvalidInputError('options', 'must be an object');
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
  /** Calls `onError`, waiting for it (a log sent before the answer) up to `handlerTimeout`. */
  const report = async (error: unknown, request: Request) => {
    const deadline = startDeadline(handlerTimeout);
    try {
      await deadline.race(onError?.(error, request));
    } catch {
      // A failing logger must not change the answer.
    } finally {
      deadline.clear();
    }
  };
  const reportEach = async (errors: unknown[], request: Request) => {
    for (const error of errors) await report(error, request);
  };
  const refuse = async (error: unknown, request: Request) => {
    await report(error, request);
    return refusal(error);
  };
  /** Answers 503 once `deadline` passed, aborting the handlers' signal with the `TimeoutError` reported. */
  const tooLate = async (waitingOn: string, request: Request, controller?: AbortController) => {
    const error = timedOut(waitingOn, handlerTimeout);
    controller?.abort(error);
    await report(error, request);
    return { error, response: answer(503, error.message) };
  };
  /** `value` if it settles before `deadline`, else `LATE`; a failure after that is still reported. */
  const inTime = async <T>(value: T, deadline: Deadline, request: Request) => {
    const settled = await deadline.race(value);
    if (settled === LATE) Promise.resolve(value).catch((failure: unknown) => report(failure, request));
    return settled;
  };
  /**
   * The answer to a delivery whose event id `replay` holds (200, handlers not run), could not look up (500) or did not
   * look up before `deadline` (503), and `undefined` for one to handle.
   */
  const answerIfSeen = async (id: string, request: Request, deadline: Deadline): Promise<Response | undefined> => {
    try {
      if (!replay) return undefined;
      const seen = await inTime(replay.has(id), deadline, request);
      if (seen === LATE) return (await tooLate(STORE, request)).response;
      // An event already handled is acknowledged, its handlers not run again: the API retries a delivery whose answer
      // it missed (a handler slower than its timeout), and refusing the retry would leave the event `failed`.
      if (!seen) return undefined;
      await report(new ReplayError(id), request);
      return answer(200, 'OK (already received)');
    } catch (error) {
      return refuse(error, request);
    }
  };
  /** Runs the handlers of a verified event, then records its id, all before `deadline`. */
  const handle = async (event: WebhookEvent, request: Request, deadline: Deadline): Promise<Response> => {
    // Checked, then marked below, with no await between, and before the store is asked: a copy delivered while the
    // first is handled never runs the handlers, even one whose lookup began before the first was recorded and answers
    // late. It is acknowledged when a call recorded the id meanwhile (a first call that resolved after its timeout).
    if (replay && handling.has(event.id))
      return (await answerIfSeen(event.id, request, deadline)) ?? refuse(new ReplayError(event.id), request);
    handling.add(event.id);
    try {
      const seen = await answerIfSeen(event.id, request, deadline);
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
      })().catch((failure: unknown) => [failure]);
      const failures = await deadline.race(work);
      if (failures === LATE) {
        const { error, response } = await tooLate(waitingOn, request, controller);
        // Settled after the answer: failures are still reported, but the abort itself.
        void work.then((late) =>
          reportEach(
            late.filter((failure) => failure !== error),
            request,
          ),
        );
        return response;
      }
      if (failures.length > 0) {
        await reportEach(failures, request);
        return answer(500, 'the webhook handler failed');
      }
    } finally {
      // Freed at the answer, timed out or not: a retry after a timeout runs the handlers again.
      handling.delete(event.id);
    }
    return answer(200, 'OK');
  };
  /** The secrets for `request`: the secret function's answer within `handlerTimeout`, or `LATE`. */
  const secretsFor = async (request: Request, find: (request: Request) => Secrets | Promise<Secrets>) => {
    const deadline = startDeadline(handlerTimeout);
    try {
      return await inTime(find(request), deadline, request);
    } finally {
      deadline.clear();
    }
  };
  return async (request) => {
    if (request.method !== 'POST') return answer(405, 'webhook deliveries are POST requests', { allow: 'POST' });
    let event: WebhookEvent;
    try {
      const secret = typeof options.secret === 'function' ? await secretsFor(request, options.secret) : options.secret;
      if (secret === LATE) return (await tooLate(SECRET_FUNCTION, request)).response;
      // The receiver's own fault, not the sender's: a 500 with no detail, and the error goes to onError.
      if (!isSecrets(secret))
        throw new InvalidInputError(
          'options.secret',
          'the secret function returned no secret (a string of more than whitespace, or a list of them)',
        );
      event = await verifyRequest(request, secret, { tolerance, maxBodyBytes, bodyTimeout });
    } catch (error) {
      return refuse(error, request);
    }
    // One deadline for the replay store's calls and the handlers together: the API waits for one answer.
    const deadline = startDeadline(handlerTimeout);
    try {
      return await handle(event, request, deadline);
    } finally {
      deadline.clear();
    }
  };
}

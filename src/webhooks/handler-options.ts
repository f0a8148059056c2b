/** The options of `createWebhookHandler`: the handlers, their context and their limits, and their checks. */
import { InvalidInputError } from '../core/errors';
import type {
  GenericWebhookEvent,
  UnknownActionWebhookEvent,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventSlug,
} from './event';
import type { ReplayStore } from './replay';
import type { Secrets } from './signature';

/** What a handler gets beside its event. */
export interface EventHandlerContext {
  /**
   * Aborts when `handlerTimeout` passes, with a `TimeoutError` (a `DOMException`) as its reason: the delivery was
   * answered 503, and a retry of the event may run the handlers again. Pass it to the handler's own requests.
   */
  signal: AbortSignal;
}

/**
 * What a platform passes beside a request, e.g. Cloudflare Workers' `ctx`, a Next.js middleware's `event`, Vercel's
 * `{ waitUntil }` from `@vercel/functions`: its `waitUntil` keeps the isolate alive until the promise settles.
 */
export interface PlatformContext {
  /** Keeps the work of `promise` alive past the answer; called as a method, so Workers' `ctx` passes as it is. */
  waitUntil(promise: Promise<unknown>): void;
}

/** A handler of one event; the `bivariance` form lets a typed handler sit beside the generic ones. */
export type EventHandler<E> = { bivariance(event: E, context: EventHandlerContext): unknown }['bivariance'];

/**
 * Receivers' default `handlerTimeout`: 10 s, the time the API is taken to wait for an answer (its docs give none; the
 * mock waits 10 s). An answer after it would come too late to count.
 */
export const DEFAULT_HANDLER_TIMEOUT = 10_000;

/** Handlers of documented slugs, and of the other actions of documented types (`` `task.${string}` ``). */
type TypedEventHandlers = { [S in WebhookEventSlug]?: EventHandler<WebhookEventOf<S>> } & {
  [E in UnknownActionWebhookEvent as `${E['type']}.${string}`]?: EventHandler<E>;
};

/**
 * Handlers by slug: a documented slug gets its event, another action of a documented type (`task.cancelled`) an
 * `UnknownActionWebhookEvent` with its type's resource as `data`, and a slug of an unknown type `GenericWebhookEvent`.
 */
export interface WebhookEventHandlers extends TypedEventHandlers {
  // One type, not an intersection: in it a slug's own key wins over the `task.${string}` index, and that index over
  // this one; an intersection would type a `task.cancelled` handler with the events of both indexes.
  [slug: string]: EventHandler<GenericWebhookEvent> | undefined;
}

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
   * `handlerTimeout` (a `TimeoutError` DOMException, then what they throw late). For logs: the answer waits for it
   * while the delivery's `handlerTimeout` lasts but does not change, and what it throws is ignored.
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
   * Milliseconds from a request's arrival to its answer (default 10 000, `Infinity` for no limit), shared by the
   * secret function, the body's arrival, the `replay` store's calls (its lookup before the handlers and its record
   * after them), the handlers and the wait for `onError`. Past it the delivery is answered 503, so the API retries it
   * later, and the handlers' `signal` aborts; a refusal is answered as it is, without waiting longer for `onError`.
   * The handlers are not stopped: with `replay`, a retry that arrives after the timeout runs them again even while the
   * first call still runs (a handler that never settles must not have its event refused for good); a copy that arrives
   * before is refused (400). A first call that resolves late, or a record that answers late, still records its id, so
   * later copies are acknowledged (200).
   */
  handlerTimeout?: number | undefined;
  /** The largest body read, in bytes (default 1 MiB); a larger one gets 413 before its signature is checked. */
  maxBodyBytes?: number | undefined;
  /** Milliseconds the whole body may take to arrive (default 10 000); a slower one gets 408. */
  bodyTimeout?: number | undefined;
}

/**
 * Checks the handler options: `on` an object of functions by slug, `onAny` and `onError` functions.
 * @throws InvalidInputError naming the first that is not.
 */
export function checkHandlers(on: unknown, onAny: unknown, onError: unknown): void {
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

/**
 * Events and their delivery: a signed POST to the config's url, and for routed events up to `DELIVERY_ATTEMPTS`
 * attempts with a growing wait between them. An event is `pending` until delivered, `failed` once attempts run out.
 */
import type { EventAttributes } from '../schemas';
import { SIGNATURE_HEADER, signPayload } from '../webhooks/signature';
import { DELIVERY_ATTEMPTS, deliveryUrl, isDelivered, RETRY_BACKOFF, TEST_ERRORS } from './choices';
import { routeOf } from './routing';
import type { StoredKey } from './shapes';
import { newId, type MockStore, type StoredConfig } from './store';
import { MAX_TIMER_MS } from '../core/rules';
import { follow, sleep } from '../core/signal';

/** How deliveries leave the mock: `fetch`, or any `(Request) => Promise<Response>` such as a webhook handler. */
export type Deliver = (request: Request) => Promise<Response>;

/** What deliveries need from the mock. */
export interface DeliveryContext {
  store: MockStore;
  deliver: Deliver;
  deliveryTimeout: number;
  /** Milliseconds before the first retry; each later one waits `RETRY_BACKOFF` times longer. */
  retryDelay: number;
}

/** Rejects once `signal` aborts: for a `deliver` that does not listen to its request's signal. */
const whenAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

/**
 * POSTs the signed event to the receiver within `timeout` ms; returns the error code, or null on a 2xx. Redirects are
 * not followed: a 3xx is a bad status. Throws, without waiting, when `signal` aborts.
 */
async function post(context: DeliveryContext, url: string, init: RequestInit, signal: AbortSignal) {
  signal.throwIfAborted();
  const delivery = new AbortController();
  // Deliveries in flight at once share one listener on `signal`: Node warns past ten on one signal.
  const release = follow(signal, delivery);
  const timer = setTimeout(() => delivery.abort(new Error('timeout')), context.deliveryTimeout);
  try {
    // Inside the try: a url the Request cannot take (credentials, say) is an unreachable receiver, never a throw.
    const request = new Request(url, { ...init, method: 'POST', redirect: 'manual', signal: delivery.signal });
    const response = await Promise.race([context.deliver(request), whenAborted(delivery.signal)]);
    signal.throwIfAborted();
    void response.body?.cancel().catch(() => undefined);
    return isDelivered(response.status) ? null : TEST_ERRORS.status;
  } catch {
    signal.throwIfAborted();
    return delivery.signal.aborted ? TEST_ERRORS.timeout : TEST_ERRORS.unreachable;
  } finally {
    clearTimeout(timer);
    release();
  }
}

/** Stores a new `pending` event. */
export function newEvent(store: MockStore, organisation: string, type: string, action: string, data: unknown) {
  return store.record('event', store.events, {
    id: newId(),
    resource: 'event',
    organisation,
    type,
    action,
    data,
    state: 'pending',
    retries: 0,
    date_created: store.now(),
    date_delivered: null,
  } as EventAttributes);
}

/** One signed attempt to deliver `event` to `config`; returns the error code, or null when the receiver took it. */
export async function attempt(
  context: DeliveryContext,
  event: EventAttributes,
  config: StoredConfig,
  signal: AbortSignal,
): Promise<string | null> {
  const body = JSON.stringify(event);
  const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: await signPayload(body, config.secret) };
  const error = await post(context, deliveryUrl(config.url, event.id), { headers, body }, signal);
  if (!error) {
    event.state = 'delivered';
    event.date_delivered = context.store.now();
  }
  return error;
}

/**
 * Delivers a recorded `event` of `key` along the key's route, retrying until `DELIVERY_ATTEMPTS` attempts have
 * failed; `retries` counts the attempts after the first. The route is found again for each attempt, so a retry
 * follows a key pointed elsewhere, a new default, or a config deleted or deactivated meanwhile; when the route ends
 * at no `valid` config, the event fails without that attempt.
 */
export async function emit(
  context: DeliveryContext,
  key: StoredKey,
  event: EventAttributes,
  signal: AbortSignal,
): Promise<EventAttributes> {
  for (let made = 0; made < DELIVERY_ATTEMPTS; made++) {
    if (made > 0) await sleep(Math.min(context.retryDelay * RETRY_BACKOFF ** (made - 1), MAX_TIMER_MS), signal);
    const config = routeOf(context.store, key);
    if (!config) break;
    event.retries = made;
    if (!(await attempt(context, event, config, signal))) return event;
  }
  event.state = 'failed';
  return event;
}

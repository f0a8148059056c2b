/** The subscription resource: polls of a session made every `interval` seconds, between two dates. `/subscriptions` */
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, instant, seconds, text, type Ref } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import { type DateFilter, type DateInput, isPlainObject, isoInstant } from '../core/params';
import { Resource } from '../core/resource';
import { waitFor, type WaitOptions } from '../core/wait';
import { refOf } from './ref-of';
import { type PollPayloadParams, pollPayload } from './poll';
import { subscriptionSchema, type SubscriptionAttributes, type SubscriptionState } from './subscription.schema';

/** Parameters of `create`. */
export interface SubscriptionCreateParams {
  /** The session its polls use (an `active` one): a session or its id. */
  session: Ref<'session'>;
  /** The source its polls ask, when not the session's own: one of its children, or its id. */
  source?: Ref<'source'> | undefined;
  /** What each poll fetches. */
  poll_payload: PollPayloadParams;
  /** Seconds between polls; the API changelog gives Relay's as at least an hour, a day by default. */
  interval?: number | undefined;
  /** When the first poll is due (default now). */
  date_start?: DateInput | undefined;
  /** When polling stops (default never); after `date_start`. */
  date_end?: DateInput | undefined;
}

/** Filters of `list`. */
export interface SubscriptionListParams {
  /** Only the subscriptions of this session: a session or its id. */
  session?: Ref<'session'> | undefined;
  /** Only the subscriptions of this source: a source or its id. */
  source?: Ref<'source'> | undefined;
  /** Only subscriptions in this state. */
  state?: SubscriptionState | undefined;
  /** Only subscriptions created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this subscription (or its id). */
  after_id?: Ref<'subscription'> | undefined;
  /** Cursor: stop listing at this subscription (or its id). */
  before_id?: Ref<'subscription'> | undefined;
}

/**
 * Refuses a `date_end` that is not after `date_start`, when both are valid dates (the field checks speak otherwise).
 * @throws InvalidInputError naming `date_end`.
 */
function checkDates(params: unknown): void {
  if (!isPlainObject(params) || params.date_start === undefined || params.date_end === undefined) return;
  let start: number;
  let end: number;
  try {
    start = Date.parse(isoInstant(params.date_start, 'date_start'));
    end = Date.parse(isoInstant(params.date_end, 'date_end'));
  } catch {
    return;
  }
  if (end <= start) throw new InvalidInputError('date_end', 'must be after date_start');
}

const PATH = '/subscriptions';
const schema = subscriptionSchema;
const CREATE: Endpoint<[params: SubscriptionCreateParams], SubscriptionAttributes, Subscription> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create subscription',
  params: {
    name: 'create',
    fields: {
      session: /* @__PURE__ */ refOf('session'),
      source: /* @__PURE__ */ refOf('source'),
      poll_payload: pollPayload,
      interval: seconds,
      date_start: instant,
      date_end: instant,
    },
    required: ['session', 'poll_payload'],
  },
  check: checkDates,
  wrap: () => Subscription,
};
const RETRIEVE: Endpoint<[id: string], SubscriptionAttributes, Subscription> = {
  method: 'GET',
  path: '/subscriptions/{id}',
  schema,
  what: 'subscription {id}',
  wrap: () => Subscription,
};
const DELETE: Endpoint<[id: string], SubscriptionAttributes, Subscription> = {
  method: 'DELETE',
  path: '/subscriptions/{id}',
  schema,
  what: 'delete subscription {id}',
  wrap: () => Subscription,
};
const LIST: ListEndpoint<SubscriptionListParams, SubscriptionAttributes, Subscription> = {
  path: PATH,
  schema,
  what: 'subscription list',
  filters: {
    session: /* @__PURE__ */ refOf('session'),
    source: /* @__PURE__ */ refOf('source'),
    state: text,
    date_created: dateFilter,
  },
  wrap: () => Subscription,
};

/** Subscription methods bound to one client: `client.subscriptions`. */
export class Subscriptions extends APIResource {
  /**
   * Creates a subscription: the API polls the session with `poll_payload` every `interval` seconds from
   * `date_start` until `date_end`, or until it is deleted. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a missing `session`, an empty `poll_payload`, a bad interval or dates;
   * PermissionDeniedError (`missing-scope`) for a data type the organisation may not poll.
   */
  create = this.method(CREATE);

  /**
   * Fetches one subscription.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such subscription.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists subscriptions, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Deletes a subscription: it makes no more polls, and the API answers with it, `deleted`.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such subscription.
   */
  delete = this.method(DELETE);
}

/** A subscription has the API's attributes: `id`, `session`, `poll_payload`, `interval`, `date_start`, `state`, … */
export interface Subscription extends SubscriptionAttributes {}

/** A subscription. Static methods use the default client (or `options.client`); instance methods the one it is from. */
export class Subscription extends Resource {
  /** Fetches this subscription again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** Deletes this subscription in place: `state` becomes `deleted`. */
  delete(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, DELETE, [options]);
  }

  /** `subscription`, as the API names this resource. */
  static override readonly resource = 'subscription' as const;
  /** `POST /subscriptions`. See `Subscriptions.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /subscriptions/{id}`. See `Subscriptions.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /subscriptions`. See `Subscriptions.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `DELETE /subscriptions/{id}`. See `Subscriptions.delete`. */
  static deleteWithId = /* @__PURE__ */ staticMethod(DELETE);

  /** True once the subscription has left `pending`: `active` after its first poll, or `deleted`. */
  get done(): boolean {
    return this.state !== 'pending';
  }

  /**
   * Resolves with this subscription once it has left `pending` (at its first poll, from `date_start`), as
   * ricloud-py's Relay sample waits for it. Long-polls with `Ricloud-Await`, as `task.wait()` does.
   * @throws TimeoutError when it is still pending after `timeout`; AbortError when `signal` fires.
   */
  async wait(options: WaitOptions = {}): Promise<this> {
    await waitFor(this, 'subscription', `${PATH}/${this.id}`, options);
    return this;
  }
}

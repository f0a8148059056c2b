/** The subscription resource: polls of a session made every `interval` seconds, between two dates. `/subscriptions` */
import type { BaseClient } from '../core/client';
import { clientFor } from '../core/default-client';
import { APIResource, callEndpoint, listEndpoint, type Endpoint, type ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, instant, ref, seconds, text, type Ref } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import type { CallOptions, RequestOptions } from '../core/options';
import { type DateFilter, type DateInput, isPlainObject, isoInstant } from '../core/params';
import { Resource } from '../core/resource';
import { type PollPayloadParams, pollPayload } from './poll';
import { subscriptionSchema, type SubscriptionAttributes, type SubscriptionState } from './subscription.schema';

/** Parameters of `create`. */
export interface SubscriptionCreateParams {
  /** The session its polls use (an `active` one): a session or its id. */
  session: Ref;
  /** The source its polls ask, when not the session's own: one of its children, or its id. */
  source?: Ref | undefined;
  /** What each poll fetches. */
  poll_payload: PollPayloadParams;
  /** Seconds between polls (the API's minimum is an hour; default a day). */
  interval?: number | undefined;
  /** When the first poll is due (default now). */
  date_start?: DateInput | undefined;
  /** When polling stops (default never); after `date_start`. */
  date_end?: DateInput | undefined;
}

/** Filters of `list`. */
export interface SubscriptionListParams {
  /** Only the subscriptions of this session: a session or its id. */
  session?: Ref | undefined;
  /** Only the subscriptions of this source: a source or its id. */
  source?: Ref | undefined;
  /** Only subscriptions in this state. */
  state?: SubscriptionState | undefined;
  /** Only subscriptions created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this subscription id. */
  after_id?: string | undefined;
  /** Cursor: stop listing at this subscription id. */
  before_id?: string | undefined;
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
const CREATE: Endpoint<SubscriptionAttributes, Subscription> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create subscription',
  params: {
    name: 'create',
    fields: {
      session: ref,
      source: ref,
      poll_payload: pollPayload,
      interval: seconds,
      date_start: instant,
      date_end: instant,
    },
    required: ['session', 'poll_payload'],
  },
  wrap: () => Subscription,
};
const RETRIEVE: Endpoint<SubscriptionAttributes, Subscription> = {
  method: 'GET',
  path: '/subscriptions/{id}',
  schema,
  what: 'subscription {id}',
  wrap: () => Subscription,
};
const DELETE: Endpoint<SubscriptionAttributes, Subscription> = {
  method: 'DELETE',
  path: '/subscriptions/{id}',
  schema,
  what: 'delete subscription {id}',
  wrap: () => Subscription,
};
const LIST: ListEndpoint<SubscriptionAttributes, Subscription> = {
  path: PATH,
  schema,
  what: 'subscription list',
  filters: { session: ref, source: ref, state: text, date_created: dateFilter },
  wrap: () => Subscription,
};

/**
 * Creates a subscription with `client`, after checking that `date_end` is after `date_start`.
 * @throws InvalidInputError naming the bad field; RicloudError for API and network failures.
 */
async function createSubscription(
  client: BaseClient,
  params: SubscriptionCreateParams,
  options: CallOptions | undefined,
): Promise<Subscription> {
  checkDates(params);
  return callEndpoint(client, CREATE, undefined, params, options);
}

/** Subscription methods bound to one client: `client.subscriptions`. */
export class Subscriptions extends APIResource {
  /**
   * Creates a subscription: the API polls the session with `poll_payload` every `interval` seconds from
   * `date_start` until `date_end`, or until it is deleted. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a missing `session`, an empty `poll_payload`, a bad interval or dates;
   * PermissionDeniedError (`missing-scope`) for a data type the organisation may not poll.
   */
  create(params: SubscriptionCreateParams, options?: CallOptions): Promise<Subscription> {
    return createSubscription(this.client, params, options);
  }

  /**
   * Fetches one subscription.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such subscription.
   */
  retrieve(id: string, options?: CallOptions): Promise<Subscription> {
    return this.call(RETRIEVE, id, undefined, options);
  }

  /**
   * Lists subscriptions, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params?: SubscriptionListParams, options?: CallOptions): PagePromise<Subscription> {
    return this.pages(LIST, params, options);
  }

  /**
   * Deletes a subscription: it makes no more polls, and the API answers with it, `deleted`.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such subscription.
   */
  delete(id: string, options?: CallOptions): Promise<Subscription> {
    return this.call(DELETE, id, undefined, options);
  }
}

/** A subscription has the API's attributes: `id`, `session`, `poll_payload`, `interval`, `date_start`, `state`, … */
export interface Subscription extends SubscriptionAttributes {}

/** A subscription. Static methods use the default client (or `options.client`); instance methods the one it is from. */
export class Subscription extends Resource<BaseClient> {
  /** `POST /subscriptions`. See `Subscriptions.create`. */
  static async create(params: SubscriptionCreateParams, options?: CallOptions): Promise<Subscription> {
    return createSubscription(clientFor(options), params, options);
  }

  /** `GET /subscriptions/{id}`. See `Subscriptions.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Subscription> {
    return callEndpoint(clientFor(options), RETRIEVE, id, undefined, options);
  }

  /** `GET /subscriptions`. See `Subscriptions.list`. */
  static list(params?: SubscriptionListParams, options?: CallOptions): PagePromise<Subscription> {
    return lazyPages(() => listEndpoint(clientFor(options), LIST, params, options));
  }

  /** `DELETE /subscriptions/{id}`. See `Subscriptions.delete`. */
  static async deleteWithId(id: string, options?: CallOptions): Promise<Subscription> {
    return callEndpoint(clientFor(options), DELETE, id, undefined, options);
  }

  /** Fetches this subscription again, in place. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, RETRIEVE, this.id, undefined, options));
  }

  /** Deletes this subscription in place: `state` becomes `deleted`. */
  async delete(options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, DELETE, this.id, undefined, options));
  }
}

export type { SubscriptionAttributes, SubscriptionState } from './subscription.schema';

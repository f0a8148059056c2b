/** The event resource: what happened to a resource, as delivered to webhook receivers. `/events` */
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { dateFilter, type Ref, text } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import { type EventAction, eventSchema, type EventAttributes, type EventState, type EventType } from './event.schema';

export type { EventAction, EventType } from './event.schema';

/** Filters of `Event.list`. */
export interface EventListParams {
  /** The resource type the event is about, e.g. `task` or `webhook_config`; one the API adds later is taken too. */
  type?: EventType | (string & {}) | undefined;
  /** What happened, e.g. `succeeded` or `test`; one the API adds later is taken too. */
  action?: EventAction | (string & {}) | undefined;
  /** Delivery state: `pending`, `delivered` or `failed`. */
  state?: EventState | undefined;
  /**
   * Only events created at this instant or within this range: a Date, an ISO string, or `{ gt, gte, lt, lte }` of them.
   */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this event (or its id). */
  after_id?: Ref<'event'> | undefined;
  /** Cursor: stop listing at this event (or its id). */
  before_id?: Ref<'event'> | undefined;
}

const PATH = '/events';
const RETRIEVE: Endpoint<[id: string], EventAttributes, Event> = {
  method: 'GET',
  path: '/events/{id}',
  schema: eventSchema,
  what: 'event {id}',
  wrap: () => Event,
};
const LIST: ListEndpoint<EventListParams, EventAttributes, Event> = {
  path: PATH,
  schema: eventSchema,
  what: 'event list',
  filters: { type: text, action: text, state: text, date_created: dateFilter },
  wrap: () => Event,
};

/** Event methods bound to one client: `client.events`. */
export class Events extends APIResource {
  /**
   * Fetches one event.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such event.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists events, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);
}

/** An event has the API's attributes: `id`, `type`, `action`, `data`, `state`, … */
export interface Event extends EventAttributes {}

/** An event. `type` and `action` name what happened (`webhook_config` + `test`); `data` is the resource it is about. */
export class Event extends Resource {
  /** Fetches this event again, in place: its delivery `state`, `retries` and `date_delivered` move on. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `event`, as the API names this resource. */
  static override readonly resource = 'event' as const;
  /** `GET /events/{id}`. See `Events.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /events`. See `Events.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
}

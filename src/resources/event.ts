/** The event resource: what happened to a resource, as delivered to webhook receivers. `/events` */
import type { BaseClient } from '../core/client';
import { clientFor } from '../core/default-client';
import { APIResource, callEndpoint, listEndpoint, type Endpoint, type ListEndpoint } from '../core/endpoint';
import { dateFilter, text } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import type { CallOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import { eventSchema, type EventAttributes, type EventState } from './event.schema';

/** Filters of `Event.list`. */
export interface EventListParams {
  /** The resource type the event is about, e.g. `task` or `webhook_config`. */
  type?: string | undefined;
  /** What happened, e.g. `succeeded` or `test`. */
  action?: string | undefined;
  /** Delivery state: `pending`, `delivered` or `failed`. */
  state?: EventState | undefined;
  /** Only events created at this instant or within this range: a Date, an ISO string, or `{ gt, gte, lt, lte }` of them. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this event id. */
  after_id?: string | undefined;
  /** Cursor: stop listing at this event id. */
  before_id?: string | undefined;
}

const PATH = '/events';
const RETRIEVE: Endpoint<EventAttributes, Event> = {
  method: 'GET',
  path: '/events/{id}',
  schema: eventSchema,
  what: 'event {id}',
  wrap: () => Event,
};
const LIST: ListEndpoint<EventAttributes, Event> = {
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
  retrieve(id: string, options?: CallOptions): Promise<Event> {
    return this.call(RETRIEVE, id, undefined, options);
  }

  /**
   * Lists events, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params?: EventListParams, options?: CallOptions): PagePromise<Event> {
    return this.pages(LIST, params, options);
  }
}

/** An event has the API's attributes: `id`, `type`, `action`, `data`, `state`, … */
export interface Event extends EventAttributes {}

/** An event. `type` and `action` name what happened (`webhook_config` + `test`); `data` is the resource it is about. */
export class Event extends Resource<BaseClient> {
  /** `GET /events/{id}`. See `Events.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Event> {
    return callEndpoint(clientFor(options), RETRIEVE, id, undefined, options);
  }

  /** `GET /events`. See `Events.list`. */
  static list(params?: EventListParams, options?: CallOptions): PagePromise<Event> {
    return lazyPages(() => listEndpoint(clientFor(options), LIST, params, options));
  }
}

export type { EventAttributes, EventState } from './event.schema';

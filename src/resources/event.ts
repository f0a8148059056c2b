/** The event resource: what happened to a resource, as delivered to webhook receivers. `/events` */
import { clientFor, type Client } from '../client';
import { lazyPages, listPages, type PagePromise } from '../core/list';
import { encodeId, type DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import type { EventAttributes, EventState } from '../schemas';
import type { CallOptions } from './webhook-config';

const PATH = '/events';

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

/** Event methods bound to one client: `client.events`. */
export class Events {
  /** @internal Built by the client: use `client.events`. */
  constructor(private readonly client: Client) {}

  /**
   * Fetches one event.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such event.
   */
  async retrieve(id: string, options?: CallOptions): Promise<Event> {
    const { data, response } = await this.client.request(
      {
        method: 'GET',
        path: `${PATH}/${encodeId(id)}`,
        retry: 'idempotent',
        schema: (s) => s.eventSchema,
        what: `event ${id}`,
      },
      options,
    );
    return new Event(data, response, this.client);
  }

  /**
   * Lists events, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params?: EventListParams, options?: CallOptions): PagePromise<Event> {
    return listPages(
      params,
      { strings: ['type', 'action', 'state'], dates: ['date_created'] },
      (query) =>
        this.client.request(
          {
            method: 'GET',
            path: PATH,
            query,
            retry: 'idempotent',
            schema: (s) => s.eventPageSchema,
            page: true,
            what: 'event list',
          },
          options,
        ),
      (item, response) => new Event(item, response, this.client),
    );
  }
}

/** An event has the API's attributes: `id`, `type`, `action`, `data`, `state`, … */
export interface Event extends EventAttributes {}

/** An event. `type` and `action` name what happened (`webhook_config` + `test`); `data` is the resource it is about. */
export class Event extends Resource<Client> {
  /** `GET /events/{id}`. See `Events.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Event> {
    return await clientFor(options).events.retrieve(id, options);
  }

  /** `GET /events`. See `Events.list`. */
  static list(params?: EventListParams, options?: CallOptions): PagePromise<Event> {
    return lazyPages(() => clientFor(options).events.list(params, options));
  }
}

/**
 * The key resource: an API token of the organisation, and the configs that override the organisation's defaults for
 * its calls. `/key`, `/keys`
 */
import type { Client } from '../client';
import { clientFor } from '../core/default-client';
import { APIResource, type Endpoint, type ListEndpoint } from '../core/endpoint';
import { dateFilter, refOrNull, text } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import type { CallOptions, RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import { keyPageSchema, keySchema, type KeyAttributes, type KeyState } from '../schemas';

/** A config given by itself or by its id; `null` clears the override, so the organisation's default applies. */
type ConfigRef = string | number | { id: string | number } | null;

/** Parameters of `create`: the new key's overrides, if any. */
export interface KeyCreateParams {
  /** The webhook config this key's events go to, instead of the organisation's default. */
  webhook_config?: ConfigRef | undefined;
  /** The storage config this key's results go to, instead of the organisation's default. */
  storage_config?: ConfigRef | undefined;
}

/** Parameters of `update`: one override or both (an empty update is refused). */
export type KeyUpdateParams = KeyCreateParams;

/** Filters of `list`. */
export interface KeyListParams {
  /** Only keys in this state. */
  state?: KeyState | undefined;
  /** Only keys created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this key id. */
  after_id?: string | undefined;
  /** Cursor: stop listing at this key id. */
  before_id?: string | undefined;
}

const PATH = '/keys';
const schema = keySchema;
const OVERRIDES = { webhook_config: refOrNull, storage_config: refOrNull };
const CURRENT: Endpoint<KeyAttributes> = { method: 'GET', path: '/key', schema, what: 'current key' };
const CREATE: Endpoint<KeyAttributes> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create key',
  params: { name: 'create', fields: OVERRIDES },
};
const RETRIEVE: Endpoint<KeyAttributes> = { method: 'GET', path: `${PATH}/{id}`, schema, what: 'key {id}' };
const UPDATE: Endpoint<KeyAttributes> = {
  method: 'POST',
  path: `${PATH}/{id}`,
  schema,
  what: 'key {id}',
  params: { name: 'update', fields: OVERRIDES, nonEmpty: 'an update needs webhook_config or storage_config' },
};
// Never re-sent: a second rotation would replace the token the first one answered with.
const ROTATE: Endpoint<KeyAttributes> = {
  method: 'POST',
  path: `${PATH}/{id}/rotate`,
  schema,
  retry: 'once',
  what: 'rotate key {id}',
};
const LIST: ListEndpoint<KeyAttributes> = {
  path: PATH,
  schema: keyPageSchema,
  what: 'key list',
  filters: { state: text, date_created: dateFilter },
};

/** Key methods bound to one client: `client.keys`. */
export class Keys extends APIResource {
  /** Fetches the key this client calls with (`GET /key`), its token included. */
  current(options?: CallOptions): Promise<Key> {
    return this.call(CURRENT, Key, undefined, undefined, options);
  }

  /**
   * Creates a key of the organisation; the answer holds its token. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a bad config reference.
   */
  create(params: KeyCreateParams = {}, options?: CallOptions): Promise<Key> {
    return this.call(CREATE, Key, undefined, params, options);
  }

  /**
   * Fetches one key of the organisation.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such key.
   */
  retrieve(id: string, options?: CallOptions): Promise<Key> {
    return this.call(RETRIEVE, Key, id, undefined, options);
  }

  /**
   * Lists the organisation's keys, newest first (without their tokens).
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params?: KeyListParams, options?: CallOptions): PagePromise<Key> {
    return this.pages(LIST, Key, params, options);
  }

  /**
   * Points a key at its own webhook or storage config (a config or its id), or back at the defaults (`null`).
   * @throws InvalidInputError for an empty update or a bad reference.
   */
  update(id: string, params: KeyUpdateParams, options?: CallOptions): Promise<Key> {
    return this.call(UPDATE, Key, id, params, options);
  }

  /**
   * Gives a key a new token, in the answer; the old token stops working. Never re-sent after the server may have
   * acted: on failure check `error.mayHaveSucceeded`.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such key.
   */
  rotate(id: string, options?: CallOptions): Promise<Key> {
    return this.call(ROTATE, Key, id, undefined, options);
  }
}

/** A key has the API's attributes: `id`, `state`, `webhook_config`, `storage_config`, `token`, … */
export interface Key extends KeyAttributes {}

/**
 * A key. Static methods use the default client (or `options.client`); instance methods the client it came from.
 * `token` is readable but never printed or serialised.
 */
export class Key extends Resource<Client> {
  /** `GET /key`. See `Keys.current`. */
  static async current(options?: CallOptions): Promise<Key> {
    return clientFor(options).keys.current(options);
  }

  /** `POST /keys`. See `Keys.create`. */
  static async create(params: KeyCreateParams = {}, options?: CallOptions): Promise<Key> {
    return clientFor(options).keys.create(params, options);
  }

  /** `GET /keys/{id}`. See `Keys.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Key> {
    return clientFor(options).keys.retrieve(id, options);
  }

  /** `GET /keys`. See `Keys.list`. */
  static list(params?: KeyListParams, options?: CallOptions): PagePromise<Key> {
    return lazyPages(() => clientFor(options).keys.list(params, options));
  }

  /** `POST /keys/{id}`. See `Keys.update`. */
  static async updateWithId(id: string, params: KeyUpdateParams, options?: CallOptions): Promise<Key> {
    return clientFor(options).keys.update(id, params, options);
  }

  /** `POST /keys/{id}/rotate`. See `Keys.rotate`. */
  static async rotateWithId(id: string, options?: CallOptions): Promise<Key> {
    return clientFor(options).keys.rotate(id, options);
  }

  /** Updates this key in place and returns it. */
  async update(params: KeyUpdateParams, options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.keys.update(this.id, params, options));
  }

  /** Fetches this key again, in place. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.keys.retrieve(this.id, options));
  }

  /** Rotates this key in place: `token` becomes the new one. See `Keys.rotate`. */
  async rotate(options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.keys.rotate(this.id, options));
  }
}

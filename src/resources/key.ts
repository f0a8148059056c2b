/**
 * The key resource: an API token of the organisation, and the configs that override the organisation's defaults for
 * its calls. `/key`, `/keys`
 */
import type { Endpoint, ListEndpoint, Wrap } from '../core/endpoint';
import { type AtLeastOne, dateFilter, type Ref, type RefOrNull, text } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import type { Kit } from '../core/schema-kit';
import { refOf } from './ref-of';
import { keySchema, type KeyAttributes, type KeyState } from './key.schema';

/** Parameters of `create`: the new key's overrides, if any. */
export interface KeyCreateParams {
  /** The webhook config this key's events go to instead of the organisation's default (`null`: the default again). */
  webhook_config?: RefOrNull<'webhook_config'> | undefined;
  /** The storage config this key's results go to instead of the organisation's default (`null`: the default again). */
  storage_config?: RefOrNull<'storage_config'> | undefined;
}

/** Parameters of `update`: one override or both (an empty update is a type error). */
export type KeyUpdateParams = AtLeastOne<KeyCreateParams>;

/** Filters of `list`. */
export interface KeyListParams {
  /** Only keys in this state. */
  state?: KeyState | undefined;
  /** Only keys created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this key (or its id). */
  after_id?: Ref<'key'> | undefined;
  /** Cursor: stop listing at this key (or its id). */
  before_id?: Ref<'key'> | undefined;
}

/**
 * A key as `create` and `rotate` answer it: with its new `token`, which lists leave out. The type to keep that in a
 * variable: `let key: KeyWithToken = await Key.create()`.
 */
export interface KeyWithToken extends Key {
  /** The token, a secret, as `create` or `rotate` answered it. */
  token: string;
}

const PATH = '/keys';
const schema = keySchema;
const withToken = (kit: Kit) => kit.z.looseObject({ ...schema(kit).shape, token: kit.z.string() });
const OVERRIDES = {
  webhook_config: /* @__PURE__ */ refOf('webhook_config', true),
  storage_config: /* @__PURE__ */ refOf('storage_config', true),
};
const CURRENT: Endpoint<[], KeyAttributes, Key> = {
  method: 'GET',
  path: '/key',
  schema,
  what: 'current key',
  wrap: () => Key,
};
const CREATE: Endpoint<[params?: KeyCreateParams], KeyAttributes & { token: string }, KeyWithToken> = {
  method: 'POST',
  path: PATH,
  schema: withToken,
  retry: 'once',
  what: 'create key',
  params: { name: 'create', fields: OVERRIDES },
  wrap: () => Key as Wrap<KeyAttributes, KeyWithToken>,
};
const RETRIEVE: Endpoint<[id: string], KeyAttributes, Key> = {
  method: 'GET',
  path: '/keys/{id}',
  schema,
  what: 'key {id}',
  wrap: () => Key,
};
const UPDATE: Endpoint<[id: string, params: KeyUpdateParams], KeyAttributes, Key> = {
  method: 'POST',
  path: '/keys/{id}',
  schema,
  what: 'key {id}',
  params: { name: 'update', fields: OVERRIDES, nonEmpty: true },
  wrap: () => Key,
};
// Re-sent only when the server certainly did not act (a 429): a second rotation would replace the first one's token.
const ROTATE: Endpoint<[id: string], KeyAttributes & { token: string }, KeyWithToken> = {
  method: 'POST',
  path: '/keys/{id}/rotate',
  schema: withToken,
  retry: 'once',
  what: 'rotate key {id}',
  wrap: () => Key as Wrap<KeyAttributes, KeyWithToken>,
};
const LIST: ListEndpoint<KeyListParams, KeyAttributes, Key> = {
  path: PATH,
  schema,
  what: 'key list',
  filters: { state: text, date_created: dateFilter },
  wrap: () => Key,
};

/** Key methods bound to one client: `client.keys`. */
export class Keys extends APIResource {
  /** Fetches the key this client calls with (`GET /key`), its token included. */
  current = this.method(CURRENT);

  /**
   * Creates a key of the organisation; the answer holds its token. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a bad config reference; ResponseValidationError for an answer without its token.
   */
  create = this.method(CREATE);

  /**
   * Fetches one key of the organisation.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such key.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists the organisation's keys, newest first (without their tokens).
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Points a key at its own webhook or storage config (a config or its id), or back at the defaults (`null`).
   * @throws InvalidInputError for an empty update or a bad reference.
   */
  update = this.method(UPDATE);

  /**
   * Gives a key a new token, in the answer; the old token stops working. Never re-sent after the server may have
   * acted: on failure check `error.mayHaveSucceeded`.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such key; ResponseValidationError for an
   *   answer without its token.
   */
  rotate = this.method(ROTATE);
}

/** A key has the API's attributes: `id`, `state`, `webhook_config`, `storage_config`, `token`, … */
export interface Key extends KeyAttributes {}

/**
 * A key. Static methods use the default client (or `options.client`); instance methods the client it came from.
 * `token` is readable but never printed or serialised.
 */
export class Key extends Resource {
  /** Updates this key in place and returns it. */
  update(params: KeyUpdateParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches this key again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** Rotates this key in place: `token` becomes the new one, typed `string`. See `Keys.rotate`. */
  rotate(options?: RequestOptions): Promise<this & { token: string }> {
    // ROTATE's schema requires the token.
    return sendInPlace(this, ROTATE, [options]) as Promise<this & { token: string }>;
  }

  /** `key`, as the API names this resource. */
  static override readonly resource = 'key' as const;
  /** `GET /key`. See `Keys.current`. */
  static current = /* @__PURE__ */ staticMethod(CURRENT);
  /** `POST /keys`. See `Keys.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /keys/{id}`. See `Keys.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /keys`. See `Keys.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /keys/{id}`. See `Keys.update`. */
  static updateWithId = /* @__PURE__ */ staticMethod(UPDATE);
  /** `POST /keys/{id}/rotate`. See `Keys.rotate`. */
  static rotateWithId = /* @__PURE__ */ staticMethod(ROTATE);
}

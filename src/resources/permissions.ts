/** The permissions resource: scopes of the organisation mapped to limits. `/permissions` */
import type { BaseClient } from '../core/client';
import { clientFor } from '../core/default-client';
import { APIResource, callEndpoint, listEndpoint, type Endpoint, type ListEndpoint } from '../core/endpoint';
import type { Field } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import type { CallOptions, RequestOptions } from '../core/options';
import { checkRule, isPlainObject } from '../core/params';
import { Resource } from '../core/resource';
import { permissionsSchema, type PermissionsAttributes } from './permissions.schema';

/** One limit of a scope, e.g. `{ level: 'user', type: 'count', value: 3 }`. */
export interface PermissionLimit {
  /** `organisation`, `key` or `user`. */
  level: string;
  /** What is limited, e.g. `count`. */
  type: string;
  /** The limit. */
  value: unknown;
  [field: string]: unknown;
}

/** Scopes (`source_type:icloud.account`, `task_type:icloud.*`, …) mapped to their limits. */
export type PermissionScopes = Record<string, PermissionLimit[]>;

/** Parameters of `create` and `update` (an update replaces the scopes). */
export interface PermissionsParams {
  scopes: PermissionScopes;
}

/** Filters of `list`: the cursors and page size. */
export interface PermissionsListParams {
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this id. */
  after_id?: string | undefined;
  /** Cursor: stop listing at this id. */
  before_id?: string | undefined;
}

const scopes: Field = (value, field) => {
  checkRule(value, field, [
    (v) => isPlainObject(v) && Object.values(v).every((limits) => Array.isArray(limits) && limits.every(isPlainObject)),
    'an object mapping each scope to a list of limit objects',
  ]);
  return value;
};

const PATH = '/permissions';
const schema = permissionsSchema;
const CREATE: Endpoint<PermissionsAttributes, Permissions> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create permissions',
  params: { name: 'create', fields: { scopes }, required: ['scopes'] },
  wrap: () => Permissions,
};
const RETRIEVE: Endpoint<PermissionsAttributes, Permissions> = {
  method: 'GET',
  path: '/permissions/{id}',
  schema,
  what: 'permissions {id}',
  wrap: () => Permissions,
};
const UPDATE: Endpoint<PermissionsAttributes, Permissions> = {
  method: 'POST',
  path: '/permissions/{id}',
  schema,
  what: 'permissions {id}',
  params: { name: 'update', fields: { scopes }, required: ['scopes'] },
  wrap: () => Permissions,
};
const LIST: ListEndpoint<PermissionsAttributes, Permissions> = {
  path: PATH,
  schema,
  what: 'permissions list',
  filters: {},
  wrap: () => Permissions,
};

/** Permissions methods bound to one client: `client.permissions`. */
export class PermissionsGroup extends APIResource {
  /**
   * Creates permissions with these scopes. Never re-sent after the server may have acted.
   * @throws InvalidInputError for missing or malformed `scopes`.
   */
  create(params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return this.call(CREATE, undefined, params, options);
  }

  /**
   * Fetches one permissions object.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such object.
   */
  retrieve(id: string, options?: CallOptions): Promise<Permissions> {
    return this.call(RETRIEVE, id, undefined, options);
  }

  /** Lists the organisation's permissions, newest first. */
  list(params?: PermissionsListParams, options?: CallOptions): PagePromise<Permissions> {
    return this.pages(LIST, params, options);
  }

  /**
   * Replaces the scopes of a permissions object.
   * @throws InvalidInputError for missing or malformed `scopes`.
   */
  update(id: string, params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return this.call(UPDATE, id, params, options);
  }
}

/** A permissions object has the API's attributes: `id`, `organisation`, `scopes`, … */
export interface Permissions extends PermissionsAttributes {}

/** A permissions object. Static methods use the default client; instance methods the one it came from. */
export class Permissions extends Resource<BaseClient> {
  /** `POST /permissions`. See `PermissionsGroup.create`. */
  static async create(params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return callEndpoint(clientFor(options), CREATE, undefined, params, options);
  }

  /** `GET /permissions/{id}`. See `PermissionsGroup.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Permissions> {
    return callEndpoint(clientFor(options), RETRIEVE, id, undefined, options);
  }

  /** `GET /permissions`. See `PermissionsGroup.list`. */
  static list(params?: PermissionsListParams, options?: CallOptions): PagePromise<Permissions> {
    return lazyPages(() => listEndpoint(clientFor(options), LIST, params, options));
  }

  /** `POST /permissions/{id}`. See `PermissionsGroup.update`. */
  static async updateWithId(id: string, params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return callEndpoint(clientFor(options), UPDATE, id, params, options);
  }

  /** Replaces this object's scopes in place and returns it. */
  async update(params: PermissionsParams, options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, UPDATE, this.id, params, options));
  }

  /** Fetches this object again, in place. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, RETRIEVE, this.id, undefined, options));
  }
}

export type { PermissionsAttributes } from './permissions.schema';

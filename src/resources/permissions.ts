/** The permissions resource: scopes of the organisation mapped to limits. `/permissions` */
import type { Client } from '../client';
import { clientFor } from '../core/default-client';
import { APIResource, type Endpoint, type ListEndpoint } from '../core/endpoint';
import type { Field } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import type { CallOptions, RequestOptions } from '../core/options';
import { checkRule, isPlainObject } from '../core/params';
import { Resource } from '../core/resource';
import { permissionsPageSchema, permissionsSchema, type PermissionsAttributes } from '../schemas';

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
const PARAMS = { fields: { scopes }, required: ['scopes'] };
const CREATE: Endpoint<PermissionsAttributes> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create permissions',
  params: { name: 'create', ...PARAMS },
};
const RETRIEVE: Endpoint<PermissionsAttributes> = {
  method: 'GET',
  path: `${PATH}/{id}`,
  schema,
  what: 'permissions {id}',
};
const UPDATE: Endpoint<PermissionsAttributes> = {
  method: 'POST',
  path: `${PATH}/{id}`,
  schema,
  what: 'permissions {id}',
  params: { name: 'update', ...PARAMS },
};
const LIST: ListEndpoint<PermissionsAttributes> = {
  path: PATH,
  schema: permissionsPageSchema,
  what: 'permissions list',
  filters: {},
};

/** Permissions methods bound to one client: `client.permissions`. */
export class PermissionsGroup extends APIResource {
  /**
   * Creates permissions with these scopes. Never re-sent after the server may have acted.
   * @throws InvalidInputError for missing or malformed `scopes`.
   */
  create(params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return this.call(CREATE, Permissions, undefined, params, options);
  }

  /**
   * Fetches one permissions object.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such object.
   */
  retrieve(id: string, options?: CallOptions): Promise<Permissions> {
    return this.call(RETRIEVE, Permissions, id, undefined, options);
  }

  /** Lists the organisation's permissions, newest first. */
  list(params?: PermissionsListParams, options?: CallOptions): PagePromise<Permissions> {
    return this.pages(LIST, Permissions, params, options);
  }

  /**
   * Replaces the scopes of a permissions object.
   * @throws InvalidInputError for missing or malformed `scopes`.
   */
  update(id: string, params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return this.call(UPDATE, Permissions, id, params, options);
  }
}

/** A permissions object has the API's attributes: `id`, `organisation`, `scopes`, … */
export interface Permissions extends PermissionsAttributes {}

/** A permissions object. Static methods use the default client; instance methods the one it came from. */
export class Permissions extends Resource<Client> {
  /** `POST /permissions`. See `PermissionsGroup.create`. */
  static async create(params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return clientFor(options).permissions.create(params, options);
  }

  /** `GET /permissions/{id}`. See `PermissionsGroup.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Permissions> {
    return clientFor(options).permissions.retrieve(id, options);
  }

  /** `GET /permissions`. See `PermissionsGroup.list`. */
  static list(params?: PermissionsListParams, options?: CallOptions): PagePromise<Permissions> {
    return lazyPages(() => clientFor(options).permissions.list(params, options));
  }

  /** `POST /permissions/{id}`. See `PermissionsGroup.update`. */
  static async updateWithId(id: string, params: PermissionsParams, options?: CallOptions): Promise<Permissions> {
    return clientFor(options).permissions.update(id, params, options);
  }

  /** Replaces this object's scopes in place and returns it. */
  async update(params: PermissionsParams, options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.permissions.update(this.id, params, options));
  }

  /** Fetches this object again, in place. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.permissions.retrieve(this.id, options));
  }
}

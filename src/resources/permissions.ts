/** The permissions resource: scopes of the organisation mapped to limits. `/permissions` */
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, type Field, type Ref, text } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import { checkRule, type DateFilter, isPlainObject } from '../core/params';
import { Resource } from '../core/resource';
import { permissionsSchema, type PermissionsAttributes } from './permissions.schema';

/** One limit of a scope, e.g. `{ level: 'user', type: 'count', value: 3 }`. */
export interface PermissionLimit {
  /** Whose use is limited: `organisation`, `key` or `user` (or a level the API adds later). */
  level: 'organisation' | 'key' | 'user' | (string & {});
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
  /**
   * Each scope with its limits, e.g. `{ 'source_type:icloud.account': [{ level: 'user', type: 'count', value: 3 }] }`.
   */
  scopes: PermissionScopes;
}

/** Filters of `list`: the creation date, the cursors and page size. */
export interface PermissionsListParams {
  /** Only permissions created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this item (or its id). */
  after_id?: Ref | undefined;
  /** Cursor: stop listing at this item (or its id). */
  before_id?: Ref | undefined;
}

/** Scopes: each named, with a list of limits, each limit with its `level`, its `type` and a `value`. */
const scopes: Field = (value, field, query) => {
  checkRule(value, field, [isPlainObject, 'an object mapping each scope to a list of limit objects']);
  for (const [scope, limits] of Object.entries(value as PermissionScopes)) {
    if (!/\S/.test(scope))
      throw new InvalidInputError(field, 'must not have a blank scope name (empty or only whitespace)');
    checkRule(limits, `${field}.${scope}`, [Array.isArray, 'a list of limit objects']);
    for (const [at, limit] of limits.entries()) {
      const named = `${field}.${scope}[${at}]`;
      checkRule(limit, named, [isPlainObject, 'a limit object ({ level, type, value })']);
      text(limit.level, `${named}.level`, query);
      text(limit.type, `${named}.type`, query);
      if (limit.value === undefined) throw new InvalidInputError(`${named}.value`, 'is required');
    }
  }
  return value;
};

const PATH = '/permissions';
const schema = permissionsSchema;
const CREATE: Endpoint<[params: PermissionsParams], PermissionsAttributes, Permissions> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create permissions',
  params: { name: 'create', fields: { scopes }, required: ['scopes'] },
  wrap: () => Permissions,
};
const RETRIEVE: Endpoint<[id: string], PermissionsAttributes, Permissions> = {
  method: 'GET',
  path: '/permissions/{id}',
  schema,
  what: 'permissions {id}',
  wrap: () => Permissions,
};
const UPDATE: Endpoint<[id: string, params: PermissionsParams], PermissionsAttributes, Permissions> = {
  method: 'POST',
  path: '/permissions/{id}',
  schema,
  what: 'permissions {id}',
  params: { name: 'update', fields: { scopes }, required: ['scopes'] },
  wrap: () => Permissions,
};
const LIST: ListEndpoint<PermissionsListParams, PermissionsAttributes, Permissions> = {
  path: PATH,
  schema,
  what: 'permissions list',
  filters: { date_created: dateFilter },
  wrap: () => Permissions,
};

/** Permissions methods bound to one client: `client.permissions`. */
export class PermissionsGroup extends APIResource {
  /**
   * Creates permissions with these scopes. Never re-sent after the server may have acted.
   * @throws InvalidInputError for missing or malformed `scopes`.
   */
  create = this.method(CREATE);

  /**
   * Fetches one permissions object.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such object.
   */
  retrieve = this.method(RETRIEVE);

  /** Lists the organisation's permissions, newest first. */
  list = this.pages(LIST);

  /**
   * Replaces the scopes of a permissions object.
   * @throws InvalidInputError for missing or malformed `scopes`.
   */
  update = this.method(UPDATE);
}

/** A permissions object has the API's attributes: `id`, `organisation`, `scopes`, … */
export interface Permissions extends PermissionsAttributes {}

/** A permissions object. Static methods use the default client; instance methods the one it came from. */
export class Permissions extends Resource {
  /** Replaces this object's scopes in place and returns it. */
  update(params: PermissionsParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches this object again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `permissions`, as the API names this resource. */
  static override readonly resource = 'permissions' as const;
  /** `POST /permissions`. See `PermissionsGroup.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /permissions/{id}`. See `PermissionsGroup.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /permissions`. See `PermissionsGroup.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /permissions/{id}`. See `PermissionsGroup.update`. */
  static updateWithId = /* @__PURE__ */ staticMethod(UPDATE);
}

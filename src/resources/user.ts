/** The user resource: the organisation's own name for one of its end users, whose sources it polls. `/users` */
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { type AtLeastOne, dateFilter, oneOf, type Ref, type RefOrNull, text } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import { refOf } from './ref-of';
import { userSchema, type UserAttributes, type UserState } from './user.schema';

/** The states a caller may set with an update. */
export const USER_UPDATE_STATES = ['active', 'deactivated'] as const;

/** Parameters of `create`. */
export interface UserCreateParams {
  /** Your own value for the user, e.g. an email address or an id of your system. */
  identifier: string;
  /** The key the user belongs to: a key of the organisation or its id (the API's default: the calling key). */
  key?: Ref<'key'> | undefined;
  /** The organisation the user belongs to, or its id: for super organisations only (the default: the caller's). */
  organisation?: Exclude<RefOrNull<'organisation'>, null> | undefined;
}

/** The fields an update may change. */
interface UserUpdateFields {
  /** A new value for the user. */
  identifier?: string | undefined;
  /** `deactivated` retires the user; `active` brings it back. */
  state?: (typeof USER_UPDATE_STATES)[number] | undefined;
}

/** Parameters of `update`: a new `identifier`, a new `state`, or both (an empty update is a type error). */
export type UserUpdateParams = AtLeastOne<UserUpdateFields>;

/** Filters of `list`. */
export interface UserListParams {
  /** Only users with this identifier. */
  identifier?: string | undefined;
  /** Only users in this state. */
  state?: UserState | undefined;
  /** Only users made by this key: a key or its id. */
  key?: Ref<'key'> | undefined;
  /** Only users created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this user (or its id). */
  after_id?: Ref<'user'> | undefined;
  /** Cursor: stop listing at this user (or its id). */
  before_id?: Ref<'user'> | undefined;
}

const PATH = '/users';
const schema = userSchema;
const CREATE: Endpoint<[params: UserCreateParams], UserAttributes, User> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create user',
  params: {
    name: 'create',
    fields: {
      identifier: text,
      key: /* @__PURE__ */ refOf('key'),
      organisation: /* @__PURE__ */ refOf('organisation'),
    },
    required: ['identifier'],
  },
  wrap: () => User,
};
const RETRIEVE: Endpoint<[id: string], UserAttributes, User> = {
  method: 'GET',
  path: '/users/{id}',
  schema,
  what: 'user {id}',
  wrap: () => User,
};
const UPDATE: Endpoint<[id: string, params: UserUpdateParams], UserAttributes, User> = {
  method: 'POST',
  path: '/users/{id}',
  schema,
  what: 'user {id}',
  params: {
    name: 'update',
    fields: { identifier: text, state: /* @__PURE__ */ oneOf(USER_UPDATE_STATES, 'can only be set to') },
    nonEmpty: true,
  },
  wrap: () => User,
};
const LIST: ListEndpoint<UserListParams, UserAttributes, User> = {
  path: PATH,
  schema,
  what: 'user list',
  filters: { identifier: text, state: text, key: /* @__PURE__ */ refOf('key'), date_created: dateFilter },
  wrap: () => User,
};

/** User methods bound to one client: `client.users`. */
export class Users extends APIResource {
  /**
   * Creates a user of `key` (by default the calling key). Never re-sent after the server may have acted.
   * @throws InvalidInputError for a missing or empty `identifier`; RicloudError for API and network failures.
   */
  create = this.method(CREATE);

  /**
   * Fetches one user.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such user.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists users, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Changes a user's `identifier` or `state`.
   * @throws InvalidInputError for an empty update or a state other than active/deactivated.
   */
  update = this.method(UPDATE);
}

/** A user has the API's attributes: `id`, `identifier`, `state`, `key`, `date_created`, … */
export interface User extends UserAttributes {}

/** A user. Static methods use the default client (or `options.client`); instance methods the client it came from. */
export class User extends Resource {
  /** Updates this user in place and returns it. */
  update(params: UserUpdateParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches this user again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `user`, as the API names this resource. */
  static override readonly resource = 'user' as const;
  /** `POST /users`. See `Users.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /users/{id}`. See `Users.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /users`. See `Users.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /users/{id}`. See `Users.update`. */
  static updateWithId = /* @__PURE__ */ staticMethod(UPDATE);
}

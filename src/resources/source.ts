/**
 * The source resource: an account (`icloud.account`) or Relay instance (`rirelay.instance`) of a user, and the
 * devices (`rirelay.source`) the API finds under a Relay instance when it is polled. `/sources`
 */
import { type Endpoint, type ListEndpoint, listEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, type Field, oneOf, text, type Ref } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { clientOf, Resource } from '../core/resource';
import type { SOURCE_CREATE_TYPES } from '../core/wire';
import { refOf } from './ref-of';
import { scoped } from './scoped';
import { sourceSchema, type SourceAttributes, type SourceType, type SourceState } from './source.schema';

/** The states a caller may set with an update. */
export const SOURCE_UPDATE_STATES = ['active', 'deactivated'] as const;

/**
 * A source type a create names (a source's, or a session's source): `icloud.account`, `rirelay.instance`, or the API's
 * test source `mocks.mock`; never `rirelay.source`, which the API makes (a source's `type` may still be one).
 */
export type SourceCreateType = (typeof SOURCE_CREATE_TYPES)[number];

/** Parameters of `create`: the user's account or Relay instance. */
export interface SourceCreateParams {
  /** The user the source belongs to: a user or its id. */
  user: Ref<'user'>;
  /** `icloud.account` or `rirelay.instance` (`rirelay.source` children are made by the API). */
  type: SourceCreateType;
  /** The source's name in its service, e.g. an Apple ID. */
  identifier: string;
}

/** Parameters of `update`. */
export interface SourceUpdateParams {
  /** `deactivated` retires the source; `active` brings back one that was validated. */
  state: (typeof SOURCE_UPDATE_STATES)[number];
}

/** Filters of `list`. */
export interface SourceListParams {
  /** Only the sources of this user: a user or its id. */
  user?: Ref<'user'> | undefined;
  /** Only sources with this identifier. */
  identifier?: string | undefined;
  /** Only sources of this type, e.g. `icloud.account`. */
  type?: SourceType | undefined;
  /** Only the children of this source (a source or its id); `null` for top-level sources only. */
  parent?: Ref<'source'> | null | undefined;
  /** Only sources in this state. */
  state?: SourceState | undefined;
  /** Only sources created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this source (or its id). */
  after_id?: Ref<'source'> | undefined;
  /** Cursor: stop listing at this source (or its id). */
  before_id?: Ref<'source'> | undefined;
}

/**
 * A source type a caller names: any but `rirelay.source`, which the API alone makes (a Relay instance's devices, found
 * by its polls). Checked at run time too, for callers the types do not hold (JavaScript, a cast).
 */
export const sourceType: Field = (value, field, query) => {
  if (value === 'rirelay.source')
    throw new InvalidInputError(field, 'cannot be rirelay.source: the API makes those when it polls a Relay instance');
  return text(value, field, query);
};

/** A source or its id. */
export const sourceRef = /* @__PURE__ */ refOf('source');

/** A parent filter: a source or its id, or `null` (sent as `null`) for sources without a parent. */
const parent: Field = (value, field, query) => (value === null ? 'null' : sourceRef(value, field, query));

const PATH = '/sources';
const schema = sourceSchema;
const CREATE: Endpoint<[params: SourceCreateParams], SourceAttributes, Source> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create source',
  params: {
    name: 'create',
    fields: { user: /* @__PURE__ */ refOf('user'), type: sourceType, identifier: text },
    required: ['user', 'type', 'identifier'],
  },
  wrap: () => Source,
};
const RETRIEVE: Endpoint<[id: string], SourceAttributes, Source> = {
  method: 'GET',
  path: '/sources/{id}',
  schema,
  what: 'source {id}',
  wrap: () => Source,
};
const UPDATE: Endpoint<[id: string, params: SourceUpdateParams], SourceAttributes, Source> = {
  method: 'POST',
  path: '/sources/{id}',
  schema,
  what: 'source {id}',
  params: {
    name: 'update',
    fields: { state: /* @__PURE__ */ oneOf(SOURCE_UPDATE_STATES, 'can only be set to') },
    required: ['state'],
  },
  wrap: () => Source,
};
const LIST: ListEndpoint<SourceListParams, SourceAttributes, Source> = {
  path: PATH,
  schema,
  what: 'source list',
  filters: {
    user: /* @__PURE__ */ refOf('user'),
    identifier: text,
    type: text,
    parent,
    state: text,
    date_created: dateFilter,
  },
  wrap: () => Source,
};

/** Source methods bound to one client: `client.sources`. */
export class Sources extends APIResource {
  /**
   * Creates a source of a user (`unvalidated` until a session on it is active). A session can also make its source:
   * see `Sessions.create`. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a missing or bad `user`, `type` or `identifier`.
   */
  create = this.method(CREATE);

  /**
   * Fetches one source, its first children nested.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such source.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists sources, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Changes a source's `state`.
   * @throws InvalidInputError for a state other than active/deactivated.
   */
  update = this.method(UPDATE);
}

/** A source has the API's attributes: `id`, `type`, `identifier`, `user`, `parent`, `children`, `state`, … */
export interface Source extends SourceAttributes {}

/** A source. Static methods use the default client (or `options.client`); instance methods the client it came from. */
export class Source extends Resource {
  /** Updates this source in place and returns it. */
  update(params: SourceUpdateParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches this source again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `source`, as the API names this resource. */
  static override readonly resource = 'source' as const;
  /** `POST /sources`. See `Sources.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /sources/{id}`. See `Sources.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /sources`. See `Sources.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /sources/{id}`. See `Sources.update`. */
  static updateWithId = /* @__PURE__ */ staticMethod(UPDATE);

  /** Lists the sources the API found under this one (a Relay instance's devices), as `Source`s. */
  listChildren(params?: Omit<SourceListParams, 'parent'>, options?: RequestOptions): PagePromise<Source> {
    return lazyPages(() =>
      listEndpoint(LIST, scoped(params, 'parent', this.id, 'source', 'listChildren'), options, clientOf(this)),
    );
  }
}

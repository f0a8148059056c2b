/**
 * The session resource: a login on a source (an iCloud account with its password, a Relay instance with its pairing
 * code), which polls then use. `/sessions`
 */
import type { BaseClient } from '../core/client';
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, type Field, object, text, type Ref } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import { type DateFilter, isPlainObject, withArticle } from '../core/params';
import { Resource } from '../core/resource';
import { withoutNestedSecrets } from '../core/secret-walk';
import type { ResponseMeta } from '../core/spec';
import { waitFor, type WaitOptions } from '../core/wait';
import { refOf } from './ref-of';
import { type SourceCreateType, sourceRef, sourceType } from './source';
import { sessionSchema, type SessionAttributes, type SessionState } from './session.schema';

/** The source a session opens, by its user, type and identifier: the API finds it, or makes it when new. */
export interface SessionSourceParams {
  /** The user the source belongs to: a user or its id. */
  user: Ref<'user'>;
  /** `icloud.account`, `rirelay.instance` or the API's test source `mocks.mock` (never `rirelay.source`). */
  type: SourceCreateType;
  /** The source's name in its service: an Apple ID, required for `icloud.account`; a Relay instance needs none. */
  identifier?: string | undefined;
}

/** A session's credentials: a password (and a 2FA code) for `icloud.account`, a pairing code for `rirelay.instance`. */
export interface SessionPayload {
  /** The account's password (`icloud.account`): sent once, never kept, logged or printed. */
  password?: string | undefined;
  /** The 2FA code (`icloud.account`), or the pairing code (`rirelay.instance`). */
  code?: string | undefined;
}

/** Parameters of `create`. */
export interface SessionCreateParams {
  /** The source: `{ user, type, identifier }`, or a source (or its id) that exists. */
  source: SessionSourceParams | Ref<'source'>;
  /** The credentials the source's type takes. */
  payload: SessionPayload;
}

/** Filters of `list`. */
export interface SessionListParams {
  /** Only the sessions of this source: a source or its id. */
  source?: Ref<'source'> | undefined;
  /** Only sessions in this state, e.g. `active`. */
  state?: SessionState | undefined;
  /** Only the sessions of this user: a user or its id. */
  user?: Ref<'user'> | undefined;
  /** Only the sessions opened with this key: a key or its id. */
  key?: Ref<'key'> | undefined;
  /** Only sessions created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this session (or its id). */
  after_id?: Ref<'session'> | undefined;
  /** Cursor: stop listing at this session (or its id). */
  before_id?: Ref<'session'> | undefined;
}

/**
 * What a session of each source type cannot do without: an iCloud account its Apple ID and password, a Relay instance
 * its pairing code (ricloud-py's Relay sample names no identifier).
 */
const REQUIRED_FOR = /* @__PURE__ */ new Map<string, readonly ['source' | 'payload', string][]>([
  [
    'icloud.account',
    [
      ['source', 'identifier'],
      ['payload', 'password'],
    ],
  ],
  ['rirelay.instance', [['payload', 'code']]],
]);

const describedSource = /* @__PURE__ */ object({
  name: 'source',
  fields: { user: /* @__PURE__ */ refOf('user'), type: sourceType, identifier: text },
  required: ['user', 'type'],
});

/** A source: `{ user, type, identifier }`, or a source or its id. */
const source: Field = (value, field, query) =>
  isPlainObject(value) && !('id' in value) ? describedSource(value, field, query) : sourceRef(value, field, query);

// Its fields are secrets (`SECRET_ATTRIBUTES`): a refusal names them without describing the value.
const payload = /* @__PURE__ */ object({ name: 'payload', fields: { password: text, code: text } });

/**
 * Refuses a session without what its source's type needs (`REQUIRED_FOR`), when the type is given.
 * @throws InvalidInputError naming `source.identifier`, `payload.password` or `payload.code`.
 */
function checkRequired(params: unknown): void {
  if (!isPlainObject(params) || !isPlainObject(params.source) || !isPlainObject(params.payload)) return;
  const type = params.source.type as string;
  // A source given by its id (a stored source) is not described: its identifier is the API's already.
  const described = !('id' in params.source);
  // A map, not an object: a type such as `constructor` or `__proto__` names nothing in it.
  for (const [part, name] of REQUIRED_FOR.get(type) ?? [])
    if ((part === 'payload' || described) && (params[part] as Record<string, unknown>)[name] === undefined)
      throw new InvalidInputError(`${part}.${name}`, `is required for ${withArticle(type)} session`);
}

const PATH = '/sessions';
const schema = sessionSchema;
const CREATE: Endpoint<[params: SessionCreateParams], SessionAttributes, Session> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create session',
  params: { name: 'create', fields: { source, payload }, required: ['source', 'payload'] },
  check: checkRequired,
  wrap: () => Session,
};
const RETRIEVE: Endpoint<[id: string], SessionAttributes, Session> = {
  method: 'GET',
  path: '/sessions/{id}',
  schema,
  what: 'session {id}',
  wrap: () => Session,
};
const DELETE: Endpoint<[id: string], SessionAttributes, Session> = {
  method: 'DELETE',
  path: '/sessions/{id}',
  schema,
  what: 'delete session {id}',
  wrap: () => Session,
};
const LIST: ListEndpoint<SessionListParams, SessionAttributes, Session> = {
  path: PATH,
  schema,
  what: 'session list',
  filters: {
    source: sourceRef,
    state: text,
    user: /* @__PURE__ */ refOf('user'),
    key: /* @__PURE__ */ refOf('key'),
    date_created: dateFilter,
  },
  wrap: () => Session,
};

/** Session methods bound to one client: `client.sessions`. */
export class Sessions extends APIResource {
  /**
   * Opens a session; it starts `pending` (see `session.wait()`). The password goes in the request body only: it is
   * hidden in any error and never kept. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a bad `source` or a payload without the credential its type needs; RequestError
   * `unconfigured` when the organisation has no valid webhook or storage config.
   */
  create = this.method(CREATE);

  /**
   * Fetches one session, its source nested.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such session.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists sessions, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Ends a session (it becomes `expired`); the API answers with it.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such session.
   */
  delete = this.method(DELETE);
}

/** A session has the API's attributes: `id`, `source` (nested), `state`, `error`, `date_expired`, … */
export interface Session extends SessionAttributes {}

/**
 * A session. Its `state` moves `pending → active | failed` (with an `error` slug such as `invalid-credentials` or
 * `code-required`), and `active → expired`; `wait()` follows it out of `pending`.
 */
export class Session extends Resource {
  /** Fetches this session again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** Ends this session in place: `state` becomes `expired`. */
  delete(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, DELETE, [options]);
  }

  /** `session`, as the API names this resource. */
  static override readonly resource = 'session' as const;
  /** `POST /sessions`. See `Sessions.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /sessions/{id}`. See `Sessions.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /sessions`. See `Sessions.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `DELETE /sessions/{id}`. See `Sessions.delete`. */
  static deleteWithId = /* @__PURE__ */ staticMethod(DELETE);

  /** Built by the SDK (not by apps) from a validated response, without any credential it echoed (a password). */
  constructor(data: SessionAttributes, response: ResponseMeta, client: BaseClient) {
    super(withoutNestedSecrets(data), response, client);
  }

  /** True once the session has left `pending`: `active`, `failed` or `expired`. */
  get done(): boolean {
    return this.state !== 'pending';
  }

  /**
   * Resolves with this session once it has left `pending` (a failed one resolves too: check `state` and `error`).
   * Long-polls with `Ricloud-Await`, as `task.wait()` does.
   * @throws TimeoutError when it is still pending after `timeout`; AbortError when `signal` fires.
   */
  async wait(options: WaitOptions = {}): Promise<this> {
    await waitFor(this, 'session', `${PATH}/${this.id}`, options);
    return this;
  }
}

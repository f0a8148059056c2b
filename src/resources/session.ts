/**
 * The session resource: a login on a source (an iCloud account with its password, a Relay instance with its pairing
 * code), which polls then use. `/sessions`
 */
import type { BaseClient } from '../core/client';
import { clientFor } from '../core/default-client';
import { APIResource, callEndpoint, listEndpoint, type Endpoint, type ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, type Field, object, ref, text, type Ref } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import type { CallOptions, RequestOptions } from '../core/options';
import { type DateFilter, isPlainObject } from '../core/params';
import type { ResponseMeta } from '../core/spec';
import { Resource } from '../core/resource';
import { waitFor, type WaitOptions } from '../core/wait';
import type { SourceType } from './source.schema';
import { sessionSchema, type SessionAttributes, type SessionState } from './session.schema';

/** The source a session opens, by its user, type and identifier: the API finds it, or makes it when new. */
export interface SessionSourceParams {
  /** The user the source belongs to: a user or its id. */
  user: Ref;
  /** `icloud.account` or `rirelay.instance`. */
  type: SourceType;
  /** The source's name in its service: an Apple ID, a Relay instance's name. */
  identifier: string;
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
  source: SessionSourceParams | Ref;
  /** The credentials the source's type takes. */
  payload: SessionPayload;
}

/** Filters of `list`. */
export interface SessionListParams {
  /** Only the sessions of this source: a source or its id. */
  source?: Ref | undefined;
  /** Only sessions in this state, e.g. `active`. */
  state?: SessionState | undefined;
  /** Only the sessions of this user: a user or its id. */
  user?: Ref | undefined;
  /** Only sessions created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this session id. */
  after_id?: string | undefined;
  /** Cursor: stop listing at this session id. */
  before_id?: string | undefined;
}

/** The credential each source type cannot do without. */
const REQUIRED_CREDENTIAL: Record<string, keyof SessionPayload> = {
  'icloud.account': 'password',
  'rirelay.instance': 'code',
};

const describedSource = /* @__PURE__ */ object({
  name: 'source',
  fields: { user: ref, type: text, identifier: text },
  required: ['user', 'type', 'identifier'],
});

/** A source: `{ user, type, identifier }`, or a source or its id. */
const source: Field = (value, field, query) =>
  isPlainObject(value) && !('id' in value) ? describedSource(value, field, query) : ref(value, field, query);

const payload = /* @__PURE__ */ object({ name: 'payload', fields: { password: text, code: text } });

/**
 * Refuses a payload without the credential its source's type needs, when the type is given.
 * @throws InvalidInputError naming `payload.password` or `payload.code`.
 */
function checkCredentials(params: unknown): void {
  if (!isPlainObject(params) || !isPlainObject(params.source) || !isPlainObject(params.payload)) return;
  const needed = REQUIRED_CREDENTIAL[params.source.type as string];
  if (needed && params.payload[needed] === undefined)
    throw new InvalidInputError(`payload.${needed}`, `is required for a ${params.source.type as string} session`);
}

const PATH = '/sessions';
const schema = sessionSchema;
const CREATE: Endpoint<SessionAttributes, Session> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create session',
  params: { name: 'create', fields: { source, payload }, required: ['source', 'payload'] },
  wrap: () => Session,
};
const RETRIEVE: Endpoint<SessionAttributes, Session> = {
  method: 'GET',
  path: '/sessions/{id}',
  schema,
  what: 'session {id}',
  wrap: () => Session,
};
const DELETE: Endpoint<SessionAttributes, Session> = {
  method: 'DELETE',
  path: '/sessions/{id}',
  schema,
  what: 'delete session {id}',
  wrap: () => Session,
};
const LIST: ListEndpoint<SessionAttributes, Session> = {
  path: PATH,
  schema,
  what: 'session list',
  filters: { source: ref, state: text, user: ref, date_created: dateFilter },
  wrap: () => Session,
};

/**
 * Opens a session with `client`, after checking that the payload has the credential its source's type needs.
 * @throws InvalidInputError naming the missing credential or a bad field; RicloudError for API and network failures.
 */
async function createSession(
  client: BaseClient,
  params: SessionCreateParams,
  options: CallOptions | undefined,
): Promise<Session> {
  checkCredentials(params);
  return callEndpoint(client, CREATE, undefined, params, options);
}

/** Session methods bound to one client: `client.sessions`. */
export class Sessions extends APIResource {
  /**
   * Opens a session; it starts `pending` (see `session.wait()`). The password goes in the request body only: it is
   * hidden in any error and never kept. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a bad `source` or a payload without the credential its type needs; RequestError
   * `unconfigured` when the organisation has no valid webhook or storage config.
   */
  create(params: SessionCreateParams, options?: CallOptions): Promise<Session> {
    return createSession(this.client, params, options);
  }

  /**
   * Fetches one session, its source nested.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such session.
   */
  retrieve(id: string, options?: CallOptions): Promise<Session> {
    return this.call(RETRIEVE, id, undefined, options);
  }

  /**
   * Lists sessions, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params?: SessionListParams, options?: CallOptions): PagePromise<Session> {
    return this.pages(LIST, params, options);
  }

  /**
   * Ends a session (it becomes `expired`); the API answers with it.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such session.
   */
  delete(id: string, options?: CallOptions): Promise<Session> {
    return this.call(DELETE, id, undefined, options);
  }
}

/** Every `password` inside `data`, left out: a server that echoes the payload back does not get it kept. */
const withoutPassword = <T>(data: T): T =>
  JSON.parse(JSON.stringify(data), (key, value: unknown) => (key.toLowerCase() === 'password' ? undefined : value));

/** A session has the API's attributes: `id`, `source` (nested), `state`, `error`, `date_expired`, … */
export interface Session extends SessionAttributes {}

/**
 * A session. Its `state` moves `pending → active | failed` (with an `error` slug such as `invalid-credentials` or
 * `code-required`), and `active → expired`; `wait()` follows it out of `pending`.
 */
export class Session extends Resource<BaseClient> {
  /** @internal Built by the SDK from a validated response, without any password it echoed. */
  constructor(data: SessionAttributes, response: ResponseMeta, client: BaseClient) {
    super(withoutPassword(data), response, client);
  }

  /** `POST /sessions`. See `Sessions.create`. */
  static async create(params: SessionCreateParams, options?: CallOptions): Promise<Session> {
    return createSession(clientFor(options), params, options);
  }

  /** `GET /sessions/{id}`. See `Sessions.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<Session> {
    return callEndpoint(clientFor(options), RETRIEVE, id, undefined, options);
  }

  /** `GET /sessions`. See `Sessions.list`. */
  static list(params?: SessionListParams, options?: CallOptions): PagePromise<Session> {
    return lazyPages(() => listEndpoint(clientFor(options), LIST, params, options));
  }

  /** `DELETE /sessions/{id}`. See `Sessions.delete`. */
  static async deleteWithId(id: string, options?: CallOptions): Promise<Session> {
    return callEndpoint(clientFor(options), DELETE, id, undefined, options);
  }

  /** True once the session has left `pending`: `active`, `failed` or `expired`. */
  get done(): boolean {
    return this.state !== 'pending';
  }

  /** Fetches this session again, in place. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, RETRIEVE, this.id, undefined, options));
  }

  /** Ends this session in place: `state` becomes `expired`. */
  async delete(options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, DELETE, this.id, undefined, options));
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

export type { SessionAttributes, SessionState } from './session.schema';

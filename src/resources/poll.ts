/**
 * The poll resource: a request for data from a session's source, run as one task per info type, data type and file;
 * each task that succeeds publishes results. `/polls`
 */
import type { BaseClient } from '../core/client';
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { dateFilter, type Field, names, object, text, type Ref } from '../core/fields';
import { lazyPages, type PagePromise } from '../core/list';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import { type DateFilter, isPlainObject } from '../core/params';
import { clientOf, Resource } from '../core/resource';
import type { ResponseMeta } from '../core/spec';
import { waitFor, type WaitOptions } from '../core/wait';
import { RUNNING_STATES } from '../core/wire';
import { refOf } from './ref-of';
import { scoped } from './scoped';
import { Result, type ResultListParams, withResults } from './result';
import { Task, type TaskListParams } from './task';
import { pollSchema, type PollAttributes, type PollRequestor, type PollState } from './poll.schema';

/** What a poll (or each poll of a subscription) asks for: at least one name in all. */
export interface PollPayloadParams {
  /** Info types, e.g. `['*']` for all. */
  info_types?: string[] | undefined;
  /** Data types, e.g. `['ios_messages.messages']`. */
  data_types?: string[] | undefined;
  /** Files, by their ids. */
  files?: string[] | undefined;
}

/** The fields of `create`. */
interface PollCreateFields {
  /** The session to poll with (an `active` one): a session or its id. */
  session?: Ref<'session'> | undefined;
  /** The source to poll, when not the session's own: one of its children (a Relay device), or its id. */
  source?: Ref<'source'> | undefined;
  /** The subscription the poll belongs to (a subscription or its id); without `session`, its session is polled. */
  subscription?: Ref<'subscription'> | undefined;
  /** What to fetch. */
  payload: PollPayloadParams;
}

/** Parameters of `create`: a `session`, a `subscription` (polled by hand, as in ricloud-py's Relay sample), or both. */
export type PollCreateParams = PollCreateFields & ({ session: Ref<'session'> } | { subscription: Ref<'subscription'> });

/** Filters of `list`. */
export interface PollListParams {
  /** Only the polls of this session: a session or its id. */
  session?: Ref<'session'> | undefined;
  /** Only the polls of this subscription: a subscription or its id. */
  subscription?: Ref<'subscription'> | undefined;
  /** Only polls made by a `key` or by a `subscription`. */
  requestor?: PollRequestor | undefined;
  /** Only polls of this source: a source or its id. */
  source?: Ref<'source'> | undefined;
  /** Only the polls of this user's sources: a user or its id. */
  user?: Ref<'user'> | undefined;
  /** Only polls in this state. */
  state?: PollState | undefined;
  /** Only polls created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this poll (or its id). */
  after_id?: Ref<'poll'> | undefined;
  /** Cursor: stop listing at this poll (or its id). */
  before_id?: Ref<'poll'> | undefined;
}

const payloadFields = /* @__PURE__ */ object({
  name: 'payload',
  fields: { info_types: names, data_types: names, files: names },
});

/** A poll payload: lists of names, at least one name in all. */
export const pollPayload: Field = (value, field, query) => {
  const checked = payloadFields(value, field, query) as Record<string, string[]>;
  if (Object.values(checked).every((list) => list.length === 0))
    throw new InvalidInputError(field, 'needs at least one info type, data type or file');
  return checked;
};

/**
 * Refuses a poll that names neither a session nor a subscription.
 * @throws InvalidInputError naming `session`.
 */
function checkTarget(params: unknown): void {
  if (isPlainObject(params) && params.session === undefined && params.subscription === undefined)
    throw new InvalidInputError('session', 'is required, unless a subscription names it');
}

const PATH = '/polls';
const schema = pollSchema;
const CREATE: Endpoint<[params: PollCreateParams], PollAttributes, Poll> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create poll',
  params: {
    name: 'create',
    fields: {
      session: /* @__PURE__ */ refOf('session'),
      source: /* @__PURE__ */ refOf('source'),
      subscription: /* @__PURE__ */ refOf('subscription'),
      payload: pollPayload,
    },
    required: ['payload'],
  },
  check: checkTarget,
  wrap: () => Poll,
};
const RETRIEVE: Endpoint<[id: string], PollAttributes, Poll> = {
  method: 'GET',
  path: '/polls/{id}',
  schema,
  what: 'poll {id}',
  wrap: () => Poll,
};
const LIST: ListEndpoint<PollListParams, PollAttributes, Poll> = {
  path: PATH,
  schema,
  what: 'poll list',
  filters: {
    session: /* @__PURE__ */ refOf('session'),
    subscription: /* @__PURE__ */ refOf('subscription'),
    requestor: text,
    source: /* @__PURE__ */ refOf('source'),
    user: /* @__PURE__ */ refOf('user'),
    state: text,
    date_created: dateFilter,
  },
  wrap: () => Poll,
};

/** Poll methods bound to one client: `client.polls`. */
export class Polls extends APIResource {
  /**
   * Starts a poll of a session, or of a subscription's; it starts `pending` (see `poll.wait()`). Never re-sent after
   * the server may have acted.
   * @throws InvalidInputError for neither `session` nor `subscription`, an empty or bad `payload`; RequestError
   * `unconfigured` or `session-expired`; PermissionDeniedError (`missing-scope`) for a data type the organisation may
   * not poll.
   */
  create = this.method(CREATE);

  /**
   * Fetches one poll, with its tasks by state and its first results.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such poll.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists polls, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);
}

/** A poll has the API's attributes: `id`, `session`, `source`, `payload`, `state`, `tasks_*`, `results`, … */
export interface Poll extends Omit<PollAttributes, 'results'> {
  /**
   * The results its tasks published, as `Result`s: a list object (the first page; see `listResults()`), or an array.
   */
  results?: { data: Result[]; has_more?: boolean; total_count?: number; url?: string } | Result[] | null | undefined;
}

/**
 * A poll. Its `state` moves `pending → processing → completed`; a data type that fails shows in `tasks_failed`, not
 * in the poll's state. `wait()` follows it to the end.
 */
export class Poll extends Resource {
  /** Fetches this poll again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `poll`, as the API names this resource. */
  static override readonly resource = 'poll' as const;
  /** `POST /polls`. See `Polls.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /polls/{id}`. See `Polls.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /polls`. See `Polls.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);

  /** @internal Built by the SDK from a validated response: its nested results become `Result`s of the same client. */
  constructor(data: PollAttributes, response: ResponseMeta, client: BaseClient) {
    super(withResults(data, response, client), response, client);
  }

  /** True once the poll has left `pending` and `processing`: `completed`, or a state yet undocumented (`failed`). */
  get done(): boolean {
    return !RUNNING_STATES.includes(this.state);
  }

  /** Lists this poll's tasks as `Task`s (`GET /tasks?poll=…`). */
  listTasks(params?: Omit<TaskListParams, 'poll'>, options?: RequestOptions): PagePromise<Task> {
    return lazyPages(() =>
      Task.list(scoped(params, 'poll', this.id, 'poll', 'listTasks'), { ...options, client: clientOf(this) }),
    );
  }

  /**
   * Lists this poll's results as `Result`s, to download and acknowledge (`GET /results?poll=…`), all of them where
   * `results` holds the first page. Consumed and expired ones are listed when `state` asks for them.
   */
  listResults(params?: Omit<ResultListParams, 'poll'>, options?: RequestOptions): PagePromise<Result> {
    return lazyPages(() =>
      Result.list(scoped(params, 'poll', this.id, 'poll', 'listResults'), { ...options, client: clientOf(this) }),
    );
  }

  /**
   * Resolves with this poll once it has left `pending` and `processing`: check `state`, and `tasks_failed` and
   * `tasks_suspended` for the data types that did not succeed.
   * Long-polls with `Ricloud-Await`, as `task.wait()` does.
   * @throws TimeoutError when it is still running after `timeout`; AbortError when `signal` fires.
   */
  async wait(options: WaitOptions = {}): Promise<this> {
    await waitFor(this, 'poll', `${PATH}/${this.id}`, options);
    return this;
  }
}

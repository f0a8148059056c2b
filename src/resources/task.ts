/** The task resource: asynchronous work on the server, such as a webhook config test. `/tasks` */
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { dateFilter, type Ref, ref, text } from '../core/fields';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import { waitFor, type WaitOptions } from '../core/wait';
import { RUNNING_STATES } from '../core/wire';
import type { SourceType } from './source.schema';
import { taskSchema, type TaskAttributes, type TaskState } from './task.schema';

/** Filters of `Task.list`. */
export interface TaskListParams {
  /** Only tasks in this state, e.g. `pending` or `failed`. */
  state?: TaskState | undefined;
  /** Only tasks of this type, e.g. `webhook_config.test` or `data`. */
  type?: string | undefined;
  /** Only the tasks of this poll: a poll or its id. */
  poll?: Ref<'poll'> | undefined;
  /** Only the tasks that used this session: a session or its id. */
  session?: Ref<'session'> | undefined;
  /** Only tasks on sources of this type, e.g. `icloud.account`. */
  source_type?: SourceType | undefined;
  /** Only the tasks for this user: a user or its id. */
  user?: Ref<'user'> | undefined;
  /** Only the tasks on this source: a source or its id. */
  source?: Ref<'source'> | undefined;
  /** Only the tasks with this main argument, e.g. a data type (`ios_messages.messages`). */
  target?: string | undefined;
  /** Only the tasks of this key: a key or its id. */
  key?: Ref<'key'> | undefined;
  /**
   * Only tasks created at this instant or within this range: a Date, an ISO string, or `{ gt, gte, lt, lte }` of them.
   */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this task (or its id). */
  after_id?: Ref<'task'> | undefined;
  /** Cursor: stop listing at this task (or its id). */
  before_id?: Ref<'task'> | undefined;
}

/** Parameters of `Task.create`: the task's type and its arguments, as ricloud-py's `Task.create(**data)` sends them. */
export interface TaskCreateParams {
  /** The task-type slug, e.g. `webhook_config.test`. */
  type: string;
  /** The task's main argument, e.g. a data type (`messages.sms`). */
  target?: string | undefined;
  /** The user the task is for: a user or its id. */
  user?: Ref<'user'> | undefined;
  /** The source the task targets: a source or its id. */
  source?: Ref<'source'> | undefined;
  /** The session the task uses: a session or its id. */
  session?: Ref<'session'> | undefined;
  /** The poll the task is part of: a poll or its id. */
  poll?: Ref<'poll'> | undefined;
}

const PATH = '/tasks';
const RETRIEVE: Endpoint<[id: string], TaskAttributes, Task> = {
  method: 'GET',
  path: '/tasks/{id}',
  schema: taskSchema,
  what: 'task {id}',
  wrap: () => Task,
};
const CREATE: Endpoint<[params: TaskCreateParams], TaskAttributes, Task> = {
  method: 'POST',
  path: PATH,
  schema: taskSchema,
  retry: 'once',
  what: 'create task',
  params: {
    name: 'create',
    fields: { type: text, target: text, user: ref, source: ref, session: ref, poll: ref },
    required: ['type'],
  },
  wrap: () => Task,
};
const LIST: ListEndpoint<TaskListParams, TaskAttributes, Task> = {
  path: PATH,
  schema: taskSchema,
  what: 'task list',
  // The create fields in their order, which gzip finds again: the browser app carries this list.
  filters: {
    type: text,
    target: text,
    user: ref,
    source: ref,
    session: ref,
    poll: ref,
    state: text,
    source_type: text,
    key: ref,
    date_created: dateFilter,
  },
  wrap: () => Task,
};

/** Task methods bound to one client: `client.tasks`. */
export class Tasks extends APIResource {
  /**
   * Starts a task (`POST /tasks`, which only ricloud-py shows). Never re-sent after the server may have acted.
   * @throws InvalidInputError for a missing `type` or a bad field; RicloudError for API and network failures.
   */
  create = this.method(CREATE);

  /**
   * Fetches one task.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such task.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists tasks, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);
}

/** A task has the API's attributes: `id`, `type`, `state`, `error`, `date_completed`, … */
export interface Task extends TaskAttributes {}

/** A task. Its `state` moves `pending → processing → succeeded | failed | suspended`; `wait()` follows it there. */
export class Task extends Resource {
  /** Fetches this task again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `task`, as the API names this resource. */
  static override readonly resource = 'task' as const;
  /** `POST /tasks`. See `Tasks.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /tasks/{id}`. See `Tasks.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /tasks`. See `Tasks.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);

  /**
   * True once the task has left `pending` and `processing`: `succeeded`, `failed`, `suspended` or a state yet unknown.
   */
  get done(): boolean {
    return !RUNNING_STATES.includes(this.state);
  }

  /**
   * Resolves with this task once it has left `pending` and `processing`, as ricloud-py's samples stop waiting: check
   * `state`, for it resolves with a `failed` or `suspended` task too.
   * Each refresh asks the server to hold the answer (`Ricloud-Await`, up to 10 s); a server that answers at once
   * is polled with backoff from 0.5 s to 5 s.
   * @throws TimeoutError when the task is still running after `timeout`; AbortError when `signal` fires.
   */
  async wait(options: WaitOptions = {}): Promise<this> {
    await waitFor(this, 'task', `${PATH}/${this.id}`, options);
    return this;
  }
}

/** The task schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { SOURCE_TYPES, TASK_STATES } from '../core/wire';

/** A task: asynchronous work on the server, such as a webhook config test. */
export const taskSchema = ({ z, id, maybe, datetime, openEnum, nestedList }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve` takes it. */
    id: z.string(),
    /** Always `task`. */
    resource: z.literal('task'),
    /** The organisation the task belongs to (its id). */
    organisation: maybe(id()),
    /** The key that owns the task (its id). */
    key: maybe(id()),
    /** The user the task is for (its id), if any. */
    user: maybe(id()),
    /** The source the task targets (its id), if any. */
    source: maybe(id()),
    /** The session the task used (its id), if any. */
    session: maybe(id()),
    /** The poll the task is part of (its id), if any. */
    poll: maybe(id()),
    /** A copy of its source's `type` (`icloud.account`, …), for filtering. */
    source_type: maybe(openEnum<typeof SOURCE_TYPES>()),
    /** What the task does, as a slug, e.g. `webhook_config.test`. */
    type: z.string(),
    /** The task's main argument, e.g. the data type of a data task (`messages.sms`). */
    target: maybe(z.string()),
    /** `pending` or `processing` while running; `succeeded`, `failed` or `suspended` (the docs say not why) after. */
    state: openEnum<typeof TASK_STATES>(),
    /** The results the task published, as a list object or a plain array. */
    results: maybe(nestedList()),
    /** The error code, when the task failed. */
    error: maybe(z.string()),
    /** When the task was created (ISO 8601). */
    date_created: datetime(),
    /** When the task started processing (ISO 8601). */
    date_started: maybe(datetime()),
    /** When the task succeeded or failed (ISO 8601). */
    date_completed: maybe(datetime()),
  });

/** A task's attributes, as the API sends them. */
export type TaskAttributes = { [K in keyof Attributes<typeof taskSchema>]: Attributes<typeof taskSchema>[K] };
/** One of the documented task states, or a state added later. */
export type TaskState = TaskAttributes['state'];

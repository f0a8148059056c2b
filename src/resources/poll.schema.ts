/** The poll schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { POLL_STATES } from '../core/wire';
import { resultSchema } from './result.schema';

/** What a poll asks for: lists of info types, data types and files (`["*"]` for every info type). */
export const pollPayloadSchema = ({ z, maybe }: Kit) =>
  z.looseObject({
    /** Info types, e.g. `*`. */
    info_types: maybe(z.array(z.string())),
    /** Data types, e.g. `ios_messages.messages`. */
    data_types: maybe(z.array(z.string())),
    /** Files, by their ids. */
    files: maybe(z.array(z.string())),
  });

/** A poll: a request for data from a session's source, run as one task per info type, data type and file. */
export const pollSchema = (kit: Kit) => {
  const { z, id, maybe, datetime, openEnum } = kit;
  const result = resultSchema(kit);
  /** Task ids, as a poll lists them by state. */
  const taskIds = () => maybe(z.array(id()));
  /** A list object of results as nested in a poll. */
  const nestedResults = z.looseObject({
    data: z.array(result),
    has_more: z.optional(z.boolean()),
    total_count: z.optional(z.number()),
    url: z.optional(z.string()),
  });
  return z.looseObject({
    /** Identifier, as `retrieve` takes it. */
    id: z.string(),
    /** Always `poll`. */
    resource: z.literal('poll'),
    /** The organisation the poll belongs to (its id). */
    organisation: maybe(id()),
    /** The key that made the poll (its id). */
    key: maybe(id()),
    /** The user whose source is polled (its id). */
    user: maybe(id()),
    /** The source polled (its id): the session's, or one of its children. */
    source: maybe(id()),
    /** The session used (its id). */
    session: maybe(id()),
    /** The subscription that made the poll (its id), if any. */
    subscription: maybe(id()),
    /** Who made the poll: `key` or `subscription`. */
    requestor: maybe(openEnum<['key', 'subscription']>()),
    /** What the poll asked for. */
    payload: maybe(pollPayloadSchema(kit)),
    /** Ids of its tasks not started yet. */
    tasks_pending: taskIds(),
    /** Ids of its tasks running. */
    tasks_processing: taskIds(),
    /** Ids of its tasks suspended. */
    tasks_suspended: taskIds(),
    /** Ids of its tasks that succeeded. */
    tasks_succeeded: taskIds(),
    /** Ids of its tasks that failed (a failed data type does not fail the poll). */
    tasks_failed: taskIds(),
    /** The results its tasks published, as a list object (the first page). */
    results: maybe(z.union([nestedResults, z.array(result)])),
    /** `pending`, `processing`, then `completed` once every task has ended. */
    state: openEnum<typeof POLL_STATES>(),
    /** Why the poll failed, as a slug: ricloud-py's samples read it when `state` is `failed`. */
    error: maybe(z.string()),
    /** The errors of its tasks (newer docs; their form is not documented). */
    errors: z.optional(z.unknown()),
    /** When the poll was created (ISO 8601). */
    date_created: datetime(),
    /** When the poll completed (ISO 8601). */
    date_completed: maybe(datetime()),
  });
};

/** What a poll asks for, as the API sends it. */
export type PollPayload = {
  [K in keyof Attributes<typeof pollPayloadSchema>]: Attributes<typeof pollPayloadSchema>[K];
};
/** A poll's attributes, as the API sends them. */
export type PollAttributes = { [K in keyof Attributes<typeof pollSchema>]: Attributes<typeof pollSchema>[K] };
/** One of the documented poll states, or a state added later. */
export type PollState = PollAttributes['state'];
/** Who made a poll: `key` (a call) or `subscription`, or a requestor added later. */
export type PollRequestor = Exclude<PollAttributes['requestor'], null | undefined>;

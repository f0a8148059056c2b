/**
 * The API's resources as zod/mini schemas: the single source of truth for their types, for response validation and
 * for the mock's fixtures. Unknown extra fields are kept; optional attributes may be `null`; a state the API adds later
 * is accepted. `ricloud/schemas` exports them for use with any zod function.
 */
import * as z from 'zod/mini';
import { EVENT_STATES, TASK_STATES, WEBHOOK_CONFIG_STATES } from './core/wire';

/** An id: the API's own examples show both strings and numbers. */
const id = () => z.union([z.string(), z.number()]);
/** An optional attribute, which the API may also send as `null`. */
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
/** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
const datetime = () => z.string();
/**
 * A string the API documents with a fixed set of values, typed as that set, but accepting any string at run time: the
 * API may add a state, and a read must not fail because of it.
 */
const openEnum = <const T extends readonly string[]>(_known: T) =>
  z.string() as unknown as z.ZodMiniType<T[number] | (string & {})>;

/** A webhook config: where the API sends events, and the secret it signs them with. */
export const webhookConfigSchema = z.looseObject({
  /** Identifier, as `retrieve`, `update` and `test` take it. */
  id: z.string(),
  /** Always `webhook_config`. */
  resource: z.literal('webhook_config'),
  /** The organisation that owns the config (its id). */
  organisation: id(),
  /** Where the API sends events: an absolute http(s) URL. */
  url: z.string(),
  /** Sent by `create`; later answers may leave it out. */
  secret: maybe(z.string()),
  /** `new` until tested, then `valid` or `invalid`; `deactivated` once switched off. */
  state: openEnum(WEBHOOK_CONFIG_STATES),
  /** When the config was created (ISO 8601). */
  date_created: datetime(),
});

/** A list object as nested inside other resources (`results` of a task). */
const nestedList = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.optional(z.boolean()),
  total_count: z.optional(z.number()),
});

/** A task: asynchronous work on the server, such as a webhook config test. */
export const taskSchema = z.looseObject({
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
  /** A copy of the source's `type`, for filtering. */
  source_type: maybe(z.string()),
  /** What the task does, as a slug, e.g. `webhook_config.test`. */
  type: z.string(),
  /** The task's main argument, e.g. the data type of a data task (`messages.sms`). */
  target: maybe(z.string()),
  /** `pending`, `processing` or `suspended` while running; `succeeded` or `failed` once done. */
  state: openEnum(TASK_STATES),
  /** The results the task published, as a list object or a plain array. */
  results: maybe(z.union([nestedList, z.array(z.unknown())])),
  /** The error code, when the task failed. */
  error: maybe(z.string()),
  /** When the task was created (ISO 8601). */
  date_created: datetime(),
  /** When the task started processing (ISO 8601). */
  date_started: maybe(datetime()),
  /** When the task succeeded or failed (ISO 8601). */
  date_completed: maybe(datetime()),
});

/** An event: something that happened to a resource, as delivered to webhook receivers. */
export const eventSchema = z.looseObject({
  /** Identifier, as `retrieve` takes it. */
  id: z.string(),
  /** Always `event`. */
  resource: z.literal('event'),
  /** The organisation the event belongs to (its id). */
  organisation: maybe(id()),
  /** The kind of resource the event is about, e.g. `task`: the first part of its slug. */
  type: z.string(),
  /** What happened to it, e.g. `succeeded` or `test`: the second part of its slug. */
  action: z.string(),
  /** The resource the event is about, in full. */
  data: z.unknown(),
  /** Delivery: `pending` while being sent, `delivered` once a receiver accepted it, `failed` after the last retry. */
  state: openEnum(EVENT_STATES),
  /** How many delivery retries have been made. */
  retries: maybe(z.number()),
  /** When the event was created (ISO 8601). */
  date_created: datetime(),
  /** When a receiver accepted it (ISO 8601). */
  date_delivered: maybe(datetime()),
});

/** A page of a list endpoint whose items are `item`. */
export const listSchema = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({
    resource: z.optional(z.literal('list')),
    data: z.array(item),
    has_more: z.boolean(),
    total_count: z.optional(z.number()),
    url: z.optional(z.string()),
  });

/** A page of webhook configs. */
export const webhookConfigPageSchema = listSchema(webhookConfigSchema);
/** A page of tasks. */
export const taskPageSchema = listSchema(taskSchema);
/** A page of events. */
export const eventPageSchema = listSchema(eventSchema);

/**
 * The declared attributes of a loose object: the fields kept at run time for unknown names are left out of the type,
 * so a misspelt attribute (`cfg.date_creatd`) is a type error rather than `unknown`.
 */
type Declared<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** A webhook config's attributes, as the API sends them. */
export type WebhookConfigAttributes = Declared<z.output<typeof webhookConfigSchema>>;
/** A task's attributes, as the API sends them. */
export type TaskAttributes = Declared<z.output<typeof taskSchema>>;
/** An event's attributes, as the API sends them. */
export type EventAttributes = Declared<z.output<typeof eventSchema>>;
/** One of the documented webhook config states, or a state added to the API later. */
export type WebhookConfigState = WebhookConfigAttributes['state'];
/** One of the documented task states, or a state added later. */
export type TaskState = TaskAttributes['state'];
/** One of the documented event delivery states, or a state added later. */
export type EventState = EventAttributes['state'];

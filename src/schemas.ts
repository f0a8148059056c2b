/**
 * The API's resources as zod schemas: the single source of truth for their types, for response validation and
 * for the mock's fixtures. Unknown extra fields are kept; optional attributes may be `null`.
 * The SDK loads this module (and zod) on the first response it validates; `ricloud/schemas` exports it for users.
 * It imports only zod, so the webhooks entry can take its types without the HTTP client.
 */
import type { $ZodType, output } from 'zod/v4/core';
import {
  array,
  boolean,
  datetime,
  id,
  literal,
  looseObject,
  maybe,
  number,
  openEnum,
  optional,
  string,
  union,
  unknown,
} from './core/schema';
import { EVENT_STATES, TASK_STATES, WEBHOOK_CONFIG_STATES } from './core/wire';

/** A webhook config: where the API sends events, and the secret it signs them with. */
export const webhookConfigSchema = looseObject({
  /** Identifier, as `retrieve`, `update` and `test` take it. */
  id: string(),
  /** Always `webhook_config`. */
  resource: literal('webhook_config'),
  /** The organisation that owns the config (its id). */
  organisation: id(),
  /** Where the API sends events: an absolute http(s) URL. */
  url: string(),
  /** Sent by `create`; later answers may leave it out. */
  secret: maybe(string()),
  /** `new` until tested, then `valid` or `invalid`; `deactivated` once switched off. */
  state: openEnum(WEBHOOK_CONFIG_STATES),
  /** When the config was created (ISO 8601). */
  date_created: datetime(),
});

/** A list object as nested inside other resources (`results` of a task). */
const nestedList = looseObject({
  data: array(unknown()),
  has_more: optional(boolean()),
  total_count: optional(number()),
});
/** A task's `results`: a list object or a plain array. */
const results = union([nestedList, array(unknown())]);

/** A task: asynchronous work on the server, such as a webhook config test. */
export const taskSchema = looseObject({
  /** Identifier, as `retrieve` takes it. */
  id: string(),
  /** Always `task`. */
  resource: literal('task'),
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
  source_type: maybe(string()),
  /** What the task does, as a slug, e.g. `webhook_config.test`. */
  type: string(),
  /** The task's main argument, e.g. the data type of a data task (`messages.sms`). */
  target: maybe(string()),
  /** `pending`, `processing` or `suspended` while running; `succeeded` or `failed` once done. */
  state: openEnum(TASK_STATES),
  /** The results the task published, as a list object or a plain array. */
  results: maybe(results),
  /** The error code, when the task failed. */
  error: maybe(string()),
  /** When the task was created (ISO 8601). */
  date_created: datetime(),
  /** When the task started processing (ISO 8601). */
  date_started: maybe(datetime()),
  /** When the task succeeded or failed (ISO 8601). */
  date_completed: maybe(datetime()),
});

/** An event: something that happened to a resource, as delivered to webhook receivers. */
export const eventSchema = looseObject({
  /** Identifier, as `retrieve` takes it. */
  id: string(),
  /** Always `event`. */
  resource: literal('event'),
  /** The organisation the event belongs to (its id). */
  organisation: maybe(id()),
  /** The kind of resource the event is about, e.g. `task`: the first part of its slug. */
  type: string(),
  /** What happened to it, e.g. `succeeded` or `test`: the second part of its slug. */
  action: string(),
  /** The resource the event is about, in full. */
  data: unknown(),
  /** Delivery: `pending` while being sent, `delivered` once a receiver accepted it, `failed` after the last retry. */
  state: openEnum(EVENT_STATES),
  /** How many delivery retries have been made. */
  retries: maybe(number()),
  /** When the event was created (ISO 8601). */
  date_created: datetime(),
  /** When a receiver accepted it (ISO 8601). */
  date_delivered: maybe(datetime()),
});

/** A page of a list endpoint. */
export const listSchema = <T extends $ZodType>(item: T) =>
  looseObject({
    resource: optional(literal('list')),
    data: array(item),
    has_more: boolean(),
    total_count: optional(number()),
    url: optional(string()),
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
export type WebhookConfigAttributes = Declared<output<typeof webhookConfigSchema>>;
/** A task's attributes, as the API sends them. */
export type TaskAttributes = Declared<output<typeof taskSchema>>;
/** An event's attributes, as the API sends them. */
export type EventAttributes = Declared<output<typeof eventSchema>>;
/** One of the documented webhook config states, or a state added to the API later. */
export type WebhookConfigState = WebhookConfigAttributes['state'];
/** One of the documented task states, or a state added later. */
export type TaskState = TaskAttributes['state'];
/** One of the documented event delivery states, or a state added later. */
export type EventState = EventAttributes['state'];

/**
 * The API's resources as zod schemas: the single source of truth for their types, for response validation and
 * for the mock's fixtures. Unknown extra fields are kept; optional attributes may be `null`.
 * The SDK loads this module (and zod) on the first response it validates; `ricloud/schemas` exports it for users.
 * It imports only zod, so the webhooks entry can take its types without the HTTP client.
 */
import * as z from 'zod/mini';
import { datetime, maybe, openEnum } from './core/schema';
import { EVENT_STATES, TASK_STATES, WEBHOOK_CONFIG_STATES } from './core/wire';

// Ids are opaque; the API's own examples show both strings and numbers.
const id = z.union([z.string(), z.number()]);

/** A webhook config: where the API sends events, and the secret it signs them with. */
export const webhookConfigSchema = z.looseObject({
  id: z.string(),
  resource: z.literal('webhook_config'),
  organisation: id,
  url: z.string(),
  /** Sent by `create`; later answers may leave it out. */
  secret: maybe(z.string()),
  state: openEnum(WEBHOOK_CONFIG_STATES),
  date_created: datetime,
});

/** A list object as nested inside other resources (`results` of a task). */
const nestedList = z.looseObject({ data: z.array(z.unknown()), has_more: z.optional(z.boolean()), total_count: z.optional(z.number()) });

/** A task: asynchronous work on the server, such as a webhook config test. */
export const taskSchema = z.looseObject({
  id: z.string(),
  resource: z.literal('task'),
  organisation: maybe(id),
  key: maybe(id),
  user: maybe(id),
  source: maybe(id),
  session: maybe(id),
  poll: maybe(id),
  source_type: maybe(z.string()),
  type: z.string(),
  target: maybe(z.string()),
  state: openEnum(TASK_STATES),
  results: maybe(z.union([nestedList, z.array(z.unknown())])),
  error: maybe(z.string()),
  date_created: datetime,
  date_started: maybe(datetime),
  date_completed: maybe(datetime),
});

/** An event: something that happened to a resource, as delivered to webhook receivers. */
export const eventSchema = z.looseObject({
  id: z.string(),
  resource: z.literal('event'),
  organisation: maybe(id),
  type: z.string(),
  action: z.string(),
  data: z.unknown(),
  state: openEnum(EVENT_STATES),
  retries: maybe(z.number()),
  date_created: datetime,
  date_delivered: maybe(datetime),
});

/** A page of a list endpoint. */
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
export type WebhookConfigAttributes = Declared<z.infer<typeof webhookConfigSchema>>;
/** A task's attributes, as the API sends them. */
export type TaskAttributes = Declared<z.infer<typeof taskSchema>>;
/** An event's attributes, as the API sends them. */
export type EventAttributes = Declared<z.infer<typeof eventSchema>>;
/** One of the documented webhook config states, or a state added to the API later. */
export type WebhookConfigState = WebhookConfigAttributes['state'];
/** One of the documented task states, or a state added later. */
export type TaskState = TaskAttributes['state'];
/** One of the documented event delivery states, or a state added later. */
export type EventState = EventAttributes['state'];

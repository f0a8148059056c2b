/**
 * The API's resources as zod/mini schemas: the single source of truth for their types, for response validation and
 * for the mock's fixtures. Unknown extra fields are kept; optional attributes may be `null`; a state the API adds later
 * is accepted. `ricloud/schemas` exports them for use with any zod function.
 */
import * as z from 'zod/mini';
import {
  EVENT_STATES,
  KEY_STATES,
  KEY_TYPES,
  ORGANISATION_STATES,
  POLL_STATES,
  RESULT_STATES,
  SESSION_STATES,
  SOURCE_STATES,
  SOURCE_TYPES,
  STORAGE_TYPES,
  SUBSCRIPTION_STATES,
  TASK_STATES,
  USER_STATES,
  WEBHOOK_CONFIG_STATES,
} from './core/wire';

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

/** A storage config: the bucket the API publishes results to, and the credentials it writes with. */
export const storageConfigSchema = z.looseObject({
  /** Identifier, as `retrieve`, `update`, `test` and `delete` take it. */
  id: z.string(),
  /** Always `storage_config`. */
  resource: z.literal('storage_config'),
  /** The organisation that owns the config (its id). */
  organisation: id(),
  /** `gs` or `s3`, read from `url`. */
  type: maybe(openEnum(STORAGE_TYPES)),
  /** The bucket and path: `gs://bucket/path` or `s3://bucket/path`. */
  url: z.string(),
  /** The credentials the API writes with; answers show their field names only. */
  credentials: maybe(z.record(z.string(), z.unknown())),
  /** Whether results get signed URLs. */
  signed_urls_enabled: maybe(z.boolean()),
  /** How long signed URLs stay valid, in seconds. */
  signed_urls_expiry: maybe(z.number()),
  /** `new` until tested, then `valid` or `invalid`; `deactivated` once switched off. */
  state: openEnum(WEBHOOK_CONFIG_STATES),
  /** When the config was created (ISO 8601). */
  date_created: datetime(),
});

/** A key: a token of the organisation, and the configs that override the organisation's defaults for it. */
export const keySchema = z.looseObject({
  /** Identifier, as `retrieve`, `update` and `rotate` take it. */
  id: z.string(),
  /** Always `key`. */
  resource: z.literal('key'),
  /** The organisation the key belongs to (its id). */
  organisation: id(),
  /** `standard` or `trial`. */
  type: maybe(openEnum(KEY_TYPES)),
  /** The key's settings, e.g. `publish_source_files`. */
  config: maybe(z.record(z.string(), z.unknown())),
  /** The webhook config this key's events go to instead of the organisation's default (its id). */
  webhook_config: maybe(id()),
  /** The storage config this key's results go to instead of the organisation's default (its id). */
  storage_config: maybe(id()),
  /** The token, a secret: sent by create, retrieve, update and rotate; lists leave it out. */
  token: maybe(z.string()),
  /** `active`, `deactivated`, `blocked` or `expired`. */
  state: openEnum(KEY_STATES),
  /** When the key was created (ISO 8601). */
  date_created: datetime(),
  /** When the key expires (mostly trials), if ever. */
  date_expires: maybe(datetime()),
});

/** An organisation: its configs, its defaults and its state. */
export const organisationSchema = z.looseObject({
  /** Identifier (the API's example shows a number). */
  id: id(),
  /** Always `organisation`. */
  resource: z.literal('organisation'),
  /** `standard` or `super`. */
  type: maybe(z.string()),
  /** The organisation's name. */
  name: maybe(z.string()),
  /** A short name. */
  slug: maybe(z.string()),
  /** The API version the organisation is set to. */
  api_version: maybe(z.string()),
  /** The organisation's settings, e.g. `publish_source_files`. */
  config: maybe(z.record(z.string(), z.unknown())),
  /** Its webhook configs, as a list object (the first page). */
  webhook_configs: maybe(nestedList),
  /** The webhook config its keys' events go to unless a key names its own (its id). */
  webhook_config_default: maybe(id()),
  /** Its storage configs, as a list object (the first page). */
  storage_configs: maybe(nestedList),
  /** The storage config its keys' results go to unless a key names its own (its id). */
  storage_config_default: maybe(id()),
  /** `unconfigured` until it has a valid webhook config, then `active`; or `deactivated`, `blocked`. */
  state: maybe(openEnum(ORGANISATION_STATES)),
  /** When the organisation was created (ISO 8601). */
  date_created: maybe(datetime()),
});

/** A permissions object: scopes (`source_type:icloud.account`, `task_type:icloud.*`, …) mapped to lists of limits. */
export const permissionsSchema = z.looseObject({
  /** Identifier, as `retrieve` and `update` take it. */
  id: z.string(),
  /** `permissions`, as ricloud-py names it. */
  resource: z.string(),
  /** The organisation the permissions belong to (its id). */
  organisation: maybe(id()),
  /** Each scope's limits, e.g. `{ level: 'user', type: 'count', value: 3 }`. */
  scopes: z.record(z.string(), z.array(z.unknown())),
  /** When the permissions were created (ISO 8601). */
  date_created: maybe(datetime()),
});

/** A user: the organisation's own name (`identifier`) for one of its end users. */
export const userSchema = z.looseObject({
  /** Identifier, as `retrieve` and `update` take it. */
  id: z.string(),
  /** Always `user`. */
  resource: z.literal('user'),
  /** The organisation the user belongs to (its id). */
  organisation: maybe(id()),
  /** The key that created the user (its id). */
  key: maybe(id()),
  /** The organisation's own value for this user, e.g. an email address. */
  identifier: z.string(),
  /** `active`, `deactivated` or `blocked`. */
  state: openEnum(USER_STATES),
  /** When the user was created (ISO 8601). */
  date_created: datetime(),
});

/** A source: an account (`icloud.account`) or a Relay instance of a user, or a device the API found under one. */
export const sourceSchema = z.looseObject({
  /** Identifier, as `retrieve` and `update` take it. */
  id: z.string(),
  /** Always `source`. */
  resource: z.literal('source'),
  /** The organisation the source belongs to (its id). */
  organisation: maybe(id()),
  /** The user the source belongs to (its id). */
  user: maybe(id()),
  /** `icloud.account`, `rirelay.instance`, or `rirelay.source` for a device of a Relay instance. */
  type: openEnum(SOURCE_TYPES),
  /** The source's name in its service, e.g. an Apple ID; unique within the service. */
  identifier: z.string(),
  /** The source this one was found under (its id), for a child source; null for a top-level one. */
  parent: maybe(id()),
  /** The sources found under this one, as a list object (the first page). */
  children: maybe(nestedList),
  /** `unvalidated` until a session on it is active; `active`, `deactivated`, `blocked` or `locked`. */
  state: openEnum(SOURCE_STATES),
  /** When the source was created (ISO 8601). */
  date_created: datetime(),
});

/** A session: an open login on a source, which polls use. */
export const sessionSchema = z.looseObject({
  /** Identifier, as `retrieve` and `delete` take it. */
  id: z.string(),
  /** Always `session`. */
  resource: z.literal('session'),
  /** The organisation the session belongs to (its id). */
  organisation: maybe(id()),
  /** The key that opened the session (its id). */
  key: maybe(id()),
  /** The user whose source it is (its id). */
  user: maybe(id()),
  /** The source, nested in full (or its id). */
  source: z.union([sourceSchema, id()]),
  /** `pending` at first, then `active` or `failed` (see `error`); `expired` once it ended. */
  state: openEnum(SESSION_STATES),
  /** Why the session failed, as a slug, e.g. `invalid-credentials` or `code-required`. */
  error: maybe(z.string()),
  /** When the session was created (ISO 8601). */
  date_created: datetime(),
  /** When the session expired (ISO 8601). */
  date_expired: maybe(datetime()),
});

/** What a poll asks for: lists of info types, data types and files (`["*"]` for every info type). */
export const pollPayloadSchema = z.looseObject({
  /** Info types, e.g. `*`. */
  info_types: maybe(z.array(z.string())),
  /** Data types, e.g. `ios_messages.messages`. */
  data_types: maybe(z.array(z.string())),
  /** Files, by their ids. */
  files: maybe(z.array(z.string())),
});

/** A result: a file a task published, where to fetch it (`signed_url`) and how to check it (`size`, `checksum`). */
export const resultSchema = z.looseObject({
  /** Identifier, as `retrieve` and `acknowledge` take it. */
  id: z.string(),
  /** Always `result`. */
  resource: z.literal('result'),
  /** The organisation the result belongs to (its id). */
  organisation: maybe(id()),
  /** The poll that produced it (its id). */
  poll: maybe(id()),
  /** The task that published it (its id). */
  task: maybe(id()),
  /** What the content is: the data type, info type or file it holds. */
  identifier: maybe(z.string()),
  /** Where the file is stored, e.g. `gs://bucket/path`. */
  url: maybe(z.string()),
  /** The file's type: `json` for JSON data. */
  type: maybe(z.string()),
  /** The MD5 of the file, as hex. */
  checksum: maybe(z.string()),
  /** The file's length in bytes. */
  size: maybe(z.number()),
  /** Where to download the file, and until when; `null` once the result expired. */
  signed_url: maybe(z.looseObject({ url: z.string(), date_expires: maybe(datetime()) })),
  /** `available` until acknowledged, then `consumed`; `expired` once its file is gone. */
  state: openEnum(RESULT_STATES),
  /** When the result was published (ISO 8601). */
  date_created: datetime(),
  /** When it was acknowledged (ISO 8601). */
  date_consumed: maybe(datetime()),
  /** When its file was deleted (ISO 8601). */
  date_deleted: maybe(datetime()),
});

/** A list object of results as nested in a poll. */
const nestedResults = z.looseObject({
  data: z.array(resultSchema),
  has_more: z.optional(z.boolean()),
  total_count: z.optional(z.number()),
  url: z.optional(z.string()),
});

/** Task ids, as a poll lists them by state. */
const taskIds = () => maybe(z.array(id()));

/** A poll: a request for data from a session's source, run as one task per info type, data type and file. */
export const pollSchema = z.looseObject({
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
  requestor: maybe(z.string()),
  /** What the poll asked for. */
  payload: maybe(pollPayloadSchema),
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
  results: maybe(z.union([nestedResults, z.array(resultSchema)])),
  /** `pending`, `processing`, then `completed` once every task has ended. */
  state: openEnum(POLL_STATES),
  /** When the poll was created (ISO 8601). */
  date_created: datetime(),
  /** When the poll completed (ISO 8601). */
  date_completed: maybe(datetime()),
});

/** A subscription: polls of a session made every `interval` seconds from `date_start` until `date_end`. */
export const subscriptionSchema = z.looseObject({
  /** Identifier, as `retrieve` and `delete` take it. */
  id: z.string(),
  /** Always `subscription`. */
  resource: z.literal('subscription'),
  /** The organisation the subscription belongs to (its id), by the name the docs give it. */
  org: maybe(id()),
  /** The organisation the subscription belongs to (its id). */
  organisation: maybe(id()),
  /** The key that made the subscription (its id). */
  key: maybe(id()),
  /** The session its polls use (its id). */
  session: maybe(id()),
  /** The source its polls ask (its id). */
  source: maybe(id()),
  /** What each of its polls asks for. */
  poll_payload: maybe(pollPayloadSchema),
  /** Seconds between its polls. */
  interval: maybe(z.number()),
  /** When its first poll is due (ISO 8601). */
  date_start: maybe(datetime()),
  /** When it stops polling (ISO 8601); null for never. */
  date_end: maybe(datetime()),
  /** `pending` until its first poll, then `active`; `deleted` once deleted. */
  state: openEnum(SUBSCRIPTION_STATES),
  /** When the subscription was created (ISO 8601). */
  date_created: maybe(datetime()),
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
/** A page of storage configs. */
export const storageConfigPageSchema = listSchema(storageConfigSchema);
/** A page of keys. */
export const keyPageSchema = listSchema(keySchema);
/** A page of results. */
export const resultPageSchema = listSchema(resultSchema);
/** A page of permissions. */
export const permissionsPageSchema = listSchema(permissionsSchema);
/** A page of users. */
export const userPageSchema = listSchema(userSchema);
/** A page of sources. */
export const sourcePageSchema = listSchema(sourceSchema);
/** A page of sessions. */
export const sessionPageSchema = listSchema(sessionSchema);
/** A page of polls. */
export const pollPageSchema = listSchema(pollSchema);
/** A page of subscriptions. */
export const subscriptionPageSchema = listSchema(subscriptionSchema);

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
/** A storage config's attributes, as the API sends them. */
export type StorageConfigAttributes = Declared<z.output<typeof storageConfigSchema>>;
/** A key's attributes, as the API sends them. */
export type KeyAttributes = Declared<z.output<typeof keySchema>>;
/** An organisation's attributes, as the API sends them. */
export type OrganisationAttributes = Declared<z.output<typeof organisationSchema>>;
/** A permissions object's attributes, as the API sends them. */
export type PermissionsAttributes = Declared<z.output<typeof permissionsSchema>>;
/** One of the documented key states, or a state added later. */
export type KeyState = KeyAttributes['state'];
/** One of the documented storage config states, or a state added later. */
export type StorageConfigState = StorageConfigAttributes['state'];
/** A user's attributes, as the API sends them. */
export type UserAttributes = Declared<z.output<typeof userSchema>>;
/** A source's attributes, as the API sends them. */
export type SourceAttributes = Declared<z.output<typeof sourceSchema>>;
/** A session's attributes, as the API sends them. */
export type SessionAttributes = Declared<z.output<typeof sessionSchema>>;
/** What a poll asks for, as the API sends it. */
export type PollPayload = Declared<z.output<typeof pollPayloadSchema>>;
/** A result's attributes, as the API sends them. */
export type ResultAttributes = Declared<z.output<typeof resultSchema>>;
/** A poll's attributes, as the API sends them. */
export type PollAttributes = Declared<z.output<typeof pollSchema>>;
/** A subscription's attributes, as the API sends them. */
export type SubscriptionAttributes = Declared<z.output<typeof subscriptionSchema>>;
/** One of the documented user states, or a state added later. */
export type UserState = UserAttributes['state'];
/** One of the documented source types, or a type added later. */
export type SourceType = SourceAttributes['type'];
/** One of the documented source states, or a state added later. */
export type SourceState = SourceAttributes['state'];
/** One of the documented session states, or a state added later. */
export type SessionState = SessionAttributes['state'];
/** One of the documented poll states, or a state added later. */
export type PollState = PollAttributes['state'];
/** One of the documented subscription states, or a state added later. */
export type SubscriptionState = SubscriptionAttributes['state'];
/** One of the documented result states, or a state added later. */
export type ResultState = ResultAttributes['state'];

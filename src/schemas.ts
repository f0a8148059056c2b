/**
 * `ricloud/schemas`: the API's resources as zod/mini schemas, the ones the SDK validates with, usable with any zod
 * function. Unknown extra fields are kept; optional attributes may be `null`; a state the API adds later is accepted.
 * Each is declared beside its resource (`src/resources/*.schema.ts`) and built here. Each export is annotated with its
 * declaration's type: the declarations then name that type, and its fields keep their docs for the user's editor.
 */
import { type Built, build, buildPage, kit, type Page } from './core/schema-kit';
import { eventSchema as event } from './resources/event.schema';
import { keySchema as key } from './resources/key.schema';
import { organisationSchema as organisation } from './resources/organisation.schema';
import { permissionsSchema as permissions } from './resources/permissions.schema';
import { pollPayloadSchema as pollPayload, pollSchema as poll } from './resources/poll.schema';
import { resultSchema as result } from './resources/result.schema';
import { sessionSchema as session } from './resources/session.schema';
import { sourceSchema as source } from './resources/source.schema';
import { storageConfigSchema as storageConfig } from './resources/storage-config.schema';
import { subscriptionSchema as subscription } from './resources/subscription.schema';
import { taskSchema as task } from './resources/task.schema';
import { userSchema as user } from './resources/user.schema';
import { webhookConfigSchema as webhookConfig } from './resources/webhook-config.schema';

/** A webhook config: where the API sends events, and the secret it signs them with. */
export const webhookConfigSchema: Built<typeof webhookConfig> = build(webhookConfig);
/** A task: asynchronous work on the server, such as a webhook config test. */
export const taskSchema: Built<typeof task> = build(task);
/** An event: something that happened to a resource, as delivered to webhook receivers. */
export const eventSchema: Built<typeof event> = build(event);
/** A storage config: the bucket the API publishes results to, and the credentials it writes with. */
export const storageConfigSchema: Built<typeof storageConfig> = build(storageConfig);
/** A key: a token of the organisation, and the configs that override the organisation's defaults for it. */
export const keySchema: Built<typeof key> = build(key);
/** An organisation: its configs, its defaults and its state. */
export const organisationSchema: Built<typeof organisation> = build(organisation);
/** A permissions object: scopes mapped to lists of limits. */
export const permissionsSchema: Built<typeof permissions> = build(permissions);
/** A user: the organisation's own name (`identifier`) for one of its end users. */
export const userSchema: Built<typeof user> = build(user);
/** A source: an account (`icloud.account`) or a Relay instance of a user, or a device the API found under one. */
export const sourceSchema: Built<typeof source> = build(source);
/** A session: an open login on a source, which polls use. */
export const sessionSchema: Built<typeof session> = build(session);
/** What a poll asks for: lists of info types, data types and files (`["*"]` for every info type). */
export const pollPayloadSchema: Built<typeof pollPayload> = build(pollPayload);
/** A result: a file a task published, where to fetch it (`signed_url`) and how to check it (`size`, `checksum`). */
export const resultSchema: Built<typeof result> = build(result);
/** A poll: a request for data from a session's source, run as one task per info type, data type and file. */
export const pollSchema: Built<typeof poll> = build(poll);
/** A subscription: polls of a session made every `interval` seconds from `date_start` until `date_end`. */
export const subscriptionSchema: Built<typeof subscription> = build(subscription);

/** A page of a list endpoint whose items are `item`. */
export const listSchema = kit.page;
/** A page of webhook configs. */
export const webhookConfigPageSchema: Page<typeof webhookConfig> = buildPage(webhookConfig);
/** A page of tasks. */
export const taskPageSchema: Page<typeof task> = buildPage(task);
/** A page of events. */
export const eventPageSchema: Page<typeof event> = buildPage(event);
/** A page of storage configs. */
export const storageConfigPageSchema: Page<typeof storageConfig> = buildPage(storageConfig);
/** A page of keys. */
export const keyPageSchema: Page<typeof key> = buildPage(key);
/** A page of results. */
export const resultPageSchema: Page<typeof result> = buildPage(result);
/** A page of permissions. */
export const permissionsPageSchema: Page<typeof permissions> = buildPage(permissions);
/** A page of users. */
export const userPageSchema: Page<typeof user> = buildPage(user);
/** A page of sources. */
export const sourcePageSchema: Page<typeof source> = buildPage(source);
/** A page of sessions. */
export const sessionPageSchema: Page<typeof session> = buildPage(session);
/** A page of polls. */
export const pollPageSchema: Page<typeof poll> = buildPage(poll);
/** A page of subscriptions. */
export const subscriptionPageSchema: Page<typeof subscription> = buildPage(subscription);

export type { EventAttributes, EventState } from './resources/event.schema';
export type { KeyAttributes, KeyState, KeyType } from './resources/key.schema';
export type { OrganisationAttributes, OrganisationState, OrganisationType } from './resources/organisation.schema';
export type { PermissionsAttributes } from './resources/permissions.schema';
export type { PollAttributes, PollPayload, PollRequestor, PollState } from './resources/poll.schema';
export type { ResultAttributes, ResultState } from './resources/result.schema';
export type { SessionAttributes, SessionError, SessionState } from './resources/session.schema';
export type { SourceAttributes, SourceState, SourceType } from './resources/source.schema';
export type {
  StorageConfigAttributes,
  StorageConfigState,
  StorageType,
} from './resources/storage-config.schema';
export type { SubscriptionAttributes, SubscriptionState } from './resources/subscription.schema';
export type { TaskAttributes, TaskState } from './resources/task.schema';
export type { UserAttributes, UserState } from './resources/user.schema';
export type { WebhookConfigAttributes, WebhookConfigState } from './resources/webhook-config.schema';

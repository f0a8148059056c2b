/**
 * `ricloud/schemas`: the API's resources as zod/mini schemas, the ones the SDK validates with, usable with any zod
 * function. Unknown extra fields are kept; optional attributes may be `null`; a state the API adds later is accepted.
 * Each is declared beside its resource (`src/resources/*.schema.ts`) and built here.
 */
import { build, buildPage, kit } from './core/schema-kit';
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
export const webhookConfigSchema = build(webhookConfig);
/** A task: asynchronous work on the server, such as a webhook config test. */
export const taskSchema = build(task);
/** An event: something that happened to a resource, as delivered to webhook receivers. */
export const eventSchema = build(event);
/** A storage config: the bucket the API publishes results to, and the credentials it writes with. */
export const storageConfigSchema = build(storageConfig);
/** A key: a token of the organisation, and the configs that override the organisation's defaults for it. */
export const keySchema = build(key);
/** An organisation: its configs, its defaults and its state. */
export const organisationSchema = build(organisation);
/** A permissions object: scopes mapped to lists of limits. */
export const permissionsSchema = build(permissions);
/** A user: the organisation's own name (`identifier`) for one of its end users. */
export const userSchema = build(user);
/** A source: an account (`icloud.account`) or a Relay instance of a user, or a device the API found under one. */
export const sourceSchema = build(source);
/** A session: an open login on a source, which polls use. */
export const sessionSchema = build(session);
/** What a poll asks for: lists of info types, data types and files (`["*"]` for every info type). */
export const pollPayloadSchema = build(pollPayload);
/** A result: a file a task published, where to fetch it (`signed_url`) and how to check it (`size`, `checksum`). */
export const resultSchema = build(result);
/** A poll: a request for data from a session's source, run as one task per info type, data type and file. */
export const pollSchema = build(poll);
/** A subscription: polls of a session made every `interval` seconds from `date_start` until `date_end`. */
export const subscriptionSchema = build(subscription);

/** A page of a list endpoint whose items are `item`. */
export const listSchema = kit.page;
/** A page of webhook configs. */
export const webhookConfigPageSchema = buildPage(webhookConfig);
/** A page of tasks. */
export const taskPageSchema = buildPage(task);
/** A page of events. */
export const eventPageSchema = buildPage(event);
/** A page of storage configs. */
export const storageConfigPageSchema = buildPage(storageConfig);
/** A page of keys. */
export const keyPageSchema = buildPage(key);
/** A page of results. */
export const resultPageSchema = buildPage(result);
/** A page of permissions. */
export const permissionsPageSchema = buildPage(permissions);
/** A page of users. */
export const userPageSchema = buildPage(user);
/** A page of sources. */
export const sourcePageSchema = buildPage(source);
/** A page of sessions. */
export const sessionPageSchema = buildPage(session);
/** A page of polls. */
export const pollPageSchema = buildPage(poll);
/** A page of subscriptions. */
export const subscriptionPageSchema = buildPage(subscription);

export type { EventAttributes, EventState } from './resources/event.schema';
export type { KeyAttributes, KeyState } from './resources/key.schema';
export type { OrganisationAttributes } from './resources/organisation.schema';
export type { PermissionsAttributes } from './resources/permissions.schema';
export type { PollAttributes, PollPayload, PollState } from './resources/poll.schema';
export type { ResultAttributes, ResultState } from './resources/result.schema';
export type { SessionAttributes, SessionState } from './resources/session.schema';
export type { SourceAttributes, SourceState, SourceType } from './resources/source.schema';
export type { StorageConfigAttributes, StorageConfigState } from './resources/storage-config.schema';
export type { SubscriptionAttributes, SubscriptionState } from './resources/subscription.schema';
export type { TaskAttributes, TaskState } from './resources/task.schema';
export type { UserAttributes, UserState } from './resources/user.schema';
export type { WebhookConfigAttributes, WebhookConfigState } from './resources/webhook-config.schema';

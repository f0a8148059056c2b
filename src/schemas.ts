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
import { storageConfigSchema as storageConfig } from './resources/storage-config.schema';
import { taskSchema as task } from './resources/task.schema';
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
/** A page of permissions. */
export const permissionsPageSchema = buildPage(permissions);

export type { EventAttributes, EventState } from './resources/event.schema';
export type { KeyAttributes, KeyState } from './resources/key.schema';
export type { OrganisationAttributes } from './resources/organisation.schema';
export type { PermissionsAttributes } from './resources/permissions.schema';
export type { StorageConfigAttributes, StorageConfigState } from './resources/storage-config.schema';
export type { TaskAttributes, TaskState } from './resources/task.schema';
export type { WebhookConfigAttributes, WebhookConfigState } from './resources/webhook-config.schema';

/** The Client: a client with every resource group bound to it (`client.webhookConfigs`, `client.tasks`, …). */
import { BaseClient } from './core/client';
import { Events } from './resources/event';
import { Keys } from './resources/key';
import { Organisations } from './resources/organisation';
import { PermissionsGroup } from './resources/permissions';
import { Polls } from './resources/poll';
import { Results } from './resources/result';
import { Sessions } from './resources/session';
import { Sources } from './resources/source';
import { StorageConfigs } from './resources/storage-config';
import { Subscriptions } from './resources/subscription';
import { Tasks } from './resources/task';
import { Users } from './resources/user';
import { WebhookConfigs } from './resources/webhook-config';

export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT } from './core/client';
export type { ClientOptions, RawOptions } from './core/client';

/**
 * A ricloud API client with its own token and settings, and a group of methods per resource. The static methods
 * (`WebhookConfig.create`, …) use the default client set by `configure()`; a `Client` keeps state apart, so two can
 * run side by side.
 * @throws InvalidInputError when an option has the wrong type or value.
 */
export class Client extends BaseClient {
  /** Webhook configs, bound to this client. */
  readonly webhookConfigs = new WebhookConfigs(this);
  /** Tasks, bound to this client. */
  readonly tasks = new Tasks(this);
  /** Events, bound to this client. */
  readonly events = new Events(this);
  /** The organisation, bound to this client. */
  readonly organisation = new Organisations(this);
  /** Keys, bound to this client. */
  readonly keys = new Keys(this);
  /** Storage configs, bound to this client. */
  readonly storageConfigs = new StorageConfigs(this);
  /** Permissions, bound to this client. */
  readonly permissions = new PermissionsGroup(this);
  /** Results, bound to this client. */
  readonly results = new Results(this);
  /** Users, bound to this client. */
  readonly users = new Users(this);
  /** Sources, bound to this client. */
  readonly sources = new Sources(this);
  /** Sessions, bound to this client. */
  readonly sessions = new Sessions(this);
  /** Polls, bound to this client. */
  readonly polls = new Polls(this);
  /** Subscriptions, bound to this client. */
  readonly subscriptions = new Subscriptions(this);
}

/** The Client: a client with every resource group bound to it (`client.webhookConfigs`, `client.tasks`, …). */
import { BaseClient, type ClientOptions } from './core/client';
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
  readonly webhookConfigs: WebhookConfigs;
  /** Tasks, bound to this client. */
  readonly tasks: Tasks;
  /** Events, bound to this client. */
  readonly events: Events;
  /** The organisation, bound to this client. */
  readonly organisation: Organisations;
  /** Keys, bound to this client. */
  readonly keys: Keys;
  /** Storage configs, bound to this client. */
  readonly storageConfigs: StorageConfigs;
  /** Permissions, bound to this client. */
  readonly permissions: PermissionsGroup;
  /** Results, bound to this client. */
  readonly results: Results;
  /** Users, bound to this client. */
  readonly users: Users;
  /** Sources, bound to this client. */
  readonly sources: Sources;
  /** Sessions, bound to this client. */
  readonly sessions: Sessions;
  /** Polls, bound to this client. */
  readonly polls: Polls;
  /** Subscriptions, bound to this client. */
  readonly subscriptions: Subscriptions;

  /**
   * Checks `options`, and takes what they leave out from `RICLOUD_TOKEN`, `RICLOUD_URL` and `RICLOUD_LOG`.
   * Sends nothing: a missing token is reported by the first call.
   * @throws InvalidInputError when an option or `RICLOUD_URL` has the wrong type or value, or the token cannot be sent in a header.
   */
  constructor(options: ClientOptions = {}) {
    super(options);
    this.webhookConfigs = new WebhookConfigs(this);
    this.tasks = new Tasks(this);
    this.events = new Events(this);
    this.organisation = new Organisations(this);
    this.keys = new Keys(this);
    this.storageConfigs = new StorageConfigs(this);
    this.permissions = new PermissionsGroup(this);
    this.results = new Results(this);
    this.users = new Users(this);
    this.sources = new Sources(this);
    this.sessions = new Sessions(this);
    this.polls = new Polls(this);
    this.subscriptions = new Subscriptions(this);
  }
}

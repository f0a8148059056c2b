/**
 * The mock's own shapes of the organisation's resources (as stored, apart from the SDK's schemas), and how each is
 * shown: secrets left out of lists, storage credentials never shown at all.
 */

/** Config states, shared by webhook and storage configs. */
export type ConfigState = 'new' | 'valid' | 'invalid' | 'deactivated';

/** An organisation as stored: its lists of configs and its state are derived when it is shown. */
export interface StoredOrganisation {
  id: string;
  resource: 'organisation';
  type: 'standard';
  name: string;
  slug: string;
  api_version: string;
  config: { publish_source_files: boolean };
  webhook_config_default: string | null;
  storage_config_default: string | null;
  date_created: string;
}

/** A key as stored, its token included. */
export interface StoredKey {
  id: string;
  resource: 'key';
  organisation: string;
  type: 'standard';
  config: { publish_source_files: boolean };
  webhook_config: string | null;
  storage_config: string | null;
  token: string;
  state: 'active';
  date_created: string;
  date_expires: null;
}

/** A storage config as stored, its credentials included. */
export interface StoredStorageConfig {
  id: string;
  resource: 'storage_config';
  organisation: string;
  type: 'gs' | 's3';
  url: string;
  credentials: Record<string, unknown>;
  signed_urls_enabled: boolean;
  signed_urls_expiry: number | null;
  state: ConfigState;
  date_created: string;
}

/** A permissions object: scopes, each a list of limits. */
export interface StoredPermissions {
  id: string;
  resource: 'permissions';
  organisation: string;
  scopes: Record<string, unknown[]>;
  date_created: string;
}

/** What replaces each credential value in every answer and log. */
export const REDACTED = '[redacted]';

/** Credentials as shown: their field names, every value redacted. */
const redactCredentials = (credentials: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.keys(credentials).map((name) => [name, REDACTED]));

/** A storage config as every answer shows it: credentials by field name only. */
export const showStorageConfig = (config: StoredStorageConfig): unknown => ({
  ...config,
  credentials: redactCredentials(config.credentials),
});

/** A key as lists show it: without its token (as a config without its secret). */
export function withoutToken(key: StoredKey): Omit<StoredKey, 'token'> {
  const { token: _token, ...rest } = key;
  return rest;
}

/** A user: the organisation's own name for one of its end users (`identifier`). */
export interface StoredUser {
  id: string;
  resource: 'user';
  organisation: string;
  key: string;
  identifier: string;
  state: 'active' | 'deactivated';
  date_created: string;
}

/** The source types a client may name; `rirelay.source` children are made by polls. */
export type SourceType = 'icloud.account' | 'rirelay.instance' | 'rirelay.source' | 'mocks.mock';

/** A source: an account or Relay instance of a user; `children` are derived when it is shown. */
export interface StoredSource {
  id: string;
  resource: 'source';
  organisation: string;
  user: string;
  type: SourceType;
  identifier: string;
  parent: string | null;
  state: 'unvalidated' | 'active' | 'deactivated' | 'locked';
  date_created: string;
}

/** A session on a source. Its credentials are never stored: the outcome they decide is held by its job only. */
export interface StoredSession {
  id: string;
  resource: 'session';
  organisation: string;
  key: string;
  user: string;
  source: string;
  state: 'pending' | 'active' | 'failed' | 'expired';
  error: string | null;
  date_created: string;
  date_expired: string | null;
}

/** What a poll asks for. */
export interface PollPayload {
  info_types: string[];
  data_types: string[];
  files: string[];
}

/** A poll; its `tasks_*` lists and `results` are derived from its tasks when it is shown. */
export interface StoredPoll {
  id: string;
  resource: 'poll';
  organisation: string;
  key: string;
  user: string;
  source: string;
  session: string;
  subscription: string | null;
  requestor: 'key' | 'subscription';
  payload: PollPayload;
  tasks: string[];
  state: 'pending' | 'processing' | 'completed';
  date_created: string;
  date_completed: string | null;
}

/** A subscription: polls of a session made every `interval` seconds from `date_start` until `date_end`. */
export interface StoredSubscription {
  id: string;
  resource: 'subscription';
  organisation: string;
  key: string;
  session: string;
  source: string;
  poll_payload: PollPayload;
  interval: number;
  date_start: string;
  date_end: string | null;
  state: 'pending' | 'active' | 'deleted';
  date_created: string;
}

/** A result a task published; `signed_url` points at the mock's own `/files/{id}`. */
export interface StoredResult {
  id: string;
  resource: 'result';
  organisation: string;
  poll: string;
  task: string;
  identifier: string;
  url: string;
  type: string;
  checksum: string;
  size: number;
  signed_url: { url: string; date_expires: string } | null;
  state: 'available' | 'consumed' | 'expired';
  date_created: string;
  date_consumed: string | null;
  date_deleted: string | null;
}

/** A subscription as the API shows it: its organisation also as `org`, the name the docs give it. */
export const showSubscription = (subscription: StoredSubscription): unknown => ({
  ...subscription,
  org: subscription.organisation,
});

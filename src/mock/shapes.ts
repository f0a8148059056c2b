/**
 * The mock's own shapes of the organisation's resources (as stored, apart from the SDK's schemas), and how each is
 * shown: secrets left out of lists, storage credentials never shown at all.
 */

/** Config states, shared by webhook and storage configs. */
export type ConfigState = 'new' | 'valid' | 'invalid' | 'deactivated';

/** An organisation as stored: its lists of configs and its state are derived when it is shown. */
export interface StoredOrganisation {
  /** Identifier. */
  id: string;
  /** Always `organisation`. */
  resource: 'organisation';
  /** `standard` (the API also has `super`). */
  type: 'standard';
  /** The organisation's name. */
  name: string;
  /** A short name. */
  slug: string;
  /** The API version the organisation is set to. */
  api_version: string;
  /** The organisation's settings: only `publish_source_files` for now. */
  config: {
    /** The one setting the API documents so far. */
    publish_source_files: boolean;
  };
  /** The webhook config its keys' events go to unless a key names its own (its id). */
  webhook_config_default: string | null;
  /** The storage config its keys' results go to unless a key names its own (its id). */
  storage_config_default: string | null;
  /** When the organisation was created (ISO 8601). */
  date_created: string;
}

/** A key as stored, its token included. */
export interface StoredKey {
  /** Identifier, as `retrieve`, `update` and `rotate` take it. */
  id: string;
  /** Always `key`. */
  resource: 'key';
  /** The organisation the key belongs to (its id). */
  organisation: string;
  /** `standard` (the API also has `trial`). */
  type: 'standard';
  /** The key's settings: `publish_source_files`. */
  config: {
    /** The one setting the API documents for a key. */
    publish_source_files: boolean;
  };
  /** The webhook config this key's events go to instead of the organisation's default (its id). */
  webhook_config: string | null;
  /** The storage config this key's results go to instead of the organisation's default (its id). */
  storage_config: string | null;
  /** The token, a secret: sent by create, retrieve, update and rotate; lists leave it out. */
  token: string;
  /** Always `active` here (the API also has `deactivated`, `blocked` and `expired`). */
  state: 'active';
  /** When the key was created (ISO 8601). */
  date_created: string;
  /** When the key expires: never here (the API sets it mostly for trials). */
  date_expires: null;
}

/** A storage config as stored, its credentials included. */
export interface StoredStorageConfig {
  /** Identifier, as `retrieve`, `update`, `test` and `delete` take it. */
  id: string;
  /** Always `storage_config`. */
  resource: 'storage_config';
  /** The organisation that owns the config (its id). */
  organisation: string;
  /** `gs` or `s3`, read from `url`. */
  type: 'gs' | 's3';
  /** The bucket and path: `gs://bucket/path` or `s3://bucket/path`. */
  url: string;
  /** The credentials the API writes with, as sent; answers show their field names only. */
  credentials: Record<string, unknown>;
  /** Whether results get signed URLs. */
  signed_urls_enabled: boolean;
  /** How long signed URLs stay valid, in seconds. */
  signed_urls_expiry: number | null;
  /** `new` until tested, then `valid` or `invalid`; `deactivated` once switched off. */
  state: ConfigState;
  /** When the config was created (ISO 8601). */
  date_created: string;
}

/** A permissions object: scopes, each a list of limits. */
export interface StoredPermissions {
  /** Identifier, as `retrieve` and `update` take it. */
  id: string;
  /** Always `permissions`, as ricloud-py names it. */
  resource: 'permissions';
  /** The organisation the permissions belong to (its id). */
  organisation: string;
  /** Each scope (`source_type:icloud.account`, `task_type:icloud.*`, …) with its list of limits. */
  scopes: Record<string, unknown[]>;
  /** When the permissions were created (ISO 8601). */
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

/**
 * The mock's own shapes of the organisation's resources (the SDK's schemas for them come later), and how each is
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
export const redactCredentials = (credentials: Record<string, unknown>): Record<string, string> =>
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

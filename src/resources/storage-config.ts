/**
 * The storage config resource: the bucket the API publishes results to, and the credentials it writes with.
 * `/configs/storage`. Credentials are secrets: sent, never printed, logged or serialised.
 */
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { type AtLeastOne, bool, dateFilter, type Field, oneOf, type Ref, text } from '../core/fields';
import { APIResource, send, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import { checkRule, isPlainObject, type DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import { STORAGE_TYPES, WEBHOOK_CONFIG_UPDATE_STATES } from '../core/wire';
import { storageConfigSchema, type StorageConfigAttributes, type StorageConfigState } from './storage-config.schema';
import { Task } from './task';
import { type TaskAttributes, taskSchema } from './task.schema';

/** Credentials as the API takes them: a GCP service-account key, or AWS keys (see `readCredentialsFile`). */
export type StorageCredentials = Record<string, string | number | boolean | null>;

/** Parameters of `create`. */
export interface StorageConfigCreateParams {
  /** The bucket and path: `gs://bucket/path` or `s3://bucket/path`. */
  url: string;
  /** The credentials the API writes with. */
  credentials: StorageCredentials;
  /** Whether results get signed URLs. */
  signed_urls_enabled?: boolean | undefined;
  /** How long signed URLs stay valid, in seconds (`null`: the API's default). */
  signed_urls_expiry?: number | null | undefined;
}

/** The fields an update may change. */
interface StorageConfigUpdateFields {
  /** A new bucket url; the API tests it again. */
  url?: string | undefined;
  /** New credentials; the API tests them again. */
  credentials?: StorageCredentials | undefined;
  /** Whether results get signed URLs. */
  signed_urls_enabled?: boolean | undefined;
  /** How long signed URLs stay valid, in seconds. */
  signed_urls_expiry?: number | null | undefined;
  /** `deactivated` retires the config; `new` puts it back and tests it again. */
  state?: (typeof WEBHOOK_CONFIG_UPDATE_STATES)[number] | undefined;
}

/** Parameters of `update`: any of the create fields, or a `state` (an empty update is a type error). */
export type StorageConfigUpdateParams = AtLeastOne<StorageConfigUpdateFields>;

/** Filters of `list`. Deactivated configs are left out unless `state` asks for them. */
export interface StorageConfigListParams {
  /** Only configs in this state. */
  state?: StorageConfigState | undefined;
  /** Only configs of this kind, `gs` or `s3`. */
  type?: (typeof STORAGE_TYPES)[number] | undefined;
  /** Only configs created at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this config (or its id). */
  after_id?: Ref<'storage_config'> | undefined;
  /** Cursor: stop listing at this config (or its id). */
  before_id?: Ref<'storage_config'> | undefined;
}

/** A bucket url: `gs://` or `s3://`, a bucket name, then an optional path. */
const BUCKET_URL = /^(?:gs|s3):\/\/[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](?:\/\S*)?$/;

const bucketUrl: Field = (value, field) => {
  checkRule(value, field, [(v) => typeof v === 'string', 'a string']);
  if (!BUCKET_URL.test(value as string))
    throw new InvalidInputError(field, 'must be gs://<bucket>/<path> or s3://<bucket>/<path>');
  return value;
};

/** Credentials: a non-empty object of plain values. The message never describes what was given. */
const credentials: Field = (value, field) => {
  if (!isPlainObject(value) || Object.keys(value).length === 0)
    throw new InvalidInputError(field, 'must be a non-empty object of strings (a GCP JSON key or AWS keys)');
  for (const [key, v] of Object.entries(value))
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v))
      throw new InvalidInputError(`${field}.${key}`, 'must be a string, a number, true, false or null');
  return value;
};

/** Seconds, or `null` for the API's default. */
const expiry: Field = (value, field) => {
  if (value !== null)
    checkRule(value, field, [
      (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
      'a positive number of seconds or null',
    ]);
  return value;
};

const FIELDS = { url: bucketUrl, credentials, signed_urls_enabled: bool, signed_urls_expiry: expiry };
const PATH = '/configs/storage';
const schema = storageConfigSchema;
const CREATE: Endpoint<[params: StorageConfigCreateParams], StorageConfigAttributes, StorageConfig> = {
  method: 'POST',
  path: PATH,
  schema,
  retry: 'once',
  what: 'create storage_config',
  params: { name: 'create', fields: FIELDS, required: ['url', 'credentials'] },
  wrap: () => StorageConfig,
};
const RETRIEVE: Endpoint<[id: string], StorageConfigAttributes, StorageConfig> = {
  method: 'GET',
  path: '/configs/storage/{id}',
  schema,
  what: 'storage_config {id}',
  wrap: () => StorageConfig,
};
const UPDATE: Endpoint<[id: string, params: StorageConfigUpdateParams], StorageConfigAttributes, StorageConfig> = {
  method: 'POST',
  path: '/configs/storage/{id}',
  schema,
  what: 'storage_config {id}',
  params: {
    name: 'update',
    fields: {
      url: bucketUrl,
      credentials,
      signed_urls_enabled: bool,
      signed_urls_expiry: expiry,
      state: /* @__PURE__ */ oneOf(WEBHOOK_CONFIG_UPDATE_STATES, 'can only be set to'),
    },
    nonEmpty: true,
  },
  wrap: () => StorageConfig,
};
const TEST: Endpoint<[id: string], TaskAttributes, Task> = {
  method: 'POST',
  path: '/configs/storage/{id}/test',
  schema: taskSchema,
  retry: 'once',
  what: 'test storage_config {id}',
  wrap: () => Task,
};
const DELETE: Endpoint<[id: string], StorageConfigAttributes, StorageConfig> = {
  method: 'DELETE',
  path: '/configs/storage/{id}',
  schema,
  what: 'delete storage_config {id}',
  wrap: () => StorageConfig,
};
const LIST: ListEndpoint<StorageConfigListParams, StorageConfigAttributes, StorageConfig> = {
  path: PATH,
  schema,
  what: 'storage_config list',
  filters: { state: text, type: /* @__PURE__ */ oneOf(STORAGE_TYPES), date_created: dateFilter },
  wrap: () => StorageConfig,
};

/** Storage config methods bound to one client: `client.storageConfigs`. */
export class StorageConfigs extends APIResource {
  /**
   * Creates a config; the API starts a `storage_config.test` task. Never re-sent after the server may have acted.
   * @throws InvalidInputError for a missing or bad `url` or `credentials`; RicloudError for API and network failures.
   */
  create = this.method(CREATE);

  /**
   * Fetches one config.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such config.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists configs, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Changes a config; a new url or credentials, or state `new`, is tested again.
   * @throws InvalidInputError for an empty update or a bad field.
   */
  update = this.method(UPDATE);

  /**
   * Starts a `storage_config.test` task, which writes to the bucket with the credentials. Never re-sent after the
   * server may have acted.
   * @throws NotFoundError when there is no such config.
   */
  test = this.method(TEST);

  /**
   * Deletes a config; the API answers with it.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such config.
   */
  delete = this.method(DELETE);
}

/** A storage config has the API's attributes: `id`, `type`, `url`, `state`, `credentials`, … */
export interface StorageConfig extends StorageConfigAttributes {}

/**
 * A storage config. Static methods use the default client (or `options.client`); instance methods the client it came
 * from. `credentials` is readable but never printed or serialised.
 */
export class StorageConfig extends Resource {
  /** Updates this config in place and returns it. */
  update(params: StorageConfigUpdateParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches this config again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** Starts a test of this config; returns its task. */
  test(options?: RequestOptions): Promise<Task> {
    return send(this, TEST, [options]);
  }

  /** Deletes this config; returns the API's last view of it. */
  delete(options?: RequestOptions): Promise<StorageConfig> {
    return send(this, DELETE, [options]);
  }

  /** `storage_config`, as the API names this resource. */
  static override readonly resource = 'storage_config' as const;
  /** `POST /configs/storage`. See `StorageConfigs.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /configs/storage/{id}`. See `StorageConfigs.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /configs/storage`. See `StorageConfigs.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /configs/storage/{id}`. See `StorageConfigs.update`. */
  static updateWithId = /* @__PURE__ */ staticMethod(UPDATE);
  /** `POST /configs/storage/{id}/test`. See `StorageConfigs.test`. */
  static testWithId = /* @__PURE__ */ staticMethod(TEST);
  /** `DELETE /configs/storage/{id}`. See `StorageConfigs.delete`. */
  static deleteWithId = /* @__PURE__ */ staticMethod(DELETE);
}

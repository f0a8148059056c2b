/** The webhook config resource: where the API sends signed events. `/configs/webhook` */
import type { Endpoint, ListEndpoint, Wrap } from '../core/endpoint';
import { type AtLeastOne, dateFilter, oneOf, type Ref, text, url } from '../core/fields';
import { APIResource, send, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { RequestOptions } from '../core/options';
import type { DateFilter } from '../core/params';
import { Resource } from '../core/resource';
import type { Kit } from '../core/schema-kit';
import { WEBHOOK_CONFIG_UPDATE_STATES } from '../core/wire';
import { webhookConfigSchema, type WebhookConfigAttributes, type WebhookConfigState } from './webhook-config.schema';
import { Task } from './task';
import { type TaskAttributes, taskSchema } from './task.schema';

/** Parameters of `create`. */
export interface WebhookConfigCreateParams {
  /** The receiver's absolute http(s) URL. */
  url: string;
}

/** A state a caller may set with an update. */
export type WebhookConfigUpdateState = (typeof WEBHOOK_CONFIG_UPDATE_STATES)[number];

/** The fields an update may change. */
interface WebhookConfigUpdateFields {
  /** A new receiver URL; the API tests it again. */
  url?: string | undefined;
  /** `deactivated` retires the config; `new` puts it back and tests it again. */
  state?: WebhookConfigUpdateState | undefined;
}

/** Parameters of `update`: a new `url`, a new `state`, or both (an empty update is a type error). */
export type WebhookConfigUpdateParams = AtLeastOne<WebhookConfigUpdateFields>;

/** Filters of `list`. Deactivated configs are left out unless `state` asks for them. */
export interface WebhookConfigListParams {
  /** Only configs in this state; `deactivated` ones are listed only when asked for. */
  state?: WebhookConfigState | undefined;
  /**
   * Only configs created at this instant or within this range: a Date, an ISO string, or `{ gt, gte, lt, lte }` of
   * them.
   */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this config (or its id). */
  after_id?: Ref<'webhook_config'> | undefined;
  /** Cursor: stop listing at this config (or its id). */
  before_id?: Ref<'webhook_config'> | undefined;
}

/**
 * A webhook config as `create` answers it: with its `secret`, which later answers may leave out. The type to keep
 * that in a variable: `let cfg: CreatedWebhookConfig = await WebhookConfig.create({ url })`.
 */
export interface CreatedWebhookConfig extends WebhookConfig {
  /** The secret the API signs this config's events with: keep it to verify deliveries. */
  secret: string;
}

const PATH = '/configs/webhook';
const schema = webhookConfigSchema;
const CREATE: Endpoint<
  [params: WebhookConfigCreateParams],
  WebhookConfigAttributes & { secret: string },
  CreatedWebhookConfig
> = {
  method: 'POST',
  path: PATH,
  schema: (kit: Kit) => kit.z.looseObject({ ...schema(kit).shape, secret: kit.z.string() }),
  retry: 'once',
  what: 'create webhook_config',
  params: { name: 'create', fields: { url }, required: ['url'] },
  wrap: () => WebhookConfig as Wrap<WebhookConfigAttributes, CreatedWebhookConfig>,
};
const RETRIEVE: Endpoint<[id: string], WebhookConfigAttributes, WebhookConfig> = {
  method: 'GET',
  path: '/configs/webhook/{id}',
  schema,
  what: 'webhook_config {id}',
  wrap: () => WebhookConfig,
};
const UPDATE: Endpoint<[id: string, params: WebhookConfigUpdateParams], WebhookConfigAttributes, WebhookConfig> = {
  method: 'POST',
  path: '/configs/webhook/{id}',
  schema,
  what: 'webhook_config {id}',
  params: {
    name: 'update',
    fields: { url, state: /* @__PURE__ */ oneOf(WEBHOOK_CONFIG_UPDATE_STATES, 'can only be set to') },
    nonEmpty: true,
  },
  wrap: () => WebhookConfig,
};
const TEST: Endpoint<[id: string], TaskAttributes, Task> = {
  method: 'POST',
  path: '/configs/webhook/{id}/test',
  schema: taskSchema,
  retry: 'once',
  what: 'test webhook_config {id}',
  wrap: () => Task,
};
const DELETE: Endpoint<[id: string], WebhookConfigAttributes, WebhookConfig> = {
  method: 'DELETE',
  path: '/configs/webhook/{id}',
  schema,
  what: 'delete webhook_config {id}',
  wrap: () => WebhookConfig,
};
const LIST: ListEndpoint<WebhookConfigListParams, WebhookConfigAttributes, WebhookConfig> = {
  path: PATH,
  schema,
  what: 'webhook_config list',
  filters: { state: text, date_created: dateFilter },
  wrap: () => WebhookConfig,
};

/** Webhook config methods bound to one client: `client.webhookConfigs`. */
export class WebhookConfigs extends APIResource {
  /**
   * Creates a config; the API answers with its `secret` and starts a `webhook_config.test` task.
   * Never re-sent after the server may have acted: on failure check `error.mayHaveSucceeded`.
   * @throws InvalidInputError for a missing or bad `url`; ResponseValidationError for an answer without its `secret`;
   *   RicloudError for API and network failures.
   */
  create = this.method(CREATE);

  /**
   * Fetches one config.
   * @throws InvalidInputError for a bad id; NotFoundError when this organisation has no such config.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists configs, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Changes a config's `url` or `state`; the API tests it again unless it was deactivated.
   * @throws InvalidInputError for an empty update, a bad url or a state other than new/deactivated.
   */
  update = this.method(UPDATE);

  /**
   * Starts a `webhook_config.test` task, which sends a signed test event to the config's url.
   * Never re-sent after the server may have acted.
   * @throws NotFoundError when there is no such config.
   */
  test = this.method(TEST);

  /**
   * Deletes a config; the API answers with it. Keys and the organisation default that named it fall back to the
   * organisation's route.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such config.
   */
  delete = this.method(DELETE);
}

/** A webhook config has the API's attributes: `id`, `url`, `state`, `secret`, `date_created`, … */
export interface WebhookConfig extends WebhookConfigAttributes {}

/**
 * A webhook config. Static methods use the default client (or `options.client`); instance methods use the client
 * the config came from. `secret` is readable but never printed or serialised.
 */
export class WebhookConfig extends Resource {
  /** Updates this config in place and returns it. */
  update(params: WebhookConfigUpdateParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches this config again, in place. The `secret` from `create` is kept when the answer leaves it out or null. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** Starts a test of this config; returns its task. */
  test(options?: RequestOptions): Promise<Task> {
    return send(this, TEST, [options]);
  }

  /** Deletes this config; returns the API's last view of it. */
  delete(options?: RequestOptions): Promise<WebhookConfig> {
    return send(this, DELETE, [options]);
  }

  /** `webhook_config`, as the API names this resource. */
  static override readonly resource = 'webhook_config' as const;
  /** `POST /configs/webhook`. See `WebhookConfigs.create`. */
  static create = /* @__PURE__ */ staticMethod(CREATE);
  /** `GET /configs/webhook/{id}`. See `WebhookConfigs.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /configs/webhook`. See `WebhookConfigs.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /configs/webhook/{id}`. See `WebhookConfigs.update`. */
  static updateWithId = /* @__PURE__ */ staticMethod(UPDATE);
  /** `POST /configs/webhook/{id}/test`. See `WebhookConfigs.test`. */
  static testWithId = /* @__PURE__ */ staticMethod(TEST);
  /** `DELETE /configs/webhook/{id}`. See `WebhookConfigs.delete`. */
  static deleteWithId = /* @__PURE__ */ staticMethod(DELETE);
}

/** The webhook config resource: where the API sends signed events. `/configs/webhook` */
import { clientFor, type Client } from '../client';
import { InvalidInputError } from '../core/errors';
import { lazyPages, listPages, type PagePromise } from '../core/list';
import { checkKeys, checkObject, checkUrl, encodeId, type DateFilter } from '../core/params';
import type { RequestOptions } from '../core/request';
import { Resource } from '../core/resource';
import { WEBHOOK_CONFIG_UPDATE_STATES } from '../core/wire';
import type { WebhookConfigAttributes, WebhookConfigState } from '../schemas';
import { Task } from './task';

const PATH = '/configs/webhook';

/** Options of every call: request options, plus the client to use instead of the default one. */
export interface CallOptions extends RequestOptions {
  /** The client to send with, instead of the default one from `configure()`. */
  client?: Client | undefined;
}

/** Parameters of `create`. */
export interface WebhookConfigCreateParams {
  /** The receiver's absolute http(s) URL. */
  url: string;
}

/** A state a caller may set with an update. */
export type WebhookConfigUpdateState = (typeof WEBHOOK_CONFIG_UPDATE_STATES)[number];

/** The fields an update may change. */
interface UpdateFields {
  /** A new receiver URL; the API tests it again. */
  url?: string | undefined;
  /** `deactivated` retires the config; `new` puts it back and tests it again. */
  state?: WebhookConfigUpdateState | undefined;
}

/** Parameters of `update`: a new `url`, a new `state`, or both (an empty update is a type error). */
export type WebhookConfigUpdateParams =
  | (UpdateFields & { url: string })
  | (UpdateFields & { state: WebhookConfigUpdateState });

/** Filters of `list`. Deactivated configs are left out unless `state` asks for them. */
export interface WebhookConfigListParams {
  /** Only configs in this state; `deactivated` ones are listed only when asked for. */
  state?: WebhookConfigState | undefined;
  /** Only configs created at this instant or within this range: a Date, an ISO string, or `{ gt, gte, lt, lte }` of them. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this config id. */
  after_id?: string | undefined;
  /** Cursor: stop listing at this config id. */
  before_id?: string | undefined;
}

function checkUpdate(params: unknown): WebhookConfigUpdateParams {
  const p = checkObject(params, 'params');
  checkKeys(p, ['url', 'state'], 'update');
  const body: UpdateFields = {};
  if (p.url !== undefined) body.url = checkUrl(p.url);
  if (p.state !== undefined) {
    if (!(WEBHOOK_CONFIG_UPDATE_STATES as readonly unknown[]).includes(p.state)) {
      throw new InvalidInputError('state', `can only be set to ${WEBHOOK_CONFIG_UPDATE_STATES.join(' or ')}`);
    }
    body.state = p.state as WebhookConfigUpdateState;
  }
  if (Object.keys(body).length === 0) throw new InvalidInputError('params', 'an update needs url or state');
  return body as WebhookConfigUpdateParams;
}

/** Webhook config methods bound to one client: `client.webhookConfigs`. */
export class WebhookConfigs {
  /** @internal Built by the client: use `client.webhookConfigs`. */
  constructor(private readonly client: Client) {}

  /**
   * Creates a config; the API answers with its `secret` and starts a `webhook_config.test` task.
   * Never re-sent after the server may have acted: on failure check `error.mayHaveSucceeded`.
   * @throws InvalidInputError for a missing or bad `url`; RicloudError for API and network failures.
   */
  async create(params: WebhookConfigCreateParams, options?: CallOptions): Promise<WebhookConfig> {
    const p = checkObject(params, 'params');
    checkKeys(p, ['url'], 'create');
    if (p.url === undefined) throw new InvalidInputError('url', 'is required');
    const body = { url: checkUrl(p.url) };
    const { data, response } = await this.client.request(
      {
        method: 'POST',
        path: PATH,
        body,
        retry: 'once',
        schema: (s) => s.webhookConfigSchema,
        what: 'create webhook_config',
      },
      options,
    );
    return new WebhookConfig(data, response, this.client);
  }

  /**
   * Fetches one config.
   * @throws InvalidInputError for a bad id; NotFoundError when this organisation has no such config.
   */
  async retrieve(id: string, options?: CallOptions): Promise<WebhookConfig> {
    const { data, response } = await this.client.request(
      {
        method: 'GET',
        path: `${PATH}/${encodeId(id)}`,
        retry: 'idempotent',
        schema: (s) => s.webhookConfigSchema,
        what: `webhook_config ${id}`,
      },
      options,
    );
    return new WebhookConfig(data, response, this.client);
  }

  /**
   * Lists configs, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params?: WebhookConfigListParams, options?: CallOptions): PagePromise<WebhookConfig> {
    return listPages(
      params,
      { strings: ['state'], dates: ['date_created'] },
      (query) =>
        this.client.request(
          {
            method: 'GET',
            path: PATH,
            query,
            retry: 'idempotent',
            schema: (s) => s.webhookConfigPageSchema,
            page: true,
            what: 'webhook_config list',
          },
          options,
        ),
      (item, response) => new WebhookConfig(item, response, this.client),
    );
  }

  /**
   * Changes a config's `url` or `state`; the API tests it again unless it was deactivated.
   * @throws InvalidInputError for an empty update, a bad url or a state other than new/deactivated.
   */
  async update(id: string, params: WebhookConfigUpdateParams, options?: CallOptions): Promise<WebhookConfig> {
    const path = `${PATH}/${encodeId(id)}`;
    const body = checkUpdate(params);
    const { data, response } = await this.client.request(
      {
        method: 'POST',
        path,
        body,
        retry: 'idempotent',
        schema: (s) => s.webhookConfigSchema,
        what: `webhook_config ${id}`,
      },
      options,
    );
    return new WebhookConfig(data, response, this.client);
  }

  /**
   * Starts a `webhook_config.test` task, which sends a signed test event to the config's url.
   * Never re-sent after the server may have acted.
   * @throws NotFoundError when there is no such config.
   */
  async test(id: string, options?: CallOptions): Promise<Task> {
    const { data, response } = await this.client.request(
      {
        method: 'POST',
        path: `${PATH}/${encodeId(id)}/test`,
        retry: 'once',
        schema: (s) => s.taskSchema,
        what: `test webhook_config ${id}`,
      },
      options,
    );
    return new Task(data, response, this.client);
  }
}

/** A webhook config has the API's attributes: `id`, `url`, `state`, `secret`, `date_created`, … */
export interface WebhookConfig extends WebhookConfigAttributes {}

/**
 * A webhook config. Static methods use the default client (or `options.client`); instance methods use the client
 * the config came from. `secret` is readable but never printed or serialised.
 */
export class WebhookConfig extends Resource<Client> {
  /** `POST /configs/webhook`. See `WebhookConfigs.create`. */
  static async create(params: WebhookConfigCreateParams, options?: CallOptions): Promise<WebhookConfig> {
    return await clientFor(options).webhookConfigs.create(params, options);
  }

  /** `GET /configs/webhook/{id}`. See `WebhookConfigs.retrieve`. */
  static async retrieve(id: string, options?: CallOptions): Promise<WebhookConfig> {
    return await clientFor(options).webhookConfigs.retrieve(id, options);
  }

  /** `GET /configs/webhook`. See `WebhookConfigs.list`. */
  static list(params?: WebhookConfigListParams, options?: CallOptions): PagePromise<WebhookConfig> {
    return lazyPages(() => clientFor(options).webhookConfigs.list(params, options));
  }

  /** `POST /configs/webhook/{id}`. See `WebhookConfigs.update`. */
  static async updateWithId(
    id: string,
    params: WebhookConfigUpdateParams,
    options?: CallOptions,
  ): Promise<WebhookConfig> {
    return await clientFor(options).webhookConfigs.update(id, params, options);
  }

  /** `POST /configs/webhook/{id}/test`. See `WebhookConfigs.test`. */
  static async testWithId(id: string, options?: CallOptions): Promise<Task> {
    return await clientFor(options).webhookConfigs.test(id, options);
  }

  /** Updates this config in place and returns it. */
  async update(params: WebhookConfigUpdateParams, options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.webhookConfigs.update(this.id, params, options));
  }

  /** Fetches this config again, in place. The `secret` from `create` is kept when the answer leaves it out. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => this.client.webhookConfigs.retrieve(this.id, options));
  }

  /** Starts a test of this config; returns its task. */
  test(options?: RequestOptions): Promise<Task> {
    return this.client.webhookConfigs.test(this.id, options);
  }
}

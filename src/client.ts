/** Client and configure(): options, environment, defaults. A client owns one transport (one ky instance). */
import { InvalidInputError } from './core/errors';
import { envLogLevel, LOG_LEVELS, LOG_METHODS, type Logger, type LogLevel } from './core/log';
import { checkBaseUrl, checkRules, typed, type Rule } from './core/params';
import type { Validation } from './core/parse';
import { showAs } from './core/inspect';
import { REDACTED } from './core/redact';
import {
  checkRequestOptions,
  createTransport,
  send,
  type Hooks,
  type RequestOptions,
  type RequestSpec,
  type ResponseMeta,
  type Transport,
} from './core/request';
import { DEFAULT_BASE_URL } from './core/wire';
import { Events } from './resources/event';
import { Tasks } from './resources/task';
import { WebhookConfigs } from './resources/webhook-config';

/** Milliseconds one attempt may take unless told otherwise. */
export const DEFAULT_TIMEOUT = 30_000;
/** Retries after the first attempt unless told otherwise. */
export const DEFAULT_MAX_RETRIES = 2;

/** Settings of a client. Every one is optional; see each for its default. */
export interface ClientOptions extends Hooks {
  /** The key token; defaults to `RICLOUD_TOKEN`. Sent as `Authorization: Token <token>`, never printed. */
  token?: string | undefined;
  /** The API's base URL; defaults to `RICLOUD_URL`, else `https://ricloud-api.reincubate.com`. */
  baseUrl?: string | undefined;
  /** Milliseconds each attempt may take (default 30 000). */
  timeout?: number | undefined;
  /** Milliseconds a whole call may take, retries and backoff included (default 3 × timeout). */
  deadline?: number | undefined;
  /** Retries after a failed attempt (default 2). See the README for which failures are retried. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** A `fetch` to use instead of the global one (proxies, tests). */
  fetch?: typeof fetch | undefined;
  /** Where log lines go (default `console`). */
  logger?: Logger | undefined;
  /** How much to log (default `RICLOUD_LOG`, else `warn`). */
  logLevel?: LogLevel | undefined;
  /**
   * Check every response against the resource's schema (default `true`: a body that breaks it is a
   * `ResponseValidationError`). `'warn'` logs that error and returns the body unchecked; `false` skips the schemas.
   */
  validate?: Validation | undefined;
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** The checks of client options, besides those every request option has. */
const CLIENT_RULES: Record<string, Rule> = {
  token: typed('string'),
  fetch: typed('function'),
  logLevel: [(v) => LOG_LEVELS.includes(v as LogLevel), `one of ${LOG_LEVELS.join(', ')}`],
  logger: [
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      LOG_METHODS.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
    `an object with ${LOG_METHODS.join(', ')} methods`,
  ],
  validate: [(v) => typeof v === 'boolean' || v === 'warn', "true, false or 'warn'"],
};

/** Checks client options; every refusal names the option. */
function checkClientOptions(options: unknown): ClientOptions {
  const o: ClientOptions = checkRequestOptions(options, 'options');
  checkRules(o as Record<string, unknown>, 'options', CLIENT_RULES);
  if (o.baseUrl !== undefined) checkBaseUrl(o.baseUrl, 'options.baseUrl');
  return o;
}

/**
 * A ricloud API client with its own token and settings. The static methods (`WebhookConfig.create`, …) use the
 * default client set by `configure()`; a `Client` keeps state apart, so two can run side by side.
 * @throws InvalidInputError when an option has the wrong type or value.
 */
export class Client {
  // Set by the constructor; `declare` spares each bundle a class field that would first define it as undefined.
  /** The base URL requests go to. */
  declare readonly baseUrl: string;
  /** Webhook configs, bound to this client. */
  declare readonly webhookConfigs: WebhookConfigs;
  /** Tasks, bound to this client. */
  declare readonly tasks: Tasks;
  /** Events, bound to this client. */
  declare readonly events: Events;
  readonly #options: ClientOptions;
  readonly #token: string;
  readonly #transport: Transport;

  /**
   * Checks `options`, and takes what they leave out from `RICLOUD_TOKEN`, `RICLOUD_URL` and `RICLOUD_LOG`.
   * Sends nothing: a missing token is reported by the first call.
   * @throws InvalidInputError when an option or `RICLOUD_URL` has the wrong type or value, or the token cannot be sent in a header.
   */
  constructor(options: ClientOptions = {}) {
    const o = checkClientOptions(options);
    this.#options = o;
    this.#token = o.token ?? env('RICLOUD_TOKEN') ?? '';
    this.baseUrl = (o.baseUrl ?? env('RICLOUD_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    if (o.baseUrl === undefined) checkBaseUrl(this.baseUrl, 'RICLOUD_URL');
    this.#transport = createTransport({
      ...o,
      baseUrl: this.baseUrl,
      token: this.#token,
      timeout: o.timeout ?? DEFAULT_TIMEOUT,
      maxRetries: o.maxRetries ?? DEFAULT_MAX_RETRIES,
      logger: o.logger ?? console,
      logLevel: o.logLevel ?? envLogLevel(env('RICLOUD_LOG')) ?? 'warn',
      validate: o.validate ?? true,
    });
    this.webhookConfigs = new WebhookConfigs(this);
    this.tasks = new Tasks(this);
    this.events = new Events(this);
  }

  /** A new client with these options laid over this one's (an option set to undefined keeps this one's value). */
  withOptions(options: ClientOptions): Client {
    // An option given as undefined keeps this client's value, as one left out does.
    const given = Object.entries(checkClientOptions(options)).filter(([, value]) => value !== undefined);
    return newClient({ ...this.#options, token: this.#token, baseUrl: this.baseUrl, ...Object.fromEntries(given) });
  }

  /**
   * Sends one API call through the pipeline. Resources use this; it is public for endpoints the SDK does not wrap yet.
   * @throws RicloudError in every failure case.
   */
  async request<T>(spec: RequestSpec<T>, options?: RequestOptions): Promise<{ data: T; response: ResponseMeta }> {
    if (!this.#token)
      throw new InvalidInputError(
        'token',
        'no API token: pass { token } to the client or configure(), or set RICLOUD_TOKEN',
      );
    // `return await` settles this call's promise a few microtask ticks sooner than returning `send`'s promise.
    return await send(this.#transport, spec, checkRequestOptions(options));
  }

  /** The settings, without the token. */
  toJSON(): Record<string, unknown> {
    const { token: _token, fetch: _fetch, logger: _logger, headers, ...rest } = this.#options;
    return {
      ...rest,
      baseUrl: this.baseUrl,
      token: this.#token ? REDACTED : '',
      ...(headers ? { headers: Object.fromEntries(Object.keys(headers).map((k) => [k, REDACTED])) } : {}),
    };
  }
}

// How `util.inspect` and `console.log` show a client: its settings, without the token.
showAs(Client, (client) => client.toJSON());

/** A new client, made outside the class's body: a class that names itself there is renamed `_Client` by bundlers. */
const newClient = (options: ClientOptions): Client => new Client(options);

let current: Client | undefined;

/**
 * Sets up the default client that the static methods use, and returns it.
 * Options not given keep their defaults (`RICLOUD_TOKEN`, `RICLOUD_URL`).
 * @throws InvalidInputError when an option has the wrong type or value.
 */
export function configure(options: ClientOptions = {}): Client {
  current = new Client(options);
  return current;
}

/** The default client: the one `configure()` made, else one built from the environment. */
export function defaultClient(): Client {
  current ??= new Client();
  return current;
}

/** The client a call should use: `options.client` when given, else the default one. */
export function clientFor(options: { client?: Client | undefined } | undefined): Client {
  const client = options?.client;
  if (client !== undefined && !(client instanceof Client))
    throw new InvalidInputError('options.client', 'must be a Client');
  return client ?? defaultClient();
}

/**
 * The core of a client: its settings (checked in `client-options.ts`), environment and defaults, and the one place
 * that sends. It holds no resource group, so an app that uses `configure()` and the static methods
 * (`WebhookConfig.create`, …) bundles only the resources it calls; `Client` adds the groups (`client.webhookConfigs`,
 * …).
 */
import { DEFAULT_MAX_RESPONSE_BYTES } from './body';
import type { Connection } from './download';
import { checkClientOptions, type ClientOptions, requestHeaders } from './client-options';
import { InvalidInputError } from './errors';
import { loadEngine } from '#load-engine';
import { INSPECT, inspected } from './inspect';
import { envLogLevel } from './log';
import { checkRequestOptions, type RequestOptions } from './options';
import { checkBaseUrl, checkObject, checkRule, checkRules, checkToken, isPlainObject } from './params';
import { REDACTED } from './redact';
import type { Rule } from './rules';
import { type Answer, HAS_TOKEN, type RequestSpec, SEND, TRANSPORT } from './spec';
import type { StandardSchemaV1 } from './standard-schema';
import type { Transport, TransportSettings } from './transport';
import { DEFAULT_BASE_URL } from './wire';

export type { ClientOptions } from './client-options';

/** Milliseconds one attempt may take unless told otherwise. */
export const DEFAULT_TIMEOUT = 30_000;
/** Retries after the first attempt unless told otherwise. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options of `client.get`, `post` and `delete`: the request options, plus what to send and how to check the answer. */
export interface RawOptions<T> extends RequestOptions {
  /** Query parameters: each value is sent as its text, an undefined one is left out. */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** Sent as the JSON body. */
  body?: object | undefined;
  /**
   * A schema the answer must pass, from any Standard Schema library (zod, valibot, arktype, …; it may be async);
   * without one, any JSON object (or an empty answer) is returned as it is.
   */
  schema?: StandardSchemaV1<unknown, T> | undefined;
  /**
   * `once` (the default for POST) re-sends only when the server certainly did not act; `idempotent` on any transient
   * failure.
   */
  retry?: 'once' | 'idempotent' | undefined;
}

/** The checks of the escape hatch's options: a bad `schema` would otherwise fail only once the answer came. */
const RAW_RULES: Record<string, Rule> = {
  query: [isPlainObject, 'an object'],
  schema: [
    (v) => {
      const props = (v as Partial<StandardSchemaV1> | null)?.['~standard'];
      return props?.version === 1 && typeof props.validate === 'function';
    },
    'a Standard Schema',
  ],
  retry: [(v) => v === 'once' || v === 'idempotent', "'once' or 'idempotent'"],
};

/** A value of the escape hatch's query: ky sends it as its text, and leaves an undefined one out. */
const QUERY_VALUE: Rule = [
  (v) => v === undefined || ['string', 'number', 'boolean'].includes(typeof v),
  'a string, number or boolean',
];

/**
 * An environment variable, trimmed as the CLI reads it; unset where there is no environment, where reading it is
 * refused, or when it is blank.
 */
function env(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws NotCapable for each variable: the client must still build from its options.
  }
}

/**
 * A ricloud API client with its own token and settings, without the resource groups: what `configure()` returns and
 * what `{ client }` takes. `Client` adds `client.webhookConfigs` and the other groups.
 * @throws InvalidInputError when an option has the wrong type or value.
 */
export class BaseClient {
  /** The base URL requests go to. */
  declare readonly baseUrl: string;
  readonly #options: ClientOptions;
  readonly #token: string;
  readonly #settings: TransportSettings;
  #transport: Transport | undefined;

  /**
   * Checks `options`, and takes what they leave out from `RICLOUD_TOKEN`, `RICLOUD_URL` and `RICLOUD_LOG`.
   * Sends nothing: a missing token is reported by the first call.
   * @throws InvalidInputError when an option or `RICLOUD_URL` has the wrong type or value, or the token cannot be sent
   *   in a header.
   */
  constructor(options: ClientOptions = {}) {
    const o = checkClientOptions(options);
    this.#options = o;
    this.#token = checkToken(o.token ?? env('RICLOUD_TOKEN') ?? '');
    this.baseUrl = (o.baseUrl ?? env('RICLOUD_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    if (o.baseUrl === undefined) checkBaseUrl(this.baseUrl, 'RICLOUD_URL');
    const { headers, ...rest } = o;
    this.#settings = {
      ...rest,
      baseUrl: this.baseUrl,
      token: this.#token,
      headers: requestHeaders(this.#token, headers),
      timeout: o.timeout ?? DEFAULT_TIMEOUT,
      maxRetries: o.maxRetries ?? DEFAULT_MAX_RETRIES,
      maxResponseBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      logger: o.logger ?? console,
      logLevel: o.logLevel ?? envLogLevel(env('RICLOUD_LOG')) ?? 'warn',
      validate: o.validate ?? true,
    };
  }

  /**
   * A new client of this class with these options laid over this one's (an option set to undefined keeps this one's
   * value).
   */
  withOptions(options: ClientOptions): this {
    // An option given as undefined keeps this client's value, as one left out does.
    const given = Object.entries(checkClientOptions(options)).filter(([, value]) => value !== undefined);
    const merged = { ...this.#options, token: this.#token, baseUrl: this.baseUrl, ...Object.fromEntries(given) };
    return new (this.constructor as new (options: ClientOptions) => this)(merged);
  }

  /**
   * `GET path` for an endpoint the SDK does not wrap yet; returns the JSON answer, checked by `schema` when given.
   * @throws RicloudError in every failure case.
   */
  get<T = unknown>(path: string, options?: RawOptions<T>): Promise<T> {
    return this.#raw('GET', path, options);
  }

  /**
   * `POST path` with `body` as JSON. Sent once unless `retry: 'idempotent'` says it may be repeated.
   * @throws RicloudError in every failure case.
   */
  post<T = unknown>(path: string, options?: RawOptions<T>): Promise<T> {
    return this.#raw('POST', path, options);
  }

  /**
   * `DELETE path`; returns the JSON answer, or undefined for an empty one.
   * @throws RicloudError in every failure case.
   */
  delete<T = unknown>(path: string, options?: RawOptions<T>): Promise<T> {
    return this.#raw('DELETE', path, options);
  }

  async #raw<T>(method: 'GET' | 'POST' | 'DELETE', path: unknown, options: RawOptions<T> = {}): Promise<T> {
    const o = checkObject(options, 'options');
    checkRules(o, 'options', RAW_RULES);
    const { query, body, schema, retry, ...rest } = o as RawOptions<T>;
    const what = `${method} ${checkPath(path)}`;
    const mode = retry ?? (method === 'POST' ? 'once' : 'idempotent');
    for (const key in query) checkRule(query[key], `options.query.${key}`, QUERY_VALUE);
    const spec = { method, path: path as string, query, body, schema, retry: mode, what };
    return (await this[SEND](spec, rest)).data;
  }

  /**
   * @internal Sends one request spec: what resources and the escape hatch use.
   * @throws RicloudError in every failure case.
   */
  async [SEND]<T>(spec: RequestSpec<T>, options?: RequestOptions): Promise<Answer<T>> {
    if (!this[HAS_TOKEN])
      throw new InvalidInputError(
        'token',
        'no API token: pass { token } to the client or configure(), or set RICLOUD_TOKEN',
      );
    const checked = checkRequestOptions(options);
    const { engine, transport } = await this[TRANSPORT]();
    return await engine.send(transport, spec, checked);
  }

  /** @internal This client's transport and the loaded engine, for `SEND` and for a result's file. */
  async [TRANSPORT](): Promise<Connection<Awaited<ReturnType<typeof loadEngine>>>> {
    const engine = await loadEngine();
    this.#transport ??= engine.createTransport(this.#settings);
    return { engine, transport: this.#transport };
  }

  /** @internal Whether this client holds a token (its own or `RICLOUD_TOKEN`'s): a call without one is refused. */
  get [HAS_TOKEN](): boolean {
    return this.#token !== '';
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

  /** How `util.inspect` and `console.log` show a client: its settings, without the token. */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return inspected(this, this.toJSON(), options, inspect);
  }
}

/**
 * Checks an escape-hatch path: below the base URL, so the token never goes to another host, nor above the base URL's
 * own path. Refused: a path not starting with one `/`, a control character, `\`, `?` or `#`, and a `.` or `..`
 * segment, percent-encoded too (URL resolves `/%2e%2e/` as `/../`).
 * @throws InvalidInputError naming `path`.
 */
function checkPath(path: unknown): string {
  if (typeof path !== 'string' || /^(?!\/(?!\/))|[\p{Cc}\\?#]|\/(\.|%2e){1,2}(\/|$)/iu.test(path))
    throw new InvalidInputError('path', 'must be a path below the base URL such as /key, with no query (pass query)');
  return path;
}

/**
 * The methods an endpoint declaration makes, each one line in its resource file: the client group's
 * (`create = this.method(CREATE)`), the static one (`static create = staticMethod(CREATE)`) and the instance one
 * (`update: inPlaceMethod(UPDATE)`, on the class `resource({ … })` makes). Each hands its arguments to `callEndpoint`.
 */
import type { BaseClient } from './client';
import { callEndpoint, type Endpoint, type ListEndpoint, listEndpoint } from './endpoint';
import type { PagePromise } from './list';
import type { CallOptions, RequestOptions } from './options';
import { Resource } from './resource';
import type { ResponseMeta } from './spec';

/** What an instance method takes: its endpoint's arguments without the id, which is the resource's own. */
type OwnArgs<Args extends unknown[]> = Args extends [id: string, ...infer Rest] ? Rest : Args;

/** Base of the client-bound resource groups (`client.webhookConfigs`, …): their methods are made from declarations. */
export abstract class APIResource {
  /** Built by the client, not by apps: use `client.webhookConfigs` and the like. */
  constructor(protected readonly client: BaseClient) {}

  /** The method that sends `endpoint` with this group's client. */
  protected method<Args extends unknown[], Out, R>(
    endpoint: Endpoint<Args, Out, R>,
  ): (...args: [...Args, options?: CallOptions]) => Promise<R> {
    return (...args: unknown[]) => callEndpoint(endpoint, args, this.client);
  }

  /** The method that lists `endpoint` with this group's client. */
  protected pages<Filters, Out, R extends { id: string }>(
    endpoint: ListEndpoint<Filters, Out, R>,
  ): (params?: Filters, options?: CallOptions) => PagePromise<R> {
    return (params, options) => listEndpoint(endpoint, params, options, this.client);
  }
}

/** The static method that sends `endpoint` with `options.client`, else the default client (`configure()`). */
export function staticMethod<Args extends unknown[], Out, R>(
  endpoint: Endpoint<Args, Out, R>,
): (...args: [...Args, options?: CallOptions]) => Promise<R> {
  return (...args: unknown[]) => callEndpoint(endpoint, args);
}

/** The static method that lists `endpoint` with `options.client`, else the default client. */
export function staticPages<Filters, Out, R extends { id: string }>(
  endpoint: ListEndpoint<Filters, Out, R>,
): (params?: Filters, options?: CallOptions) => PagePromise<R> {
  return (params, options) => listEndpoint(endpoint, params, options);
}

/** What the instance methods use of their resource: its id, and `Resource`'s client and reload. */
interface Own {
  readonly id: string;
  readonly client: BaseClient;
  reload(fetch: () => Promise<unknown>): Promise<unknown>;
}

/** The instance method that sends `endpoint` for this resource; it returns the answer's resource. */
export function instanceMethod<Args extends unknown[], Out, R>(
  endpoint: Endpoint<Args, Out, R>,
): (...args: [...OwnArgs<Args>, options?: RequestOptions]) => Promise<R> {
  return function (this: Own, ...args: unknown[]) {
    return callEndpoint(endpoint, args, this.client, this.id);
  };
}

/** The instance method that sends `endpoint` for this resource and takes the answer's attributes; it returns this. */
export function inPlaceMethod<Args extends unknown[], Out, R>(
  endpoint: Endpoint<Args, Out, R>,
): <T>(this: T, ...args: [...OwnArgs<Args>, options?: RequestOptions]) => Promise<T> {
  return function (this: Own, ...args: unknown[]) {
    return this.reload(() => callEndpoint(endpoint, args, this.client, this.id));
  } as <T>(this: T) => Promise<T>;
}

/**
 * The base class of a resource with these instance methods (made by `instanceMethod` and `inPlaceMethod`), on its
 * prototype as a class's methods are.
 */
export function resource<Methods extends object>(
  methods: Methods,
): new (
  attributes: object,
  response: ResponseMeta,
  client: BaseClient,
) => Resource<BaseClient> & Methods {
  class WithMethods extends Resource<BaseClient> {}
  for (const name in methods)
    Object.defineProperty(WithMethods.prototype, name, { value: methods[name], writable: true, configurable: true });
  return WithMethods as unknown as new (
    attributes: object,
    response: ResponseMeta,
    client: BaseClient,
  ) => Resource<BaseClient> & Methods;
}

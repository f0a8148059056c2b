/**
 * The methods an endpoint declaration makes, each one line in its resource file: the client group's
 * (`create = this.method(CREATE)`), the static one (`static create = staticMethod(CREATE)`) and the body of the
 * instance one (`update(params, options) { return sendInPlace(this, UPDATE, [params, options]); }`, a class method so
 * a spread's type leaves it out as a spread does). Each hands its arguments to `callEndpoint`.
 */
import type { BaseClient } from './client';
import { callEndpoint, type Endpoint, type ListEndpoint, listEndpoint } from './endpoint';
import type { PagePromise } from './list';
import type { CallOptions, RequestOptions } from './options';
import { clientOf, type Resource } from './resource';

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

/** What the instance methods use of their resource: its id, and `Resource`'s reload (protected). */
interface Own {
  readonly id: string;
  reload(fetch: () => Promise<unknown>, write: boolean): Promise<unknown>;
}

/** An instance method's arguments for `Args`, its endpoint's: without the id, which is the resource's own. */
type OwnCall<Args extends unknown[]> = [...OwnArgs<Args>, options: RequestOptions | undefined];

/**
 * The body of an instance method (`test(options) { return send(this, TEST, [options]); }`): sends `endpoint` on this
 * resource's id with the client it came from; resolves with the answer's resource.
 * @throws InvalidInputError (a rejection, as any refusal) for a clone of a resource, which has no client.
 */
export async function send<Args extends unknown[], Out, R>(
  resource: Resource,
  endpoint: Endpoint<Args, Out, R>,
  args: OwnCall<Args>,
): Promise<R> {
  return callEndpoint(endpoint, args, clientOf(resource), (resource as unknown as Own).id);
}

/**
 * The body of an in-place method (`update`, `refresh`, `rotate`): `send`, then this resource takes the answer's
 * attributes; an endpoint other than GET writes, so its answer outdates what was sent before it came.
 */
export function sendInPlace<T extends Resource, Args extends unknown[], Out>(
  resource: T,
  endpoint: Endpoint<Args, Out, unknown>,
  args: OwnCall<Args>,
): Promise<T> {
  const write = endpoint.method !== 'GET';
  return (resource as unknown as Own).reload(() => send(resource, endpoint, args), write) as Promise<T>;
}

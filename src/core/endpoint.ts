/**
 * Endpoints as resources declare them, and what turns a declaration into a call: the method, the path with its id,
 * the checked parameters (a POST's body, a GET's or DELETE's query), the answer's schema and the retry mode. Client
 * groups, static methods and instance methods all send through `callEndpoint` and `listEndpoint`.
 */
import type { BaseClient } from './client';
import { checkFields, type Field, LIST_CURSORS, type Params } from './fields';
import { listPages, type PagePromise } from './list';
import type { CallOptions } from './options';
import { encodeId } from './params';
import { secretValues } from './redact';
import type { RetryMode } from './retry';
import type { Schema } from './schema-kit';
import { type ResponseMeta, SEND } from './spec';

/** One endpoint. `{id}` in `path` and `what` stands for the id the method takes. */
export interface Endpoint<Out, R> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, e.g. `/configs/webhook/{id}/test`. */
  path: string;
  /** The answer's schema. */
  schema: Schema<Out>;
  /** The parameters it takes; without them it takes none. */
  params?: Params | undefined;
  /** `once` for calls that start work on the server (create, test); default `idempotent`. */
  retry?: RetryMode | undefined;
  /** How messages name the target, e.g. `test webhook_config {id}`. */
  what: string;
  /** The resource class the answer becomes (a function, as the class may be declared below the endpoint). */
  wrap: () => Wrap<Out, R>;
}

/** A list endpoint: its filters (besides the cursors and page size every list takes) and the schema of its items. */
export interface ListEndpoint<Out, R> {
  path: string;
  /** The schema of one item: the page around it is the API's list object. */
  schema: Schema<Out>;
  filters: Record<string, Field>;
  what: string;
  /** The resource class each item becomes. */
  wrap: () => Wrap<Out, R>;
}

/** A resource class, made from a validated answer. */
export type Wrap<Out, R> = new (data: Out, response: ResponseMeta, client: BaseClient) => R;

/** Sends `endpoint` with `client` for `id` (unless the path has none) with `params`; the answer becomes its resource. */
export async function callEndpoint<Out, R>(
  client: BaseClient,
  endpoint: Endpoint<Out, R>,
  id: unknown,
  params: unknown,
  options: CallOptions | undefined,
): Promise<R> {
  const { method, path, what } = endpoint;
  const encoded = path.includes('{id}') ? encodeId(id) : undefined;
  const checked = endpoint.params ? checkFields(params, endpoint.params) : undefined;
  const { data, response } = await client[SEND](
    {
      method,
      path: encoded === undefined ? path : path.replace('{id}', encoded),
      ...(method === 'POST'
        ? { body: checked, secrets: secretValues(checked) }
        : { query: checked as Record<string, string> | undefined }),
      retry: endpoint.retry ?? 'idempotent',
      schema: endpoint.schema,
      what: encoded === undefined ? what : what.replace('{id}', String(id)),
    },
    options,
  );
  return new (endpoint.wrap())(data, response, client);
}

/** Lists `endpoint` with `client` and `params` as filters; each item becomes its resource. Bad input rejects on first use. */
export function listEndpoint<Out, R extends { id: string }>(
  client: BaseClient,
  endpoint: ListEndpoint<Out, R>,
  params: unknown,
  options: CallOptions | undefined,
): PagePromise<R> {
  const spec = { fields: { ...endpoint.filters, ...LIST_CURSORS }, name: 'list' };
  const wrap = endpoint.wrap();
  return listPages(
    () => checkFields(params, spec) as Record<string, string>,
    (query) =>
      client[SEND]<{ data: Out[]; has_more: boolean }>(
        {
          method: 'GET',
          path: endpoint.path,
          query,
          retry: 'idempotent',
          schema: endpoint.schema as unknown as Schema<{ data: Out[]; has_more: boolean }>,
          page: true,
          what: endpoint.what,
        },
        options,
      ),
    (item, response) => new wrap(item, response, client),
  );
}

/** Base of the client-bound resource groups (`client.webhookConfigs`, …): each method hands a declaration on. */
export abstract class APIResource {
  /** @internal Built by the client: use `client.webhookConfigs` and the like. */
  constructor(protected readonly client: BaseClient) {}

  /** Sends `endpoint` with this group's client. See `callEndpoint`. */
  protected call<Out, R>(
    endpoint: Endpoint<Out, R>,
    id: unknown,
    params: unknown,
    options: CallOptions | undefined,
  ): Promise<R> {
    return callEndpoint(this.client, endpoint, id, params, options);
  }

  /** Lists `endpoint` with this group's client. See `listEndpoint`. */
  protected pages<Out, R extends { id: string }>(
    endpoint: ListEndpoint<Out, R>,
    params: unknown,
    options: CallOptions | undefined,
  ): PagePromise<R> {
    return listEndpoint(this.client, endpoint, params, options);
  }
}

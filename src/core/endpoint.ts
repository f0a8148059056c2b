/**
 * Endpoints as resources declare them, and the base that turns a declaration into a call: the method, the path with
 * its id, the checked parameters (a POST's body, a GET's or DELETE's query), the answer's schema and the retry mode.
 */
import type * as z from 'zod/mini';
import type { Client } from '../client';
import { checkFields, LIST_CURSORS, type Field, type Params } from './fields';
import { listPages, type PagePromise } from './list';
import type { CallOptions } from './options';
import { encodeId } from './params';
import { secretValues } from './redact';
import { type ResponseMeta, SEND } from './spec';
import type { RetryMode } from './retry';

/** One endpoint. `{id}` in `path` and `what` stands for the id the method takes. */
export interface Endpoint<Out> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, e.g. `/configs/webhook/{id}/test`. */
  path: string;
  /** The answer's schema. */
  schema: z.ZodMiniType<Out>;
  /** The parameters it takes; without them it takes none. */
  params?: Params | undefined;
  /** `once` for calls that start work on the server (create, test); default `idempotent`. */
  retry?: RetryMode | undefined;
  /** How messages name the target, e.g. `test webhook_config {id}`. */
  what: string;
}

/** A list endpoint: its filters (besides the cursors and page size every list takes) and its page schema. */
export interface ListEndpoint<Out> {
  path: string;
  schema: z.ZodMiniType<{ data: Out[]; has_more: boolean; total_count?: number | undefined; url?: string | undefined }>;
  filters: Record<string, Field>;
  what: string;
}

/** A resource class, made from a validated answer. */
export type Wrap<Out, R> = new (data: Out, response: ResponseMeta, client: Client) => R;

/** Base of the client-bound resource groups (`client.webhookConfigs`, …): each method hands a declaration to `call`. */
export abstract class APIResource {
  /** @internal Built by the client: use `client.webhookConfigs` and the like. */
  constructor(protected readonly client: Client) {}

  /** Sends `endpoint` for `id` (unless the path has none) with `params`, and makes the answer a `wrap`. */
  protected async call<Out, R>(
    endpoint: Endpoint<Out>,
    wrap: Wrap<Out, R>,
    id: unknown,
    params: unknown,
    options: CallOptions | undefined,
  ): Promise<R> {
    const { method, path, what } = endpoint;
    const encoded = path.includes('{id}') ? encodeId(id) : undefined;
    const checked = endpoint.params ? checkFields(params, endpoint.params) : undefined;
    const { data, response } = await this.client[SEND](
      {
        method,
        path: encoded === undefined ? path : path.replace('{id}', encoded),
        ...(method === 'POST'
          ? { body: checked, secrets: secretValues(checked) }
          : { query: checked as Record<string, string> | undefined }),
        retry: endpoint.retry ?? 'idempotent',
        schema: endpoint.schema,
        what: what.replace('{id}', String(id)),
      },
      options,
    );
    return new wrap(data, response, this.client);
  }

  /** Lists `endpoint` with `params` as filters; each item becomes a `wrap`. Bad input rejects on first use. */
  protected pages<Out, R extends { id: string }>(
    endpoint: ListEndpoint<Out>,
    wrap: Wrap<Out, R>,
    params: unknown,
    options: CallOptions | undefined,
  ): PagePromise<R> {
    const spec = { fields: { ...endpoint.filters, ...LIST_CURSORS }, name: 'list' };
    return listPages(
      () => checkFields(params, spec) as Record<string, string>,
      (query) =>
        this.client[SEND](
          {
            method: 'GET',
            path: endpoint.path,
            query,
            retry: 'idempotent',
            schema: endpoint.schema,
            page: true,
            what: endpoint.what,
          },
          options,
        ),
      (item, response) => new wrap(item, response, this.client),
    );
  }
}

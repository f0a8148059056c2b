/**
 * Endpoints as resources declare them, and what turns a declaration into a call: the method, the path with its id,
 * the checked parameters (a POST's body, a GET's or DELETE's query), the answer's schema and the retry mode. The
 * methods `core/methods.ts` makes from a declaration all send through `callEndpoint` and `listEndpoint`.
 */
import type { BaseClient } from './client';
import { clientFor } from './default-client';
import { checkFields, type Field, LIST_CURSORS, type Params } from './fields';
import { listPages, type PagePromise } from './list';
import type { CallOptions } from './options';
import { encodeId } from './params';
import type { RetryMode } from './retry';
import type { Schema } from './schema-kit';
import { type ResponseMeta, SEND } from './spec';

/**
 * One endpoint. `Args` is what its methods take before their options: `[id: string]` when the path has `{id}`, then
 * `params: …` when it declares `params` (e.g. `[id: string, params: UserUpdateParams]`). `{id}` in `path` and `what`
 * stands for the id.
 */
// biome-ignore lint/correctness/noUnusedVariables: Args is what the methods made from this endpoint take.
export interface Endpoint<Args extends unknown[], Out, R> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, e.g. `/configs/webhook/{id}/test`. */
  path: string;
  /** The answer's schema. */
  schema: Schema<Out>;
  /** The parameters it takes; without them it takes none. */
  params?: Params | undefined;
  /** A check across fields, run on the parameters before the fields' own (a session's credentials for its source). */
  check?: ((params: unknown) => void) | undefined;
  /** `once` for calls that start work on the server (create, test); default `idempotent`. */
  retry?: RetryMode | undefined;
  /** How messages name the target, e.g. `test webhook_config {id}`. */
  what: string;
  /** The resource class the answer becomes (a function, as the class may be declared below the endpoint). */
  wrap: () => Wrap<Out, R>;
}

/** A list endpoint: its filters (besides the cursors and page size every list takes) and the schema of its items. */
// biome-ignore lint/correctness/noUnusedVariables: Filters is what the list methods made from this endpoint take.
export interface ListEndpoint<Filters, Out, R> {
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

/**
 * Sends `endpoint` with the arguments `args` of a method made from it: the id first when the path has one (a
 * resource's own method passes `ownId` instead), then the parameters when it declares them, then the options.
 * Without `client`, it sends with `options.client` or the default client. The answer becomes its resource.
 */
export async function callEndpoint<Out, R>(
  endpoint: Endpoint<unknown[], Out, R>,
  args: unknown[],
  client?: BaseClient,
  ownId?: string,
): Promise<R> {
  const { method, path, what } = endpoint;
  const withId = path.includes('{id}');
  const id = withId ? (ownId ?? args.shift()) : undefined;
  const params = endpoint.params ? args.shift() : undefined;
  const options = args[0] as CallOptions | undefined;
  const sender = client ?? clientFor(options);
  const encoded = withId ? encodeId(id) : '';
  endpoint.check?.(params);
  const checked = endpoint.params ? checkFields(params, endpoint.params) : undefined;
  const { data, response } = await sender[SEND](
    {
      method,
      path: path.replace('{id}', encoded),
      ...(method === 'POST' ? { body: checked } : { query: checked as Record<string, string> | undefined }),
      retry: endpoint.retry ?? 'idempotent',
      schema: endpoint.schema,
      what: what.replace('{id}', String(id)),
      withoutId: !withId,
      // A call on an id that starts no work answers that resource; `test` answers a task, and what `rotate` answers
      // the API leaves open (refusing it would lose the new token).
      id: withId && endpoint.retry !== 'once' ? String(id) : undefined,
    },
    options,
  );
  return new (endpoint.wrap())(data, response, sender);
}

/**
 * Lists `endpoint` with `params` as filters, with `client` or else `options.client` or the default client; each item
 * becomes its resource. Bad input (a bad `options.client` too) rejects on first use.
 */
export function listEndpoint<Out, R extends { id: string }>(
  endpoint: ListEndpoint<unknown, Out, R>,
  params: unknown,
  options: CallOptions | undefined,
  client?: BaseClient,
): PagePromise<R> {
  const spec = { fields: { ...endpoint.filters, ...LIST_CURSORS }, name: 'list' };
  const wrap = endpoint.wrap();
  let sender: BaseClient;
  return listPages(
    () => {
      sender = client ?? clientFor(options);
      return checkFields(params, spec) as Record<string, string>;
    },
    (query) =>
      sender[SEND]<{ data: Out[]; has_more: boolean }>(
        {
          method: 'GET',
          path: endpoint.path,
          query,
          retry: 'idempotent',
          schema: endpoint.schema as unknown as Schema<{ data: Out[]; has_more: boolean }>,
          page: true,
          what: endpoint.what,
          withoutId: true,
        },
        options,
      ),
    (item, response) => new wrap(item, response, sender),
  );
}

/** What the request layer takes and gives: a request spec in, an answer's facts out. */
import { redactHeaders } from './redact';
import type { RetryMode } from './retry';
import type { RequestInfo } from './ricloud-error';
import type { Schema } from './schema-kit';
import { SHARED } from './shared';
import type { StandardSchemaV1 } from './standard-schema';

/** One API call, as a resource or the escape hatch describes it. Internal: not part of the public API. */
export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, starting with `/`, ids already encoded. */
  path: string;
  /** Query parameters (list filters, `limit`, cursors), each sent as its text; an undefined one is left out. */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /**
   * Sent as the JSON body; its values under secret keys (a password) are hidden, as the token is, in what errors keep.
   */
  body?: object | undefined;
  /** The body as sent, set once ky serialised it: its secrets are those of its JSON (a `toJSON`'s, not its own). */
  sent?: string | undefined;
  /** How the call may be repeated. */
  retry: RetryMode;
  /**
   * The answer's schema (a resource's declaration, or a caller's Standard Schema); without one, any JSON object (or an
   * empty body) is taken as it is. For a list page, the schema of its items.
   */
  schema?: Schema<T> | StandardSchemaV1<unknown, T> | undefined;
  /** The answer is a list page: its `data` must be a list of objects even when validation is off. */
  page?: boolean | undefined;
  /** How messages name the target, e.g. `webhook_config wc_1`. */
  what: string;
  /** The path names no id (a list, a create, `/key`): a 404 there means the endpoint, so the base URL, is wrong. */
  withoutId?: boolean | undefined;
  /** The id the answer must have, whatever the validation: the path's, when the answer is the resource it names. */
  id?: string | undefined;
}

/**
 * Whether the server may have acted on `spec` by the time it answered: any call but a read may have written (an
 * update, a delete), whether or not it may be sent again. An answer the SDK refuses says so in `mayHaveSucceeded`.
 */
export const mayHaveWritten = (spec: Pick<RequestSpec<unknown>, 'method' | 'retry'>): boolean =>
  spec.method !== 'GET' || spec.retry === 'once';

/** A call's answer: its validated value, its response facts, and the request it answered. */
export interface Answer<T> {
  data: T;
  response: ResponseMeta;
  request: RequestInfo;
}

/** The HTTP facts behind a returned value. */
export interface ResponseMeta {
  /** HTTP status code. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The server's request id (`X-Request-Id`), when sent. */
  requestId?: string | undefined;
}

/**
 * The key of the client's method that sends a request spec: internal, so not a name users see or call. Shared by the
 * ESM and CommonJS builds, so either's static methods send with a client the other made.
 */
export const SEND: unique symbol = Symbol.for(`${SHARED}send`);

/** The response facts of a value. The headers are copied (and redacted) only when someone reads them. */
export function responseMeta(
  response: Response,
  requestId: string | undefined,
  redact: (text: string) => string,
): ResponseMeta {
  let headers: Record<string, string> | undefined;
  return {
    status: response.status,
    requestId,
    get headers() {
      headers ??= redactHeaders(response.headers, redact);
      return headers;
    },
  };
}

/** The key of the client's method that hands over its transport, for a result's file: internal, as `SEND` is. */
export const TRANSPORT: unique symbol = Symbol.for(`${SHARED}transport`);

/** The key of the client's getter that says whether it holds a token, never handing it over: internal, as `SEND` is. */
export const HAS_TOKEN: unique symbol = Symbol.for(`${SHARED}hasToken`);

/**
 * The RicloudError family: every failure the SDK reports is one of these (`ricloud-error.ts` holds the base class).
 * It imports no HTTP client, so `ricloud/webhooks` can share it. `answer-error.ts` says which HTTP status becomes
 * which class.
 */
import { type RequestInfo, RicloudError } from './ricloud-error';

/**
 * The caller passed a value the API would refuse; nothing was sent (but for a file made at `downloadToFile`'s `path`
 * during its download). `field` names it.
 */
export class InvalidInputError extends RicloudError {
  override name = 'InvalidInputError';
  /** Set when the parameters changed nothing (an empty update): the fields of which at least one is needed. */
  declare readonly needs?: readonly string[];
  /** The message reads `<field>: <message>`; `options.needs` sets `needs`. */
  constructor(
    /** The parameter or option at fault, e.g. `url` or `options.timeout`. */
    readonly field: string,
    message: string,
    options: { needs?: readonly string[] } = {},
  ) {
    super(`${field}: ${message}`);
    if (options.needs) this.needs = options.needs;
  }
}

/** The fields every error with an HTTP response carries. */
export interface ResponseErrorInit {
  status: number;
  request: RequestInfo;
  /** The response body as text (secret values redacted, cut to 64 KiB). */
  body: string;
  mayHaveSucceeded?: boolean | undefined;
  /** The delay the server advised with `Retry-After`, in seconds. */
  retryAfter?: number | undefined;
  /** The `message` of the API's error body (redacted), when it had one. */
  apiMessage?: string | undefined;
}

/** An error status from the API: the base of RequestError (4xx) and ServerError (5xx). */
export class ResponseError extends RicloudError {
  override name = 'ResponseError';
  /** Status of the HTTP response: 4xx or 5xx. */
  declare readonly status: number;
  /** The request this response answered. */
  declare readonly request: RequestInfo;
  /** The raw response body (secret values redacted). */
  declare readonly body: string;
  /** The delay the server advised with `Retry-After`, in seconds. */
  declare readonly retryAfter?: number | undefined;
  /**
   * The API's own `message` (ricloud-py's `RequestError.message`), e.g. `Some parameters were invalid.`, secrets
   * redacted; undefined when the body had none. `message` is the SDK's line, which quotes it for some statuses only.
   */
  declare readonly apiMessage?: string | undefined;

  /** `init` holds the response: its status and body, the API's message, any `Retry-After` advice, and the request. */
  constructor(message: string, init: ResponseErrorInit) {
    super(message, init);
    this.body = init.body;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
    if (init.apiMessage !== undefined) this.apiMessage = init.apiMessage;
  }
}

/**
 * An error code the API documents (`invalid-parameter` comes with `params`; `unconfigured` names what the organisation
 * lacks), or a code it adds later.
 */
export type ErrorCode =
  | 'invalid-body'
  | 'invalid-parameter'
  | 'unconfigured'
  | 'missing-scope'
  | 'limit-exceeded'
  | 'session-expired'
  | (string & {});

/** The API refused the request (HTTP 4xx). */
export class RequestError extends ResponseError {
  override name = 'RequestError';
  /** The API's error code slug, e.g. `invalid-parameter` or `missing-scope` (empty when the body had none). */
  declare readonly error: ErrorCode;
  /** Per-parameter detail sent with `invalid-parameter`. */
  declare readonly params?: unknown;

  /** `init` holds the response, plus the `error` slug and `params` detail of the API's error body. */
  constructor(message: string, init: ResponseErrorInit & { error: ErrorCode; params?: unknown }) {
    super(message, init);
    this.error = init.error;
    if (init.params !== undefined) this.params = init.params;
  }
}

/** HTTP 401: the token is missing or wrong. */
export class AuthenticationError extends RequestError {
  override name = 'AuthenticationError';
}

/** HTTP 403: the token lacks the permission. */
export class PermissionDeniedError extends RequestError {
  override name = 'PermissionDeniedError';
}

/** HTTP 404: no such resource for this organisation. */
export class NotFoundError extends RequestError {
  override name = 'NotFoundError';
}

/** HTTP 429: a rate limit was hit; `retryAfter` holds the server's advice in seconds, when given. */
export class RateLimitError extends RequestError {
  override name = 'RateLimitError';
}

/** The API failed (HTTP 5xx). */
export class ServerError extends ResponseError {
  override name = 'ServerError';
}

/** The response could not be read as the resource it should be: not JSON, or JSON that breaks the schema. */
export class ResponseValidationError extends RicloudError {
  override name = 'ResponseValidationError';
  /** Status of the HTTP response that could not be read. */
  declare readonly status: number;
  /** The first field that failed, as a dotted path (`data.0.state`); empty when the body was not JSON at all. */
  declare readonly field: string;
  /** The raw response body (secret values redacted, cut to 64 KiB). */
  declare readonly body: string;

  /** `init` holds the response (status and body), the first `field` that failed, and the request, when known. */
  constructor(
    message: string,
    init: {
      status: number;
      request?: RequestInfo | undefined;
      field: string;
      body: string;
      mayHaveSucceeded?: boolean | undefined;
      cause?: unknown;
    },
  ) {
    super(message, init);
    this.field = init.field;
    this.body = init.body;
  }
}

/** The response body grew past the client's `maxResponseBytes` (counted after decompression); the rest was not read. */
export class ResponseTooLargeError extends RicloudError {
  override name = 'ResponseTooLargeError';
  /** Status of the HTTP response whose body was too large. */
  declare readonly status: number;
  /** The cap that was passed, in bytes. */
  declare readonly maxResponseBytes: number;

  /** `init` holds the response's status, the cap, the request, and whether a create or test may have acted. */
  constructor(
    what: string,
    init: {
      status: number;
      maxResponseBytes: number;
      request?: RequestInfo | undefined;
      mayHaveSucceeded?: boolean | undefined;
    },
  ) {
    super(`${what}: the response body is larger than maxResponseBytes (${init.maxResponseBytes} bytes)`, init);
    this.maxResponseBytes = init.maxResponseBytes;
  }
}

/** No response arrived: connection refused, reset, DNS failure. `cause` holds the platform's error. */
export class ConnectionError extends RicloudError {
  override name = 'ConnectionError';
}

/** An attempt outlived `timeout`, or the whole call outlived its `deadline`. */
export class TimeoutError extends RicloudError {
  override name = 'TimeoutError';
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason; `abort.ts` words the message. */
export class AbortError extends RicloudError {
  override name = 'AbortError';
}

/** HTTP 410 for a result's file: the result has expired and its file is gone. */
export class ResultExpiredError extends RequestError {
  override name = 'ResultExpiredError';
}

// Appended to the message of a create or test that failed after it may have reached the server.
export const MAY_HAVE_APPLIED = '; the request may have been applied';

/** The mock's answers: JSON with a request id, the API's error shape, and the strict readers of requests. */
import { ERROR_CODES } from './choices';
import { REQUEST_ID_HEADER } from '../core/wire';

let requestSequence = 0;

/** A JSON answer with a fresh `X-Request-Id`. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: `req_${++requestSequence}`, ...headers },
  });
}

/** An API error, thrown inside a handler and answered as `{ error, message, params }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params?: Record<string, string[]>,
    readonly retryAfter?: number | string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The HTTP answer for this error. */
  toResponse(): Response {
    const headers: Record<string, string> =
      this.retryAfter === undefined ? { ...this.headers } : { ...this.headers, 'retry-after': String(this.retryAfter) };
    return json(
      this.status,
      { error: this.code, message: this.message, ...(this.params ? { params: this.params } : {}) },
      headers,
    );
  }
}

/** An error with the slug the mock uses for `status`, and any extra answer `headers` (e.g. `allow` on a 405). */
export const statusError = (
  status: number,
  message: string,
  retryAfter?: number | string,
  headers?: Record<string, string>,
): ApiError =>
  new ApiError(
    status,
    ERROR_CODES[status] ?? (status >= 500 ? 'server-error' : 'error'),
    message,
    undefined,
    retryAfter,
    headers,
  );

/** A 400 `invalid-parameter` naming one parameter. */
export const invalidParameter = (name: string, problem: string): ApiError =>
  new ApiError(400, 'invalid-parameter', 'Some parameters were invalid.', { [name]: [problem] });

/** Reads a JSON object body strictly: JSON content type, valid JSON, an object, only the `allowed` keys. */
export function readObject(
  text: string,
  contentType: string | null,
  allowed: readonly string[],
): Record<string, unknown> {
  if (!contentType?.toLowerCase().startsWith('application/json'))
    throw new ApiError(400, 'invalid-body', 'The body must be JSON (Content-Type: application/json).');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-body', 'The body could not be parsed as JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'invalid-body', 'The body must be a JSON object.');
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw invalidParameter(key, 'Unknown field.');
  return body as Record<string, unknown>;
}

/** Checks a receiver url as the API would: an absolute http(s) URL without credentials (as the SDK's `checkUrl`). */
export function readUrl(value: unknown): string {
  if (typeof value !== 'string') throw invalidParameter('url', 'Enter a valid URL.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter('url', 'Enter a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidParameter('url', 'Enter a valid URL.');
  if (url.username || url.password) throw invalidParameter('url', 'The URL must not contain credentials.');
  return value;
}

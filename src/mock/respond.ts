/** The mock's answers: JSON with a request id, the API's error shape, and the readers of requests. */
import { ERROR_CODES, MAX_BODY_DEPTH } from './choices';
import { readCapped as readBodyCapped } from '../core/body';
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

/** Parses a body as JSON, as ricloud-py sends it: with or without a JSON content type; any other type is a 400. */
function parseJson(text: string, contentType: string | null): unknown {
  if (contentType !== null && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType))
    throw new ApiError(400, 'invalid-body', 'The body must be JSON (Content-Type: application/json, or none).');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid-body', 'The body could not be parsed as JSON.');
  }
  if (deeperThan(body, MAX_BODY_DEPTH))
    throw new ApiError(400, 'invalid-body', `The body nests arrays and objects over ${MAX_BODY_DEPTH} levels deep.`);
  return body;
}

/** Whether `value` nests arrays and objects over `limit` levels; walked without recursion, as it may be very deep. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth === limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Reads a JSON object body: its `allowed` fields, the others dropped and named to `ignored` (never their values), as
 * a REST framework ignores fields it does not know. Not JSON, or not an object: 400 `invalid-body`.
 */
export function readObject(
  text: string,
  contentType: string | null,
  allowed: readonly string[],
  ignored: (names: string[]) => void,
): Record<string, unknown> {
  const body = parseJson(text, contentType);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'invalid-body', 'The body must be a JSON object.');
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) ignored(unknown);
  return Object.fromEntries(Object.entries(body).filter(([key]) => allowed.includes(key)));
}

/** Reads the body of an action that takes none (`…/test`, `…/rotate`): empty, `null` or a JSON object, all ignored. */
export function readNothing(text: string, contentType: string | null, ignored: (names: string[]) => void): void {
  if (text.trim() === '') return;
  const body = parseJson(text, contentType);
  if (body === null) return;
  readObject(text, contentType, [], ignored);
}

/** A 413 in the API's error shape, for a body over `limit` bytes. */
const tooLarge = (limit: number): ApiError =>
  statusError(413, `The request body is larger than the mock takes (${limit} bytes).`);

/** Reads a request body as text, at most `limit` bytes: a larger one is a 413, and is not read further. */
export async function readCapped(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit);
  return readBodyCapped(request.body?.getReader(), limit, () => tooLarge(limit));
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

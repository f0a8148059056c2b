/**
 * The mock's request log (`api.requests`): bounded in length, in body size, without credentials, passwords or secret
 * query values, and with the token, cookies and signatures out of what is printed.
 */
import { isSecretField, isSecretKey, REDACTED, SECRET_HEADERS } from '../core/redact';
import { MAX_LOGGED_BODY_BYTES, MAX_LOGGED_REQUESTS } from './choices';

/** A request the mock received, for tests to inspect. Headers are kept as sent. */
export interface ReceivedRequest {
  /** HTTP method, as sent. */
  method: string;
  /** The API path, without the query or the path of the mock's `baseUrl`, e.g. `/configs/webhook/wc_1`. */
  path: string;
  /**
   * Query parameters, decoded; a repeated name keeps its last value. A secret-named one (a signed URL's `token`, a
   * `password`, `credentials[key]`: the SDK's `SECRET_ATTRIBUTES`, in any case) is logged as `[redacted]`.
   */
  query: Record<string, string>;
  /**
   * Headers with lower-case names, values as sent. Those the SDK hides in its own output (`SECRET_HEADERS`:
   * `authorization`, the token; `cookie`, `set-cookie`, `ricloud-signature`) are readable, for assertions, but not
   * enumerable: `JSON.stringify`, `console.log` and test diffs leave them out.
   */
  headers: Record<string, string>;
  /**
   * Body as text; empty when there was none, or when it was over `MAX_LOGGED_BODY_BYTES` (see `bodyBytes`), or over
   * the mock's cap. A JSON body's secrets (as the SDK's `SECRET_ATTRIBUTES` name them: `credentials`, a session's
   * `password` and `code`…) are logged as `[redacted]`.
   */
  body: string;
  /** The body's size in bytes, when it was over `MAX_LOGGED_BODY_BYTES`; not set for one over the mock's cap (413). */
  bodyBytes?: number | undefined;
}

/**
 * The body as the log keeps it: secret fields redacted, in a JSON body at any depth, however their keys are escaped.
 */
function redacted(body: string): string {
  let hidden = false;
  try {
    const parsed: unknown = JSON.parse(body, (name, value: unknown) => {
      if (!isSecretKey(name)) return value;
      hidden = true;
      return REDACTED;
    });
    return hidden ? JSON.stringify(parsed) : body;
  } catch {
    // Not JSON, so the mock read no credentials from it: a bare mention is kept as sent.
    return body;
  }
}

/** The query as the log keeps it: the value of a name with a secret part (`credentials[key]`) redacted. */
const redactedQuery = (params: URLSearchParams): Record<string, string> =>
  Object.fromEntries([...params].map(([name, value]) => [name, isSecretField(name) ? REDACTED : value]));

/**
 * `headers` with the SDK's `SECRET_HEADERS` (the token, cookies, a signature) made non-enumerable: still read by a
 * test, never printed or serialised with them.
 */
function withHiddenSecrets(headers: Record<string, string>): Record<string, string> {
  for (const name of SECRET_HEADERS)
    if (headers[name] !== undefined)
      Object.defineProperty(headers, name, {
        value: headers[name],
        enumerable: false,
        writable: true,
        configurable: true,
      });
  return headers;
}

/** Adds a request to `path` (its API path) to the log, dropping the oldest past `MAX_LOGGED_REQUESTS`. */
export function logRequest(requests: ReceivedRequest[], request: Request, url: URL, path: string, body: string): void {
  // A long-running `ricloud mock` must not grow without bound: keep the latest requests only, small bodies only.
  if (requests.length >= MAX_LOGGED_REQUESTS) requests.shift();
  const bytes = new TextEncoder().encode(body).byteLength;
  requests.push({
    method: request.method,
    path,
    query: redactedQuery(url.searchParams),
    headers: withHiddenSecrets(Object.fromEntries(request.headers)),
    ...(bytes > MAX_LOGGED_BODY_BYTES ? { body: '', bodyBytes: bytes } : { body: redacted(body) }),
  });
}

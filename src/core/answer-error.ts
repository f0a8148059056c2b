/** Which error an HTTP error answer becomes: the status picks the class, the API's error body fills it in. */
import {
  AuthenticationError,
  MAY_HAVE_APPLIED,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestError,
  ResponseValidationError,
  ServerError,
} from './errors';
import { REDACTED, redactedJson, redactText } from './redact';
import type { RequestInfo, RicloudError } from './ricloud-error';

/** An HTTP error answer, as the request layer hands it over for mapping. */
export interface ErrorAnswer {
  status: number;
  /** The body as received. */
  text: string;
  /** Seconds the server advised with `Retry-After`. */
  retryAfter?: number | undefined;
  request: RequestInfo;
  /** How messages name the target, e.g. `webhook_config wc_1`. */
  what: string;
  /** The path names no id: a 404 means no such endpoint, not no such resource. */
  withoutId?: boolean | undefined;
  /**
   * True for a call that may write (a create, a test, an update, a delete): an answer other than a 4xx refusal may mean
   * it was applied.
   */
  writes: boolean;
  /** Hides the client's token in server text the error keeps. */
  redact: (text: string) => string;
  /** Hides the client's token only (`redact` may hide a payload's secrets too); unset, `redact` is used. */
  redactToken?: ((text: string) => string) | undefined;
}

/**
 * The error for an HTTP error status, from the API's `{ error, message, params }` body when there is one. Each part
 * the error keeps is redacted on its own: redacting the text first would miss a token the JSON escapes.
 */
export function errorFromAnswer(answer: ErrorAnswer): RicloudError {
  const { status, what, redact } = answer;
  let parsed: { error?: unknown; message?: unknown; params?: unknown } = {};
  try {
    const json: unknown = JSON.parse(answer.text);
    if (json && typeof json === 'object') parsed = json as typeof parsed;
  } catch {
    // Not JSON (an HTML error page, an empty body): the status alone speaks.
  }
  const code = typeof parsed.error === 'string' ? errorCode(parsed.error, redact, answer.redactToken) : '';
  const said = typeof parsed.message === 'string' && parsed.message ? redactText(parsed.message, redact) : undefined;
  const init = {
    status,
    request: answer.request,
    body: redactText(answer.text, redact),
    retryAfter: answer.retryAfter,
    apiMessage: said,
    // Only a 4xx says the server refused; a redirect is how many servers answer a POST they acted on.
    mayHaveSucceeded: answer.writes && (status < 400 || status >= 500),
  };
  const applied = init.mayHaveSucceeded ? MAY_HAVE_APPLIED : '';
  if (status < 400) {
    // A redirect (status 0 in browsers): the SDK never follows a server-provided location with the token.
    return new ResponseValidationError(
      `${what}: the server answered with a redirect (${status}); the SDK does not follow redirects${applied}`,
      { ...init, field: '' },
    );
  }
  const tag = `(${status}${code ? ` ${code}` : ''})`;
  if (status >= 500) return new ServerError(`${what}: server error ${tag}${applied}`, init);
  const errorInit = {
    ...init,
    error: code,
    params: parsed.params === undefined ? undefined : redactJson(parsed.params, redact),
  };
  switch (status) {
    case 401:
      return new AuthenticationError(`${what}: ${said ?? 'the token is missing or invalid'} ${tag}`, errorInit);
    case 403:
      return new PermissionDeniedError(`${what}: ${said ?? 'permission denied'} ${tag}`, errorInit);
    case 404:
      return new NotFoundError(
        answer.withoutId ? `${what}: no such endpoint ${tag}; is the base URL right?` : `${what} not found ${tag}`,
        errorInit,
      );
    case 429: {
      const wait = init.retryAfter === undefined ? '' : `; retry after ${init.retryAfter} s`;
      return new RateLimitError(`${what}: rate limited ${tag}${wait}`, errorInit);
    }
    default:
      return new RequestError(`${what}: ${said ?? 'request refused'} ${tag}`, errorInit);
  }
}

/**
 * The form of the API's error codes (`invalid-parameter`, `init_failed`): a fixed vocabulary, not the caller's data.
 */
const ERROR_CODE = /^[a-z\d]+(?:[-_][a-z\d]+)*$/;

/**
 * The error code as sent when it has the codes' form, for programs to compare: a payload's secret that is a word of
 * it (a pairing code `invalid`) hidden would corrupt it (`[redacted]-parameter`). Any other text, a code that holds
 * the token (`unknown-key-<token>`, from a proxy), or a code that is a secret itself, is redacted.
 */
function errorCode(code: string, redact: (text: string) => string, redactToken = redact): string {
  const redacted = redact(code);
  return ERROR_CODE.test(code) && redactToken(code) === code && redacted !== REDACTED ? code : redacted;
}

/**
 * `value` redacted as a JSON body is (`redactedJson`), and the token hidden in its keys too; all of it when that breaks
 * the JSON.
 */
function redactJson(value: unknown, redact: (text: string) => string): unknown {
  try {
    return JSON.parse(redact(redactedJson(value, redact)));
  } catch {
    return REDACTED;
  }
}

/**
 * What a failed `fetch` says about the connection: its error code, and whether the request never left the machine.
 * Node's fetch (undici) puts a code on the error's `cause`; browsers give none, so the browser build has
 * `network.browser.ts` instead.
 */

/** Connection failures that happen before a request leaves the machine: the server cannot have acted. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** The platform's error code behind a failed `fetch` (undici puts it on `cause`). */
export function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** True when a connection failure happened before any byte of the request was sent. */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

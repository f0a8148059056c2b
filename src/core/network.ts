/**
 * What a failed `fetch` says about the connection. Node and Bun put an error code on the error's `cause`; Deno says
 * "Connection refused (os error 111)" in the message of the error or of its `cause`. A browser says only "Failed to
 * fetch", and workerd "Network connection lost." for a refused connection and a dropped one alike, so there a refused
 * connection cannot be told from one dropped after the request was sent (a failed name lookup still can, on workerd).
 */

/** Connection failures that happen before a request leaves the machine: the server cannot have acted. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Deno's and workerd's words for the same failures, and Node's and Deno's for a port fetch refuses to use, such as
 * 6000 (they give no code). Each holds a space, so no URL in ky's timeout message ("Request timed out: GET <url>") can
 * match one: a timed-out create must never count as not sent.
 */
const NOT_SENT_TEXT =
  /connection refused|os error 111|failed to lookup address|dns error|network is unreachable|bad port|are blocked/i;

/** An error and the first few errors of its `cause` chain. */
function* chain(error: unknown): Generator<unknown> {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/** The platform's error code behind a failed `fetch` (undici puts it on `cause`). */
function networkCode(error: unknown): string | undefined {
  for (const e of chain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * What names the failure in a message: the error code, else the last cause's words when short (Node's "bad port");
 * undefined for a bare "Failed to fetch", which has no cause.
 */
export function networkDetail(error: unknown): string | undefined {
  const last = [...chain(error)].at(-1);
  const words = last !== error && last instanceof Error ? last.message : '';
  return networkCode(error) ?? (words && words.length <= 40 ? words : undefined);
}

/** True when a connection failure certainly happened before any byte of the request was sent. */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkCode(error);
  if (code !== undefined) return NOT_SENT_CODES.has(code);
  for (const e of chain(error)) if (e instanceof Error && NOT_SENT_TEXT.test(e.message)) return true;
  return false;
}

/** A hint for a page whose request to another origin (`url`, a sent request's) failed with no detail: likely CORS. */
export function corsHint(error: unknown, url: string | undefined): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!origin || !url || (error as Error | undefined)?.name !== 'TypeError' || networkCode(error)) return '';
  if (new URL(url).origin === origin) return '';
  return `; from a page on ${origin}, a server that does not allow this origin (CORS) fails this way too`;
}

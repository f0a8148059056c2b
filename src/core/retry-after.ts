/**
 * A server's `Retry-After` advice, and how much of it the SDK obeys. Imports nothing, so downloads load no ky for it.
 */

/** Largest `Retry-After` the SDK will sleep for; past it the call fails at once, carrying the advice. */
export const MAX_RETRY_AFTER_MS = 60_000;

// Longest advice read (a JavaScript Date's range): 306 digits of seconds or more would read as Infinity.
const MAX_ADVICE_MS = 8.64e15;

// An HTTP date as `Retry-After` and `Date` carry it (RFC 9110's IMF-fixdate), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
const HTTP_DATE = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/;

/**
 * Milliseconds advised by a `Retry-After` header: a whole number of seconds or an HTTP date, as RFC 9110 allows;
 * undefined for anything else (`0x14`, `1e3`, `20.5`), which `Number` or `Date.parse` would read as something.
 * Seconds past `MAX_ADVICE_MS` (some 270,000 years) read as that: a number a log or JSON keeps.
 * A date is measured from the answer's own `Date` (RFC 9110 §10.2.3), so a local clock minutes off neither stretches
 * the wait nor skips it; without one, from the local clock.
 */
export function retryAfterMs(headers: Headers): number | undefined {
  // Stryker disable next-line StringLiteral: any text that is neither seconds nor a date is no advice.
  const value = headers.get('retry-after') ?? '';
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_ADVICE_MS);
  const date = headers.get('date') ?? '';
  // An unreadable `Date` (NaN, or false) is no clock: the local one measures.
  const now = (HTTP_DATE.test(date) && Date.parse(date)) || Date.now();
  const ms = HTTP_DATE.test(value) ? Date.parse(value) - now : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** What `createWebhookHandler` answers: the status and text of a refused delivery, and of one that ran out of time. */
import { WebhookPayloadError, type WebhookPayloadProblem } from './event';
import { ReplayError } from './replay';
import { SignatureVerificationError } from './signature';

/**
 * The status of each kind of unreadable body: not JSON is 415, too large 413, too slow 408, cut off 400, the receiver's
 * own mistake 500.
 */
const PAYLOAD_STATUS: Record<WebhookPayloadProblem, number> = {
  empty: 415,
  'not-json': 415,
  'not-an-event': 400,
  'body-used': 500,
  'too-large': 413,
  unreadable: 400,
  timeout: 408,
};

/** What a 503 names when the handlers pass `handlerTimeout`. */
export const HANDLERS = 'the webhook handlers did not finish';
/** What a 503 names when the replay store passes `handlerTimeout`. */
export const STORE = 'the replay store did not answer';
/** What a 503 names when the secret function passes `handlerTimeout`. */
export const SECRET_FUNCTION = 'the secret function did not answer';
/** What a 503 names when the body arrives after `handlerTimeout`. */
export const BODY = 'the body was not read and verified';
/** The text of the 500 for an event handled but not recorded by the replay store. */
export const RECORD_FAILED =
  'the event was handled, but the replay store failed to record it: it may be delivered again';

/**
 * The reason a handler's signal aborts with, what `onError` gets and the 503 says, when the handlers or the replay
 * store pass `handlerTimeout`.
 */
export const timedOut = (waitingOn: string, ms: number) =>
  new DOMException(`${waitingOn} within ${ms} ms (handlerTimeout)`, 'TimeoutError');

/** A plain-text answer of `status`, with `headers` beside its content type. */
export const answer = (status: number, text: string, headers: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** The answer to a delivery refused before any handler ran. Our own errors say what is wrong and hold no secret. */
export function refusal(error: unknown): Response {
  if (error instanceof SignatureVerificationError || error instanceof ReplayError) return answer(400, error.message);
  if (error instanceof WebhookPayloadError) return answer(PAYLOAD_STATUS[error.reason], error.message);
  // A secret function or replay store that failed: the receiver's fault, and its details stay private.
  return answer(500, 'the webhook receiver failed');
}

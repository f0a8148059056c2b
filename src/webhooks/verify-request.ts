/** verifyRequest: constructEvent for a Web-standard `Request` (Next.js, Hono, Bun, Deno, workers). */
import { checkMaxBodyBytes, checkTimeout, DEFAULT_BODY_TIMEOUT, readBody } from './body';
import { constructEvent, type ConstructEventOptions } from './construct-event';
import { WebhookPayloadError, type WebhookEvent } from './event';
import { InvalidInputError } from '../core/errors';
import { checkReplayStore } from './replay';
import { checkOptionsObject, SIGNATURE_HEADER, type Secrets } from './signature';

/** Options of `verifyRequest`. */
export interface VerifyRequestOptions extends ConstructEventOptions {
  /** The largest body read, in bytes (default 1 MiB); a larger one is refused before its signature is checked. */
  maxBodyBytes?: number | undefined;
  /** Milliseconds the whole body may take to arrive (default 10 000); a slower one is refused. */
  bodyTimeout?: number | undefined;
}

/**
 * Reads the request's raw body (up to `maxBodyBytes`, within `bodyTimeout`) and signature header, verifies them and
 * returns the event. Pass the request before anything reads its body (or pass `request.clone()`).
 * @throws WebhookPayloadError (`body-used`) when the body was already read, (`too-large`) when it is over the limit,
 *   (`timeout`) when it arrives too slowly; InvalidInputError for a `request` that is not a `Request` (a Node `req`),
 *   options that are not an object, a bad `maxBodyBytes`, `bodyTimeout` or `replay`; otherwise what `constructEvent`
 *   throws.
 */
export async function verifyRequest(
  request: Request,
  secret: Secrets,
  options: VerifyRequestOptions = {},
): Promise<WebhookEvent> {
  // Node's and Express's `req` has headers as a plain object: mounted without toNodeHandler, a receiver gets one.
  if (typeof request?.headers?.get !== 'function')
    throw new InvalidInputError('request', 'must be a Request; in Node and Express, use toNodeHandler');
  checkOptionsObject(options, 'options');
  const max = checkMaxBodyBytes(options.maxBodyBytes, 'options.maxBodyBytes');
  const timeout = checkTimeout(options.bodyTimeout, 'options.bodyTimeout', DEFAULT_BODY_TIMEOUT);
  checkReplayStore(options.replay, 'options.replay');
  // A body another reader holds (locked) is as good as read: its bytes will not reach us.
  if (request.bodyUsed || request.body?.locked) {
    throw new WebhookPayloadError(
      'body-used',
      'the request body was already read, so its raw bytes cannot be verified; ' +
        'pass the Request before reading it, or pass request.clone()',
    );
  }
  const body = await readBody(request, max, timeout);
  return constructEvent(body, request.headers.get(SIGNATURE_HEADER), secret, options);
}

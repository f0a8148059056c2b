/** verifyRequest: constructEvent for a Web-standard `Request` (Next.js, Hono, Bun, Deno, workers). */
import { constructEvent, type ConstructEventOptions } from './construct-event';
import { WebhookPayloadError, type WebhookEvent } from './event';
import { SIGNATURE_HEADER, type Secrets } from './signature';

/**
 * Reads the request's raw body and signature header, verifies them and returns the event.
 * Pass the request before anything reads its body (or pass `request.clone()`).
 * @throws WebhookPayloadError (`body-used`) when the body was already read; otherwise what `constructEvent` throws.
 */
export async function verifyRequest(request: Request, secret: Secrets, options: ConstructEventOptions = {}): Promise<WebhookEvent> {
  if (request.bodyUsed) {
    throw new WebhookPayloadError('body-used', 'the request body was already read, so its raw bytes cannot be verified; pass the Request before reading it, or pass request.clone()');
  }
  const body = new Uint8Array(await request.arrayBuffer());
  return constructEvent(body, request.headers.get(SIGNATURE_HEADER), secret, options);
}

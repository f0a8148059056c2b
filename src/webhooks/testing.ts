/** Helpers for users' tests: a signed delivery, built the way the API builds one. */
import { checkOptionsObject, SIGNATURE_HEADER, signPayload, toBytes, type Payload } from './signature';

/** Where `createSignedRequest` sends to unless told otherwise. */
const TEST_URL = 'http://localhost/webhooks';

/** Options of `createSignedRequest`. */
export interface SignedRequestOptions {
  /** The request's URL (default `http://localhost/webhooks`). */
  url?: string | undefined;
  /** The signature's unix seconds (default now); set it in the past to test the tolerance. */
  timestamp?: number | undefined;
}

/**
 * The `Ricloud-Signature` header the API would send with `payload`, signed now (or at `options.timestamp`).
 * @throws SignatureVerificationError for a parsed object instead of a raw body, or an empty secret;
 *   InvalidInputError for options that are not an object, or a bad timestamp.
 */
export function generateTestHeader(
  payload: Payload,
  secret: string,
  options: { timestamp?: number | undefined } = {},
): Promise<string> {
  return signPayload(payload, secret, options);
}

/**
 * A delivery `verifyRequest` and `createWebhookHandler` accept: a POST of `event` as JSON (a string or bytes are sent
 * as they are), signed with `secret`.
 * @throws SignatureVerificationError for an empty secret; InvalidInputError for options that are not an object.
 */
export async function createSignedRequest(
  event: object | Payload,
  secret: string,
  options: SignedRequestOptions = {},
): Promise<Request> {
  checkOptionsObject(options, 'options');
  // Bytes are a raw body too (a test of a byte order mark, of bytes that are not UTF-8): not JSON of their indexes.
  const bytes = ArrayBuffer.isView(event) || Object.prototype.toString.call(event) === '[object ArrayBuffer]';
  const raw = typeof event === 'string' || bytes;
  const body = raw ? (toBytes(event) as Uint8Array<ArrayBuffer>) : JSON.stringify(event);
  const header = await generateTestHeader(body, secret, { timestamp: options.timestamp });
  return new Request(options.url ?? TEST_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: header },
    body,
  });
}

/** Reading a delivery's raw body, bounded: a receiver must not buffer whatever a stranger sends it. */
import { InvalidInputError } from '../core/errors';
import { WebhookPayloadError } from './event';

/** Receivers' default `maxBodyBytes`: 1 MiB, far above any event the API sends. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Checks a `maxBodyBytes` option: a positive number of bytes (`Infinity` lifts the limit).
 * @throws InvalidInputError naming `field`.
 */
export function checkMaxBodyBytes(value: unknown, field: string): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (typeof value !== 'number' || !(value > 0))
    throw new InvalidInputError(field, 'must be a positive number of bytes (Infinity for no limit)');
  return value;
}

const tooLarge = (max: number) =>
  new WebhookPayloadError('too-large', `the request body is larger than ${max} bytes (maxBodyBytes)`);

/**
 * Reads a request's raw body into one byte array, up to `max` bytes. A declared `Content-Length` over `max` is refused
 * before anything is read; otherwise reading stops once the bytes pass `max`, and the stream is cancelled, which tells
 * the sender to stop.
 * @throws WebhookPayloadError (`too-large`); (`unreadable`) when the stream fails part way.
 */
export async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared && Number(declared) > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The sender went away part way, or a proxy cut the upload: the body is not there to verify.
      throw new WebhookPayloadError('unreadable', 'the request body could not be read to its end');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    parts.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    body.set(part, at);
    at += part.length;
  }
  return body;
}

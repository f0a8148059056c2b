/** Reading a delivery's raw body, bounded: a receiver must not buffer whatever a stranger sends it. */
import { ByteBuffer } from '../core/bytes';
import { InvalidInputError } from '../core/errors';
import { WebhookPayloadError } from './event';

/** Receivers' default `maxBodyBytes`: 1 MiB, far above any event the API sends. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** Receivers' default `bodyTimeout`: 10 s to receive a whole body, so a sender dribbling bytes cannot hold one open. */
export const DEFAULT_BODY_TIMEOUT = 10_000;
/** setTimeout's ceiling: a longer delay would fire at once, so a timeout past it means no timeout. */
const MAX_DELAY = 2_147_483_647;

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

/**
 * Checks a `bodyTimeout` option: a positive number of milliseconds (`Infinity` lifts the limit).
 * @throws InvalidInputError naming `field`.
 */
export function checkBodyTimeout(value: unknown, field: string): number {
  if (value === undefined) return DEFAULT_BODY_TIMEOUT;
  if (typeof value !== 'number' || !(value > 0))
    throw new InvalidInputError(field, 'must be a positive number of milliseconds (Infinity for no limit)');
  return value;
}

const tooLarge = (max: number) =>
  new WebhookPayloadError('too-large', `the request body is larger than ${max} bytes (maxBodyBytes)`);

/**
 * Reads a request's raw body into one byte array, up to `max` bytes and within `timeout` milliseconds. A declared
 * `Content-Length` over `max` is refused before anything is read; otherwise reading stops once the bytes pass `max` or
 * the time runs out, and the stream is cancelled, which tells the sender to stop.
 * @throws WebhookPayloadError (`too-large`); (`timeout`) when the body is still arriving after `timeout`;
 *   (`unreadable`) when the stream fails part way.
 */
export async function readBody(request: Request, max: number, timeout: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared && Number(declared) > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  // The pending read's rejection, for the timer: a fresh promise each read, as a race of every read against one
  // long-lived promise keeps a reaction per chunk (hundreds of bytes each) until the body ends.
  let late: ((error: unknown) => void) | undefined;
  const timer =
    timeout <= MAX_DELAY
      ? setTimeout(
          () =>
            late?.(new WebhookPayloadError('timeout', `the request body took longer than ${timeout} ms (bodyTimeout)`)),
          timeout,
        )
      : undefined;
  const body = new ByteBuffer(max);
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await new Promise((resolve, reject) => {
          late = reject;
          reader.read().then(resolve, reject);
        });
      } catch (error) {
        reader.cancel().catch(() => undefined);
        if (error instanceof WebhookPayloadError) throw error;
        // The sender went away part way, or a proxy cut the upload: the body is not there to verify.
        throw new WebhookPayloadError('unreadable', 'the request body could not be read to its end');
      }
      const { done, value } = chunk;
      if (done) break;
      if (!body.add(value)) {
        reader.cancel().catch(() => undefined);
        throw tooLarge(max);
      }
    }
  } finally {
    clearTimeout(timer);
  }
  return body.bytes();
}

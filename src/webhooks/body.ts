/** Reading a delivery's raw body, bounded: a receiver must not buffer whatever a stranger sends it. */
import { readInto } from '../core/body';
import { ByteBuffer } from '../core/bytes';
import { InvalidInputError } from '../core/errors';
import { within } from '../core/signal';
import { WebhookPayloadError } from './event';

/** Receivers' default `maxBodyBytes`: 1 MiB, far above any event the API sends. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** Receivers' default `bodyTimeout`: 10 s to receive a whole body, so a sender dribbling bytes cannot hold one open. */
export const DEFAULT_BODY_TIMEOUT = 10_000;
/** setTimeout's ceiling: a longer delay would fire at once, so a timeout past it means no timeout. */
export const MAX_DELAY = 2_147_483_647;

/**
 * The `bodyTimeout` of each receiver `createWebhookHandler` made, so that `toNodeHandler`, given no `bodyTimeout` of
 * its own, bounds by it the drain of a body the receiver answered before reading it whole.
 */
export const bodyTimeouts = new WeakMap<object, number>();

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
 * Checks a timeout option (`bodyTimeout`, `handlerTimeout`): a positive number of milliseconds (`Infinity` lifts the
 * limit), `fallback` when undefined.
 * @throws InvalidInputError naming `field`.
 */
export function checkTimeout(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
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
  const body = new ByteBuffer(max);
  let whole: boolean;
  try {
    const reading = readInto(reader, body);
    const late = () =>
      new WebhookPayloadError('timeout', `the request body took longer than ${timeout} ms (bodyTimeout)`);
    whole = await (timeout <= MAX_DELAY ? within(reading, timeout, late) : reading);
  } catch (error) {
    reader.cancel().catch(() => undefined);
    if (error instanceof WebhookPayloadError) throw error;
    // The sender went away part way, or a proxy cut the upload: the body is not there to verify.
    throw new WebhookPayloadError('unreadable', 'the request body could not be read to its end');
  }
  if (!whole) throw tooLarge(max);
  return body.bytes();
}

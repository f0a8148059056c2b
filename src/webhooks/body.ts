/** Reading a delivery's raw body, bounded: a receiver must not buffer whatever a stranger sends it. */
import { InvalidInputError } from '../core/errors';
import { WebhookPayloadError } from './event';
import { toBytes } from './signature';

/** Receivers' default `maxBodyBytes`: 1 MiB, far above any event the API sends. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Checks a `maxBodyBytes` option: a positive number of bytes (`Infinity` lifts the limit).
 * @throws InvalidInputError naming `field`.
 */
export function checkMaxBodyBytes(value: unknown, field: string): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (typeof value !== 'number' || !(value > 0)) throw new InvalidInputError(field, 'must be a positive number of bytes (Infinity for no limit)');
  return value;
}

const tooLarge = (max: number) => new WebhookPayloadError('too-large', `the request body is larger than ${max} bytes (maxBodyBytes)`);

/**
 * Refuses a declared `Content-Length` over `max`, before anything is read.
 * @throws WebhookPayloadError (`too-large`).
 */
export function checkDeclaredLength(contentLength: string | null | undefined, max: number): void {
  if (contentLength && Number(contentLength) > max) throw tooLarge(max);
}

/**
 * Joins the chunks into one byte array. Stops reading once they pass `max` bytes.
 * @throws WebhookPayloadError (`too-large`).
 */
export async function readChunks(chunks: AsyncIterable<Uint8Array | string>, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const bytes = toBytes(chunk);
    size += bytes.length;
    if (size > max) throw tooLarge(max);
    parts.push(bytes);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    body.set(part, at);
    at += part.length;
  }
  return body;
}

/** A Web stream's chunks, on runtimes whose streams are not async iterable; the stream is cancelled when reading stops early. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Resolves at once for a stream read to its end; otherwise tells the sender to stop.
    reader.cancel().catch(() => undefined);
  }
}

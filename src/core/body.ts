/** Reading a response body within a size cap, counted as it streams (after decompression, as fetch hands it over). */
import { ByteBuffer } from './bytes';

/** Default of the client's `maxResponseBytes`: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Reads `reader` into `bytes` to its end, or until a chunk does not all fit (then cancels the rest): false then. */
export async function readInto(reader: ReadableStreamDefaultReader<Uint8Array>, bytes: ByteBuffer): Promise<boolean> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (!bytes.add(value)) {
      void reader.cancel().catch(() => undefined);
      return false;
    }
  }
}

/**
 * A body as text, from its reader (none for an empty body); stops reading and cancels the rest as soon as it passes
 * `max` bytes. Without `tooLarge` (an error answer, whose start is all an error keeps), returns its first `max` bytes.
 * @throws whatever `tooLarge` returns, once the body passes `max` bytes.
 */
export async function readCapped(
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  max: number,
  tooLarge?: () => Error,
): Promise<string> {
  if (!reader) return '';
  const body = new ByteBuffer(max);
  if (!(await readInto(reader, body)) && tooLarge) throw tooLarge();
  return new TextDecoder().decode(body.bytes());
}

/** Reading a response body within a size cap, counted as it streams (after decompression, as fetch hands it over). */

/** Default of the client's `maxResponseBytes`: 10 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

// Decoding without `stream` keeps no state between calls, so one decoder serves every body.
const decoder = new TextDecoder();

/**
 * A body as text, from its reader (none for an empty body); stops reading and cancels the rest as soon as it passes
 * `max` bytes.
 * @throws whatever `tooLarge` returns, once the body passes `max` bytes.
 */
export async function readCapped(
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  max: number,
  tooLarge: () => Error,
): Promise<string> {
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(all);
}

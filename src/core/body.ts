/** Reading a response body within a size cap, counted as it streams (after decompression, as fetch hands it over). */

/** Default of the client's `maxResponseBytes`: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * A body as text, from its reader (none for an empty body); stops reading and cancels the rest as soon as it passes
 * `max` bytes. Without `tooLarge` (an error answer, whose start is all an error keeps), returns its first `max` bytes.
 * `got.text` holds the text read so far, for a caller that gives up on the read or sees it fail.
 * @throws whatever `tooLarge` returns, once the body passes `max` bytes; what the reader throws.
 */
export async function readCapped(
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  max: number,
  tooLarge?: () => Error,
  got = { text: '' },
): Promise<string> {
  if (!reader) return '';
  const decoder = new TextDecoder();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return got.text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      if (tooLarge) throw tooLarge();
      return got.text + decoder.decode(value.subarray(0, value.byteLength - (size - max)));
    }
    got.text += decoder.decode(value, { stream: true });
  }
}

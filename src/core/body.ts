/** Reading a response body within a size cap, counted as it streams (after decompression, as fetch hands it over). */

/** Default of the client's `maxResponseBytes`: 10 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The body of `response` as text; stops reading and cancels the rest as soon as it passes `max` bytes.
 * @throws whatever `tooLarge` returns, once the body passes `max` bytes.
 */
export async function readCapped(response: Response, max: number, tooLarge: () => Error): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

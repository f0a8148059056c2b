/** A body sent a byte at a time, to show that readers keep about the memory of its bytes, not of its chunks. */
import { gc } from './gc';

/** How often, in chunks, the heap is measured (after a collection). */
const SAMPLE_EVERY = 25_000;

/**
 * A stream of `chunks` one-byte chunks of spaces, then `tail` in one chunk; the most the heap has grown above where
 * it stood when the stream was made, measured after a collection every 25,000 chunks; and whether it was read whole.
 */
export function dribble(
  chunks: number,
  tail = '',
): { body: ReadableStream<Uint8Array>; peakGrowth: () => number; readToEnd: () => boolean } {
  let sent = 0;
  let peak = 0;
  gc();
  const start = process.memoryUsage().heapUsed;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) {
        if (tail) controller.enqueue(new TextEncoder().encode(tail));
        return controller.close();
      }
      controller.enqueue(new Uint8Array([0x20]));
      if (sent % SAMPLE_EVERY === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - start);
      }
    },
  });
  return { body, peakGrowth: () => peak, readToEnd: () => sent > chunks };
}

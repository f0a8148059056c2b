/** Bytes gathered from a stream's chunks, to a bound, the one way every reader of a body or file gathers them. */

const EMPTY = new Uint8Array(0);

/**
 * Chunks gathered into one buffer that doubles as needed, up to `max` bytes: a body sent a byte at a time takes about
 * the memory of its bytes, not an object or a string per chunk.
 */
export class ByteBuffer {
  // The first chunk as it came, then a buffer that doubles.
  #buffer: Uint8Array = EMPTY;
  #size = 0;

  constructor(readonly max: number) {}

  /** Adds `chunk`, or as much of it as fits within `max`; false when some of it did not fit. */
  add(chunk: Uint8Array): boolean {
    const fits = Math.min(chunk.byteLength, this.max - this.#size);
    const size = this.#size + fits;
    if (this.#size === 0) {
      // Most answers come in one chunk: it is kept, not copied. It is the reader's own, and never written into: the
      // next chunk moves it into a buffer of its own.
      this.#buffer = chunk.subarray(0, fits);
    } else {
      if (size > this.#buffer.length) {
        const grown = new Uint8Array(Math.min(this.max, Math.max(this.#buffer.length * 2, size)));
        grown.set(this.bytes());
        this.#buffer = grown;
      }
      this.#buffer.set(chunk.subarray(0, fits), this.#size);
    }
    this.#size = size;
    return fits === chunk.byteLength;
  }

  /** The bytes added so far (a view, not a copy). */
  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.#size);
  }
}

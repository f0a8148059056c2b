/**
 * MD5 (RFC 1321), fed in pieces, for result checksums: Node's own hash where there is one (found at run time, so the
 * browser build imports nothing of Node), else a small implementation, as Web Crypto has no MD5.
 */

/** A digest computed as bytes arrive. */
export interface Digest {
  update(bytes: Uint8Array): unknown;
  /** The digest of everything added, as 32 lower-case hex digits. */
  hex(): string;
}

type NodeCrypto = { createHash(name: 'md5'): { update(b: Uint8Array): unknown; digest(encoding: 'hex'): string } };
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** A new MD5 digest. */
export function md5(): Digest {
  if (!nodeCrypto) return new Md5();
  const hash = nodeCrypto.createHash('md5');
  return { update: (bytes) => hash.update(bytes), hex: () => hash.digest('hex') };
}

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

/** MD5 in plain code, for platforms without Node's crypto. */
export class Md5 implements Digest {
  readonly #state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  readonly #block = new Uint8Array(64);
  readonly #words = new Int32Array(16);
  #buffered = 0;
  #length = 0;

  /** Adds `bytes` to the digest. */
  update(bytes: Uint8Array): this {
    this.#length += bytes.length;
    let at = 0;
    if (this.#buffered > 0) {
      at = Math.min(64 - this.#buffered, bytes.length);
      this.#block.set(bytes.subarray(0, at), this.#buffered);
      this.#buffered += at;
      if (this.#buffered < 64) return this;
      this.#compress(this.#block, 0);
      this.#buffered = 0;
    }
    for (; at + 64 <= bytes.length; at += 64) this.#compress(bytes, at);
    this.#block.set(bytes.subarray(at), 0);
    this.#buffered = bytes.length - at;
    return this;
  }

  /** The digest of everything added, as 32 lower-case hex digits. */
  hex(): string {
    const bits = this.#length * 8;
    const tail = new Uint8Array(this.#buffered < 56 ? 64 - this.#buffered : 128 - this.#buffered);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bits >>> 0, true);
    view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
    this.update(tail);
    const out = new DataView(new ArrayBuffer(16));
    for (const [i, word] of this.#state.entries()) out.setInt32(i * 4, word, true);
    return [...new Uint8Array(out.buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  #compress(bytes: Uint8Array, at: number): void {
    const x = this.#words;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      x[i] =
        (bytes[j] as number) |
        ((bytes[j + 1] as number) << 8) |
        ((bytes[j + 2] as number) << 16) |
        ((bytes[j + 3] as number) << 24);
    }
    const s = this.#state;
    let [a, b, c, d] = [s[0] as number, s[1] as number, s[2] as number, s[3] as number];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) & 15];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) & 15];
      else [f, g] = [c ^ (b | ~d), (7 * i) & 15];
      const sum = (a + f + (K[i] as number) + (x[g] as number)) | 0;
      const shift = SHIFTS[(i >> 4) * 4 + (i & 3)] as number;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    s[0] = ((s[0] as number) + a) | 0;
    s[1] = ((s[1] as number) + b) | 0;
    s[2] = ((s[2] as number) + c) | 0;
    s[3] = ((s[3] as number) + d) | 0;
  }
}

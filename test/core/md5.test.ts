/**
 * The shared MD5 of result checksums (download checks and the mock's files): the same digests as node:crypto, fed in
 * any pieces, through Node's hash and through the library used where `process.getBuiltinModule` is missing.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { md5 } from '../../src/core/md5';

describe.each([
  ['with node:crypto', () => undefined],
  // Browsers have no process.getBuiltinModule: the fallback library runs.
  ['without process.getBuiltinModule', () => vi.stubGlobal('process', { ...process, getBuiltinModule: undefined })],
])('md5 %s', (_, setUp) => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 100_003])(
    'digests %i bytes, fed whole or in uneven pieces, as node:crypto does',
    (length) => {
      setUp();
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 255);
      const expected = createHash('md5').update(bytes).digest('hex');
      const whole = md5();
      whole.update(bytes);
      expect(whole.hex()).toBe(expected);
      const pieces = md5();
      for (let at = 0, step = 1; at < length; at += step, step = (step * 3) % 97 || 1)
        pieces.update(bytes.subarray(at, at + step));
      expect(pieces.hex()).toBe(expected);
    },
  );

  it('digests text as the RFC 1321 test suite says', () => {
    setUp();
    const hex = (text: string) => {
      const digest = md5();
      digest.update(new TextEncoder().encode(text));
      return digest.hex();
    };
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });
});

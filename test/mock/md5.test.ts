/** The mock's own MD5, used where Node's crypto is missing (browsers): the same digests as Node's, fed in any pieces. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Md5 } from '../../src/mock/md5';

describe('Md5', () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 100_003])(
    'digests %i bytes, fed whole or in uneven pieces, as node:crypto does',
    (length) => {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 255);
      const expected = createHash('md5').update(bytes).digest('hex');
      expect(new Md5().update(bytes).hex()).toBe(expected);
      const pieces = new Md5();
      for (let at = 0, step = 1; at < length; at += step, step = (step * 3) % 97 || 1)
        pieces.update(bytes.subarray(at, at + step));
      expect(pieces.hex()).toBe(expected);
    },
  );

  it('digests text as the RFC 1321 test suite says', () => {
    const hex = (text: string) => new Md5().update(new TextEncoder().encode(text)).hex();
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });
});

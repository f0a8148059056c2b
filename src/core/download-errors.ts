/** The errors of a downloaded file whose bytes are not the result's: too many or too few, or another MD5. */
import { RicloudError } from './ricloud-error';

/** A downloaded file's bytes do not match the result's `size`: more arrived than it states, or fewer. */
export class SizeMismatchError extends RicloudError {
  override name = 'SizeMismatchError';

  /** `expected` is the result's `size`; `received` the bytes that arrived (more than `expected` stops the download). */
  constructor(
    what: string,
    /** The result's `size`. */
    readonly expected: number,
    /** The bytes received when the mismatch was seen. */
    readonly received: number,
  ) {
    super(
      `${what}: ${received > expected ? 'more than' : 'only'} ${received} bytes arrived, the result states ${expected}`,
    );
  }
}

/** A downloaded file's MD5 differs from the result's `checksum`: the bytes were corrupted on the way. */
export class ChecksumMismatchError extends RicloudError {
  override name = 'ChecksumMismatchError';

  /** `expected` is the result's `checksum`, `actual` the MD5 of the bytes that arrived (both hex). */
  constructor(
    what: string,
    /** The result's `checksum`. */
    readonly expected: string,
    /** The MD5 of the bytes received. */
    readonly actual: string,
  ) {
    super(`${what}: the file's MD5 is ${actual}, the result's checksum is ${expected}`);
  }
}

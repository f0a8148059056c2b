/** A download's body as it passes: counted against the result's `size`, hashed against its `checksum`. */
import type { DownloadOptions, ResultFile } from './download';
import { type Limits, whenCollected } from './download-limits';
import { ChecksumMismatchError, SizeMismatchError } from './download-errors';
import { RicloudError } from './ricloud-error';
import { md5 } from './md5';
import { md5InWorker, type PacedDigest } from './md5-worker';

/**
 * A download's chunk, typed as a response body's are: `Uint8Array<ArrayBuffer>` from TypeScript 5.7 on, which a `Blob`
 * and `crypto.subtle` take where they refuse a plain `Uint8Array`; `Uint8Array` before, which has no type argument.
 */
export type Bytes = ReturnType<Uint8Array['slice']>;

/** What the checked stream compares the bytes with. */
interface Checks extends ResultFile {
  total: number | undefined;
  onProgress: DownloadOptions['onProgress'];
  limits: Limits;
}

/**
 * Files from this size on (32 MiB; a literal, which a bundle that never downloads drops) are hashed in a worker
 * thread: for a smaller one, starting a thread (about 40 ms of wall time, 25 ms of CPU) costs more than hashing it
 * inline would (node:crypto's MD5 runs at about 700 MiB/s).
 */
const WORKER_FROM_BYTES = 33_554_432;

/** The MD5 of a download of `total` bytes: in a worker thread for a large file where the platform has them. */
function digestFor(total: number | undefined): PacedDigest {
  const threaded = total !== undefined && total >= WORKER_FROM_BYTES ? md5InWorker() : undefined;
  if (threaded) return threaded;
  const inline = md5();
  return { update: (bytes) => void inline.update(bytes), hex: async () => inline.hex(), close: () => undefined };
}

/**
 * `body` passed on chunk by chunk as its reader pulls, counted and hashed on the way; fails as soon as more bytes
 * than `size` arrived, and at the end when fewer did or the MD5 differs from `checksum`.
 */
export function checkedStream(body: ReadableStream<Bytes> | null, checks: Checks): ReadableStream<Bytes> {
  const { size, checksum, limits, onProgress, total, what } = checks;
  const reader = body?.getReader();
  let bytes = 0;
  // Made at the first read, so a stream never read starts no thread.
  let digest: PacedDigest | undefined;
  /**
   * Stops the timers, the body and the MD5 thread. The body's cancel is not waited for: a fetch's may never settle
   * (msw's on Node 20), and the caller's `cancel()` must not hang on it.
   */
  const end = (reason?: unknown) => {
    limits.end();
    digest?.close();
    void reader?.cancel(reason).catch(() => undefined);
  };
  const fail = (controller: ReadableStreamDefaultController<Bytes>, error: RicloudError) => {
    end(error);
    controller.error(error);
  };
  /** The error for a failure of the MD5 thread, or the abort or timeout that stopped it. */
  const hashFailure = (error: unknown) =>
    limits.stopped
      ? limits.failure(limits.own.signal.reason)
      : new RicloudError(`${what}: the MD5 of the file could not be computed`, { cause: error });
  // Ends the wait on the caller's onProgress once the download stops: a callback never settling must not hold it.
  let wake: (() => void) | undefined;
  // A cancelled reader ends its pending read as done: the check after each read turns that into the error.
  limits.onAbort(() => {
    wake?.();
    void reader?.cancel().catch(() => undefined);
  });
  async function pull(controller: ReadableStreamDefaultController<Bytes>): Promise<void> {
    if (checksum) digest ??= digestFor(total);
    let chunk: ReadableStreamReadResult<Bytes> = { done: true, value: undefined };
    if (reader) {
      limits.reading();
      try {
        chunk = await reader.read();
      } catch (error) {
        return fail(controller, limits.failure(error));
      } finally {
        limits.read(chunk.value?.byteLength);
      }
    }
    if (limits.stopped) return fail(controller, limits.failure(limits.own.signal.reason));
    if (chunk.done) {
      limits.end();
      if (typeof size === 'number' && bytes !== size) return fail(controller, new SizeMismatchError(what, size, bytes));
      let actual: string | undefined;
      try {
        actual = await digest?.hex();
      } catch (error) {
        return fail(controller, hashFailure(error));
      }
      if (checksum && actual !== checksum.toLowerCase())
        return fail(controller, new ChecksumMismatchError(what, checksum, actual ?? ''));
      return controller.close();
    }
    bytes += chunk.value.byteLength;
    if (typeof size === 'number' && bytes > size) return fail(controller, new SizeMismatchError(what, size, bytes));
    const hashing = digest?.update(chunk.value);
    if (hashing) {
      // The MD5 thread holds as many bytes as it may: the reader waits for it.
      try {
        await hashing;
      } catch (error) {
        return fail(controller, hashFailure(error));
      }
      if (limits.stopped) return fail(controller, limits.failure(limits.own.signal.reason));
    }
    if (onProgress) {
      try {
        // Awaited: an async callback's rejection ends the download as a throw does, never as an unhandled rejection.
        await new Promise<void>((resolve, reject) => {
          wake = resolve;
          Promise.resolve(onProgress({ bytes, total })).then(() => resolve(), reject);
        });
      } catch (error) {
        // The caller's own error ends the download as it is.
        end(error);
        throw error;
      } finally {
        wake = undefined;
      }
      if (limits.stopped) return fail(controller, limits.failure(limits.own.signal.reason));
    }
    controller.enqueue(chunk.value);
  }
  const stream = new ReadableStream<Bytes>({ pull, cancel: (reason) => end(reason) }, { highWaterMark: 0 });
  // A stream its reader drops mid-way, never cancelled, still stops its body and its MD5 thread once collected.
  whenCollected(stream, () => end());
  return stream;
}

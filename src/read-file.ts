/**
 * Reading what a user points at (a token file, a config file, a credentials file) to a bound, stoppable by a signal:
 * Node-only, for `ricloud/node` and the command line. A file without end cannot fill memory, and a named pipe that
 * never gets a writer cannot hold the process.
 */
import { close, constants, createReadStream, fstat, open } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { isatty } from 'node:tty';
import { promisify } from 'node:util';
import { ByteBuffer } from './core/bytes';
import { follow } from './core/signal';

/**
 * What ends a read (a file, stdin, a hidden prompt) when its signal aborts, as Node's `addAbortSignal` names it: an
 * `AbortError` with the reason, which the command line takes for a stop (no message). Not the SDK's AbortError, whose
 * message the command line would print after a `--timeout`.
 */
export function aborted(reason: unknown): Error {
  const error = new Error('The operation was aborted', { cause: reason });
  error.name = 'AbortError';
  return error;
}

/**
 * The bytes of `stream` up to its end, or its first `maxBytes` and more (which tells the caller it is too long).
 * `signal` ends the read (a pipe kept open, a terminal). Reads sharing one signal share its one listener, as calls do.
 * @throws AbortError when `signal` aborts first; the stream's own error.
 */
export async function readBounded(stream: Readable, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  // One byte more than `maxBytes` is kept, which tells the caller the bytes went on.
  const bytes = new ByteBuffer(maxBytes + 1);
  const release = signal && follow(signal, { abort: (reason) => stream.destroy(aborted(reason)) });
  try {
    for await (const chunk of stream) {
      if (!bytes.add(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))) break;
    }
  } finally {
    release?.();
  }
  const view = bytes.bytes();
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** `path` opened for reading, and whether it is a named pipe. */
async function openForReading(path: string): Promise<{ fd: number; pipe: boolean }> {
  // Non-blocking: opening a pipe that has no writer yet would hold one of libuv's four threads until one came, out of
  // reach of any signal, and keep the process from exiting.
  const fd = await promisify(open)(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    // Read without blocking, a terminal would fail at once with EAGAIN; read blocking, it could not be stopped.
    if (isatty(fd)) throw new Error('it is a terminal, not a file');
    return { fd, pipe: (await promisify(fstat)(fd)).isFIFO() };
  } catch (error) {
    close(fd, () => {});
    throw error;
  }
}

/**
 * The bytes of the file at `path`, as `readBounded` reads them. A named pipe (`mkfifo`, `<(pass show ricloud)`) is
 * read as stdin is, when data comes: one that never gets a writer waits until `signal` aborts.
 * @throws the file system's error (`code` ENOENT, EISDIR, EACCES, …), or an Error for a terminal; AbortError when
 *   `signal` aborts first.
 */
export async function readFileBounded(path: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  signal?.throwIfAborted();
  const { fd, pipe } = await openForReading(path);
  if (signal?.aborted) {
    close(fd, () => {});
    signal.throwIfAborted();
  }
  const stream = pipe ? new Socket({ fd, readable: true, writable: false }) : createReadStream(path, { fd });
  return readBounded(stream, maxBytes, signal);
}

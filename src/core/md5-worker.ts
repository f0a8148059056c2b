/**
 * MD5 computed in a worker thread (`node:worker_threads`: Node, Bun, Deno), so the thread that reads a large download
 * only copies its bytes. They go over in batches of pooled buffers, which come back once hashed: at most
 * `MAX_BATCHES × BATCH_BYTES` (8 MiB) wait for the hash, and the reader waits when a fast server outruns it.
 */
import type { Worker } from 'node:worker_threads';
import { builtin } from './builtin';

// Plain literals: a bundle that never downloads drops them.
/** Bytes per message to the worker: 1 MiB. */
const BATCH_BYTES = 1_048_576;
/** Buffers in the pool: all out with the worker means the reader waits. */
const MAX_BATCHES = 8;
/** Buffers back before a waiting reader goes on (half the pool): it wakes once per 4 MiB rather than per batch. */
const RESUME_AT = 4;

// The thread looks its modules up as the library does, so the same text runs as Node's and Bun's CommonJS script and
// as Deno's module. A batch is a transferred buffer and the length used (Deno copies a typed array byte by byte),
// sent back to be filled again; `null` asks for the digest.
const WORKER_CODE = `const { parentPort } = process.getBuiltinModule('node:worker_threads');
const hash = process.getBuiltinModule('node:crypto').createHash('md5');
parentPort.on('message', (batch) => {
  if (batch === null) return parentPort.postMessage(hash.digest('hex'));
  hash.update(new Uint8Array(batch.buffer, 0, batch.length));
  parentPort.postMessage(batch.buffer, [batch.buffer]);
});`;

/** An MD5 digest whose `update` asks the caller to wait (returns a promise) while too many bytes await the hash. */
export interface PacedDigest {
  /** Adds `bytes` (copied: the caller may reuse them). A promise means: wait for it before the next update. */
  update(bytes: Uint8Array): Promise<void> | undefined;
  /** The digest of everything added, as 32 lower-case hex digits; frees the thread. */
  hex(): Promise<string>;
  /** Frees the thread when the bytes will not be finished (a failed or cancelled download). */
  close(): void;
}

type Threads = { Worker: new (code: string, options: { eval: true }) => Worker };

/** An MD5 digest computed in a new worker thread, or undefined where the platform has no worker threads. */
export function md5InWorker(): PacedDigest | undefined {
  let worker: Worker;
  try {
    const Thread = builtin<Threads>('node:worker_threads')?.Worker;
    if (!Thread) return undefined;
    worker = new Thread(WORKER_CODE, { eval: true });
  } catch {
    return undefined;
  }
  // The thread keeps the process alive only while an update or the digest waits on it: a stream left unread mid-way
  // holds nothing.
  worker.unref();
  const free: ArrayBuffer[] = [];
  let created = 0;
  let batch: Uint8Array<ArrayBuffer> | undefined;
  let filled = 0;
  let digest: string | undefined;
  let failure: unknown;
  let wake: (() => void) | undefined;
  worker.on('message', (message: ArrayBuffer | string) => {
    if (typeof message === 'string') digest = message;
    else free.push(message);
    wake?.();
  });
  const stop = (error: unknown) => {
    failure ??= error;
    wake?.();
  };
  worker.on('error', stop);
  worker.on('exit', () => stop(new Error('the MD5 thread stopped')));

  /** Resolves at the worker's next message; rejects once it failed or stopped. */
  const answered = async (): Promise<void> => {
    if (failure === undefined) {
      worker.ref();
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      worker.unref();
    }
    if (failure !== undefined) throw failure;
  };
  /** Resolves once half the pool is back with the reader. */
  const refilled = async () => {
    while (free.length < RESUME_AT) await answered();
  };
  const send = () => {
    if (!batch) return;
    worker.postMessage({ buffer: batch.buffer, length: filled }, [batch.buffer]);
    batch = undefined;
    filled = 0;
  };
  /** A free buffer of the pool, a new one while it is not full, else none. */
  const take = (): ArrayBuffer | undefined => {
    const buffer = free.pop();
    if (buffer || created === MAX_BATCHES) return buffer;
    created++;
    return new ArrayBuffer(BATCH_BYTES);
  };
  const update = (bytes: Uint8Array): Promise<void> | undefined => {
    if (failure !== undefined) return Promise.reject(failure);
    for (let at = 0; at < bytes.length; ) {
      if (!batch) {
        const buffer = take();
        if (!buffer) return refilled().then(() => update(bytes.subarray(at)));
        batch = new Uint8Array(buffer);
      }
      const taken = Math.min(bytes.length - at, batch.length - filled);
      batch.set(bytes.subarray(at, at + taken), filled);
      filled += taken;
      at += taken;
      if (filled === batch.length) send();
    }
    return undefined;
  };
  return {
    update,
    async hex() {
      if (failure !== undefined) throw failure;
      send();
      worker.postMessage(null);
      while (digest === undefined) await answered();
      await worker.terminate();
      return digest;
    },
    close: () => void worker.terminate(),
  };
}

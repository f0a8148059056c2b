/**
 * A result's download whose server trickles (each chunk within `timeout`, too few bytes over a window of it, as curl's
 * `--speed-limit` and `--speed-time` judge) is stalled as an idle one is, through the public API: resumed with `Range`
 * within `maxRetries`, else `TimeoutError`. A steady download above `minSpeed` completes, and a reader that pauses
 * longer than the window is not the server's stall.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, TimeoutError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { bytesOf, fileAnswering } from '../support/file-answers';

const SIZE = 16 * 1024;
const { api, client } = useMockApi({ taskDelay: 1, resultSize: SIZE });

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** How a file answer sends its bytes: `chunk` bytes at a time, each `every` ms after the read asked (0: at once). */
interface Pace {
  chunk: number;
  every: number;
}

/** A body sending `bytes` at `pace`, then ending; its cancels counted in `cancels`. */
function pacedBody(bytes: Uint8Array, pace: Pace, cancels: { count: number }): ReadableStream<Uint8Array> {
  let at = 0;
  let cancelled = false;
  const send = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (cancelled) return;
    if (at >= bytes.length) return controller.close();
    controller.enqueue(bytes.slice(at, at + pace.chunk));
    at += pace.chunk;
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pace.every === 0) return send(controller);
        return new Promise<void>((resolve) => setTimeout(() => resolve(send(controller)), pace.every));
      },
      cancel() {
        cancelled = true;
        cancels.count++;
      },
    },
    { highWaterMark: 0 },
  );
}

/** A file result whose answers send at a pace: the first at `first`, resumes at `resumed` (default: all at once). */
const pacedFile = (first: Pace, resumed: Pace = { chunk: SIZE, every: 0 }) =>
  fileAnswering(
    client,
    () => api.settle(),
    (rest, resumes, cancels) => pacedBody(rest, resumes === 0 ? first : resumed, cancels),
  );

/** A body that sends nothing and fails after `ms`, as a connection reset does. */
const failingBody = (ms: number) =>
  new ReadableStream<Uint8Array>({
    pull: (controller) =>
      new Promise<void>((resolve) => setTimeout(() => resolve(controller.error(new TypeError('terminated'))), ms)),
  });

// One byte each 20 ms: never idle for a `timeout` of 300 ms, 15 bytes a window where the default asks for 307.
const TRICKLE: Pace = { chunk: 1, every: 20 };

/**
 * Runs `work` and counts the timers it started that are still pending: neither cleared nor run. `setTimeout` is
 * wrapped only to see which ran.
 */
async function timersLeftBy(work: () => Promise<void>): Promise<number> {
  const pending = new Set<unknown>();
  const [setTimer, clearTimer] = [globalThis.setTimeout, globalThis.clearTimeout];
  const set = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((run: () => void, ms?: number) => {
    const timer = setTimer(() => {
      pending.delete(timer);
      run();
    }, ms);
    pending.add(timer);
    return timer;
  }) as typeof setTimeout);
  const clear = vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
    pending.delete(timer);
    clearTimer(timer as NodeJS.Timeout);
  });
  try {
    await work();
    // The trickling body's own timer, pending when its answer was cancelled, runs within its 20 ms.
    await new Promise((resolve) => setTimer(resolve, 50));
    return pending.size;
  } finally {
    set.mockRestore();
    clear.mockRestore();
  }
}

describe('a download slower than minSpeed over a window of timeout', () => {
  it('stops a server trickling a byte within each timeout: the TimeoutError of a stall, no retries', async () => {
    const { result, ranges, cancels } = await pacedFile(TRICKLE);
    const error = await rejectionOf(result.download({ timeout: 300, maxRetries: 0 }).then(bytesOf));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`download result ${result.id}: slower than 1024 bytes per second for 300 ms`);
    expect(ranges).toEqual([null]);
    expect(cancels.count).toBe(1);
    // A byte a second is an idle stall: the same error but for its message.
    const idle = await pacedFile({ chunk: 1, every: 1000 });
    const stalled = await rejectionOf(idle.result.download({ timeout: 300, maxRetries: 0 }).then(bytesOf));
    expect(stalled.message).toBe(`download result ${idle.result.id}: no data for 300 ms`);
    const shape = (e: Error) => ({ ...e, class: e.constructor, cause: (e.cause as Error).name, stack: undefined });
    expect(shape(error)).toEqual(shape(stalled));
  });

  it('leaves no timer once stopped for its speed or cancelled mid-trickle, with a deadline too', async () => {
    const { result } = await pacedFile(TRICKLE);
    const stopped = await timersLeftBy(async () => {
      await rejectionOf(result.download({ timeout: 300, deadline: 60_000, maxRetries: 0 }).then(bytesOf));
    });
    expect(stopped).toBe(0);
    const cancelled = await timersLeftBy(async () => {
      // 20 bytes in about 400 ms: past a first window, which kept a minSpeed of 1, to the timer of the second.
      const reader = (await result.download({ timeout: 300, minSpeed: 1, deadline: 60_000 })).getReader();
      for (let i = 0; i < 20; i++) await reader.read();
      await reader.cancel();
    });
    expect(cancelled).toBe(0);
  });

  it('ends the trickling answer alone and resumes it with Range: the rest checks out', async () => {
    const { result, ranges, cancels } = await pacedFile(TRICKLE);
    const seen: number[] = [];
    const stream = await result.download({ timeout: 300, onProgress: ({ bytes }) => void seen.push(bytes) });
    expect(md5(await bytesOf(stream))).toBe(result.checksum);
    expect(seen.at(-1)).toBe(SIZE);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toBeNull();
    // Resumed from the bytes trickled so far.
    const from = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThan(SIZE);
    expect(cancels.count).toBe(1);
  });

  it('bounds each resume by the same minimum: every answer trickling, TimeoutError after maxRetries', async () => {
    const { result, ranges, cancels } = await pacedFile(TRICKLE, TRICKLE);
    const error = await rejectionOf(result.download({ timeout: 300, maxRetries: 1 }).then(bytesOf));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`download result ${result.id}: slower than 1024 bytes per second for 300 ms`);
    expect(ranges).toHaveLength(2);
    expect(cancels.count).toBe(2);
  });

  it('completes a steady download above minSpeed, and stops the same pace under a higher one', async () => {
    // 512 bytes each 20 ms: about 25 KB/s, over about 650 ms, two windows of 300 ms and more.
    const steady: Pace = { chunk: 512, every: 20 };
    const { result, ranges } = await pacedFile(steady);
    const bytes = await bytesOf(await result.download({ timeout: 300, minSpeed: 2048, maxRetries: 0 }));
    expect(md5(bytes)).toBe(result.checksum);
    expect(ranges).toEqual([null]);
    const error = await rejectionOf(result.download({ timeout: 300, minSpeed: 100_000, maxRetries: 0 }).then(bytesOf));
    expect(error.message).toBe(`download result ${result.id}: slower than 100000 bytes per second for 300 ms`);
  });

  it('does not count a reader that pauses longer than the window: only reads waiting on the server count', async () => {
    // The server sends 256 bytes each 2 ms, 128 KB/s; the reader takes them each 150 ms, 1.7 KB/s, under minSpeed,
    // after a pause of over two windows.
    const { result, ranges } = await pacedFile({ chunk: 256, every: 2 });
    const reader = (await result.download({ timeout: 200, minSpeed: 5000, maxRetries: 0 })).getReader();
    const hash = createHash('md5');
    for (let i = 0; i < 6; i++) {
      const read = await reader.read();
      if (read.value) hash.update(read.value);
      await new Promise((resolve) => setTimeout(resolve, i === 0 ? 500 : 150));
    }
    for (let read = await reader.read(); !read.done; read = await reader.read()) hash.update(read.value);
    expect(hash.digest('hex')).toBe(result.checksum);
    expect(ranges).toEqual([null]);
  });

  it.each([0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '1024'])(
    'refuses minSpeed %s before sending, naming options.minSpeed',
    async (minSpeed) => {
      const { result, ranges } = await pacedFile(TRICKLE);
      const error = await rejectionOf(result.download({ minSpeed: minSpeed as number }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'options.minSpeed' });
      expect(error.message).toContain('a number of bytes per second from 1 to 1073741824');
      expect(ranges).toEqual([]);
    },
  );
});

describe('minSpeed on a clock the test moves', () => {
  afterEach(() => vi.useRealTimers());

  /** Reads `result`'s download to its end with fake timers, advanced 10 ms at a time: its bytes, or its error. */
  async function onFakeClock(download: () => Promise<ReadableStream<Uint8Array>>) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let settled = false;
    const outcome = download()
      .then(bytesOf)
      .then(
        (bytes) => ({ bytes, error: undefined }),
        (error: unknown) => ({ bytes: undefined, error }),
      )
      .finally(() => {
        settled = true;
      });
    for (let step = 0; !settled && step < 20_000; step++) await vi.advanceTimersByTimeAsync(10);
    return outcome;
  }

  it('completes chunks more than half a timeout apart at 1.6× minSpeed, to the end of the body', async () => {
    // 922 B each 550 ms is 1,676 B/s. Judged by whole reads: a window ending while a read waits would hold one chunk,
    // under the 1,024 B it asks for, and the read that finds the body's end (550 ms, no bytes) is not judged.
    const { result } = await pacedFile({ chunk: 922, every: 550 });
    const { bytes, error } = await onFakeClock(() => result.download({ timeout: 1000, minSpeed: 1024 }));
    expect(error).toBeUndefined();
    expect(md5(bytes as Uint8Array)).toBe(result.checksum);
  });

  it('judges a resumed answer alone: a connection that hung under timeout, then failed, is not counted', async () => {
    // The first answer waits 900 ms and fails, under the timeout of 1,000 ms; the resumed one sends 330 B each 300 ms,
    // 1,100 B/s: over minSpeed alone, under it with the 900 ms of the failed read counted.
    const { result, ranges } = await fileAnswering(
      client,
      () => api.settle(),
      (rest, resumes, cancels) =>
        resumes === 0 ? failingBody(900) : pacedBody(rest, { chunk: 330, every: 300 }, cancels),
    );
    const { bytes, error } = await onFakeClock(() => result.download({ timeout: 1000, minSpeed: 1024 }));
    expect(error).toBeUndefined();
    expect(md5(bytes as Uint8Array)).toBe(result.checksum);
    expect(ranges).toEqual([null, 'bytes=0-']);
  });
});

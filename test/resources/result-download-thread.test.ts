/**
 * `result.download()` of a large file, whose MD5 is computed in a worker thread: the same bytes and checks as the
 * inline path (size, checksum, cancellation), and no thread left behind once the download ends, fails or is cancelled.
 */
import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { AbortError, ChecksumMismatchError, type Result, SizeMismatchError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { gc } from '../support/gc';
import { resultsOf } from '../support/results';

// 40 MiB: past the size from which the MD5 runs in a worker thread, and more than the bytes it may hold at once.
const MIB = 1024 * 1024;
const SIZE = 40 * MIB;
const { api, client, server } = useMockApi({ taskDelay: 1, resultSize: SIZE });

/** Worker threads of this process that are running. */
const threads = () => (process.report.getReport() as { workers: unknown[] }).workers.length;

async function fileResult(): Promise<Result> {
  const { results } = await resultsOf(client(), { files: ['file-1'] }, () => api.settle());
  return results[0] as Result;
}

/** All bytes of `stream`, and the most worker threads seen running while they arrived. */
async function drain(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  let most = 0;
  let length = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    chunks.push(chunk);
    length += chunk.byteLength;
    // Once past the bytes the thread may hold, it has hashed some: it runs.
    if (most === 0 && length > 24 * MIB) most = threads();
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, most };
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

describe('result.download() of a large file', () => {
  it('hashes in a worker thread and streams the same bytes; the thread is gone when the stream ends', async () => {
    const result = await fileResult();
    const before = threads();
    const { bytes, most } = await drain(await result.download());
    expect(bytes.length).toBe(SIZE);
    expect(md5(bytes)).toBe(result.checksum);
    expect(most).toBe(before + 1);
    expect(threads()).toBe(before);
  });

  it('fails with ChecksumMismatchError when one byte differs, and leaves no thread', async () => {
    const result = await fileResult();
    const before = threads();
    const bad = (await drain(await result.download())).bytes;
    bad[SIZE / 2] = (bad[SIZE / 2] as number) ^ 1;
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(bad)));
    const error = await rejectionOf(result.download().then(drain));
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: result.checksum, actual: md5(bad) });
    await expect.poll(threads).toBe(before);
  });

  it('fails with SizeMismatchError as soon as more bytes than the size arrive, and leaves no thread', async () => {
    const result = await fileResult();
    const before = threads();
    // 1 MiB chunks, one more than the size holds, then an answer that never ends: only the check as the bytes pass
    // can end it, once the thread is hashing.
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > SIZE) return new Promise(() => undefined);
        sent += MIB;
        controller.enqueue(new Uint8Array(MIB));
      },
    });
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(body)));
    const error = await rejectionOf(result.download().then(drain));
    expect(error).toBeInstanceOf(SizeMismatchError);
    expect(error).toMatchObject({ expected: SIZE, received: SIZE + MIB });
    await expect.poll(threads).toBe(before);
  });

  it('fails with SizeMismatchError at the end when fewer bytes arrive, and leaves no thread', async () => {
    const result = await fileResult();
    const before = threads();
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(new Uint8Array(SIZE - 1))));
    const error = await rejectionOf(result.download().then(drain));
    expect(error).toMatchObject({ name: 'SizeMismatchError', expected: SIZE, received: SIZE - 1 });
    await expect.poll(threads).toBe(before);
  });

  it('stops with AbortError when its signal fires mid-stream, and leaves no thread', async () => {
    const result = await fileResult();
    const before = threads();
    const controller = new AbortController();
    let running = 0;
    const stream = await result.download({
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        if (bytes < SIZE / 2) return;
        running = threads();
        controller.abort();
      },
    });
    const error = await rejectionOf(drain(stream));
    expect(error).toBeInstanceOf(AbortError);
    expect(running).toBe(before + 1);
    await expect.poll(threads).toBe(before);
  });

  it('leaves no thread when the reader cancels the stream mid-way', async () => {
    const result = await fileResult();
    const before = threads();
    const reader = (await result.download()).getReader();
    let length = 0;
    while (length < SIZE / 2) length += (await reader.read()).value?.byteLength ?? SIZE;
    expect(threads()).toBe(before + 1);
    // Awaited: it settles though msw's body may never settle a cancel.
    await reader.cancel();
    await expect.poll(threads).toBe(before);
  });

  it('leaves no thread when the reader drops the stream mid-way without cancelling it', async () => {
    const result = await fileResult();
    const before = threads();
    // A read's idle timer holds its stream until it lapses: a short timeout lets it go soon after.
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined = (
      await result.download({ timeout: 100 })
    ).getReader();
    let length = 0;
    while (length < SIZE / 2) length += (await reader.read()).value?.byteLength ?? SIZE;
    expect(threads()).toBe(before + 1);
    reader = undefined;
    await vi.waitFor(
      () => {
        gc();
        expect(threads()).toBe(before);
      },
      { timeout: 10_000, interval: 100 },
    );
  }, 20_000);

  it('starts no thread for a stream that is never read', async () => {
    const result = await fileResult();
    const before = threads();
    const stream = await result.download();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(threads()).toBe(before);
    // Awaited: it settles though msw's body may never settle a cancel.
    await stream.cancel();
  });
});

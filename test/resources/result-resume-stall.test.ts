/**
 * A result's download whose body stalls past `timeout` (the connection open, no byte coming) resumes as a cut one does,
 * through the public API: only that answer is ended, and the same GET with `Range` continues the file. Without
 * retries left it fails with the `TimeoutError` it always did; the deadline and aborts end it all, never resumed.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { bytesOf, fileAnswering } from '../support/file-answers';

// 1 MiB, whose first answer stalls after its first half.
const SIZE = 1024 * 1024;
const HALF = SIZE / 2;
const { api, client } = useMockApi({ taskDelay: 1, resultSize: SIZE });

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** A body that sends `bytes`, then nothing until it is cancelled, counted in `cancels`. */
function stallingBody(bytes: Uint8Array, cancels: { count: number }): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return new Promise(() => undefined);
      sent = true;
      controller.enqueue(bytes);
    },
    cancel: () => void cancels.count++,
  });
}

/**
 * A file result whose answers stall: the first after its first half, the first `stalledResumes` resumes after a quarter
 * of what they were asked for; later resumes send the rest.
 */
const stallingFile = (stalledResumes = 0) =>
  fileAnswering(
    client,
    () => api.settle(),
    (rest, resumes, cancels) => {
      if (resumes === 0) return stallingBody(rest.slice(0, HALF), cancels);
      return resumes <= stalledResumes ? stallingBody(rest.slice(0, rest.length / 4), cancels) : rest;
    },
  );

describe('a download whose body stalls part way', () => {
  it('ends the stalled answer alone and resumes with one Range request: the whole file checks out', async () => {
    const { result, ranges, cancels } = await stallingFile();
    const seen: number[] = [];
    const stream = await result.download({ timeout: 100, onProgress: ({ bytes }) => void seen.push(bytes) });
    const bytes = await bytesOf(stream);
    expect(md5(bytes)).toBe(result.checksum);
    expect(seen.at(-1)).toBe(SIZE);
    expect(ranges).toEqual([null, `bytes=${HALF}-`]);
    expect(cancels.count).toBe(1);
  });

  it('fails with TimeoutError as before when no retries are left', async () => {
    const { result, ranges } = await stallingFile();
    const error = await rejectionOf(result.download({ timeout: 100, maxRetries: 0 }).then(bytesOf));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`download result ${result.id}: no data for 100 ms`);
    expect(ranges).toEqual([null]);
  });

  it.each([
    [1, [null, `bytes=${HALF}-`]],
    [2, [null, `bytes=${HALF}-`, `bytes=${HALF + HALF / 4}-`]],
  ])(
    'bounds each resume by timeout: with maxRetries %i and every resume stalling, TimeoutError',
    async (maxRetries, sent) => {
      const { result, ranges, cancels } = await stallingFile(maxRetries);
      const error = await rejectionOf(result.download({ timeout: 100, maxRetries }).then(bytesOf));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe(`download result ${result.id}: no data for 100 ms`);
      expect(ranges).toEqual(sent);
      expect(cancels.count).toBe(sent.length);
    },
  );

  it('does not resume when the deadline passes during a stall, first or resumed', async () => {
    const first = await stallingFile(1);
    const early = await rejectionOf(first.result.download({ timeout: 5000, deadline: 200 }).then(bytesOf));
    expect(early).toBeInstanceOf(TimeoutError);
    expect(early.message).toContain('not done within the deadline of 200 ms');
    expect(first.ranges).toEqual([null]);
    // The first stall resumes after 1 s and the 300 ms backoff; the deadline passes midway through the resume's stall.
    const resumed = await stallingFile(1);
    const late = await rejectionOf(resumed.result.download({ timeout: 1000, deadline: 1800 }).then(bytesOf));
    expect(late).toBeInstanceOf(TimeoutError);
    expect(late.message).toContain('not done within the deadline of 1800 ms');
    expect(resumed.ranges).toEqual([null, `bytes=${HALF}-`]);
  });
});

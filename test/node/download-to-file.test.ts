/**
 * `downloadToFile` of `ricloud/node`: the file appears at its path only once its size and checksum matched; a
 * corrupted, short or cancelled download leaves nothing behind, not even its temporary file.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortError, ChecksumMismatchError, type Result, SizeMismatchError } from '../../src/index';
import { downloadToFile } from '../../src/node';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { resultsOf } from '../support/results';

const SIZE = 1024 * 1024;
const { api, client, server } = useMockApi({ taskDelay: 1, resultSize: SIZE });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ricloud-download-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function dataResult(): Promise<Result> {
  const { results } = await resultsOf(client(), { data_types: ['ios_photos.photos'] }, () => api.settle());
  return results[0] as Result;
}

describe('downloadToFile', () => {
  it('writes the checked file at its path and nothing else', async () => {
    const result = await dataResult();
    const path = join(dir, 'photos.bin');
    await downloadToFile(result, path);
    const bytes = await readFile(path);
    expect(bytes.length).toBe(SIZE);
    expect(createHash('md5').update(bytes).digest('hex')).toBe(result.checksum);
    expect(await readdir(dir)).toEqual(['photos.bin']);
  });

  it("creates the file readable by its owner only: a user's data is not left to every account on the machine", async () => {
    const path = join(dir, 'photos.bin');
    await downloadToFile(await dataResult(), path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['corrupted', (good: Uint8Array) => good.map((b, i) => (i === 10 ? b ^ 1 : b)), ChecksumMismatchError],
    ['short', (good: Uint8Array) => good.subarray(0, SIZE - 1), SizeMismatchError],
  ])('leaves no file when the bytes are %s, and keeps a file already at the path', async (_, damage, type) => {
    const result = await dataResult();
    const good = new Uint8Array(await new Response(await result.download()).arrayBuffer());
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(damage(good))));
    const path = join(dir, 'photos.bin');
    await writeFile(path, 'older');
    expect(await rejectionOf(downloadToFile(result, path))).toBeInstanceOf(type);
    expect(await readdir(dir)).toEqual(['photos.bin']);
    expect(await readFile(path, 'utf8')).toBe('older');
  });

  it('leaves no file when cancelled mid-download', async () => {
    const result = await dataResult();
    const controller = new AbortController();
    const path = join(dir, 'photos.bin');
    const error = await rejectionOf(
      downloadToFile(result, path, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(await readdir(dir)).toEqual([]);
  });
});

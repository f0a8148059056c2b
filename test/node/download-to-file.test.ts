/**
 * `downloadToFile` of `ricloud/node`: the file appears at its path only once its size and checksum matched; a
 * corrupted, short or cancelled download leaves nothing behind, not even its temporary file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  copyFile,
  link,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, ChecksumMismatchError, InvalidInputError, type Result, SizeMismatchError } from '../../src/index';
import { downloadToFile } from '../../src/node';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { resultsOf } from '../support/results';

// `link` can fail as on a file system without hard links (FAT, some network shares); `open` as in a directory this
// account may not write in (the tests may run as root, whom permissions do not stop).
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof import('node:fs/promises')>();
  return { ...actual, link: vi.fn(actual.link), copyFile: vi.fn(actual.copyFile), open: vi.fn(actual.open) };
});

const SIZE = 1024 * 1024;
const { api, client, server } = useMockApi({ taskDelay: 1, resultSize: SIZE });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ricloud-download-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileResult(): Promise<Result> {
  const { results } = await resultsOf(client(), { files: ['file-1'] }, () => api.settle());
  return results[0] as Result;
}

/** How many times the result's file was asked for. */
const fileRequests = () => api.requests.filter((request) => request.path.startsWith('/files/')).length;

describe('downloadToFile', () => {
  it('writes the checked file at its path and nothing else', async () => {
    const result = await fileResult();
    const path = join(dir, 'photos.bin');
    await downloadToFile(result, path);
    const bytes = await readFile(path);
    expect(bytes.length).toBe(SIZE);
    expect(createHash('md5').update(bytes).digest('hex')).toBe(result.checksum);
    expect(await readdir(dir)).toEqual(['photos.bin']);
  });

  it("creates the file readable by its owner only: a user's data is not left to all accounts on the host", async () => {
    const path = join(dir, 'photos.bin');
    await downloadToFile(await fileResult(), path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['corrupted', (good: Uint8Array) => good.map((b, i) => (i === 10 ? b ^ 1 : b)), ChecksumMismatchError],
    ['short', (good: Uint8Array) => good.subarray(0, SIZE - 1), SizeMismatchError],
  ])('leaves no file when the bytes are %s, and keeps a file already at the path', async (_, damage, type) => {
    const result = await fileResult();
    const good = new Uint8Array(await new Response(await result.download()).arrayBuffer());
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(damage(good))));
    const path = join(dir, 'photos.bin');
    await writeFile(path, 'older');
    expect(await rejectionOf(downloadToFile(result, path))).toBeInstanceOf(type);
    expect(await readdir(dir)).toEqual(['photos.bin']);
    expect(await readFile(path, 'utf8')).toBe('older');
  });

  describe('with overwrite: false', () => {
    const noHardLinks = () =>
      vi
        .mocked(link)
        .mockRejectedValueOnce(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }));

    it.each([
      ['', () => undefined],
      [' on a file system without hard links', noHardLinks],
    ])('writes the checked file where none is%s', async (_, setUp) => {
      setUp();
      const result = await fileResult();
      const path = join(dir, 'photos.bin');
      await downloadToFile(result, path, { overwrite: false });
      const bytes = await readFile(path);
      expect(createHash('md5').update(bytes).digest('hex')).toBe(result.checksum);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readdir(dir)).toEqual(['photos.bin']);
    });

    it('refuses a file already at the path before asking for the file: InvalidInputError naming path', async () => {
      const result = await fileResult();
      const path = join(dir, 'photos.bin');
      await writeFile(path, 'theirs');
      const error = await rejectionOf(downloadToFile(result, path, { overwrite: false }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'path', message: expect.stringContaining('pass overwrite: true') });
      expect(fileRequests()).toBe(0);
      expect(await readFile(path, 'utf8')).toBe('theirs');
      expect(await readdir(dir)).toEqual(['photos.bin']);
    });

    it.each([
      ['', () => undefined],
      [', on a file system without hard links', noHardLinks],
    ])(
      'keeps a file made while the file downloads%s: the same InvalidInputError, no temporary file left',
      async (_, setUp) => {
        setUp();
        const result = await fileResult();
        const path = join(dir, 'photos.bin');
        let made = false;
        const onProgress = () => {
          if (!made) writeFileSync(path, 'theirs');
          made = true;
        };
        const error = await rejectionOf(downloadToFile(result, path, { overwrite: false, onProgress }));
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field: 'path', message: expect.stringContaining('pass overwrite: true') });
        expect(fileRequests()).toBe(1);
        expect(await readFile(path, 'utf8')).toBe('theirs');
        expect(await readdir(dir)).toEqual(['photos.bin']);
      },
    );

    it('leaves no partial file when a copy on a file system without hard links fails midway (disk full)', async () => {
      noHardLinks();
      vi.mocked(copyFile).mockImplementationOnce(async (_from, to) => {
        await writeFile(to as string, 'part');
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      });
      const error = await rejectionOf(
        downloadToFile(await fileResult(), join(dir, 'photos.bin'), { overwrite: false }),
      );
      expect(error).toMatchObject({ code: 'ENOSPC' });
      expect(await readdir(dir)).toEqual([]);
    });

    it('by default, a file made while the file downloads is replaced', async () => {
      const result = await fileResult();
      const path = join(dir, 'photos.bin');
      await downloadToFile(result, path, { onProgress: () => writeFileSync(path, 'theirs') });
      expect((await readFile(path)).length).toBe(SIZE);
    });

    it('refuses an overwrite that is not a boolean, naming it, before downloading', async () => {
      const result = await fileResult();
      const before = api.requests.length;
      const error = await rejectionOf(downloadToFile(result, join(dir, 'x'), { overwrite: 'no' as never }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'options.overwrite' });
      expect(api.requests.length).toBe(before);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  describe('refuses, naming path, before asking for the file', () => {
    it.each([
      ['a directory', async (path: string) => void (await mkdir(path)), 'is a directory'],
      ['in a directory that does not exist', async () => undefined, 'no such directory as'],
      ['in a file taken for a directory', async () => writeFile(join(dir, 'missing'), 'a file'), 'no such directory'],
    ])('a path that is %s', async (_, setUp, says) => {
      const result = await fileResult();
      const path = says === 'is a directory' ? join(dir, 'photos') : join(dir, 'missing', 'photos.bin');
      await setUp(path);
      const before = await readdir(dir);
      const error = await rejectionOf(downloadToFile(result, path));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'path', message: expect.stringContaining(says) });
      expect(fileRequests()).toBe(0);
      expect(await readdir(dir)).toEqual(before);
    });

    it.each([
      ['a symbolic link to a file', (path: string) => symlink(join(dir, 'kept.txt'), path)],
      ['a named pipe', async (path: string) => void execFileSync('mkfifo', [path])],
    ])('a path that is %s, which the file would replace, even with overwrite', async (_, setUp) => {
      const result = await fileResult();
      const path = join(dir, 'photos.bin');
      await writeFile(join(dir, 'kept.txt'), 'kept');
      await setUp(path);
      const before = await readdir(dir);
      const error = await rejectionOf(downloadToFile(result, path, { overwrite: true }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({
        field: 'path',
        message: `path: ${path} is no regular file (a link, device, pipe or socket), which it would replace`,
      });
      expect(fileRequests()).toBe(0);
      expect((await lstat(path)).isFile()).toBe(false);
      expect(await readdir(dir)).toEqual(before);
      expect(await readFile(join(dir, 'kept.txt'), 'utf8')).toBe('kept');
    });

    it('a path in a directory this account may not write in', async () => {
      const result = await fileResult();
      vi.mocked(open).mockRejectedValueOnce(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
      const error = await rejectionOf(downloadToFile(result, join(dir, 'photos.bin')));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'path', message: expect.stringContaining(`(EACCES) in ${dir}`) });
      expect(fileRequests()).toBe(0);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it('leaves no file when cancelled mid-download', async () => {
    const result = await fileResult();
    const controller = new AbortController();
    const path = join(dir, 'photos.bin');
    const error = await rejectionOf(
      downloadToFile(result, path, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(await readdir(dir)).toEqual([]);
  });
});

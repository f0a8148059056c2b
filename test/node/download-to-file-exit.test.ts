/**
 * `downloadToFile` when the process exits mid-download (`process.exit`, as the CLI's second Ctrl-C does): neither its
 * temporary file nor a copy cut short is left. Each case runs the built package in a child process that exits.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist');
const FILE = Buffer.alloc(4096, 7);

// Result `hang`'s file sends its first kilobyte, then nothing; any other's is sent whole.
let server: Server | undefined;
beforeAll(async () => {
  if (!existsSync(`${DIST}/node.js`))
    throw new Error(`${DIST} is missing: build it first with \`npm run build\` (npm test does)`);
  server = createServer((request, response) => {
    const hang = request.url?.endsWith('/hang') ?? false;
    if (request.url?.startsWith('/files/')) {
      if (hang) response.writeHead(200, { 'content-length': String(FILE.length * 2) }).write(FILE.subarray(0, 1024));
      else response.writeHead(200).end(FILE);
      return;
    }
    const result = {
      // The result asked for: an answer naming another id is refused.
      id: hang ? 'hang' : 'whole',
      resource: 'result',
      size: hang ? FILE.length * 2 : FILE.length,
      checksum: createHash('md5').update(FILE).digest('hex'),
      signed_url: { url: `${url()}/files/${hang ? 'hang' : 'whole'}`, date_expires: null },
      state: 'available',
      date_created: '2026-01-01T00:00:00Z',
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
});
afterAll(() => {
  server?.closeAllConnections();
  server?.close();
});
const url = () => `http://127.0.0.1:${((server as Server).address() as AddressInfo).port}`;

/** Resolves once `check()` holds; fails after 20 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); !(await check()); await new Promise((done) => setTimeout(done, 10)))
    if (Date.now() - started > 20_000) throw new Error('timed out');
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ricloud-download-exit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/**
 * A child that downloads result `id` to `path` and exits (130) on SIGINT. With `noHardLinks`, `link` fails as on FAT
 * and the copy writes part of the file, then never ends.
 */
function download(id: string, path: string, noHardLinks: boolean) {
  const script = `
    import fs from 'node:fs/promises';
    import { syncBuiltinESMExports } from 'node:module';
    process.on('SIGINT', () => process.exit(130));
    // Alive until the signal: a copy that never ends holds nothing that keeps a process up.
    setInterval(() => {}, 1000);
    if (${noHardLinks}) {
      fs.link = async () => { throw Object.assign(new Error('EPERM'), { code: 'EPERM' }); };
      fs.copyFile = async (from, to) => {
        await fs.writeFile(to, 'part');
        console.log('copying');
        return new Promise(() => {});
      };
      syncBuiltinESMExports();
    }
    const { Client } = await import(${JSON.stringify(`${DIST}/index.js`)});
    const { downloadToFile } = await import(${JSON.stringify(`${DIST}/node.js`)});
    const client = new Client({ token: 'tok_exit', baseUrl: ${JSON.stringify(url())}, logLevel: 'off' });
    const result = await client.results.retrieve(${JSON.stringify(id)});
    await downloadToFile(result, ${JSON.stringify(path)}, { overwrite: false});
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const printed = (word: string) => until(async () => stdout.includes(word));
  const exited = new Promise<number | null>((done) => child.on('close', done));
  return { child, printed, exited };
}

it('a process that exits mid-download leaves no temporary file', async () => {
  const run = download('hang', join(dir, 'photos.bin'), false);
  await until(async () => (await readdir(dir)).some((name) => name.endsWith('.part')));
  run.child.kill('SIGINT');
  expect(await run.exited).toBe(130);
  expect(await readdir(dir)).toEqual([]);
}, 30_000);

it('a process that exits while the checked file is copied in place (no hard links) leaves no part of it', async () => {
  const run = download('whole', join(dir, 'photos.bin'), true);
  await run.printed('copying');
  expect(await readdir(dir)).toContain('photos.bin');
  run.child.kill('SIGINT');
  expect(await run.exited).toBe(130);
  expect(await readdir(dir)).toEqual([]);
}, 30_000);

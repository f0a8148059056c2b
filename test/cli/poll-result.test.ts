import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, PollPayloadParams, Session } from '../../src/index';
import { activeSession, until } from './flow-support';
import {
  json,
  ndjson,
  newToken,
  ricloud,
  ricloudWithStdout,
  start,
  tempHome,
  useHostileServer,
  useMockServer,
} from './support';

const { env, client, mock } = useMockServer();

const DATA_TYPES = ['ios_messages.messages', 'ios_photos.photos', 'ios_contacts.contacts'];

/** A poll of one file, whose result the download tests fetch. */
const ONE_FILE = { files: ['file-1'] };

/** The bytes the mock serves for a file result: its identifier's line, repeated to 4096 bytes. */
const contentOf = (identifier: string) => `${identifier}\n`.repeat(4096).slice(0, 4096);

/** A completed poll of `payload` (the three data types) on a new organisation, made with the SDK. */
async function completedPoll(
  token: string,
  payload: PollPayloadParams = { data_types: DATA_TYPES },
): Promise<{ client: Client; session: Session; poll: { id: string } }> {
  const sdk = client(token);
  const session = await activeSession(sdk);
  const poll = await sdk.polls.create({ session, payload });
  await poll.wait({ timeout: 10_000 });
  return { client: sdk, session, poll };
}

describe('ricloud poll', () => {
  it('create --wait follows the poll to completed (exit 0) and shows its results as a count', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const run = await ricloud(
      ['poll', 'create', '--session', session.id, '--data-types', DATA_TYPES.join(','), '--wait'],
      env(token),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^state +completed$/m);
    const id = /^id +(\S+)$/m.exec(run.stdout)?.[1];
    expect(run.stdout).toMatch(new RegExp(`^results +3 \\(ricloud result list --poll ${id}\\)$`, 'm'));
    expect(run.stdout).toMatch(/^tasks_failed +\[\]$/m);
  });

  it('create --wait exits 3 when a task failed, naming it, the poll printed', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const run = await ricloud(
      [
        'poll',
        'create',
        '--session',
        session.id,
        '--data-types',
        'ios_messages.messages,ios_notes.fail',
        '--wait',
        '--json',
      ],
      env(token),
    );
    expect(run.code).toBe(3);
    const poll = json<{ id: string; state: string; tasks_failed: string[] }>(run);
    expect(poll.state).toBe('completed');
    expect(run.stderr).toBe(`error: poll ${poll.id} completed with 1 failed task(s): ${poll.tasks_failed[0]}\n`);
  });

  it('create --wait exits 3 when tasks failed or were suspended, naming them, the poll printed', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const types = 'ios_messages.messages,ios_notes.fail,ios_photos.suspend';
    const run = await ricloud(
      ['poll', 'create', '--session', session.id, '--data-types', types, '--wait', '--json'],
      env(token),
    );
    expect(run.code).toBe(3);
    const poll = json<{ id: string; state: string; tasks_failed: string[]; tasks_suspended: string[] }>(run);
    expect(poll.state).toBe('completed');
    const ids = [...poll.tasks_failed, ...poll.tasks_suspended];
    expect(ids).toHaveLength(2);
    expect(run.stderr).toBe(
      `error: poll ${poll.id} completed with 1 failed and 1 suspended task(s): ${ids.join(', ')}\n`,
    );
  });

  it("create --subscription alone polls the subscription's session, as the SDK and ricloud-py allow", async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const subscription = await client(token).subscriptions.create({
      session: session.id,
      poll_payload: { info_types: ['*'] },
      date_start: new Date(Date.now() + 3600_000),
    });
    const run = await ricloud(
      ['poll', 'create', '--subscription', subscription.id, '--info-types', '*', '--json'],
      env(token),
    );
    expect(run.code).toBe(0);
    expect(json<{ session: string; subscription: string }>(run)).toMatchObject({
      session: session.id,
      subscription: subscription.id,
    });
  });

  it('create without --session or --subscription is refused before sending, naming --session (exit 2)', async () => {
    const before = mock().api.requests.length;
    const run = await ricloud(['poll', 'create', '--info-types', '*'], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: invalid --session: is required, unless a subscription names it/);
    expect(mock().api.requests.slice(before)).toEqual([]);
  });

  it('create without --info-types, --data-types or --files is refused before sending (exit 2)', async () => {
    const run = await ricloud(['poll', 'create', '--session', 'ses_1'], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: invalid /);
  });

  it('retrieve --wait and list --session show the poll; an expired session refuses a poll (exit 1)', async () => {
    const token = newToken();
    const { session, poll } = await completedPoll(token);
    const shown = await ricloud(['poll', 'retrieve', poll.id, '--wait', '--json'], env(token));
    expect(json<{ state: string }>(shown).state).toBe('completed');
    const list = await ricloud(['poll', 'list', '--session', session.id], env(token));
    expect(list.stdout).toMatch(new RegExp(`^${poll.id} +completed +${session.id} +key +\\S+$`, 'm'));
    await ricloud(['session', 'delete', session.id], env(token));
    const refused = await ricloud(['poll', 'create', '--session', session.id, '--info-types', '*'], env(token));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\(400 session-expired\)/);
  });
});

describe('ricloud result', () => {
  it('list --poll shows the three results; retrieve shows one; --all --json walks them', async () => {
    const token = newToken();
    const { poll } = await completedPoll(token);
    const table = await ricloud(['result', 'list', '--poll', poll.id], env(token));
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +IDENTIFIER +TYPE +SIZE +STATE +DATE_CREATED$/);
    for (const type of DATA_TYPES)
      expect(table.stdout).toMatch(new RegExp(`^\\S+ +${type} +json +\\d+ +available`, 'm'));
    const walked = ndjson<{ id: string }>(
      (await ricloud(['result', 'list', '--poll', poll.id, '--all', '--json'], env(token))).stdout,
    );
    expect(walked).toHaveLength(3);
    const one = await ricloud(['result', 'retrieve', walked[0]?.id ?? ''], env(token));
    expect(one.stdout).toMatch(/^checksum +[0-9a-f]{32}$/m);
  });

  it('download writes the checked bytes to a piped stdout, and says so on stderr', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
    const [result] = (await sdk.results.list({ poll: poll.id })).data;
    const run = await ricloud(['result', 'download', result?.id ?? ''], env(token));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(contentOf(result?.identifier ?? ''));
    expect(run.stderr).toBe(`Downloaded result ${result?.id}: 4.10 kB, checksum verified.\n`);
  });

  it('download -o - writes to a piped stdout, as curl does, not to a file named -', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
    const [result] = (await sdk.results.list({ poll: poll.id })).data;
    const cwd = tempHome();
    const run = await start(['result', 'download', result?.id ?? '', '-o', '-'], env(token), cwd).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(contentOf(result?.identifier ?? ''));
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('download when the storage config signs no URLs (--signed-urls off) says how to sign them (exit 1)', async () => {
    const token = newToken();
    const { client: sdk, session } = await completedPoll(token, ONE_FILE);
    const [storage] = (await sdk.storageConfigs.list()).data;
    const off = await ricloud(['storage-config', 'update', storage?.id ?? '', '--signed-urls', 'off'], env(token));
    expect(off.code).toBe(0);
    const poll = await sdk.polls.create({ session, payload: ONE_FILE });
    await poll.wait({ timeout: 10_000 });
    const [result] = (await sdk.results.list({ poll })).data;
    expect(result?.signed_url).toBeNull();
    const before = mock().api.requests.length;
    const run = await ricloud(['result', 'download', result?.id ?? ''], env(token));
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        `error: result ${result?.id} has no signed_url: its storage config signs no URLs. Turn them on ` +
        '(ricloud storage-config update ID --signed-urls on) and poll again, ' +
        `or read the file from its url (${result?.url})\n`,
    });
    // The command retrieved the result, then sent nothing more.
    expect(
      mock()
        .api.requests.slice(before)
        .map((r) => r.path),
    ).toEqual([`/results/${result?.id}`]);
  });

  it('download of a result whose signed URL expired exits 5 (403 signed-url-expired): poll again', async () => {
    const token = newToken();
    const { client: sdk, session } = await completedPoll(token, ONE_FILE);
    const [storage] = (await sdk.storageConfigs.list()).data;
    await storage?.update({ signed_urls_expiry: 1 });
    const poll = await sdk.polls.create({ session, payload: ONE_FILE });
    await poll.wait({ timeout: 10_000 });
    const [result] = (await sdk.results.list({ poll })).data;
    const expires = Date.parse(result?.signed_url?.date_expires ?? '');
    await until(async () => Date.now() > expires, 'the signed URL expired');
    const run = await ricloud(['result', 'download', result?.id ?? ''], env(token));
    expect(run).toMatchObject({
      code: 5,
      stdout: '',
      stderr: `error: download result ${result?.id}: The signed URL has expired. (403 signed-url-expired)\n`,
    });
  });

  it('download of a file its signed URL no longer finds exits 6 (404): the file is missing', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
    const [result] = (await sdk.results.list({ poll: poll.id })).data;
    const fileToken = new URL(result?.signed_url?.url ?? '').searchParams.get('token') ?? '';
    expect(fileToken).not.toBe('');
    // The file goes once the command has the result: the mock forgets it, and answers its signed URL 404.
    const { handlers } = mock().api;
    const forget = http.get(`${mock().url}/files/*`, () => {
      mock().api.reset();
      return undefined;
    });
    handlers.unshift(forget);
    try {
      const run = await ricloud(['result', 'download', result?.id ?? ''], env(token));
      expect(run).toMatchObject({
        code: 6,
        stdout: '',
        stderr: `error: download result ${result?.id}: its file is not at its signed URL (404 not-found)\n`,
      });
      // The 404 is the file's: the one request after the mock forgot it.
      expect(mock().api.requests.map((request) => request.path)).toEqual([`/files/${result?.id}`]);
      expect(run.stderr).not.toContain(fileToken);
      expect(run.stderr).not.toContain(token);
    } finally {
      handlers.splice(handlers.indexOf(forget), 1);
    }
  });

  it('download to a stdout whose reader left (`| head -c 1`) stops quietly with exit 141, as lists do', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
    const [result] = (await sdk.results.list({ poll: poll.id })).data;
    const run = start(['result', 'download', result?.id ?? ''], env(token));
    run.child.stdout.destroy();
    expect(await run.done).toMatchObject({ code: 141, stderr: '' });
  });

  it.skipIf(!existsSync('/dev/full'))(
    'download to a stdout that fails otherwise (ENOSPC on /dev/full) names stdout in its one line, exit 1',
    async () => {
      const token = newToken();
      const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
      const [result] = (await sdk.results.list({ poll: poll.id })).data;
      const run = await ricloudWithStdout(['result', 'download', result?.id ?? ''], env(token));
      expect(run).toMatchObject({
        code: 1,
        stderr: 'error: cannot write to stdout: ENOSPC: no space left on device, write\n',
      });
    },
  );

  it(
    'download --output writes the file once checked, refuses to overwrite it without --force, ' +
      'and --json prints the result',
    async () => {
      const token = newToken();
      const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
      const [result] = (await sdk.results.list({ poll: poll.id })).data;
      const path = join(tempHome(), 'result.bin');
      const run = await ricloud(['result', 'download', result?.id ?? '', '--output', path, '--json'], env(token));
      expect(run.code).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe(contentOf(result?.identifier ?? ''));
      expect(json<{ id: string }>(run).id).toBe(result?.id);
      expect(run.stderr).toBe(`Downloaded result ${result?.id} to ${path}: 4.10 kB, checksum verified.\n`);
      writeFileSync(path, 'mine');
      const again = await ricloud(['result', 'download', result?.id ?? '', '-o', path], env(token));
      expect(again).toMatchObject({ code: 2, stderr: `error: ${path} already exists: pass --force to overwrite it\n` });
      expect(readFileSync(path, 'utf8')).toBe('mine');
      expect((await ricloud(['result', 'download', result?.id ?? '', '-o', path, '--force'], env(token))).code).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe(contentOf(result?.identifier ?? ''));
      expect(readdirSync(dirname(path))).toEqual(['result.bin']);
    },
  );

  it('download --output keeps a file made by something else meanwhile, as one there before (exit 2)', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token, ONE_FILE);
    const [result] = (await sdk.results.list({ poll: poll.id })).data;
    const path = join(tempHome(), 'result.bin');
    // Put before the mock's own: the file appears after the command's check, as the file is fetched.
    const { handlers } = mock().api;
    const appear = http.get(`${mock().url}/files/*`, () => {
      writeFileSync(path, 'theirs');
      return undefined;
    });
    handlers.unshift(appear);
    try {
      const run = await ricloud(['result', 'download', result?.id ?? '', '-o', path], env(token));
      expect(run).toMatchObject({ code: 2, stderr: `error: ${path} already exists: pass --force to overwrite it\n` });
    } finally {
      handlers.splice(handlers.indexOf(appear), 1);
    }
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dirname(path))).toEqual(['result.bin']);
  });

  it.each([
    ['empty', () => '', 'invalid --output: must be a non-empty file path'],
    ['a directory', () => tempHome(), 'is a directory: name the file to write'],
    ['in a missing directory', () => join(tempHome(), 'missing', 'result.bin'), 'no such directory'],
    [
      'in a file taken for a directory',
      () => {
        const file = join(tempHome(), 'notes.txt');
        writeFileSync(file, 'not a directory');
        return join(file, 'result.bin');
      },
      'no such directory',
    ],
  ])('download --output %s is a usage error (exit 2) before anything is sent', async (_, path, message) => {
    const token = newToken();
    const before = mock().api.requests.length;
    const run = await ricloud(['result', 'download', 'res_unknown', '--output', path()], env(token));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(mock().api.requests.length).toBe(before);
  });

  it.each([
    ['/dev/null', () => '/dev/null'],
    [
      'a named pipe',
      () => {
        const fifo = join(tempHome(), 'pipe');
        execFileSync('mkfifo', [fifo]);
        return fifo;
      },
    ],
  ])('download --output %s is refused even with --force (exit 2): the file would replace it', async (_, path) => {
    const before = mock().api.requests.length;
    const output = path();
    const run = await ricloud(['result', 'download', 'res_unknown', '--output', output, '--force'], env(newToken()));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      `error: --output ${output} is no regular file (a device, a pipe or a socket), which the file would replace: ` +
        'pass -o - and redirect stdout there\n',
    );
    expect(mock().api.requests.length).toBe(before);
    expect(lstatSync(output).isFile()).toBe(false);
  });

  it('download --output naming a symbolic link is refused, --force or not (exit 2): it would be replaced', async () => {
    const before = mock().api.requests.length;
    const target = join(tempHome(), 'kept.bin');
    writeFileSync(target, 'kept');
    const link = join(tempHome(), 'link.bin');
    symlinkSync(target, link);
    const run = await ricloud(['result', 'download', 'res_unknown', '--output', link, '--force'], env(newToken()));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      `error: --output ${link} is a symbolic link, which the file would replace: pass the path it points to\n`,
    );
    expect(mock().api.requests.length).toBe(before);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('kept');
  });

  it.each([
    ['without --output', []],
    ['with -o - (stdout)', ['-o', '-']],
  ])('download --force %s is a usage error (exit 2) naming both, before anything is sent', async (_, output) => {
    const before = mock().api.requests.length;
    const run = await ricloud(['result', 'download', 'res_unknown', ...output, '--force'], env(newToken()));
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: --force overwrites the file at --output: pass --output PATH, or leave --force out\n',
    });
    expect(mock().api.requests.length).toBe(before);
  });

  it('ack consumes one result, or several in one request, --json an array either way; list omits them', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token);
    const ids = (await sdk.results.list({ poll: poll.id })).data.map((result) => result.id);
    const one = await ricloud(['result', 'ack', ids[0] ?? ''], env(token));
    expect(one.stdout).toMatch(/^state +consumed$/m);
    // --json is an array however many ids were given: `result ack $(… | jq -r '.data[].id') --json | jq '.[]'`.
    const oneJson = await ricloud(['result', 'ack', ids[1] ?? '', '--json'], env(token));
    expect(json<{ id: string; state: string }[]>(oneJson).map((result) => [result.id, result.state])).toEqual([
      [ids[1], 'consumed'],
    ]);
    const many = await ricloud(['result', 'ack', ids[1] ?? '', ids[2] ?? '', '--json'], env(token));
    expect(json<{ id: string; state: string }[]>(many).map((result) => [result.id, result.state])).toEqual([
      [ids[1], 'consumed'],
      [ids[2], 'consumed'],
    ]);
    expect((await ricloud(['result', 'list', '--poll', poll.id], env(token))).stderr).toBe('No results.\n');
    const consumed = await ricloud(['result', 'list', '--poll', poll.id, '--state', 'consumed', '--json'], env(token));
    expect(json<{ total_count: number }>(consumed).total_count).toBe(3);
  });

  it('an empty id among several is refused by its place among the ids, before anything is sent', async () => {
    const before = mock().api.requests.length;
    const run = await ricloud(['result', 'ack', 'res_1', ''], env(newToken()));
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'error: invalid ID #2: must not be empty\n' });
    expect(mock().api.requests.length).toBe(before);
  });

  it('ack of an unknown id acknowledges none (exit 1)', async () => {
    const token = newToken();
    const { client: sdk, poll } = await completedPoll(token);
    const [first] = (await sdk.results.list({ poll: poll.id })).data;
    const run = await ricloud(['result', 'ack', first?.id ?? '', 'nope'], env(token));
    expect(run.code).toBe(1);
    expect((await sdk.results.retrieve(first?.id ?? '')).state).toBe('available');
  });
});

describe('ricloud result download against a server whose file does not match', () => {
  const bytes = 'not what was published';
  const hostile = useHostileServer((request) => {
    if (request.url?.startsWith('/files/')) return { status: 200, body: bytes };
    const result = {
      id: 'res_1',
      resource: 'result',
      identifier: 'ios_messages.messages',
      type: 'binary',
      size: bytes.length,
      checksum: createHash('md5').update('something else').digest('hex'),
      signed_url: { url: `${hostile.url()}/files/res_1`, date_expires: null },
      state: 'available',
      date_created: '2026-01-01T00:00:00Z',
    };
    return { status: 200, body: JSON.stringify(result) };
  });

  it('exits 1 with the checksum mismatch named, and does not claim success', async () => {
    const run = await ricloud(['result', 'download', 'res_1'], {
      RICLOUD_URL: hostile.url(),
      RICLOUD_TOKEN: newToken(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*MD5.*checksum/m);
    expect(run.stderr).not.toContain('verified');
  });

  it('with --output, leaves no file at the path and no partial file beside it', async () => {
    const dir = tempHome();
    const path = join(dir, 'messages.bin');
    const run = await ricloud(['result', 'download', 'res_1', '--output', path], {
      RICLOUD_URL: hostile.url(),
      RICLOUD_TOKEN: newToken(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/checksum/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('ricloud result download, interrupted', () => {
  // A file server that sends the first kilobyte of a larger file, then nothing: the download is under way for good.
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.startsWith('/files/')) {
        response.writeHead(200, { 'content-length': '1048576' }).write(Buffer.alloc(1024));
        return;
      }
      const result = {
        id: 'res_1',
        resource: 'result',
        size: 1_048_576,
        checksum: '0'.repeat(32),
        signed_url: { url: `${url()}/files/res_1`, date_expires: null },
        state: 'available',
        date_created: '2026-01-01T00:00:00Z',
      };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });
  const url = () => `http://127.0.0.1:${((server as Server).address() as AddressInfo).port}`;

  it('Ctrl-C mid-way exits 130 and leaves neither the file nor its partial file', async () => {
    const dir = tempHome();
    const run = start(['result', 'download', 'res_1', '--output', join(dir, 'big.bin')], {
      RICLOUD_URL: url(),
      RICLOUD_TOKEN: newToken(),
    });
    await until(async () => readdirSync(dir).length > 0, 'the partial file');
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a second Ctrl-C while the first one cleans up exits 130 at once, and still leaves no partial file', async () => {
    const dir = tempHome();
    // Loaded before the command: the partial file's removal takes a minute, so the second Ctrl-C comes during it.
    const slowRemoval = join(dir, 'slow-removal.mjs');
    writeFileSync(
      slowRemoval,
      `import fs from 'node:fs/promises';
      import { syncBuiltinESMExports } from 'node:module';
      const rm = fs.rm;
      fs.rm = async (path, options) => {
        if (String(path).endsWith('.part')) {
          process.stderr.write('removing the partial file\\n');
          await new Promise((resolve) => setTimeout(resolve, 60_000));
        }
        return rm(path, options);
      };
      syncBuiltinESMExports();`,
    );
    const output = join(dir, 'out');
    mkdirSync(output);
    const run = start(['result', 'download', 'res_1', '--output', join(output, 'big.bin')], {
      RICLOUD_URL: url(),
      RICLOUD_TOKEN: newToken(),
      NODE_OPTIONS: `--import=${slowRemoval}`,
    });
    await until(async () => readdirSync(output).length > 0, 'the partial file');
    run.child.kill('SIGINT');
    await run.waitFor('stderr', /removing the partial file/);
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(readdirSync(output)).toEqual([]);
  });

  it('two signals that arrive together exit with a signal code, and leave no partial file', async () => {
    const dir = tempHome();
    const run = start(['result', 'download', 'res_1', '--output', join(dir, 'big.bin')], {
      RICLOUD_URL: url(),
      RICLOUD_TOKEN: newToken(),
    });
    await until(async () => readdirSync(dir).length > 0, 'the partial file');
    // Both pending when the command next runs: the second is handled before the first one's cleanup. (Two SIGINT
    // would merge into one while pending, so the second is a SIGTERM.)
    run.child.kill('SIGSTOP');
    run.child.kill('SIGINT');
    run.child.kill('SIGTERM');
    run.child.kill('SIGCONT');
    const done = await run.done;
    // Whichever of the two the command handles second exits with its code.
    expect([130, 143]).toContain(done.code);
    expect(done.stderr).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });
});

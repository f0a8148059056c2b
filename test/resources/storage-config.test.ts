import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AbortError, configure, InvalidInputError, NotFoundError, StorageConfig, Task } from '../../src/index';
import { readCredentialsFile } from '../../src/node';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, client, server } = useMockApi();
const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const GCP = { type: 'service_account', project_id: 'acme', private_key: PRIVATE_KEY, client_email: 'r@acme.iam' };
const URL_GS = 'gs://acme-results/ricloud';

const dir = mkdtempSync(join(tmpdir(), 'ricloud-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('StorageConfig', () => {
  it(
    'create() POSTs url and credentials, answers 201 with state new and a storage_config.test task; ' +
      'credentials never shown',
    async () => {
      const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
      const cfg = await client({ logger, logLevel: 'debug' }).storageConfigs.create({ url: URL_GS, credentials: GCP });
      expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: '/configs/storage' });
      expect(cfg).toBeInstanceOf(StorageConfig);
      expect(cfg.lastResponse.status).toBe(201);
      expect(cfg).toMatchObject({ resource: 'storage_config', type: 'gs', url: URL_GS, state: 'new' });
      const logs = logger.debug.mock.calls;
      const shown = `${JSON.stringify(cfg)} ${inspect(cfg)} ${inspect({ ...cfg })} ${JSON.stringify(logs)}`;
      expect(shown).not.toContain('BEGIN PRIVATE KEY');
      expect(shown).not.toContain('r@acme.iam');
      expect(inspect(cfg)).toContain('[redacted]');
      const [task] = (await client().tasks.list({ type: 'storage_config.test' })).data;
      await task?.wait({ timeout: 5_000 });
      expect(task?.state).toBe('succeeded');
      expect((await cfg.refresh()).state).toBe('valid');
    },
  );

  it('retrieve, list (for await), update, test and delete, in static, client and instance forms', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const a = await StorageConfig.create({ url: URL_GS, credentials: GCP });
    const b = await client().storageConfigs.create({
      url: 's3://acme-bucket/out',
      credentials: { access_key_id: 'A' },
    });
    expect(b.type).toBe('s3');
    expect((await StorageConfig.retrieve(a.id)).url).toBe(URL_GS);
    const ids: string[] = [];
    for await (const cfg of StorageConfig.list({ limit: 1 })) ids.push(cfg.id);
    expect(ids).toEqual([b.id, a.id]);
    expect((await client().storageConfigs.list({ type: 's3' })).data.map((c) => c.id)).toEqual([b.id]);

    await a.update({ signed_urls_enabled: true, signed_urls_expiry: 3600 });
    expect(a).toMatchObject({ signed_urls_enabled: true, signed_urls_expiry: 3600 });
    expect((await StorageConfig.updateWithId(b.id, { state: 'deactivated' })).state).toBe('deactivated');

    const task = await a.test();
    expect(task).toBeInstanceOf(Task);
    expect(task).toMatchObject({ type: 'storage_config.test', lastResponse: { status: 201 } });
    expect((await StorageConfig.testWithId(a.id)).type).toBe('storage_config.test');

    const gone = await a.delete();
    expect(api.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/configs/storage/${a.id}` });
    expect(gone.id).toBe(a.id);
    expect(await rejectionOf(StorageConfig.retrieve(a.id))).toBeInstanceOf(NotFoundError);
    expect((await StorageConfig.deleteWithId(b.id)).id).toBe(b.id);
  });

  it('hides credentials a server sends back in full from JSON, spread and inspect (still readable)', async () => {
    server.use(
      http.get(`${api.baseUrl}/configs/storage/:id`, ({ params }) =>
        HttpResponse.json({
          id: params.id,
          resource: 'storage_config',
          organisation: 'org_1',
          url: URL_GS,
          credentials: GCP,
          state: 'valid',
          date_created: '2025-01-01T00:00:00Z',
        }),
      ),
    );
    const cfg = await client().storageConfigs.retrieve('sc_1');
    expect(cfg.credentials).toEqual(GCP);
    const shown = `${JSON.stringify(cfg)} ${inspect(cfg)} ${inspect({ ...cfg })}`;
    expect(shown).not.toContain('BEGIN PRIVATE KEY');
    expect(shown).not.toContain('r@acme.iam');
  });

  it('refuses bad credentials before sending, without describing them', async () => {
    const error = await rejectionOf(
      client().storageConfigs.create({ url: URL_GS, credentials: 'hunter2-secret' as never }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'credentials' });
    expect(error.message).not.toContain('hunter2');
    expect(api.requests).toHaveLength(0);
  });

  it('names the credential whose value is not a plain value, without describing it, in each form', async () => {
    const c = client();
    const credentials = { ...GCP, client_email: { address: 'hunter2@acme.iam' } } as never;
    const cfg = await c.storageConfigs.create({ url: URL_GS, credentials: GCP });
    const before = api.requests.length;
    for (const run of [
      () => c.storageConfigs.create({ url: URL_GS, credentials }),
      () => StorageConfig.updateWithId(cfg.id, { credentials }, { client: c }),
      () => cfg.update({ credentials }),
    ]) {
      const error = await rejectionOf(run());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'credentials.client_email' });
      expect(error.message).not.toContain('hunter2');
    }
    expect(api.requests).toHaveLength(before);
  });
});

describe('readCredentialsFile (ricloud/node)', () => {
  it('reads a GCP JSON key as it is', async () => {
    expect(await readCredentialsFile(file('key.json', JSON.stringify(GCP)))).toEqual(GCP);
  });

  it('reads the first row of an AWS console CSV, headers lower-cased, spaces as _ (quoted fields too)', async () => {
    const csv =
      '\uFEFFUser name,Password,Access key ID,Secret access key,Console login link\r\n' +
      'ricloud,,AKIAEXAMPLE,"wJalr/K7MDENG,bPxRfi""CY",https://acme.signin.aws.amazon.com/console\r\n';
    expect(await readCredentialsFile(file('creds.csv', csv))).toEqual({
      user_name: 'ricloud',
      password: '',
      access_key_id: 'AKIAEXAMPLE',
      secret_access_key: 'wJalr/K7MDENG,bPxRfi"CY',
      console_login_link: 'https://acme.signin.aws.amazon.com/console',
    });
  });

  it.each([
    ['a header row only', 'Access key ID,Secret access key\r\n'],
    ['a row with more fields than the header', 'Access key ID,Secret access key\nAKIAEXAMPLE,hunter2,extra\n'],
    ['a row with fewer fields than the header', 'Access key ID,Secret access key\nhunter2\n'],
  ])('refuses a CSV with %s, naming the path and never quoting the file', async (_, csv) => {
    const error = await rejectionOf(readCredentialsFile(file('short.csv', csv)));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'path' });
    expect(error.message).toContain('short.csv');
    expect(error.message).not.toMatch(/hunter2|AKIAEXAMPLE/);
  });

  it('refuses a file that is neither, or missing, naming the path and never quoting the file', async () => {
    const bad = await rejectionOf(readCredentialsFile(file('key.txt', 'private_key = hunter2')));
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(bad.message).toContain('key.txt');
    expect(bad.message).not.toContain('hunter2');
    const missing = await rejectionOf(readCredentialsFile(join(dir, 'nope.json')));
    expect(missing).toMatchObject({ field: 'path' });
    expect(missing.message).toContain('ENOENT');
  });

  it.each([
    ['null', null, 'options'],
    ['a signal that is not an AbortSignal', { signal: 'soon' }, 'options.signal'],
    ['an unknown option', { signl: new AbortController().signal }, 'options.signl'],
  ])('refuses %s as its options, naming it, before reading', async (_, options, field) => {
    const error = await rejectionOf(readCredentialsFile(file('opts.json', JSON.stringify(GCP)), options as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
  });

  it('refuses a file of more than 1 MiB, naming the path, without reading it whole', async () => {
    const path = file('huge.json', '');
    truncateSync(path, 1024 * 1024 + 1);
    const error = await rejectionOf(readCredentialsFile(path));
    expect(error).toMatchObject({
      field: 'path',
      message: `path: the credentials file ${path} holds more than 1048576 bytes`,
    });
  });

  it.skipIf(process.platform === 'win32')(
    'reads a named pipe once written, and stops waiting on one when the signal aborts',
    async () => {
      const written = join(dir, 'written.pipe');
      execFileSync('mkfifo', [written]);
      const reading = readCredentialsFile(written);
      await writeFile(written, JSON.stringify(GCP));
      expect(await reading).toEqual(GCP);
      const silent = join(dir, 'silent.pipe');
      execFileSync('mkfifo', [silent]);
      const stop = new AbortController();
      const waiting = readCredentialsFile(silent, { signal: stop.signal });
      setImmediate(() => stop.abort('SIGINT'));
      const stopped = await rejectionOf(waiting);
      expect(stopped).toBeInstanceOf(AbortError);
      expect(stopped).toMatchObject({ cause: 'SIGINT' });
      // A signal aborted before the call: the same error, and nothing is opened.
      expect(await rejectionOf(readCredentialsFile(silent, { signal: AbortSignal.abort('SIGTERM') }))).toMatchObject({
        name: 'AbortError',
        cause: 'SIGTERM',
        message: `reading the credentials file ${silent}: aborted`,
      });
    },
  );

  it.skipIf(process.platform === 'win32')(
    'reads sharing one signal (an app shutdown) share one listener on it: no MaxListenersExceededWarning, none left',
    async () => {
      const warnings: string[] = [];
      const onWarning = (warning: Error) => void warnings.push(warning.name);
      process.on('warning', onWarning);
      const pipes = () => process.getActiveResourcesInfo().filter((kind) => kind === 'PipeWrap').length;
      const before = pipes();
      try {
        const shutdown = new AbortController();
        const reads = Array.from({ length: 20 }, (_, i) => {
          const pipe = join(dir, `shared-${i}.pipe`);
          execFileSync('mkfifo', [pipe]);
          return rejectionOf(readCredentialsFile(pipe, { signal: shutdown.signal }));
        });
        // Each read listens from when its pipe is open: all 20 wait on a pipe nothing writes to.
        await vi.waitFor(() => expect(pipes()).toBeGreaterThanOrEqual(before + 20));
        expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
        shutdown.abort('SIGTERM');
        const stopped = await Promise.all(reads);
        expect(stopped.every((error) => error instanceof AbortError && error.cause === 'SIGTERM')).toBe(true);
        expect(getEventListeners(shutdown.signal, 'abort')).toEqual([]);
        // Warnings are emitted on a later tick.
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(warnings).toEqual([]);
      } finally {
        process.off('warning', onWarning);
      }
    },
  );
});

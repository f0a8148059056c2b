/**
 * Storage configs as ricloud-py calls them (no Content-Type, `null` test body): create, retrieve, list, update, test,
 * delete; credentials never shown nor logged; a url ending in `.fail`, or the `storageTest` option, makes tests fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index';
import {
  createMockApi,
  type MockServer,
  STORAGE_TEST_ERROR,
  type StoredPermissions,
  type StoredStorageConfig,
  startMockServer,
} from '../../src/mock/index';
import { py } from './support';

const TOKEN = 'py-storage';
const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const GCP = { type: 'service_account', project_id: 'acme', private_key: PRIVATE_KEY, client_email: 'a@acme.iam' };
const debug: string[] = [];
let mock: MockServer;
const call = (path: string, init?: Parameters<typeof py>[3]) => py(mock.url, TOKEN, path, init);

beforeAll(async () => {
  mock = await startMockServer({ taskDelay: 1, debug: (line) => debug.push(line) });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
  debug.length = 0;
});
afterAll(() => mock.close());

/** Every text a client or a log could show: answers, the request log and the debug lines. */
const everything = (answers: unknown[]) => JSON.stringify([answers, mock.api.requests, debug]);

describe('storage configs', () => {
  it('create (gs://, s3://), retrieve, list, update, test with a null body, delete, as ricloud-py does', async () => {
    const created = await call('/configs/storage', {
      method: 'POST',
      body: { url: 'gs://acme-results/ricloud', credentials: GCP, colour: 'x' },
    });
    expect(created).toMatchObject({
      status: 201,
      json: { resource: 'storage_config', type: 'gs', url: 'gs://acme-results/ricloud', state: 'new' },
    });
    const s3 = await call('/configs/storage', {
      method: 'POST',
      body: { url: 's3://acme-bucket/out', credentials: { access_key_id: 'AKIA', secret_access_key: 'shh' } },
    });
    expect(s3.json.type).toBe('s3');
    const id = created.json.id;
    await mock.api.settle();
    expect((await call(`/configs/storage/${id}`)).json).toMatchObject({ id, state: 'valid' });
    expect((await call('/configs/storage', { query: { type: 's3' } })).json).toMatchObject({ total_count: 1 });
    const updated = await call(`/configs/storage/${id}`, { method: 'POST', body: { url: 'gs://acme-results/v2' } });
    expect(updated.json).toMatchObject({ url: 'gs://acme-results/v2', state: 'new' });
    const tested = await call(`/configs/storage/${id}/test`, { method: 'POST', body: null });
    expect(tested).toMatchObject({ status: 201, json: { resource: 'task', type: 'storage_config.test', target: id } });
    expect(tested.json).toMatchObject({ key: expect.any(String), results: { resource: 'list', data: [] } });
    await mock.api.settle();
    expect((await call(`/tasks/${tested.json.id}`)).json).toMatchObject({ state: 'succeeded', error: null });
    const deleted = await call(`/configs/storage/${id}`, { method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 200, json: { id, resource: 'storage_config' } });
    expect((await call(`/configs/storage/${id}`)).status).toBe(404);
  });

  it('make test tasks that show user, source, session, poll and source_type as null, as error', async () => {
    const storage = await call('/configs/storage', {
      method: 'POST',
      body: { url: 'gs://acme-results/ricloud', credentials: GCP },
    });
    const none = { user: null, source: null, session: null, poll: null, source_type: null, error: null };
    await mock.api.settle();
    expect((await call('/tasks')).json.data).toEqual([
      expect.objectContaining({ type: 'storage_config.test', target: storage.json.id, state: 'succeeded', ...none }),
    ]);
  });

  it('never show or log credentials: answers name their fields only, the request log redacts them', async () => {
    const created = await call('/configs/storage', {
      method: 'POST',
      body: { url: 'gs://bucket/p', credentials: GCP },
    });
    const id = created.json.id;
    const answers = [
      created.json,
      (await call(`/configs/storage/${id}`)).json,
      (await call('/configs/storage')).json,
      (await call(`/configs/storage/${id}`, { method: 'POST', body: { credentials: GCP } })).json,
      (await call('/organisation')).json,
      (await call(`/configs/storage/${id}`, { method: 'DELETE' })).json,
    ];
    expect(created.json.credentials).toEqual({
      type: '[redacted]',
      project_id: '[redacted]',
      private_key: '[redacted]',
      client_email: '[redacted]',
    });
    const seen = everything(answers);
    for (const secret of [PRIVATE_KEY, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'a@acme.iam']) {
      expect(seen).not.toContain(secret);
      expect(seen).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(mock.api.requests[0]?.body).toBe('{"url":"gs://bucket/p","credentials":"[redacted]"}');
  });

  it('take no state on create: a state sent is ignored, named to the debug log, as for a webhook config', async () => {
    for (const state of ['valid', 'deactivated', 42]) {
      const body = { url: 'gs://acme-results/ricloud', credentials: GCP, state };
      const created = await call('/configs/storage', { method: 'POST', body });
      expect(created).toMatchObject({ status: 201, json: { state: 'new' } });
    }
    expect(debug).toEqual(Array(3).fill('POST /configs/storage: ignored body fields state'));
    await mock.api.settle();
    expect((await call('/configs/storage')).json).toMatchObject({
      total_count: 3,
      data: Array(3).fill({ state: 'valid' }),
    });
  });

  it('refuse a url not gs:// or s3://, or credentials not an object, with 400 invalid-parameter', async () => {
    for (const [body, param] of [
      [{ url: 'https://bucket/path', credentials: GCP }, 'url'],
      [{ url: 'gs://', credentials: GCP }, 'url'],
      [{ url: 'gs://bucket/p' }, 'credentials'],
      [{ url: 'gs://bucket/p', credentials: 'key' }, 'credentials'],
    ] as const) {
      const answer = await call('/configs/storage', { method: 'POST', body });
      expect(answer, JSON.stringify(body)).toMatchObject({
        status: 400,
        json: { params: { [param]: expect.any(Array) } },
      });
    }
    expect(mock.api.created.storage_config).toBe(0);
  });

  it('take a bucket of 3 to 223 of a-z 0-9 . _ -, a letter or digit at each end, and an optional path', async () => {
    const urls = (bucket: string) => [`gs://${bucket}`, `s3://${bucket}/results`];
    for (const url of [...urls('abc'), ...urls('a.b_c-9'), ...urls('a'.repeat(223))]) {
      const answer = await call('/configs/storage', { method: 'POST', body: { url, credentials: GCP } });
      expect(answer.status, url).toBe(201);
    }
    for (const bucket of ['ab', 'a'.repeat(224), '-abc', 'abc.', 'Abc', 'a c']) {
      for (const url of urls(bucket)) {
        const answer = await call('/configs/storage', { method: 'POST', body: { url, credentials: GCP } });
        expect(answer, url).toMatchObject({ status: 400, json: { params: { url: expect.any(Array) } } });
      }
    }
    expect(mock.api.created.storage_config).toBe(6);
  });

  it(
    'fail their test with storageTest: "fail": the task fails with storage-access-denied ' +
      'and the config is invalid',
    async () => {
      const failing = await startMockServer({ taskDelay: 1, storageTest: 'fail' });
      try {
        const created = await py(failing.url, TOKEN, '/configs/storage', {
          method: 'POST',
          body: { url: 'gs://bucket/p', credentials: GCP },
        });
        await failing.api.settle();
        const tasks = (await py(failing.url, TOKEN, '/tasks', { query: { type: 'storage_config.test' } })).json.data;
        expect(tasks).toMatchObject([{ state: 'failed', error: STORAGE_TEST_ERROR }]);
        expect((await py(failing.url, TOKEN, `/configs/storage/${created.json.id}`)).json.state).toBe('invalid');
      } finally {
        await failing.close();
      }
    },
  );

  it('fail their test while their url ends in .fail, in the same mock as one that passes', async () => {
    const denied = await call('/configs/storage', {
      method: 'POST',
      body: { url: 'gs://bucket/denied.fail', credentials: GCP },
    });
    const allowed = await call('/configs/storage', {
      method: 'POST',
      body: { url: 'gs://bucket/ok', credentials: GCP },
    });
    await mock.api.settle();
    const state = async (id: string) => (await call(`/configs/storage/${id}`)).json.state;
    expect([await state(denied.json.id), await state(allowed.json.id)]).toEqual(['invalid', 'valid']);
    const tasks = (await call('/tasks', { query: { type: 'storage_config.test' } })).json.data;
    expect(tasks).toMatchObject([
      { target: allowed.json.id, state: 'succeeded', error: null },
      { target: denied.json.id, state: 'failed', error: STORAGE_TEST_ERROR },
    ]);
    await call(`/configs/storage/${denied.json.id}`, { method: 'POST', body: { url: 'gs://bucket/fixed' } });
    await mock.api.settle();
    expect(await state(denied.json.id)).toBe('valid');
  });

  it('storageTest other than pass or fail is refused before the mock is built', () => {
    expect(() => createMockApi({ storageTest: 'maybe' as 'pass' })).toThrow(InvalidInputError);
  });
});

describe('api.store', () => {
  it("shows each organisation's storage configs (with credentials, to assert on) and permissions, typed", async () => {
    await call('/configs/storage', { method: 'POST', body: { url: 'gs://acme-results/ricloud', credentials: GCP } });
    await call('/permissions', { method: 'POST', body: { scopes: { 'data_type:ios_messages.*': [] } } });
    await mock.api.settle();
    const [organisation] = mock.api.store.organisations();
    const configs: StoredStorageConfig[] = mock.api.store.storageConfigs(organisation?.id);
    expect(configs).toMatchObject([{ url: 'gs://acme-results/ricloud', state: 'valid', credentials: GCP }]);
    const permissions: StoredPermissions[] = mock.api.store.permissions();
    expect(permissions).toMatchObject([{ scopes: { 'data_type:ios_messages.*': [] } }]);
    expect(mock.api.store.storageConfigs('another-organisation')).toEqual([]);
  });
});

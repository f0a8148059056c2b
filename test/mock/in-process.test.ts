/**
 * The mock API in process (createMockApi with msw) next to the same mock over real HTTP (startMockServer): faults
 * look the same both ways, bad options are refused up front, and a receiver url the mock cannot call never crashes it.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, ConnectionError, InvalidInputError } from '../../src/index';
import {
  createMockApi,
  startMockServer,
  type MockApi,
  type MockApiOptions,
  type MockServer,
  type MockServerOptions,
} from '../../src/mock/index';
import { TOKEN_A } from '../support/core-harness';

const deliver = async () => new Response('OK');
const api: MockApi = createMockApi({ taskDelay: 1, deliver });
// Requests to the socket server below are not the in-process mock's: let them through.
const msw = setupServer(...api.handlers);
let mock: MockServer;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' });
  mock = await startMockServer({ taskDelay: 1, deliver });
});
afterEach(async () => {
  for (const each of [api, mock.api]) {
    await each.settle();
    each.reset();
  }
});
afterAll(async () => {
  msw.close();
  await mock.close();
});

/** Both mocks, each with its base URL, named for the test titles. */
const bothWays = () =>
  [
    ['in process', api, api.baseUrl],
    ['over HTTP', mock.api, mock.url],
  ] as const;

describe('a truncate fault', () => {
  it('fails the same way in process as over HTTP: plain fetch gets its headers, then reading the body rejects', async () => {
    for (const [name, each, base] of bothWays()) {
      each.faults.add({ path: '/configs/webhook', truncate: true });
      const response = await fetch(`${base}/configs/webhook`, { headers: { authorization: `Token ${TOKEN_A}` } });
      expect(response.status, name).toBe(200);
      await expect(response.text(), name).rejects.toThrow(TypeError);
    }
  });

  it('fails the same way in process as over HTTP: the SDK throws ConnectionError with mayHaveSucceeded, the config exists', async () => {
    for (const [name, each, base] of bothWays()) {
      each.faults.add({ method: 'POST', path: '/configs/webhook', truncate: true });
      const client = new Client({ token: TOKEN_A, baseUrl: base, logLevel: 'off' });
      const error = await client.webhookConfigs.create({ url: 'https://hooks.example.test/in' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).mayHaveSucceeded, name).toBe(true);
      expect(each.created.webhook_config, name).toBe(1);
    }
  });
});

describe('timing options', () => {
  it.each([Infinity, Number.NaN, -5, 3e9, 0, '20'])(
    'refuses deliveryTimeout %s with InvalidInputError naming options.deliveryTimeout',
    async (value) => {
      const options = { deliveryTimeout: value as number };
      expect(() => createMockApi(options)).toThrow(
        expect.objectContaining({ name: 'InvalidInputError', field: 'options.deliveryTimeout' }),
      );
      await expect(startMockServer(options)).rejects.toBeInstanceOf(InvalidInputError);
    },
  );

  it.each([Infinity, Number.NaN, -5, 3e9, '20'])(
    'refuses taskDelay %s with InvalidInputError naming options.taskDelay',
    async (value) => {
      const options = { taskDelay: value as number };
      expect(() => createMockApi(options)).toThrow(
        expect.objectContaining({ name: 'InvalidInputError', field: 'options.taskDelay' }),
      );
      await expect(startMockServer(options)).rejects.toBeInstanceOf(InvalidInputError);
    },
  );

  it('accepts taskDelay 0, fractions, and the timer ceiling (2 147 483 647 ms) for both', () => {
    expect(() => createMockApi({ taskDelay: 0, deliveryTimeout: 0.5 })).not.toThrow();
    expect(() => createMockApi({ taskDelay: 2_147_483_647, deliveryTimeout: 2_147_483_647 })).not.toThrow();
  });
});

describe('option names', () => {
  it('refuses a misspelt option of createMockApi with InvalidInputError naming it and the options it takes', () => {
    const options = { taskdelay: 5 } as MockApiOptions;
    expect(() => createMockApi(options)).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field: 'options.taskdelay' }),
    );
    expect(() => createMockApi(options)).toThrow(/expected one of .*taskDelay/);
    expect(() => createMockApi({ port: 8787 } as MockApiOptions)).toThrow(
      expect.objectContaining({ field: 'options.port' }),
    );
    expect(() => createMockApi('fast' as MockApiOptions)).toThrow(expect.objectContaining({ field: 'options' }));
  });

  it.each([
    ['baseUrl', 'localhost:8787'],
    ['baseUrl', 'https://ricloud.test/?v=3'],
    ['deliver', 'https://app.test/hooks'],
    ['debug', true],
    ['tokens', ['app-token']],
    ['tokens', { 'app-token': 42 }],
  ])('refuses %s %o, which the mock would silently never use, with InvalidInputError naming it', (name, value) => {
    expect(() => createMockApi({ [name]: value } as MockApiOptions)).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', field: `options.${name}` }),
    );
  });

  it('names no token of the tokens option in its refusal', () => {
    const refused = (() => {
      try {
        createMockApi({ tokens: { 'secret-app-token': 42 } as unknown as Record<string, string> });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refused?.message).toMatch(/options\.tokens/);
    expect(refused?.message).not.toContain('secret-app-token');
  });

  it('refuses a misspelt option of startMockServer before listening, and takes its own port, host and cors', async () => {
    const misspelt = startMockServer({ prot: 8787 } as MockServerOptions);
    await expect(misspelt).rejects.toMatchObject({ name: 'InvalidInputError', field: 'options.prot' });
    await expect(misspelt).rejects.toThrow(/expected one of .*port/);
    await expect(startMockServer({ baseUrl: 'http://x.test' } as MockServerOptions)).rejects.toMatchObject({
      field: 'options.baseUrl',
    });
    const server = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, intervalScale: 1 });
    await server.close();
  });
});

describe('a receiver url with credentials', () => {
  it('is refused in process with 400 invalid-parameter on url, and no task is queued', async () => {
    const response = await fetch(`${api.baseUrl}/configs/webhook`, {
      method: 'POST',
      headers: { authorization: `Token ${TOKEN_A}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://user:pw@example.test/hook' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid-parameter', params: { url: [expect.any(String)] } });
    await api.settle();
    expect(api.created).toMatchObject({ webhook_config: 0, task: 0 });
  });
});

describe('api.store', () => {
  it('gives copies: a test that changes what it returned changes nothing the API answers', async () => {
    const client = new Client({ token: TOKEN_A, baseUrl: api.baseUrl });
    const hook = await client.webhookConfigs.create({ url: 'https://receiver.example/hooks' });
    const bucket = await client.storageConfigs.create({ url: 'gs://bucket/path', credentials: { key: 'k' } });
    const permissions = await client.permissions.create({ scopes: { 'data_type:*': [] } });
    await api.settle();
    const [storedHook] = api.store.webhookConfigs();
    const [storedBucket] = api.store.storageConfigs();
    const [storedPermissions] = api.store.permissions();
    const [storedTask] = api.store.tasks();
    Object.assign(storedHook as object, { state: 'invalid', url: 'https://elsewhere.example/' });
    Object.assign(storedBucket as object, { state: 'deactivated' });
    Object.assign(storedBucket?.credentials as object, { key: 'changed' });
    Object.assign(storedPermissions?.scopes as object, { 'data_type:ios_messages.*': [] });
    Object.assign(storedTask as object, { state: 'pending' });

    expect(await client.webhookConfigs.retrieve(hook.id)).toMatchObject({ state: 'valid', url: hook.url });
    expect((await client.storageConfigs.retrieve(bucket.id)).state).toBe('valid');
    expect((await client.permissions.retrieve(permissions.id)).scopes).toEqual({ 'data_type:*': [] });
    expect((await client.tasks.retrieve(storedTask?.id ?? '')).state).toBe('succeeded');
    expect(api.store.webhookConfigs()[0]).toMatchObject({ state: 'valid', url: hook.url });
    expect(api.store.storageConfigs()[0]?.credentials).toEqual({ key: 'k' });
  });
});

describe('api.created', () => {
  it('is a frozen snapshot at each read: changing it fails and changes no count, and an earlier read stays as it was', async () => {
    const client = new Client({ token: TOKEN_A, baseUrl: api.baseUrl });
    const before = api.created;
    await client.webhookConfigs.create({ url: 'https://receiver.example/hooks' });
    await api.settle();
    const after = api.created;

    expect(before).toMatchObject({ webhook_config: 0, task: 0 });
    expect(after).toMatchObject({ webhook_config: 1, task: 1 });
    expect(() => Object.assign(after, { webhook_config: 0 })).toThrow(TypeError);
    expect(api.created.webhook_config).toBe(1);
    await client.webhookConfigs.create({ url: 'https://receiver.example/other' });
    expect([before.webhook_config, after.webhook_config, api.created.webhook_config]).toEqual([0, 1, 2]);
  });
});

/**
 * The mock API in process (createMockApi with msw) next to the same mock over real HTTP (startMockServer): faults
 * look the same both ways, a HEAD is answered as its GET without body and an OPTIONS (no CORS preflight) is 405, bad
 * options are refused up front, and a receiver url the mock cannot call never crashes it.
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
  it('fails alike in process and over HTTP: plain fetch gets its headers, then reading the body rejects', async () => {
    for (const [name, each, base] of bothWays()) {
      each.faults.add({ path: '/configs/webhook', truncate: true });
      const response = await fetch(`${base}/configs/webhook`, { headers: { authorization: `Token ${TOKEN_A}` } });
      expect(response.status, name).toBe(200);
      await expect(response.text(), name).rejects.toThrow(TypeError);
    }
  });

  it(
    'fails the same way in process as over HTTP: the SDK throws ConnectionError with mayHaveSucceeded, ' +
      'the config exists',
    async () => {
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
    },
  );
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

  it('refuses a misspelt startMockServer option before listening, and takes its own port, host and cors', async () => {
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
  it(
    'is a frozen snapshot at each read: changing it fails and changes no count, ' +
      'and an earlier read stays as it was',
    async () => {
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
    },
  );
});

/**
 * Headers an answer's comparison leaves out: its fresh request id, its clock, and the connection's (Node's fetch asks
 * to close the connection after a HEAD, which the server then does).
 */
const UNCOMPARED = ['x-request-id', 'date', 'connection', 'keep-alive'];

/** An answer's status, headers (but the `UNCOMPARED`) and body text. */
async function answer(url: string, method: string, token: string | null = TOKEN_A) {
  const response = await fetch(url, { method, headers: token === null ? {} : { authorization: `Token ${token}` } });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !UNCOMPARED.includes(name)));
  return { status: response.status, headers, body: await response.text() };
}

describe('HEAD', () => {
  it('answers every path as its GET would: status, headers (Content-Length or not), errors too, no body', async () => {
    for (const [name, each, base] of bothWays()) {
      const made = await fetch(`${base}/configs/webhook`, {
        method: 'POST',
        headers: { authorization: `Token ${TOKEN_A}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://hooks.example.test/head' }),
      });
      const { id } = (await made.json()) as { id: string };
      await each.settle();
      const cases: [string, string | null][] = [
        ['/configs/webhook', TOKEN_A],
        [`/configs/webhook/${id}`, TOKEN_A],
        ['/configs/webhook/wc_missing', TOKEN_A],
        ['/configs/webhook', null],
        [`/configs/webhook/${id}/test`, TOKEN_A],
        ['/configs/webhook?state=vaild', TOKEN_A],
        ['/no/such/endpoint', TOKEN_A],
        ['/files/nothing?token=x', null],
      ];
      for (const [path, token] of cases) {
        const get = await answer(`${base}${path}`, 'GET', token);
        const head = await answer(`${base}${path}`, 'HEAD', token);
        expect(get.body, `${name} GET ${path}`).not.toBe('');
        expect(head, `${name} HEAD ${path}`).toEqual({ ...get, body: '' });
      }
    }
  });

  it('is logged as sent, acts on nothing, and plays the faults planned for HEAD (not those for GET)', async () => {
    for (const [name, each, base] of bothWays()) {
      each.faults.add({ method: 'GET', path: '/tasks', status: 500 });
      each.faults.add({ method: 'HEAD', path: '/tasks', status: 503 });
      const faulted = await answer(`${base}/tasks?limit=2`, 'HEAD');
      expect([faulted.status, faulted.body], name).toEqual([503, '']);
      expect(each.requests.at(-1), name).toMatchObject({ method: 'HEAD', path: '/tasks', query: { limit: '2' } });
      expect((await answer(`${base}/tasks`, 'GET')).status, name).toBe(500);
      // A HEAD has no body to cut.
      each.faults.add({ method: 'HEAD', path: '/tasks', truncate: true });
      expect(await answer(`${base}/tasks`, 'HEAD'), name).toMatchObject({ status: 200, body: '' });
      expect(
        Object.values(each.created).every((count) => count === 0),
        name,
      ).toBe(true);
    }
  });
});

describe('OPTIONS without a CORS preflight', () => {
  it('is 405 with the Allow of the path, which lists HEAD wherever it lists GET', async () => {
    for (const [name, , base] of bothWays()) {
      for (const [path, allow] of [
        ['/configs/webhook', 'GET, HEAD, POST'],
        ['/configs/webhook/x', 'GET, HEAD, POST, DELETE'],
        ['/configs/webhook/x/test', 'POST'],
        ['/tasks', 'GET, HEAD'],
      ]) {
        const options = await answer(`${base}${path}`, 'OPTIONS');
        expect([options.status, options.headers.allow], `${name} OPTIONS ${path}`).toEqual([405, allow]);
      }
    }
  });
});

/**
 * Fault plans as a user's tests set them: each fault checked when it is planned (a status or field the mock cannot
 * play is refused, naming it), a RegExp path matched the same way every time, and a request a latency still holds
 * dropped by `reset()` and `close()`, so it never acts on the store the next test starts with.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, InvalidInputError } from '../../src/index';
import { createMockApi, type MockServer, startMockServer } from '../../src/mock/index';
import { py } from './support';

const TOKEN = 'token-fault-plans';
const ok = async () => new Response('OK');
const create = (server: MockServer) =>
  py(server.url, TOKEN, '/configs/webhook', { method: 'POST', body: { url: 'https://hooks.example.com/r' } }).then(
    (answer) => answer.status,
    () => 'dropped',
  );
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ taskDelay: 1, deliver: ok });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
});
afterAll(() => mock.close());

describe('a fault', () => {
  it.each([
    [{ status: 99 }, 'fault.status'],
    [{ status: 204 }, 'fault.status'],
    [{ status: 700 }, 'fault.status'],
    [{ status: 503.5 }, 'fault.status'],
    [{ latency: -1 }, 'fault.latency'],
    [{ latency: Number.NaN }, 'fault.latency'],
    [{ times: 0 }, 'fault.times'],
    [{ path: 5 }, 'fault.path'],
    // A path the mock would never match: the request's path is compared, without its origin or query.
    [{ path: 'configs/webhook' }, 'fault.path'],
    [{ path: '/results?task=task-1' }, 'fault.path'],
    [{ path: 'https://ricloud-api.reincubate.com/configs/webhook' }, 'fault.path'],
    [{ method: ['GET'] }, 'fault.method'],
    [{ method: 'GTE' }, 'fault.method'],
    [{ retryAfter: 5 }, 'fault.retryAfter'],
    [{ reset: 'during' }, 'fault.reset'],
    [{ hang: 'yes' }, 'fault.hang'],
    [{ status: 503, retryAfter: '1\r\nx-injected: 1' }, 'fault.retryAfter'],
    [{ statsu: 503 }, 'fault.statsu'],
    [{ body: { error: 'x' } }, 'fault.body'],
    [null, 'fault'],
    [[], 'fault'],
  ])(
    '%j is refused when planned with InvalidInputError naming %s, and the plan is left as it was',
    async (fault, field) => {
      let error: unknown;
      try {
        mock.api.faults.add(fault as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field });
      expect((await py(mock.url, TOKEN, '/key')).status).toBe(200);
    },
  );

  it('is refused in the faults option, named by its index, before a server listens', async () => {
    const faults = [{ status: 503 }, { status: 99 }];
    expect(() => createMockApi({ faults })).toThrow(expect.objectContaining({ field: 'options.faults[1].status' }));
    expect(() => createMockApi({ faults: {} as never })).toThrow(expect.objectContaining({ field: 'options.faults' }));
    await expect(startMockServer({ faults })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('is planned as it was added: changing the object later (to a value it would refuse) changes nothing', async () => {
    const fault = { path: '/key', status: 503, times: 2 };
    mock.api.faults.add(fault);
    Object.assign(fault, { status: 700, path: 'key' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await py(mock.url, TOKEN, '/key')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('with a global RegExp path hits every matching request it is planned for, not every other one', async () => {
    mock.api.faults.add({ path: /^\/key$/g, status: 503, times: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await py(mock.url, TOKEN, '/key')).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
  });

  it("with a body answers that text for the API's, in process as over HTTP: a typed SDK error holds it", async () => {
    const api = createMockApi({ taskDelay: 1, deliver: ok });
    const server = setupServer(...api.handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      for (const [name, each, base] of [
        ['in process', api, api.baseUrl],
        ['over HTTP', mock.api, mock.url],
      ] as const) {
        const client = new Client({ token: TOKEN, baseUrl: base, logLevel: 'off', maxRetries: 0 });
        each.faults.add({ method: 'GET', path: '/configs/webhook', body: '{"resource": "list", "data": [' });
        await expect(client.webhookConfigs.list(), name).rejects.toMatchObject({
          name: 'ResponseValidationError',
          status: 200,
          body: '{"resource": "list", "data": [',
        });
        each.faults.add({ method: 'POST', path: '/configs/webhook', status: 502, body: '<html>Bad gateway</html>' });
        const created = client.webhookConfigs.create({ url: 'https://hooks.example.com/r' });
        await expect(created, name).rejects.toMatchObject({ name: 'ServerError', status: 502 });
        await expect(created, name).rejects.toMatchObject({ body: expect.stringContaining('Bad gateway') });
        expect(each.created.webhook_config, name).toBe(0);
      }
    } finally {
      api.reset();
      server.close();
    }
  });

  it('planned by the faults option is planned again by reset(), all its times; one added since is gone', async () => {
    const api = createMockApi({ faults: [{ method: 'GET', path: '/organisation', status: 503 }] });
    const server = setupServer(...api.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    const status = (path: string) =>
      fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Token ${TOKEN}` } }).then((answer) => answer.status);
    try {
      api.faults.add({ method: 'GET', path: '/key', status: 502, times: 2 });
      expect([await status('/organisation'), await status('/organisation'), await status('/key')]).toEqual([
        503, 200, 502,
      ]);
      api.reset();
      expect([await status('/organisation'), await status('/organisation'), await status('/key')]).toEqual([
        503, 200, 200,
      ]);
    } finally {
      api.reset();
      server.close();
    }
  });

  it('with a status is answered in process as the API error it names', async () => {
    const api = createMockApi({ faults: [{ path: '/key', status: 599 }] });
    const server = setupServer(...api.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const answer = await fetch(`${api.baseUrl}/key`, { headers: { authorization: `Token ${TOKEN}` } });
      expect(answer.status).toBe(599);
      expect(await answer.json()).toMatchObject({ error: 'server-error' });
    } finally {
      server.close();
    }
  });
});

describe('a request a latency fault holds', () => {
  it('is dropped by reset(): it makes nothing in the store the next test starts with', async () => {
    mock.api.faults.add({ method: 'POST', path: '/configs/webhook', latency: 2000 });
    const answer = create(mock);
    await vi.waitFor(() => expect(mock.api.requests).toHaveLength(1), { interval: 5 });
    mock.api.reset();
    expect(await answer).toBe('dropped');
    expect(mock.api.created.webhook_config).toBe(0);
    expect(mock.api.store.webhookConfigs()).toEqual([]);
  });

  it('is dropped by close(): the closed mock changes nothing after it', async () => {
    const server = await startMockServer({ taskDelay: 1, deliver: ok });
    server.api.faults.add({ method: 'POST', path: '/configs/webhook', latency: 300 });
    const answer = create(server);
    await vi.waitFor(() => expect(server.api.requests).toHaveLength(1), { interval: 5 });
    await server.close();
    expect(await answer).toBe('dropped');
    await pause(600);
    expect(server.api.created.webhook_config).toBe(0);
  });

  it('still acts once its latency has passed, when nothing reset the mock', async () => {
    mock.api.faults.add({ method: 'POST', path: '/configs/webhook', latency: 50 });
    expect(await create(mock)).toBe(201);
    expect(mock.api.created.webhook_config).toBe(1);
  });
});

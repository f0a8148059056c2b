/**
 * `POST /__mock/reset` on the mock server does what `api.reset()` does, for a test suite in another process: the
 * store, the organisations tokens made and a request a fault still holds are gone. Only `POST` resets (405 otherwise),
 * and a browser page of an origin the `cors` option does not allow cannot (403).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockServer } from '../../src/mock/index';
import { flowServer } from '../support/flow-server';
import { py } from './support';

const create = (server: MockServer, token: string) =>
  py(server.url, token, '/configs/webhook', { method: 'POST', body: { url: 'https://hooks.example.com/r' } });
const reset = (server: MockServer, init: RequestInit = {}) =>
  fetch(`${server.url}/__mock/reset`, { method: 'POST', ...init });

describe('POST /__mock/reset', () => {
  const { mock: server } = flowServer('token-reset');
  let mock: MockServer;
  beforeEach(() => {
    mock = server();
  });

  it('forgets the configs and the organisations tokens made, and answers { reset: true }', async () => {
    expect((await create(mock, 'token-first')).status).toBe(201);
    expect((await py(mock.url, 'token-second', '/organisation')).json.id).toBe('org_2');
    await mock.api.settle();

    const answer = await reset(mock);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({ reset: true });

    expect(mock.api.store.organisations()).toEqual([]);
    expect(mock.api.created.webhook_config).toBe(0);
    // The first token seen after the reset makes org_1 again.
    expect((await py(mock.url, 'token-second', '/organisation')).json.id).toBe('org_1');
    expect((await py(mock.url, 'token-second', '/configs/webhook')).json.data).toEqual([]);
  });

  it('drops a request a fault still holds and clears the faults planned, as api.reset() does', async () => {
    mock.api.faults.add({ method: 'POST', path: '/configs/webhook', latency: 60_000 });
    mock.api.faults.add({ path: '/organisation', status: 503 });
    const held = create(mock, 'token-held').then(
      (answer) => answer.status,
      () => 'dropped',
    );
    await vi.waitFor(() => expect(mock.api.requests).toHaveLength(1), { interval: 5 });
    expect((await reset(mock)).status).toBe(200);
    expect(await held).toBe('dropped');
    expect(mock.api.store.webhookConfigs()).toEqual([]);
    expect((await py(mock.url, 'token-held', '/organisation')).status).toBe(200);
  });

  it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'with %s is 405 with Allow: POST, and resets nothing',
    async (method) => {
      expect((await create(mock, 'token-kept')).status).toBe(201);
      const answer = await fetch(`${mock.url}/__mock/reset`, { method });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('POST');
      if (method !== 'HEAD') expect((await answer.json()).error).toBe('method-not-allowed');
      expect(mock.api.store.webhookConfigs()).toHaveLength(1);
    },
  );

  it('takes no token, ignores a body and a query, and leaves other /__mock paths to the 404', async () => {
    expect((await create(mock, 'token-query')).status).toBe(201);
    expect((await fetch(`${mock.url}/__mock/reset?all=1`, { method: 'POST', body: '{"x":1}' })).status).toBe(200);
    expect(mock.api.store.webhookConfigs()).toEqual([]);
    const other = await py(mock.url, 'token-query', '/__mock/resets', { method: 'POST' });
    expect([other.status, other.json.error]).toEqual([404, 'not-found']);
  });

  it('is 403 from a browser page when cors is off, and resets nothing', async () => {
    expect((await create(mock, 'token-page')).status).toBe(201);
    const refused = await reset(mock, { headers: { origin: 'http://127.0.0.1:3000' } });
    expect(refused.status).toBe(403);
    expect(mock.api.store.webhookConfigs()).toHaveLength(1);
  });
});

describe('POST /__mock/reset from a browser page', () => {
  const { mock: allowing } = flowServer('token-page', { cors: 'https://app.example' });
  let server: MockServer;
  beforeEach(() => {
    server = allowing();
  });

  it('is 403 for an origin `cors` does not allow, which resets nothing; the allowed origin resets', async () => {
    expect((await create(server, 'token-page')).status).toBe(201);
    const refused = await reset(server, { headers: { origin: 'https://elsewhere.example' } });
    expect([refused.status, (await refused.json()).error]).toEqual([403, 'forbidden']);
    expect(server.api.store.webhookConfigs()).toHaveLength(1);

    const allowed = await reset(server, { headers: { origin: 'https://app.example' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(server.api.store.webhookConfigs()).toEqual([]);
  });
});

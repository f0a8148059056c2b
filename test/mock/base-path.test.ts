/**
 * A mock whose `baseUrl` has a path (an app's own proxy, `${location.origin}/ricloud`, as the README suggests for a
 * page): its fault plan and request log speak of the API's paths (`/configs/webhook`), as they do at the root; it
 * answers at its path as written, not in another case.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../src/index';
import { createMockApi } from '../../src/mock/index';
import { TOKEN_A } from '../support/core-harness';

const api = createMockApi({
  baseUrl: 'https://app.example.test/ricloud/',
  taskDelay: 1,
  deliver: async () => new Response('OK'),
});
const server = setupServer(...api.handlers);
const client = new Client({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off', maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  api.reset();
  server.close();
});

describe('a mock whose baseUrl has a path', () => {
  it('plays a fault planned on the API path', async () => {
    api.faults.add({ method: 'POST', path: '/configs/webhook', status: 503 });
    api.faults.add({ method: 'GET', path: /^\/configs\/webhook$/, status: 502 });
    await expect(client.webhookConfigs.create({ url: 'https://hooks.example.test/in' })).rejects.toMatchObject({
      status: 503,
    });
    await expect(client.webhookConfigs.list()).rejects.toMatchObject({ status: 502 });
    expect(api.created.webhook_config).toBe(0);
  });

  it('logs each request with its API path', async () => {
    api.reset();
    const config = await client.webhookConfigs.create({ url: 'https://hooks.example.test/in' });
    await client.webhookConfigs.retrieve(config.id);
    expect(api.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /configs/webhook',
      `GET /configs/webhook/${config.id}`,
    ]);
    await api.settle();
  });
});

describe('the path of a mock whose baseUrl has one', () => {
  it('is taken as written: in another case it is no path of the mock (nor a 500 with a malformed escape)', async () => {
    const headers = { authorization: `Token ${TOKEN_A}` };
    expect((await fetch(`${api.baseUrl}/configs/webhook`, { headers })).status).toBe(200);
    for (const path of ['/configs/webhook/%E0%A4%A', '/configs/webhook', '/files/x']) {
      await expect(fetch(`https://app.example.test/RICLOUD${path}`, { headers }), path).rejects.toThrow();
    }
  });
});

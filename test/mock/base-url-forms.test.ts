/**
 * A mock at an IPv6 address (`startMockServer({ host: '::1' })`, `ricloud mock --host ::1`, or a `baseUrl` of
 * `http://[::1]:…` in process) answers as at `127.0.0.1`: the brackets and colons of its host are no pattern to msw.
 * So does one whose `baseUrl` names its scheme's default port, or its host in capitals, which requests leave out.
 */
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { Client } from '../../src/index';
import { createMockApi, type MockApi, startMockServer } from '../../src/mock/index';
import { TOKEN_A } from '../support/core-harness';

const deliver = async () => new Response('OK');

/**
 * Creates, retrieves and lists a webhook config through `baseUrl`, plays a fault on its path, and refuses a malformed
 * percent-escape in a path (400, not msw's 500).
 */
async function roundTrip(api: MockApi, baseUrl: string) {
  const client = new Client({ token: TOKEN_A, baseUrl, logLevel: 'off', maxRetries: 0 });
  const config = await client.webhookConfigs.create({ url: 'https://hooks.example.test/in' });
  expect((await client.webhookConfigs.retrieve(config.id)).url).toBe('https://hooks.example.test/in');
  expect((await client.webhookConfigs.list()).data.map(({ id }) => id)).toEqual([config.id]);
  api.faults.add({ method: 'GET', path: `/configs/webhook/${config.id}`, status: 503 });
  await expect(client.webhookConfigs.retrieve(config.id)).rejects.toMatchObject({ status: 503 });
  const malformed = await fetch(`${baseUrl}/configs/webhook/%E0%A4%A`, {
    headers: { authorization: `Token ${TOKEN_A}` },
  });
  expect(malformed.status).toBe(400);
  await api.settle();
}

/** The round trip through a mock of `baseUrl` behind msw. */
async function inProcess(baseUrl: string) {
  const api = createMockApi({ baseUrl, taskDelay: 1, deliver });
  const server = setupServer(...api.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await roundTrip(api, api.baseUrl);
  } finally {
    api.reset();
    server.close();
  }
}

describe('a mock at an IPv6 address', () => {
  it('answers in process for a baseUrl of http://[::1]:8787', () => inProcess('http://[::1]:8787'));

  it('answers over HTTP when it listens on ::1', async () => {
    const mock = await startMockServer({ host: '::1', taskDelay: 1, deliver });
    try {
      expect(mock.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      await roundTrip(mock.api, mock.url);
    } finally {
      await mock.close();
    }
  });
});

describe('a mock whose baseUrl names the default port, or its host in capitals', () => {
  it('answers the requests of a client given that baseUrl', () => inProcess('https://ricloud.example.test:443'));

  it('answers as well when its host is written in capitals', () => inProcess('https://RICLOUD.example.test'));
});

// A `:` and digits ending a segment (`/a:1/b`) is what msw takes for a port, when the url names none.
describe('a mock whose baseUrl path holds a character msw reads as syntax, or a lone %', () => {
  it.each(['|', '*', '%', ':1/'])(
    'answers at /a%sb, logging and faulting the API paths, and at no other path',
    async (char) => {
      await inProcess(`https://app.example.test/a${char}b`);
      const api = createMockApi({ baseUrl: `https://app.example.test/a${char}b`, taskDelay: 1, deliver });
      const server = setupServer(...api.handlers);
      server.listen({ onUnhandledRequest: 'error' });
      try {
        const headers = { authorization: `Token ${TOKEN_A}` };
        expect((await fetch(`${api.baseUrl}/configs/webhook`, { headers })).status).toBe(200);
        expect(api.requests.map(({ path }) => path)).toEqual(['/configs/webhook']);
        await expect(fetch('https://app.example.test/aXb/configs/webhook', { headers })).rejects.toThrow();
      } finally {
        api.reset();
        server.close();
      }
    },
  );
});

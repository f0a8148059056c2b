/**
 * Hostile requests to the mock (issue 14): bodies over the cap are 413 in the API's error shape and the log keeps no
 * large body; a malformed percent-escape is 400, not 500; many concurrent requests, held by a fault or not, raise no
 * listener warning; a path in another case than the API's is 404.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockApi, type MockApi, type MockServer, startMockServer } from '../../src/mock/index';

const TOKEN = 'hostile';
const LIMIT = 1024 * 1024;
const api: MockApi = createMockApi({ taskDelay: 1, deliver: async () => new Response('OK') });
const msw = setupServer(...api.handlers);
let mock: MockServer;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' });
  mock = await startMockServer({ taskDelay: 1, deliver: async () => new Response('OK') });
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

/** The two ways to reach the mock, named for the test titles; each gives its mock and base URL when the test runs. */
const bothWays = [
  ['in process', () => [api, api.baseUrl] as const],
  ['over HTTP', () => [mock.api, mock.url] as const],
] as const;

/** A create whose JSON body is `size` bytes long (a long receiver url). */
const createOfSize = (base: string, size: number) => {
  const prefix = '{"url":"https://hooks.example.com/';
  const body = `${prefix}${'a'.repeat(size - prefix.length - 2)}"}`;
  return fetch(`${base}/configs/webhook`, {
    method: 'POST',
    headers: { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' },
    body,
  });
};

describe('request bodies', () => {
  it.each(bothWays)(
    'over 1 MiB are answered 413 request-too-large (%s), act on nothing, and the mock goes on',
    async (_, way) => {
      const [which, base] = way();
      const answer = await createOfSize(base, LIMIT + 1);
      expect(answer.status).toBe(413);
      expect(await answer.json()).toEqual({ error: 'request-too-large', message: expect.stringContaining(`${LIMIT}`) });
      expect(which.created.webhook_config).toBe(0);
      expect(which.requests.at(-1)).toMatchObject({ method: 'POST', path: '/configs/webhook', body: '' });
      expect((await createOfSize(base, 200)).status).toBe(201);
    },
  );

  it('over 1 MiB sent in chunks without a length are 413 too, over HTTP', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const answer = await fetch(`${mock.url}/configs/webhook`, {
      method: 'POST',
      headers: { authorization: `Token ${TOKEN}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ error: 'request-too-large' });
  });

  it.each(bothWays)(
    'over 4 KB are served but not kept in the request log, which keeps their size (%s)',
    async (_, way) => {
      const [which, base] = way();
      expect((await createOfSize(base, 10_000)).status).toBe(201);
      expect(which.requests.at(-1)).toMatchObject({ body: '', bodyBytes: 10_000 });
      expect((await createOfSize(base, 4096)).status).toBe(201);
      expect(which.requests.at(-1)?.body).toHaveLength(4096);
    },
  );
});

describe('a body nested too deep to answer back', () => {
  it.each(bothWays)('is 400 invalid-body, stores nothing, and the list still answers (%s)', async (_, way) => {
    const [which, base] = way();
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const answer = await fetch(`${base}/permissions`, {
      method: 'POST',
      headers: { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' },
      body: `{"scopes":{"data_type:x":[{"limits":${deep}}]}}`,
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'invalid-body' });
    expect(which.created.permissions).toBe(0);
    const listed = await fetch(`${base}/permissions`, { headers: { authorization: `Token ${TOKEN}` } });
    expect(listed.status).toBe(200);
  });
});

describe('a malformed percent-escape in the path', () => {
  it.each(bothWays)('is 400 invalid-parameter naming the id, not a 500 (%s)', async (_, way) => {
    const [, base] = way();
    for (const path of ['/configs/webhook/%E0%A4%A', '/tasks/%', '/events/%zz', '/keys/%C3%28']) {
      const answer = await fetch(`${base}${path}`, { headers: { authorization: `Token ${TOKEN}` } });
      expect(answer.status, path).toBe(400);
      expect(await answer.json()).toMatchObject({ error: 'invalid-parameter', params: { id: [expect.any(String)] } });
    }
  });
});

describe('a path in another case', () => {
  it.each(bothWays)('is no path of the API: 404 not-found, and nothing is made (%s)', async (_, way) => {
    const [mockApi, base] = way();
    const headers = { authorization: `Token ${TOKEN}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ url: 'https://hooks.example.com/r' });
    const made = await fetch(`${base}/configs/webhook`, { method: 'POST', headers, body });
    const { id } = (await made.json()) as { id: string };
    for (const [method, path] of [
      ['POST', '/Configs/Webhook'],
      ['GET', '/KEY'],
      ['GET', `/CONFIGS/webhook/${id}`],
      ['POST', `/configs/webhook/${id}/Test`],
    ] as const) {
      const answer = await fetch(`${base}${path}`, { method, headers, ...(method === 'POST' ? { body } : {}) });
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toMatchObject({ error: 'not-found' });
    }
    expect(mockApi.created).toMatchObject({ webhook_config: 1, task: 1 });
    expect((await fetch(`${base}/configs/webhook/${id}/`, { headers })).status).toBe(200);
  });
});

describe('many concurrent requests', () => {
  it('raise no MaxListenersExceededWarning: each queued test listens to its own signal', async () => {
    const warnings: Error[] = [];
    const record = (warning: Error) => warnings.push(warning);
    process.on('warning', record);
    const server = await startMockServer({ taskDelay: 50, deliver: async () => new Response('OK') });
    try {
      await Promise.all(Array.from({ length: 30 }, () => createOfSize(server.url, 100).then((r) => r.text())));
      await server.api.settle();
      // A warning is emitted on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      expect(server.api.store.tasks().filter((t) => t.state === 'succeeded')).toHaveLength(30);
    } finally {
      process.off('warning', record);
      await server.close();
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it.each([
    ['hang', { hang: true }],
    ['latency', { latency: 600_000 }],
  ])('held at once by a %s fault, raise no MaxListenersExceededWarning until reset() drops them', async (_, fault) => {
    const warnings: Error[] = [];
    const record = (warning: Error) => warnings.push(warning);
    process.on('warning', record);
    try {
      mock.api.faults.add({ method: 'GET', path: '/configs/webhook', times: Infinity, ...fault });
      const held = Array.from({ length: 30 }, () =>
        fetch(`${mock.url}/configs/webhook`, { headers: { authorization: `Token ${TOKEN}` } }).then(
          () => 'answered',
          () => 'dropped',
        ),
      );
      // A request is held as soon as it is logged.
      await vi.waitFor(() => expect(mock.api.requests).toHaveLength(30));
      mock.api.reset();
      expect(await Promise.all(held)).toEqual(Array(30).fill('dropped'));
      // A warning is emitted on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', record);
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });
});

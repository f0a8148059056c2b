/**
 * The mock API's behaviour on the wire, over real HTTP (startMockServer), with plain `fetch` where the SDK would
 * refuse to send the request (no token, wrong method, strict bodies) and with a real local receiver.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, InvalidInputError } from '../../src/index';
import { startMockServer, TEST_ERRORS, type MockServer } from '../../src/mock/index';
import { MockStore } from '../../src/mock/store';
import {
  DEFAULT_TOLERANCE,
  parseSignatureHeader,
  SignatureVerificationError,
  verifySignature,
} from '../../src/webhooks/index';
import { TOKEN_A, TOKEN_B } from '../support/core-harness';

/** `api.created` of a mock that made nothing. */
const NOTHING_CREATED = {
  webhook_config: 0,
  storage_config: 0,
  permissions: 0,
  task: 0,
  event: 0,
  user: 0,
  source: 0,
  session: 0,
  poll: 0,
  subscription: 0,
  result: 0,
};

/**
 * A real receiver on loopback: records deliveries and answers 200, 500, never, or `302 Location: /landing` (and
 * `/landing` answers 200).
 */
interface Received {
  path: string;
  signature: string;
  contentType: string;
  body: string;
}
let mode: 200 | 500 | 'never' | 'redirect' = 200;
const received: Received[] = [];
const stalled: IncomingMessage[] = [];
const receiver: Server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  received.push({
    path: req.url ?? '',
    signature: String(req.headers['ricloud-signature']),
    contentType: String(req.headers['content-type']),
    body: Buffer.concat(chunks).toString('utf8'),
  });
  if (req.url === '/landing') res.writeHead(200).end('OK');
  else if (mode === 'redirect') res.writeHead(302, { location: '/landing' }).end();
  else if (mode === 'never') stalled.push(req);
  else res.writeHead(mode).end(mode === 200 ? 'OK' : 'boom');
});

let mock: MockServer;
let receiverUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  mock = await startMockServer({ taskDelay: 5, deliveryTimeout: 1_000 });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
  received.length = 0;
  mode = 200;
  for (const req of stalled.splice(0)) req.socket.destroy();
});
afterAll(async () => {
  await mock.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** `fetch` against the mock server, with `Authorization: Token <token>` unless `token` is null. */
async function call(
  path: string,
  init: {
    method?: string | undefined;
    body?: unknown;
    raw?: string | undefined;
    token?: string | null | undefined;
    headers?: Record<string, string> | undefined;
  } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== null) headers.authorization = `Token ${init.token ?? TOKEN_A}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${mock.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.raw ?? (init.body === undefined ? null : JSON.stringify(init.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary fields of the mock's answers.
    json: (text ? JSON.parse(text) : undefined) as Record<string, any>,
  };
}

const create = async (url = receiverUrl, token?: string) =>
  (await call('/configs/webhook', { method: 'POST', body: { url }, token })).json;

describe('create and the test task', () => {
  it(
    'answers 201 with state new, a secret of at least 32 characters and an X-Request-Id, ' +
      'and queues a webhook_config.test task',
    async () => {
      const answer = await call('/configs/webhook', { method: 'POST', body: { url: receiverUrl } });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-request-id')).toMatch(/^req_/);
      expect(answer.json).toMatchObject({
        resource: 'webhook_config',
        url: receiverUrl,
        state: 'new',
        organisation: expect.any(String),
      });
      expect(answer.json.secret.length).toBeGreaterThanOrEqual(32);
      const tasks = (await call('/tasks')).json;
      expect(tasks.data).toHaveLength(1);
      expect(tasks.data[0]).toMatchObject({ type: 'webhook_config.test', target: answer.json.id });
      expect(mock.api.created).toMatchObject({ webhook_config: 1, task: 1 });
    },
  );

  it(
    'delivers a signed event to <url>/<event id>, with the config without its secret, ' +
      'and on 2xx the task succeeds and the config turns valid',
    async () => {
      const cfg = await create();
      await mock.api.settle();
      expect(received).toHaveLength(1);
      const [delivery] = received;
      const event = JSON.parse(delivery?.body ?? '{}');
      expect(delivery?.path).toBe(`/hooks/${event.id}`);
      expect(delivery?.contentType).toMatch(/^application\/json/);
      expect(event).toMatchObject({
        resource: 'event',
        type: 'webhook_config',
        action: 'test',
        data: { id: cfg.id, url: receiverUrl, organisation: cfg.organisation },
      });
      expect(event.data).not.toHaveProperty('secret');
      expect(delivery?.body).not.toContain(cfg.secret);
      await verifySignature(delivery?.body ?? '', delivery?.signature, cfg.secret);
      expect((await call(`/configs/webhook/${cfg.id}`)).json.state).toBe('valid');
      const [task] = (await call('/tasks')).json.data;
      expect(task).toMatchObject({
        state: 'succeeded',
        error: null,
        date_started: expect.any(String),
        date_completed: expect.any(String),
      });
    },
  );

  it.each([
    ['answers 500', 500, TEST_ERRORS.status],
    ['never answers within deliveryTimeout', 'never', TEST_ERRORS.timeout],
    ['redirects (302) to a page that answers 200: the redirect is not followed', 'redirect', TEST_ERRORS.status],
  ] as const)('fails the task and turns the config invalid when the receiver %s', async (_name, answer, code) => {
    mode = answer;
    const cfg = await create();
    await mock.api.settle();
    expect(received).toHaveLength(1);
    expect((await call('/tasks')).json.data[0]).toMatchObject({ state: 'failed', error: code });
    expect((await call(`/configs/webhook/${cfg.id}`)).json.state).toBe('invalid');
    expect((await call('/events')).json.data[0]).toMatchObject({ state: 'failed', date_delivered: null });
  });

  it('fails the task as unreachable when nothing listens at the url', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const cfg = await create(`http://127.0.0.1:${port}/hooks`);
    await mock.api.settle();
    expect((await call('/tasks')).json.data[0]).toMatchObject({ state: 'failed', error: TEST_ERRORS.unreachable });
    expect((await call(`/configs/webhook/${cfg.id}`)).json.state).toBe('invalid');
  });

  it('records each delivery as an event', async () => {
    const cfg = await create();
    await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST' });
    await mock.api.settle();
    const events = (await call('/events')).json;
    expect(events.total_count).toBe(2);
    expect(events.data.map((e: { id: string }) => e.id).sort()).toEqual(
      received.map((r) => JSON.parse(r.body).id).sort(),
    );
    expect(mock.api.created.event).toBe(2);
    const one = await call(`/events/${events.data[0].id}`);
    expect(one.json).toMatchObject({ id: events.data[0].id, state: 'delivered' });
  });
});

describe('the Ricloud-Signature of a real delivery', () => {
  /** One delivered test event, the config it tested and the parts of its signature. */
  async function delivered() {
    const cfg = await create();
    await mock.api.settle();
    const [delivery] = received;
    const header = delivery?.signature ?? '';
    return { cfg, body: delivery?.body ?? '', header, ...parseSignatureHeader(header) };
  }
  const refused = async (check: Promise<void>, why: string) => {
    const error = await check.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect((error as Error).message).toContain(why);
  };

  it("verifies with the config's secret, and is refused once the body, timestamp or secret changes", async () => {
    const { cfg, body, header, timestamp } = await delivered();
    const other = await create();
    await expect(verifySignature(body, header, cfg.secret)).resolves.toBeUndefined();
    await refused(verifySignature(body.replace(cfg.id, other.id), header, cfg.secret), 'does not match');
    await refused(verifySignature(`${body}\n`, header, cfg.secret), 'does not match');
    await refused(
      verifySignature(body, header.replace(`t=${timestamp}`, `t=${timestamp - 1}`), cfg.secret),
      'does not match',
    );
    await refused(verifySignature(body, header, other.secret), 'does not match');
  });

  it('is refused when its header is malformed', async () => {
    const { cfg, body, header, timestamp } = await delivered();
    const s = header.slice(header.indexOf('s=') + 2);
    for (const [bad, why] of [
      ['', 'missing'],
      [`s=${s}`, 'no timestamp'],
      [`t=${timestamp}`, 'no signature'],
      [`t=${timestamp}s=${s}`, 'not a whole number'],
      [`t=${timestamp},s=${s.slice(0, 20)}`, 'not a base64'],
      [`t=${timestamp},s=${s.replace(/[A-Za-z]/, '*')}`, 'not a base64'],
    ]) {
      await refused(verifySignature(body, bad, cfg.secret), why ?? '');
    }
  });

  it(`is accepted within the tolerance (default ${DEFAULT_TOLERANCE} s) either way; refused 1 s past it`, async () => {
    const { cfg, body, header, timestamp: t } = await delivered();
    await expect(verifySignature(body, header, cfg.secret, { now: t + DEFAULT_TOLERANCE })).resolves.toBeUndefined();
    await expect(verifySignature(body, header, cfg.secret, { now: t - DEFAULT_TOLERANCE })).resolves.toBeUndefined();
    await refused(verifySignature(body, header, cfg.secret, { now: t + DEFAULT_TOLERANCE + 1 }), 'old');
    await refused(verifySignature(body, header, cfg.secret, { now: t - DEFAULT_TOLERANCE - 1 }), 'in the future');
    await refused(verifySignature(body, header, cfg.secret, { now: t + 31, tolerance: 30 }), 'old');
    await refused(verifySignature(body, header, cfg.secret, { now: t - 31, tolerance: 30 }), 'in the future');
  });
});

describe('update and test', () => {
  it('queues a new test on a url change or state new, none on deactivated', async () => {
    const cfg = await create();
    const tests = async () => (await call('/tasks', {})).json.total_count as number;
    const moved = await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: { url: `${receiverUrl}/v2` } });
    expect(moved).toMatchObject({ status: 200, json: { state: 'new', url: `${receiverUrl}/v2` } });
    expect(await tests()).toBe(2);
    await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: { state: 'new' } });
    expect(await tests()).toBe(3);
    const off = await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: { state: 'deactivated' } });
    expect(off.json.state).toBe('deactivated');
    expect(await tests()).toBe(3);
    await mock.api.settle();
    expect(received.at(-1)?.path).toMatch(/^\/hooks\/v2\//);
  });

  it('hides deactivated configs from the list unless a state filter asks for them', async () => {
    const kept = await create();
    const retired = await create();
    await call(`/configs/webhook/${retired.id}`, { method: 'POST', body: { state: 'deactivated' } });
    const ids = (query: string) =>
      call(`/configs/webhook${query}`).then((a) => a.json.data.map((c: { id: string }) => c.id));
    expect(await ids('')).toEqual([kept.id]);
    expect(await ids('?state=deactivated')).toEqual([retired.id]);
  });

  it('answers POST <config>/test with 201 and the task for any JSON body; refuses a non-JSON body', async () => {
    const cfg = await create();
    const answer = await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST' });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      resource: 'task',
      type: 'webhook_config.test',
      target: cfg.id,
      state: 'pending',
    });
    const withBody = await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST', body: {} });
    expect(withBody).toMatchObject({ status: 201, json: { resource: 'task' } });
    const notJson = await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST', raw: 'go' });
    expect(notJson).toMatchObject({ status: 400, json: { error: 'invalid-body' } });
  });
});

describe('lists', () => {
  it('are newest first with limit, after_id, has_more and total_count', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.unshift((await create()).id);
    const first = (await call('/configs/webhook?limit=2')).json;
    expect(first).toMatchObject({ resource: 'list', has_more: true, total_count: 5, url: '/configs/webhook' });
    expect(first.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    expect(first.data[0]).not.toHaveProperty('secret');
    const last = (await call(`/configs/webhook?limit=2&after_id=${ids[3]}`)).json;
    expect(last).toMatchObject({ has_more: false, total_count: 5 });
    expect(last.data.map((c: { id: string }) => c.id)).toEqual([ids[4]]);
  });

  it(
    'go on after an after_id (or before a before_id) that no longer matches the filter; ' +
      'an unknown id is still 400',
    async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.unshift((await create()).id);
      await mock.api.settle();
      await call(`/configs/webhook/${ids[1]}`, { method: 'POST', body: { state: 'deactivated' } });
      const after = await call(`/configs/webhook?limit=2&after_id=${ids[1]}`);
      expect(after.status).toBe(200);
      expect(after.json.data.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[3]]);
      expect(after.json).toMatchObject({ has_more: true, total_count: 4 });
      const before = await call(`/configs/webhook?before_id=${ids[1]}`);
      expect(before.json.data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
      const valid = await call(`/configs/webhook?state=valid&after_id=${ids[1]}`);
      expect(valid.json.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(2));
      expect((await call('/configs/webhook?before_id=nope')).json).toMatchObject({
        error: 'invalid-parameter',
        params: { before_id: [expect.any(String)] },
      });
    },
  );

  it('can be paged through by the SDK while each config is deactivated', async () => {
    for (let i = 0; i < 5; i++) await create();
    await mock.api.settle();
    const client = new Client({ token: TOKEN_A, baseUrl: mock.url });
    let seen = 0;
    for await (const cfg of client.webhookConfigs.list({ limit: 2 })) {
      await cfg.update({ state: 'deactivated' });
      seen++;
    }
    expect(seen).toBe(5);
    expect(mock.api.store.webhookConfigs().every((c) => c.state === 'deactivated')).toBe(true);
  });

  it('can be emptied by the SDK deleting each webhook and storage config as it iterates pages of 2', async () => {
    const client = new Client({ token: TOKEN_A, baseUrl: mock.url });
    for (let i = 0; i < 5; i++) {
      await create();
      await client.storageConfigs.create({ url: `gs://bucket/${i}`, credentials: { private_key: 'k' } });
    }
    await mock.api.settle();
    let deleted = 0;
    for await (const cfg of client.webhookConfigs.list({ limit: 2 })) deleted += (await cfg.delete()) ? 1 : 0;
    for await (const cfg of client.storageConfigs.list({ limit: 2 })) deleted += (await cfg.delete()) ? 1 : 0;
    expect(deleted).toBe(10);
    expect([mock.api.store.webhookConfigs(), mock.api.store.storageConfigs()]).toEqual([[], []]);
  });

  it('take a deleted item as a cursor at its place, before_id too; an unknown id is still 400', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.unshift((await create()).id);
    const other = (await create(receiverUrl, TOKEN_B)).id;
    for (const id of [ids[1], ids[2]]) await call(`/configs/webhook/${id}`, { method: 'DELETE' });
    await call(`/configs/webhook/${other}`, { method: 'DELETE', token: TOKEN_B });
    const after = await call(`/configs/webhook?limit=1&after_id=${ids[1]}`);
    expect(after.json).toMatchObject({ data: [{ id: ids[3] }], has_more: true, total_count: 3 });
    const before = await call(`/configs/webhook?before_id=${ids[2]}`);
    expect(before.json.data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect((await call(`/configs/webhook?after_id=${other}`)).json).toMatchObject({
      error: 'invalid-parameter',
      params: { after_id: ['No such object in this list.'] },
    });
  });

  it(
    'refuse a limit not written in digits, or a date that is not ISO 8601 or does not exist, ' +
      'with 400 invalid-parameter',
    async () => {
      for (const [query, param] of [
        ['limit=1e1', 'limit'],
        ['limit=0x2', 'limit'],
        [`limit=${encodeURIComponent(' 2')}`, 'limit'],
        ['limit=2.0', 'limit'],
        ['limit=', 'limit'],
        ['date_created__gt=2020', 'date_created__gt'],
        ['date_created__gte=2020-03', 'date_created__gte'],
        [`date_created__lt=${encodeURIComponent('March 1 2020')}`, 'date_created__lt'],
        [`date_created__lte=${encodeURIComponent('2020-03-01 00:00:00')}`, 'date_created__lte'],
        [`date_created=${encodeURIComponent('2020-03-01T00:00:00+24:00')}`, 'date_created'],
        ['date_created__gt=2020-02-30T00:00:00Z', 'date_created__gt'],
        ['date_created__gt=2020-03-01T24:00:00Z', 'date_created__gt'],
        ['date_created__gt=2020-02-30', 'date_created__gt'],
      ]) {
        const answer = await call(`/configs/webhook?${query}`);
        expect(answer.status, query).toBe(400);
        expect(answer.json).toMatchObject({ error: 'invalid-parameter' });
        expect(Object.keys(answer.json.params)).toEqual([param]);
      }
      const cfg = await create();
      const strict = await call(
        `/configs/webhook?limit=1&date_created__lte=${new Date(Date.now() + 60_000).toISOString()}` +
          '&date_created__gt=2020-03-01T00:00:00Z',
      );
      expect(strict.status).toBe(200);
      expect(strict.json.data.map((c: { id: string }) => c.id)).toEqual([cfg.id]);
    },
  );

  it('refuse an undocumented state (or storage type) with 400 invalid-parameter naming the filter', async () => {
    const documented: [string, string][] = [
      ['/configs/webhook', 'deactivated'],
      ['/configs/storage', 'invalid'],
      ['/keys', 'active'],
      ['/users', 'blocked'],
      ['/sources', 'locked'],
      ['/sessions', 'expired'],
      ['/polls', 'completed'],
      ['/subscriptions', 'deleted'],
      ['/tasks', 'suspended'],
      ['/results', 'consumed'],
      ['/events', 'delivered'],
    ];
    for (const [path, state] of documented) {
      expect((await call(`${path}?state=${state}`)).status, path).toBe(200);
      const typo = await call(`${path}?state=${state.slice(1)}`);
      expect(typo.status, path).toBe(400);
      expect(typo.json, path).toMatchObject({
        error: 'invalid-parameter',
        params: { state: [expect.stringContaining(state)] },
      });
    }
    expect((await call('/configs/storage?type=azure')).json).toMatchObject({ params: { type: [expect.any(String)] } });
    // Event types and actions are open-ended: an unknown one is an empty list.
    expect((await call('/events?type=subscription&action=renewed')).json).toMatchObject({ total_count: 0 });
    const client = new Client({ token: TOKEN_A, baseUrl: mock.url, logLevel: 'off' });
    await expect(client.webhookConfigs.list({ state: 'vaild' })).rejects.toMatchObject({
      name: 'RequestError',
      status: 400,
      params: { state: [expect.stringContaining('valid')] },
    });
  });

  it('refuse an out-of-range limit, an unknown filter and a bad date with 400 invalid-parameter', async () => {
    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['colour=blue', 'colour'],
      ['date_created__gt=yesterday', 'date_created__gt'],
      ['after_id=nope', 'after_id'],
    ]) {
      const answer = await call(`/configs/webhook?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'invalid-parameter', message: expect.any(String) });
      expect(Object.keys(answer.json.params)).toEqual([param]);
    }
  });
});

describe('timestamps', () => {
  const at = (iso: string) => vi.setSystemTime(new Date(iso));

  it(
    'carry microseconds, counted within each millisecond, so what is made later sorts ' +
      'later even on a frozen clock',
    async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const client = new Client({ token: TOKEN_A, baseUrl: mock.url, logLevel: 'off' });
        at('2024-01-01T00:00:00Z');
        const a = await client.webhookConfigs.create({ url: receiverUrl });
        const b = await client.webhookConfigs.create({ url: receiverUrl });
        // The first stamp of the millisecond; the test task queued with `a` took the next.
        expect(a.date_created).toBe('2024-01-01T00:00:00.000001Z');
        expect(b.date_created).toMatch(/^2024-01-01T00:00:00\.000\d{3}Z$/);
        expect(b.date_created > a.date_created).toBe(true);
        const after = await client.webhookConfigs.list({ date_created: { gt: a.date_created } });
        expect(after.data.map((config) => config.id)).toEqual([b.id]);
        // A clock that comes back to a millisecond goes on counting in it: the newest is still listed first.
        at('2024-01-01T00:01:00Z');
        const later = await client.webhookConfigs.create({ url: receiverUrl });
        at('2024-01-01T00:00:00Z');
        const again = await client.webhookConfigs.create({ url: receiverUrl });
        expect(again.date_created > b.date_created).toBe(true);
        const listed = await client.webhookConfigs.list({ date_created: { lte: '2024-01-01T00:01:00.001Z' } });
        expect(listed.data.map((config) => config.id)).toEqual([later.id, again.id, b.id, a.id]);
        // reset() forgets the count with everything else.
        await mock.api.settle();
        mock.api.reset();
        expect((await client.webhookConfigs.create({ url: receiverUrl })).date_created).toBe(
          '2024-01-01T00:00:00.000001Z',
        );
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it('order lists by instant, however many digits a stamp has, as the date filters compare them', async () => {
    // The mock writes six digits: its clock is made to write others. As text, `.16Z` would sort after `.168354Z`.
    const now = vi.spyOn(MockStore.prototype, 'now');
    const stamped = async (stamp: string) => {
      await mock.api.settle(); // the steps of the last config's test take no stamp of this one's
      now.mockReturnValueOnce(stamp);
      return create();
    };
    try {
      await call('/configs/webhook'); // the token's organisation, and its stamp, are made first
      const a = await stamped('2025-01-01T00:00:00.16Z');
      const b = await stamped('2025-01-01T00:00:00.168354Z');
      // The same instant as `a`: the config made later comes first.
      const c = await stamped('2025-01-01T00:00:00.160000Z');
      await mock.api.settle();
      const listed = await call('/configs/webhook');
      expect(listed.json.data.map((config: { id: string }) => config.id)).toEqual([b.id, c.id, a.id]);
      const older = await call('/configs/webhook?date_created__lt=2025-01-01T00:00:00.168354Z');
      expect(older.json.data.map((config: { id: string }) => config.id)).toEqual([c.id, a.id]);
    } finally {
      now.mockRestore();
    }
  });
});

describe('organisations and authentication', () => {
  it('gives each token its own organisation: another organisation gets 404 not-found', async () => {
    const cfg = await create(receiverUrl, TOKEN_A);
    const mine = await call(`/configs/webhook/${cfg.id}`, { token: TOKEN_A });
    const theirs = await call(`/configs/webhook/${cfg.id}`, { token: TOKEN_B });
    expect(mine.status).toBe(200);
    expect(theirs).toMatchObject({ status: 404, json: { error: 'not-found', message: expect.any(String) } });
    expect((await call('/configs/webhook', { token: TOKEN_B })).json.total_count).toBe(0);
    const test = await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST', token: TOKEN_B });
    expect(test.status).toBe(404);
  });

  it('answers 401 unauthorized to a request without Authorization, or with a malformed one', async () => {
    for (const headers of [{}, { authorization: 'Bearer abc' }, { authorization: 'Token' }] as Record<
      string,
      string
    >[]) {
      const answer = await call('/configs/webhook', { token: null, headers });
      expect(answer).toMatchObject({ status: 401, json: { error: 'unauthorized', message: expect.any(String) } });
    }
    expect(mock.api.store.webhookConfigs()).toEqual([]);
  });

  it(
    'reads the scheme in any case and the token after any whitespace, as the API (DRF TokenAuthentication) and ' +
      'RFC 9110 §11.1 do; a token with a space in it is 401',
    async () => {
      const key = (await call('/key', { token: TOKEN_A })).json;
      for (const scheme of ['token ', 'TOKEN ', 'Token  ', 'Token\t']) {
        const answer = await call('/key', { token: null, headers: { authorization: scheme + TOKEN_A } });
        expect(answer, JSON.stringify(scheme)).toMatchObject({ status: 200, json: { id: key.id } });
      }
      const spaced = await call('/key', { token: null, headers: { authorization: `Token ${TOKEN_A} extra` } });
      expect(spaced.status).toBe(401);
    },
  );

  it('with the tokens option, maps tokens to organisations and refuses every other token', async () => {
    const mapped = await startMockServer({
      taskDelay: 5,
      deliver: async () => new Response('OK'),
      tokens: { [TOKEN_A]: 'org_acme', [TOKEN_B]: 'org_acme' },
    });
    try {
      const post = (token: string) =>
        fetch(`${mapped.url}/configs/webhook`, {
          method: 'POST',
          headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url: receiverUrl }),
        });
      const made = (await (await post(TOKEN_A)).json()) as { id: string; organisation: string };
      expect(made.organisation).toBe('org_acme');
      const seen = await fetch(`${mapped.url}/configs/webhook/${made.id}`, {
        headers: { authorization: `Token ${TOKEN_B}` },
      });
      expect(seen.status).toBe(200);
      expect((await post('tok_unknown_000000000000000000000')).status).toBe(401);
      await mapped.api.settle();
    } finally {
      await mapped.close();
    }
  });

  it('is never reached by an SDK client without a token: it refuses before sending', async () => {
    vi.stubEnv('RICLOUD_TOKEN', undefined);
    try {
      const client = new Client({ baseUrl: mock.url, logLevel: 'off' });
      await expect(client.webhookConfigs.list()).rejects.toBeInstanceOf(InvalidInputError);
      expect(mock.api.requests).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('strictness and errors', () => {
  it('answers 405 method-not-allowed to methods an endpoint does not take', async () => {
    const cfg = await create();
    for (const [method, path] of [
      ['DELETE', '/configs/webhook'],
      ['PUT', `/configs/webhook/${cfg.id}`],
      ['PATCH', '/configs/webhook'],
      ['GET', `/configs/webhook/${cfg.id}/test`],
      ['POST', '/tasks'],
      ['DELETE', '/events'],
    ]) {
      const answer = await call(path ?? '', { method });
      expect(answer).toMatchObject({ status: 405, json: { error: 'method-not-allowed', message: expect.any(String) } });
    }
  });

  it('answers 404 to an unknown endpoint', async () => {
    expect(await call('/storage/configs')).toMatchObject({ status: 404, json: { error: 'not-found' } });
  });

  it.each([
    ['a missing url', { body: {} }, 'invalid-parameter', { url: ['This field is required.'] }],
    [
      'a url that is not http(s)',
      { body: { url: 'ftp://hooks.example.com' } },
      'invalid-parameter',
      { url: ['Enter a valid URL.'] },
    ],
    [
      'a url with credentials',
      { body: { url: 'https://user:pw@example.test/hook' } },
      'invalid-parameter',
      { url: [expect.any(String)] },
    ],
    [
      'a url with a user name only',
      { body: { url: 'https://user@example.test/hook' } },
      'invalid-parameter',
      { url: [expect.any(String)] },
    ],
    [
      'a body that is not JSON',
      { raw: '{"url":', headers: { 'content-type': 'application/json' } },
      'invalid-body',
      undefined,
    ],
    ['a JSON array', { body: [] }, 'invalid-body', undefined],
    [
      'a non-JSON content type',
      { raw: 'url=https://x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'invalid-body',
      undefined,
    ],
  ] as const)('refuses a create with %s (400 %s)', async (_name, init, code, params) => {
    const answer = await call('/configs/webhook', { method: 'POST', ...init });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: code, message: expect.any(String) });
    expect(answer.json.params).toEqual(params);
    expect(mock.api.created.webhook_config).toBe(0);
  });

  it('refuses an update with a state other than new/deactivated, or with neither url nor state', async () => {
    const cfg = await create();
    const valid = await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: { state: 'valid' } });
    expect(valid).toMatchObject({
      status: 400,
      json: { error: 'invalid-parameter', params: { state: [expect.any(String)] } },
    });
    const empty = await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: {} });
    expect(empty).toMatchObject({ status: 400, json: { error: 'invalid-parameter' } });
    // `secret` is not a field an update takes: ignored, it leaves the update empty.
    const secret = await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: { secret: 'mine' } });
    expect(secret).toMatchObject({ status: 400, json: { params: { url: [expect.any(String)] } } });
    expect(mock.api.store.webhookConfigs()[0]?.secret).toBe(cfg.secret);
  });

  it('refuses an update to a url with credentials, leaving the config and its tasks as they were', async () => {
    const cfg = await create();
    await mock.api.settle();
    const answer = await call(`/configs/webhook/${cfg.id}`, {
      method: 'POST',
      body: { url: 'https://user:pw@example.test/hook' },
    });
    expect(answer).toMatchObject({
      status: 400,
      json: { error: 'invalid-parameter', params: { url: [expect.any(String)] } },
    });
    expect((await call(`/configs/webhook/${cfg.id}`)).json).toMatchObject({ url: receiverUrl, state: 'valid' });
    expect(mock.api.created.task).toBe(1);
  });

  it('answers 405 with an Allow header listing the methods the path takes (RFC 9110)', async () => {
    const cfg = await create();
    for (const [method, path, allow] of [
      ['DELETE', '/configs/webhook', 'GET, HEAD, POST'],
      ['PUT', `/configs/webhook/${cfg.id}`, 'GET, HEAD, POST, DELETE'],
      ['PATCH', '/configs/webhook', 'GET, HEAD, POST'],
      ['GET', `/configs/webhook/${cfg.id}/test`, 'POST'],
      ['POST', '/tasks', 'GET, HEAD'],
      ['PUT', '/tasks/x', 'GET, HEAD'],
      ['DELETE', '/events', 'GET, HEAD'],
      ['POST', '/events/x', 'GET, HEAD'],
      ['GET', '/results/ack', 'POST'],
      ['DELETE', '/results/ack', 'POST'],
      ['POST', '/results/x', 'GET, HEAD'],
    ] as const) {
      const answer = await call(path, { method });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe(allow);
    }
  });

  it('plays a status fault without acting', async () => {
    mock.api.faults.add({ method: 'POST', path: '/configs/webhook', status: 503 });
    const answer = await call('/configs/webhook', { method: 'POST', body: { url: receiverUrl } });
    expect(answer).toMatchObject({ status: 503, json: { error: 'server-error' } });
    expect(mock.api.created.webhook_config).toBe(0);
  });
});

describe('Ricloud-Await on GET /tasks/{id}', () => {
  it('holds the answer until the task ends, and answers at once without it', async () => {
    mode = 'never';
    const cfg = await create();
    const [task] = (await call('/tasks')).json.data;
    const quick = await call(`/tasks/${task.id}`);
    expect(['pending', 'processing']).toContain(quick.json.state);
    const held = await call(`/tasks/${task.id}`, { headers: { 'ricloud-await': '5' } });
    expect(held.json).toMatchObject({ state: 'failed', error: TEST_ERRORS.timeout });
    expect((await call(`/configs/webhook/${cfg.id}`)).json.state).toBe('invalid');
  });

  it('is checked before acting: a bad value on create, update or test makes, changes and queues nothing', async () => {
    const bad = { 'ricloud-await': 'soon' };
    const created = await call('/configs/webhook', { method: 'POST', body: { url: receiverUrl }, headers: bad });
    expect(created).toMatchObject({ status: 400, json: { params: { 'Ricloud-Await': [expect.any(String)] } } });
    expect(mock.api.created).toMatchObject({ webhook_config: 0, task: 0 });
    const cfg = await create();
    await mock.api.settle();
    const updated = await call(`/configs/webhook/${cfg.id}`, {
      method: 'POST',
      body: { url: `${receiverUrl}/other` },
      headers: bad,
    });
    expect(updated).toMatchObject({ status: 400, json: { params: { 'Ricloud-Await': [expect.any(String)] } } });
    const tested = await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST', headers: bad });
    expect(tested).toMatchObject({ status: 400, json: { params: { 'Ricloud-Await': [expect.any(String)] } } });
    expect((await call(`/configs/webhook/${cfg.id}`)).json).toMatchObject({ url: receiverUrl, state: 'valid' });
    expect(mock.api.created).toMatchObject({ webhook_config: 1, task: 1 });
  });

  it('refuses a value that is not a number of seconds', async () => {
    await create();
    const [task] = (await call('/tasks')).json.data;
    expect(await call(`/tasks/${task.id}`, { headers: { 'ricloud-await': 'soon' } })).toMatchObject({
      status: 400,
      json: { params: { 'Ricloud-Await': [expect.any(String)] } },
    });
  });
});

describe('controls', () => {
  it('logs every request, and reset() forgets the store, the counts and the log', async () => {
    await create();
    await call('/configs/webhook?limit=1');
    expect(mock.api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /configs/webhook',
      'GET /configs/webhook',
    ]);
    expect(mock.api.requests[1]?.query).toEqual({ limit: '1' });
    expect(mock.api.requests[0]?.headers.authorization).toBe(`Token ${TOKEN_A}`);
    await mock.api.settle();
    mock.api.reset();
    expect(mock.api.requests).toEqual([]);
    expect(mock.api.created).toEqual(NOTHING_CREATED);
    expect(mock.api.store.webhookConfigs()).toEqual([]);
    expect((await call('/configs/webhook')).json.total_count).toBe(0);
  });

  it("keeps each request's token readable by assertions but out of JSON.stringify, console.log and diffs", async () => {
    const client = new Client({ token: 'app-secret-token', baseUrl: mock.url, logLevel: 'off' });
    await client.webhookConfigs.list();
    const [logged] = mock.api.requests;
    expect(logged?.headers.authorization).toBe('Token app-secret-token');
    expect(mock.api.requests).toMatchObject([{ headers: { authorization: 'Token app-secret-token' } }]);
    expect(JSON.stringify(mock.api.requests)).not.toContain('app-secret-token');
    expect(inspect(mock.api.requests, { depth: null })).not.toContain('app-secret-token');
    expect(Object.keys(logged?.headers ?? {})).toContain('user-agent');
  });

  it('keeps cookies and a Ricloud-Signature readable by assertions but out of JSON.stringify and inspect', async () => {
    const hidden = {
      cookie: 'session=cookie-secret-value',
      'set-cookie': 'id=set-cookie-secret-value',
      'ricloud-signature': 't=1,s=signature-secret-value',
    };
    await call('/key', { headers: { ...hidden, 'x-shown': 'shown-value' } });
    const [logged] = mock.api.requests;
    expect(logged?.headers).toMatchObject(hidden);
    for (const text of [JSON.stringify(mock.api.requests), inspect(mock.api.requests, { depth: null })]) {
      expect(text).not.toMatch(/secret-value|Token /);
      expect(text).toContain('shown-value');
    }
    expect(Object.keys(logged?.headers ?? {})).not.toContain('cookie');
  });

  it('keeps only the latest 10 000 requests in its log, so a long-running mock does not grow unbounded', async () => {
    const filler = { method: 'GET', path: '/filler', query: {}, headers: {}, body: '' };
    mock.api.requests.push(...Array.from({ length: 10_000 }, () => ({ ...filler })));
    await call('/tasks');
    expect(mock.api.requests).toHaveLength(10_000);
    expect(mock.api.requests.at(-1)?.path).toBe('/tasks');
    expect(mock.api.requests.filter((r) => r.path === '/filler')).toHaveLength(9_999);
  });

  it('serves the SDK end to end over real HTTP', async () => {
    const client = new Client({ token: TOKEN_A, baseUrl: mock.url, logLevel: 'off' });
    const cfg = await client.webhookConfigs.create({ url: receiverUrl });
    const task = await cfg.test();
    await task.wait({ timeout: 5_000 });
    await cfg.refresh();
    expect([task.state, cfg.state]).toEqual(['succeeded', 'valid']);
  });
});

describe('CORS on the mock server (opt-in)', () => {
  const PAGE = 'https://app.example';
  const preflight = (url: string, origin = PAGE) =>
    fetch(`${url}/configs/webhook`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-trace',
      },
    });

  it('is off by default: no CORS headers, and a preflight gets what any tokenless OPTIONS gets (401)', async () => {
    const answer = await call('/configs/webhook', { headers: { origin: PAGE } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const checked = await preflight(mock.url);
    expect([checked.status, checked.headers.get('access-control-allow-origin')]).toEqual([401, null]);
  });

  it('with cors: true, answers the preflight for the headers asked and lets the page read the request id', async () => {
    const open = await startMockServer({ taskDelay: 5, cors: true });
    try {
      const checked = await preflight(open.url);
      expect(checked.status).toBe(204);
      expect(checked.headers.get('access-control-allow-origin')).toBe('*');
      expect(checked.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE');
      // A page's session.delete() or config.delete() is a DELETE: a browser sends it only once its preflight allows it.
      const deleting = await fetch(`${open.url}/sessions/any`, {
        method: 'OPTIONS',
        headers: { origin: PAGE, 'access-control-request-method': 'DELETE' },
      });
      expect(deleting.status).toBe(204);
      expect(deleting.headers.get('access-control-allow-methods')?.split(', ')).toContain('DELETE');
      expect(checked.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-trace');
      const listed = await fetch(`${open.url}/configs/webhook`, {
        headers: { origin: PAGE, authorization: `Token ${TOKEN_A}` },
      });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe('*');
      expect(listed.headers.get('access-control-expose-headers')).toContain('x-request-id');
      const refused = await fetch(`${open.url}/configs/webhook`, { headers: { origin: PAGE } });
      expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, '*']);
    } finally {
      await open.close();
    }
  });

  it.each([42, 'app.example', 'https://app.example/', 'https://app.example/path'])(
    'refuses cors: %j before listening, naming options.cors',
    async (cors) => {
      await expect(startMockServer({ cors: cors as string })).rejects.toMatchObject({
        name: 'InvalidInputError',
        field: 'options.cors',
      });
    },
  );

  it("with cors: true, a page's client reads the request id, and a Retry-After date on the mock's clock", async () => {
    const open = await startMockServer({ cors: true });
    // A page reads a cross-origin answer's safelisted headers and those the server exposes, nothing else (Fetch §3.2).
    const safelisted = [
      'cache-control',
      'content-language',
      'content-length',
      'content-type',
      'expires',
      'last-modified',
      'pragma',
    ];
    const asPage: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const answer = await fetch(request, { headers: { ...Object.fromEntries(request.headers), origin: PAGE } });
      const exposed = [...safelisted, ...(answer.headers.get('access-control-expose-headers') ?? '').split(', ')];
      const headers = [...answer.headers].filter(([name]) => exposed.includes(name));
      return new Response(answer.body, { status: answer.status, headers });
    };
    const retries: number[] = [];
    const stop = new AbortController();
    const onRetry = ({ delayMs }: { delayMs: number }) => {
      retries.push(delayMs);
      stop.abort();
    };
    const client = new Client({ token: TOKEN_A, baseUrl: open.url, fetch: asPage, onRetry, logLevel: 'off' });
    try {
      const listed = await client.webhookConfigs.list();
      expect(listed.lastResponse?.requestId).toMatch(/\S/);
      // The page's clock runs ten minutes fast: the mock's own `Date` says when its 30 s are up.
      const serverNow = Math.floor(Date.now() / 1000) * 1000;
      open.api.faults.add({ status: 503, retryAfter: new Date(serverNow + 30_000).toUTCString(), times: 1 });
      vi.spyOn(Date, 'now').mockReturnValue(serverNow + 600_000);
      await client.webhookConfigs.list({}, { signal: stop.signal }).catch(() => undefined);
      // Within the second the mock's `Date` may have moved on; on the page's clock it would be no wait at all.
      expect(retries).toEqual([expect.toSatisfy((ms: number) => ms >= 29_000 && ms <= 30_000)]);
    } finally {
      vi.restoreAllMocks();
      await open.close();
    }
  });

  it('with cors: <origin>, allows that origin only', async () => {
    const one = await startMockServer({ taskDelay: 5, cors: PAGE });
    try {
      expect((await preflight(one.url)).headers.get('access-control-allow-origin')).toBe(PAGE);
      expect((await preflight(one.url, 'https://elsewhere.example')).status).toBe(403);
      const other = await fetch(`${one.url}/configs/webhook`, {
        headers: { origin: 'https://elsewhere.example', authorization: `Token ${TOKEN_A}` },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await one.close();
    }
  });
});

describe('reset() and close() abandon queued tests', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** A mock server of its own whose deliveries go to `deliver`, and a `fetch` against it as TOKEN_A. */
  async function serverWith(deliver: (request: Request) => Promise<Response>, taskDelay = 50) {
    const server = await startMockServer({ taskDelay, deliver });
    const send = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Token ${TOKEN_A}`, 'content-type': 'application/json', ...init.headers },
      });
    const createConfig = async () =>
      (await (
        await send('/configs/webhook', { method: 'POST', body: JSON.stringify({ url: receiverUrl }) })
      ).json()) as { id: string };
    return { server, send, createConfig };
  }
  /** Resolves once `check` holds, polling; fails after 2 s. */
  async function until(check: () => boolean) {
    for (const started = Date.now(); !check(); await pause(5))
      if (Date.now() - started > 2_000) throw new Error('timed out waiting');
  }

  it(
    'reset() right after a create: the queued test never delivers, stores an event or lists one; ' +
      'later tests run as usual',
    async () => {
      const delivered: Request[] = [];
      const { server, send, createConfig } = await serverWith(async (request) => {
        delivered.push(request);
        return new Response('OK');
      });
      try {
        await createConfig();
        server.api.reset();
        await pause(200);
        expect(delivered).toHaveLength(0);
        expect([server.api.store.events(), server.api.store.tasks(), server.api.created]).toEqual([
          [],
          [],
          NOTHING_CREATED,
        ]);
        expect(((await (await send('/events')).json()) as { total_count: number }).total_count).toBe(0);
        const cfg = await createConfig();
        await server.api.settle();
        expect(delivered).toHaveLength(1);
        expect(delivered[0]?.redirect).toBe('manual');
        expect(server.api.store.webhookConfigs()).toMatchObject([{ id: cfg.id, state: 'valid' }]);
      } finally {
        await server.close();
      }
    },
  );

  it('reset() frees a held Ricloud-Await answer and settle() at once, even if the receiver never answers', async () => {
    let seen: Request | undefined;
    const { server, send, createConfig } = await serverWith((request) => {
      seen = request;
      return new Promise<Response>(() => undefined);
    }, 5);
    try {
      await createConfig();
      const [task] = server.api.store.tasks();
      await until(() => seen !== undefined);
      const started = Date.now();
      const held = send(`/tasks/${task?.id}`, { headers: { 'ricloud-await': '5' } });
      await pause(50);
      server.api.reset();
      expect((await held).status).toBe(200);
      await server.api.settle();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(seen?.signal.aborted).toBe(true);
      expect(server.api.store.events()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('close() right after a create: the queued test is never delivered', async () => {
    const delivered: Request[] = [];
    const { server, createConfig } = await serverWith(async (request) => {
      delivered.push(request);
      return new Response('OK');
    });
    await createConfig();
    await server.close();
    await pause(200);
    expect(delivered).toHaveLength(0);
    expect(server.api.store.tasks()).toMatchObject([{ state: 'pending' }]);
  });

  it(
    'close() aborts a delivery in flight and resolves without waiting for the delivery timeout; ' +
      'the task is left as it was',
    async () => {
      let seen: Request | undefined;
      const { server, createConfig } = await serverWith((request) => {
        seen = request;
        return new Promise<Response>(() => undefined);
      }, 5);
      await createConfig();
      await until(() => seen !== undefined);
      const started = Date.now();
      await server.close();
      expect(seen?.signal.aborted).toBe(true);
      await server.api.settle();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.api.store.tasks()).toMatchObject([{ state: 'processing', error: null }]);
      expect(server.api.store.webhookConfigs()).toMatchObject([{ state: 'new' }]);
    },
  );
});

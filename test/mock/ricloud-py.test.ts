/**
 * Stock ricloud-py 3.2.0's requests, byte for byte as it sends them (no Content-Type, `null` test bodies, naive
 * dates, unknown fields, `Ricloud-Await: 0`, its User-Agent), served by the mock over real HTTP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index';
import { py, startReceiver } from './support';

const TOKEN = 'py-token';
const debug: string[] = [];
let mock: MockServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const call = (path: string, init?: Parameters<typeof py>[3]) => py(mock.url, TOKEN, path, init);

beforeAll(async () => {
  receiver = await startReceiver();
  mock = await startMockServer({ taskDelay: 1, debug: (line) => debug.push(line) });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
  debug.length = 0;
  receiver.received.length = 0;
});
afterAll(async () => {
  await mock.close();
  await receiver.close();
});

describe('webhook configs, as ricloud-py calls them', () => {
  it(
    'creates from a JSON body with no Content-Type, ignoring unknown fields (named in the debug log, ' +
      'not their values)',
    async () => {
      const created = await call('/configs/webhook', {
        method: 'POST',
        body: { url: `${receiver.url}/webhooks`, colour: 'blue-secret-value' },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ resource: 'webhook_config', url: `${receiver.url}/webhooks`, state: 'new' });
      expect(created.json).not.toHaveProperty('colour');
      expect(debug).toEqual(['POST /configs/webhook: ignored body fields colour']);
      await mock.api.settle();
      expect((await call(`/configs/webhook/${created.json.id}`)).json.state).toBe('valid');
    },
  );

  it('still refuses a body that is not JSON, or sent with a non-JSON Content-Type, with 400 invalid-body', async () => {
    for (const [body, type] of [
      ['url=https://x.test', undefined],
      ['{"url":', undefined],
      ['{"url":"https://x.test"}', 'application/x-www-form-urlencoded'],
    ] as const) {
      const response = await fetch(`${mock.url}/configs/webhook`, {
        method: 'POST',
        headers: { authorization: `Token ${TOKEN}`, ...(type ? { 'content-type': type } : {}) },
        body: new TextEncoder().encode(body),
      });
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid-body' });
    }
    expect(mock.api.created.webhook_config).toBe(0);
  });

  it(
    'tests with the body null (201 and the task), updates, lists and deletes (200 with the config as JSON, ' +
      'then 404)',
    async () => {
      const { json: cfg } = await call('/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/hooks` } });
      const tested = await call(`/configs/webhook/${cfg.id}/test`, { method: 'POST', body: null });
      expect(tested.status).toBe(201);
      expect(tested.json).toMatchObject({ resource: 'task', type: 'webhook_config.test', target: cfg.id });
      const updated = await call(`/configs/webhook/${cfg.id}`, { method: 'POST', body: { url: `${receiver.url}/v2` } });
      expect(updated).toMatchObject({ status: 200, json: { url: `${receiver.url}/v2`, state: 'new' } });
      expect((await call('/configs/webhook', { query: { limit: '10' } })).json.data).toHaveLength(1);
      const deleted = await call(`/configs/webhook/${cfg.id}`, { method: 'DELETE' });
      expect(deleted.status).toBe(200);
      expect(deleted.headers.get('content-type')).toBe('application/json');
      expect(deleted.json).toMatchObject({ resource: 'webhook_config', id: cfg.id });
      expect(deleted.json).not.toHaveProperty('secret');
      expect((await call(`/configs/webhook/${cfg.id}`)).status).toBe(404);
      expect((await call('/configs/webhook')).json.total_count).toBe(0);
    },
  );

  it('reads every filter datetime its encoder writes: naive as UTC, a date as midnight UTC, any offset', async () => {
    const { json: cfg } = await call('/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/hooks` } });
    const created = new Date(cfg.date_created);
    const day = created.toISOString().slice(0, 10);
    const naive = (ms: number) => new Date(ms).toISOString().slice(0, 23);
    const offset = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    const ids = async (query: Record<string, string>) => {
      const answer = await call('/configs/webhook', { query });
      expect(answer.status, JSON.stringify(query)).toBe(200);
      return answer.json.data.map((c: { id: string }) => c.id);
    };
    const at = created.getTime();
    expect(await ids({ date_created__gte: day })).toEqual([cfg.id]);
    expect(await ids({ date_created__lt: day })).toEqual([]);
    expect(await ids({ date_created__gt: naive(at - 1000) })).toEqual([cfg.id]);
    expect(await ids({ date_created__gt: naive(at + 1000) })).toEqual([]);
    expect(await ids({ date_created__lt: offset(at + 1000) })).toEqual([cfg.id]);
    expect(await ids({ date_created__lt: offset(at - 1000) })).toEqual([]);
    expect(await ids({ date_created__lt: `${new Date(at + 1000).toISOString().slice(0, 19)}+0000` })).toEqual([cfg.id]);
  });
});

describe('the organisation and its keys, as ricloud-py calls them', () => {
  it('GET /key, /keys and /keys/{id} show the calling key; lists leave its token out', async () => {
    const current = await call('/key');
    expect(current).toMatchObject({
      status: 200,
      json: { resource: 'key', token: TOKEN, webhook_config: null, storage_config: null, state: 'active' },
    });
    const listed = await call('/keys');
    expect(listed.json).toMatchObject({ resource: 'list', total_count: 1, data: [{ id: current.json.id }] });
    expect(listed.json.data[0]).not.toHaveProperty('token');
    expect((await call(`/keys/${current.json.id}`)).json).toEqual(current.json);
  });

  it("POST /keys/{id} sets the key's webhook_config (one of its organisation's), as `event listen` does", async () => {
    const { json: cfg } = await call('/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/hooks` } });
    const { json: key } = await call('/key');
    const updated = await call(`/keys/${key.id}`, { method: 'POST', body: { webhook_config: cfg.id } });
    expect(updated).toMatchObject({ status: 200, json: { id: key.id, webhook_config: cfg.id } });
    const other = await py(mock.url, 'another-org', '/configs/webhook', {
      method: 'POST',
      body: { url: receiver.url },
    });
    const foreign = await call(`/keys/${key.id}`, { method: 'POST', body: { webhook_config: other.json.id } });
    expect(foreign).toMatchObject({ status: 400, json: { params: { webhook_config: [expect.any(String)] } } });
    const cleared = await call(`/keys/${key.id}`, { method: 'POST', body: { webhook_config: null } });
    expect(cleared.json.webhook_config).toBeNull();
  });

  it('POST /keys makes a key whose token works; rotate gives a new token and the old one gets 401', async () => {
    const created = await call('/keys', { method: 'POST', body: {} });
    expect(created).toMatchObject({ status: 201, json: { resource: 'key', organisation: expect.any(String) } });
    const token: string = created.json.token;
    expect((await py(mock.url, token, '/key')).json.id).toBe(created.json.id);
    expect((await call('/keys')).json.total_count).toBe(2);
    const rotated = await py(mock.url, token, `/keys/${created.json.id}/rotate`, { method: 'POST', body: {} });
    expect(rotated).toMatchObject({ status: 200, json: { id: created.json.id } });
    expect(rotated.json.token).not.toBe(token);
    expect((await py(mock.url, token, '/key')).status).toBe(401);
    expect((await py(mock.url, rotated.json.token, '/key')).json.id).toBe(created.json.id);
  });

  it('GET /organisation shows its configs and state; POST sets webhook_config_default and name', async () => {
    const before = await call('/organisation');
    expect(before.json).toMatchObject({
      resource: 'organisation',
      state: 'unconfigured',
      webhook_config_default: null,
      webhook_configs: { resource: 'list', total_count: 0, url: '/configs/webhook' },
    });
    const { json: cfg } = await call('/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/hooks` } });
    const storage = { url: 'gs://results-bucket/ricloud', credentials: { private_key: 'k' } };
    await call('/configs/storage', { method: 'POST', body: storage });
    await mock.api.settle();
    const updated = await call('/organisation', {
      method: 'POST',
      body: { webhook_config_default: cfg.id, name: 'Acme', slug: 'ignored' },
    });
    expect(updated).toMatchObject({ status: 200, json: { webhook_config_default: cfg.id, name: 'Acme' } });
    expect(updated.json).toMatchObject({ state: 'active', webhook_configs: { total_count: 1 } });
    expect(updated.json.webhook_configs.data[0]).not.toHaveProperty('secret');
    expect(debug).toEqual(['POST /organisation: ignored body fields slug']);
    await call(`/configs/webhook/${cfg.id}`, { method: 'DELETE' });
    expect((await call('/organisation')).json.webhook_config_default).toBeNull();
  });

  it('permissions: create, list, retrieve and update, per organisation', async () => {
    const scopes = { 'source_type:icloud.account': [{ level: 'user', type: 'count', value: 3 }] };
    const created = await call('/permissions', { method: 'POST', body: { scopes } });
    expect(created).toMatchObject({ status: 201, json: { resource: 'permissions', scopes } });
    const id = created.json.id;
    expect((await call('/permissions')).json).toMatchObject({ total_count: 1, data: [{ id }] });
    const next = { 'task_type:icloud.*': [{ level: 'key', type: 'count', value: 1 }] };
    expect((await call(`/permissions/${id}`, { method: 'POST', body: { scopes: next } })).json.scopes).toEqual(next);
    expect((await call(`/permissions/${id}`)).json.scopes).toEqual(next);
    expect((await py(mock.url, 'another-org', `/permissions/${id}`)).status).toBe(404);
    expect((await call('/permissions', { method: 'POST', body: { scopes: ['x'] } })).status).toBe(400);
  });
});

describe("what ricloud-py's integration test and samples send beyond the docs' examples", () => {
  /** Makes the organisation usable (valid webhook and storage configs) and returns a new user's id. */
  const usableWithUser = async () => {
    await call('/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/hooks` } });
    const storage = { url: 'gs://results-bucket/ricloud', credentials: { private_key: 'k' } };
    await call('/configs/storage', { method: 'POST', body: storage });
    await mock.api.settle();
    return (await call('/users', { method: 'POST', body: { identifier: 'testing@reincubate.com' } })).json.id;
  };
  const opened = async (source: Record<string, unknown>, payload: Record<string, unknown>) => {
    const created = await call('/sessions', { method: 'POST', body: { source, payload } });
    await mock.api.settle();
    return created.status === 201 ? (await call(`/sessions/${created.json.id}`)).json : created.json;
  };

  it("opens a session on `mocks.mock` (the API's test source, test_integration.py) with any payload", async () => {
    const user = await usableWithUser();
    const source = { user, type: 'mocks.mock', identifier: 'john.appleseed@reincubate.com' };
    const session = await opened(source, { password: 'abcd1234' });
    expect(session).toMatchObject({ state: 'active', error: null, source: { ...source, state: 'active' } });
    const poll = await call('/polls', {
      method: 'POST',
      body: { session: session.id, payload: { info_types: ['*'] } },
    });
    expect(poll.status).toBe(201);
    await mock.api.settle();
    expect((await call(`/polls/${poll.json.id}`)).json).toMatchObject({
      state: 'completed',
      results: { total_count: 1 },
    });
    expect(await opened({ ...source, identifier: 'another' }, {})).toMatchObject({ state: 'active' });
    expect((await call('/sources', { method: 'POST', body: { ...source, identifier: 'third' } })).status).toBe(201);
  });

  it(
    'opens a Relay session whose source names no identifier (`rirelay session create`): ' +
      'its pairing code finds the instance, named without the code',
    async () => {
      const user = await usableWithUser();
      const relay = { user, type: 'rirelay.instance' };
      const first = await opened(relay, { code: '424242' });
      expect(first).toMatchObject({ state: 'active', source: { ...relay, identifier: 'rirelay-1' } });
      expect((await opened(relay, { code: '424242' })).source.id).toBe(first.source.id);
      expect((await opened({ ...relay, identifier: null }, { code: '424242' })).source.id).toBe(first.source.id);
      expect((await opened(relay, { code: '775577' })).source).toMatchObject({ identifier: 'rirelay-2' });
      expect(mock.api.created.source).toBe(2);
      expect(await opened(relay, {})).toMatchObject({
        error: 'invalid-parameter',
        params: { 'payload.code': [expect.any(String)] },
      });
      const icloud = await opened({ user, type: 'icloud.account' }, { password: 'p', code: '1' });
      expect(icloud).toMatchObject({
        error: 'invalid-parameter',
        params: { 'source.identifier': [expect.any(String)] },
      });
      expect(mock.api.created.source).toBe(2);
      // A pairing code is a credential: no answer, event or view of the store shows it.
      const sources = await call('/sources');
      const shown = JSON.stringify([
        sources.json,
        mock.api.store.sources(),
        mock.api.store.events(),
        receiver.received,
      ]);
      for (const code of ['424242', '775577']) expect(shown).not.toContain(code);
    },
  );

  it(
    "fails an iCloud session with a wrong 2FA code as `code-required`, on which ricloud-py's sample asks again " +
      '(its `code-invalid` is a wrong Relay pairing code)',
    async () => {
      const user = await usableWithUser();
      const account = { user, type: 'icloud.account', identifier: '2fa.jane@icloud.com' };
      // samples/icloud.py: `code-required` without a code asks for one; with a wrong one, warns and asks again.
      expect(await opened(account, { password: 'p' })).toMatchObject({ state: 'failed', error: 'code-required' });
      const wrong = await opened(account, { password: 'p', code: 'invalid' });
      expect(wrong).toMatchObject({ state: 'failed', error: 'code-required' });
      expect(await opened(account, { password: 'p', code: '123456' })).toMatchObject({ state: 'active' });
      const relay = await opened({ user, type: 'rirelay.instance' }, { code: 'invalid' });
      expect(relay).toMatchObject({ state: 'failed', error: 'code-invalid' });
    },
  );

  it('pairs a new code with an instance named as no Relay instance of the organisation is, even by hand', async () => {
    const user = await usableWithUser();
    const other = (await call('/users', { method: 'POST', body: { identifier: 'other@reincubate.com' } })).json.id;
    const byHand = await opened({ user: other, type: 'rirelay.instance', identifier: 'rirelay-1' }, { code: '1' });
    const paired = await opened({ user, type: 'rirelay.instance' }, { code: '5151' });
    expect(paired).toMatchObject({ state: 'active', source: { identifier: 'rirelay-2' } });
    expect(paired.source.id).not.toBe(byHand.source.id);
  });

  it('refuses a Relay session with no identifier for its source first, then its payload, as any session', async () => {
    const user = await usableWithUser();
    for (const type of ['rirelay.instance', 'icloud.account'])
      expect(await opened({ user: 'no-such-user', type }, {})).toMatchObject({
        error: 'invalid-parameter',
        params: { 'source.user': [expect.any(String)] },
      });
    expect(await opened({ user, type: 'rirelay.instance' }, 'a code' as never)).toMatchObject({
      params: { payload: [expect.any(String)] },
    });
  });

  it('takes a poll that names only its subscription (`rirelay sub poll`): of its session and source', async () => {
    const user = await usableWithUser();
    const session = await opened({ user, type: 'rirelay.instance', identifier: 'relay-1' }, { code: '1' });
    await call('/polls', { method: 'POST', body: { session: session.id, payload: { info_types: ['*'] } } });
    await mock.api.settle();
    const devices = (await call('/sources', { query: { parent: session.source.id } })).json.data;
    const body = { session: session.id, source: devices[0].id, poll_payload: { info_types: ['*'] } };
    const sub = (await call('/subscriptions', { method: 'POST', body })).json;
    const payload = { data_types: ['ios_messages.messages'] };
    const manual = await call('/polls', { method: 'POST', body: { subscription: sub.id, payload } });
    expect(manual).toMatchObject({
      status: 201,
      json: { session: session.id, source: devices[0].id, subscription: sub.id, requestor: 'key' },
    });
    const unnamed = await call('/polls', { method: 'POST', body: { session: null, subscription: sub.id, payload } });
    expect(unnamed.json).toMatchObject({ session: session.id, source: devices[0].id });
    const own = await call('/polls', {
      method: 'POST',
      body: { subscription: sub.id, source: session.source.id, payload },
    });
    expect(own.json).toMatchObject({ session: session.id, source: session.source.id, subscription: sub.id });
    await call(`/subscriptions/${sub.id}`, { method: 'DELETE' });
    const gone = await call('/polls', { method: 'POST', body: { subscription: sub.id, payload } });
    expect(gone).toMatchObject({ status: 400, json: { params: { subscription: [expect.any(String)] } } });
    const neither = await call('/polls', { method: 'POST', body: { payload } });
    expect(neither).toMatchObject({ status: 400, json: { params: { session: [expect.any(String)] } } });
  });
});

/**
 * What users and sources refuse: a rename to an identifier another user of the organisation has; sessions, polls,
 * subscriptions and sources for a deactivated user or source (deactivating one expires its sessions); and a source
 * made active by the client before any session validated it.
 */
import { describe, expect, it, vi } from 'vitest';
import { call, configure, session, slugs, user } from './flow-support';
import { py } from './support';
import { flowServer } from '../support/flow-server';

// An hour of a subscription's interval is 36 ms.
const { rec, flow, mock } = flowServer('token-states', { intervalScale: 0.01 });

const update = (path: string, body: Record<string, unknown>) => call(flow, path, { method: 'POST', body });
const refusedOn = (field: string) => ({
  status: 400,
  json: { error: 'invalid-parameter', params: { [field]: [expect.any(String)] } },
});

describe('renaming a user', () => {
  it('to the identifier of another user of the organisation is 400 on identifier, and changes nothing', async () => {
    const alice = await user(flow, 'alice@example.com');
    const bob = await user(flow, 'bob@example.com');
    const clash = await update(`/users/${bob}`, { identifier: 'alice@example.com', state: 'deactivated' });
    expect(clash).toMatchObject(refusedOn('identifier'));
    expect((await call(flow, `/users/${bob}`)).json).toMatchObject({ identifier: 'bob@example.com', state: 'active' });
    const named = await call(flow, '/users', { query: { identifier: 'alice@example.com' } });
    expect(named.json.data.map((u: { id: string }) => u.id)).toEqual([alice]);
  });

  it('to its own identifier, to a free one, or to one only another organisation has, is done', async () => {
    const alice = await user(flow, 'alice@example.com');
    expect((await update(`/users/${alice}`, { identifier: 'alice@example.com' })).status).toBe(200);
    await py(mock().url, 'token-other-organisation', '/users', { method: 'POST', body: { identifier: 'carol' } });
    const renamed = await update(`/users/${alice}`, { identifier: 'carol' });
    expect(renamed).toMatchObject({ status: 200, json: { id: alice, identifier: 'carol' } });
  });
});

describe('a deactivated user', () => {
  it('gets no new source and no session: 400 naming the user, nothing made', async () => {
    await configure(flow);
    const owner = await user(flow);
    await update(`/users/${owner}`, { state: 'deactivated' });
    const named = { user: owner, type: 'icloud.account', identifier: 'john@icloud.com' };
    expect(await update('/sources', named)).toMatchObject(refusedOn('user'));
    const opened = await update('/sessions', { source: named, payload: { password: 'right' } });
    expect(opened).toMatchObject(refusedOn('source.user'));
    expect(mock().api.created).toMatchObject({ source: 0, session: 0 });
  });

  it('has its sessions expired (session.expired), so polls and subscriptions stop: 400 session-expired', async () => {
    const secret = await configure(flow);
    const opened = await session(flow);
    await update(`/users/${opened.user}`, { state: 'deactivated' });
    expect((await call(flow, `/sessions/${opened.id}`)).json).toMatchObject({ state: 'expired' });
    const poll = await update('/polls', { session: opened.id, payload: { info_types: ['*'] } });
    expect(poll).toMatchObject({ status: 400, json: { error: 'session-expired' } });
    await update(`/users/${opened.user}`, { state: 'active' });
    const byId = await update('/sessions', { source: opened.source.id, payload: { password: 'right' } });
    expect(byId.status).toBe(201);
    await mock().api.settle();
    expect(slugs(await rec.events(secret))).toEqual(['session.active', 'session.expired', 'session.active']);
  });
});

describe('a deactivated source', () => {
  it('takes no session, by id or by user, type and identifier, nor by id once its user is deactivated', async () => {
    await configure(flow);
    const opened = await session(flow);
    await update(`/sources/${opened.source.id}`, { state: 'deactivated' });
    expect((await call(flow, `/sessions/${opened.id}`)).json.state).toBe('expired');
    const payload = { password: 'right' };
    expect(await update('/sessions', { source: opened.source.id, payload })).toMatchObject(refusedOn('source'));
    const named = { user: opened.user, type: 'icloud.account', identifier: opened.source.identifier };
    expect(await update('/sessions', { source: named, payload })).toMatchObject(refusedOn('source'));
    await update(`/sources/${opened.source.id}`, { state: 'active' });
    await update(`/users/${opened.user}`, { state: 'deactivated' });
    expect(await update('/sessions', { source: opened.source.id, payload })).toMatchObject(refusedOn('source'));
    expect(mock().api.created.session).toBe(1);
  });

  it(
    "of a Relay instance's device takes no poll or subscription, and its subscription " +
      'skips polls until reactivated',
    async () => {
      await configure(flow);
      const relay = await session(flow, { type: 'rirelay.instance', identifier: 'relay-1' }, { code: 'PAIR-1' });
      await update('/polls', { session: relay.id, payload: { info_types: ['*'] } });
      await mock().api.settle();
      const [device] = (await call(flow, '/sources', { query: { parent: relay.source.id } })).json.data;
      const body = { session: relay.id, source: device.id, poll_payload: { info_types: ['*'] }, interval: 3600 };
      const subscription = (await update('/subscriptions', body)).json;
      const polls = async () =>
        (await call(flow, '/polls', { query: { subscription: subscription.id, limit: '1000' } })).json.total_count;
      await vi.waitFor(async () => expect(await polls()).toBeGreaterThan(0), { timeout: 10_000 });
      await update(`/sources/${device.id}`, { state: 'deactivated' });
      const made = await polls();
      // Twenty intervals pass: at most the poll already being made when the source was deactivated is added.
      await new Promise((resolve) => setTimeout(resolve, 20 * 36));
      expect(await polls()).toBeLessThanOrEqual(made + 1);
      const poll = { session: relay.id, source: device.id, payload: { info_types: ['*'] } };
      expect(await update('/polls', poll)).toMatchObject(refusedOn('source'));
      expect(await update('/subscriptions', body)).toMatchObject(refusedOn('source'));
      await update(`/sources/${device.id}`, { state: 'active' });
      await vi.waitFor(async () => expect(await polls()).toBeGreaterThan(made + 1), { timeout: 10_000 });
      await call(flow, `/subscriptions/${subscription.id}`, { method: 'DELETE' });
    },
  );

  it('that no session validated stays so: active again is 400 on state', async () => {
    const owner = await user(flow);
    const body = { user: owner, type: 'icloud.account', identifier: 'john@icloud.com' };
    const source = (await update('/sources', body)).json;
    await update(`/sources/${source.id}`, { state: 'deactivated' });
    expect(await update(`/sources/${source.id}`, { state: 'active' })).toMatchObject(refusedOn('state'));
    expect((await call(flow, `/sources/${source.id}`)).json.state).toBe('deactivated');
  });
});

describe('a locked source', () => {
  it(
    'is locked by a session failed source-locked; it takes new sessions, which fail so too, ' +
      'and can be deactivated',
    async () => {
      await configure(flow);
      const failed = await session(flow, { identifier: 'locked.john@icloud.com' });
      expect(failed).toMatchObject({ state: 'failed', error: 'source-locked', source: { state: 'locked' } });
      const listed = await call(flow, '/sources', { query: { state: 'locked' } });
      expect(listed.json.data.map((s: { id: string }) => s.id)).toEqual([failed.source.id]);
      const again = await update('/sessions', { source: failed.source.id, payload: { password: 'right' } });
      expect(again.status).toBe(201);
      await mock().api.settle();
      expect((await call(flow, `/sessions/${again.json.id}`)).json).toMatchObject({
        state: 'failed',
        error: 'source-locked',
        source: { state: 'locked' },
      });
      expect(await update(`/sources/${failed.source.id}`, { state: 'active' })).toMatchObject(refusedOn('state'));
      expect((await update(`/sources/${failed.source.id}`, { state: 'deactivated' })).json.state).toBe('deactivated');
    },
  );
});

describe('a user made with a key', () => {
  it('shows that key of the organisation, and the calling key when key is absent or null', async () => {
    const other = (await update('/keys', {})).json.id;
    expect(await update('/users', { identifier: 'dana', key: other })).toMatchObject({
      status: 201,
      json: { key: other },
    });
    const own = (await call(flow, '/key')).json.id;
    expect((await update('/users', { identifier: 'erin', key: null })).json.key).toBe(own);
    expect((await update('/users', { identifier: 'fay' })).json.key).toBe(own);
    const listed = await call(flow, '/users', { query: { key: other } });
    expect(listed.json.data.map((u: { identifier: string }) => u.identifier)).toEqual(['dana']);
  });

  it('of another organisation, or none, is 400 on key, and no user is made', async () => {
    const foreign = (await py(mock().url, 'token-other-organisation', '/key')).json.id;
    for (const key of [foreign, 'no-such-key', 42])
      expect(await update('/users', { identifier: 'gus', key })).toMatchObject(refusedOn('key'));
    expect(mock().api.created.user).toBe(0);
  });
});

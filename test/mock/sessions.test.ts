/**
 * Users, sources and sessions over HTTP, as ricloud-py calls them: a session starts `pending` and becomes `active`, or
 * `failed` with the error its credentials call for; `expired` after its lifetime or on delete. The password is kept
 * nowhere.
 */
import { describe, expect, it, vi } from 'vitest';
import { call, configure, session, slugs, user } from './flow-support';
import { SESSION_FAILURES, SESSION_SUCCESSES } from '../support/sessions';
import { py } from './support';
import { startMockServer } from '../../src/mock/index';
import { flowServer } from '../support/flow-server';

const { rec, flow, mock } = flowServer('token-sessions');
let secret: string;

describe('users and sources', () => {
  it('creates, retrieves, lists by identifier and updates a user', async () => {
    const id = await user(flow, 'alice@example.com');
    await user(flow, 'bob@example.com');
    const found = await call(flow, '/users', { query: { identifier: 'alice@example.com' } });
    expect(found.json).toMatchObject({ total_count: 1, data: [{ id, resource: 'user', state: 'active' }] });
    const updated = await call(flow, `/users/${id}`, { method: 'POST', body: { state: 'deactivated' } });
    expect(updated.json).toMatchObject({ id, identifier: 'alice@example.com', state: 'deactivated' });
    expect((await call(flow, `/users/${id}`)).json.state).toBe('deactivated');
    expect((await call(flow, '/users', { method: 'POST', body: {} })).json).toMatchObject({
      error: 'invalid-parameter',
      params: { identifier: [expect.any(String)] },
    });
  });

  it(
    'answers a create of an identifier the organisation has with that user (200), ' +
      "as ricloud-py's samples get their user",
    async () => {
      // `ricloud icloud session latest` runs get_or_create_user (User.create), then lists that user's sources.
      const first = await call(flow, '/users', { method: 'POST', body: { identifier: 'ricloud-py' } });
      expect(first).toMatchObject({ status: 201, json: { identifier: 'ricloud-py' } });
      const body = { user: first.json.id, type: 'icloud.account', identifier: 'john@icloud.com' };
      await call(flow, '/sources', { method: 'POST', body });
      const again = await call(flow, '/users', { method: 'POST', body: { identifier: 'ricloud-py' } });
      expect(again).toMatchObject({ status: 200, json: { id: first.json.id } });
      const sources = await call(flow, '/sources', { query: { user: again.json.id, identifier: 'john@icloud.com' } });
      expect(sources.json.total_count).toBe(1);
      expect(mock().api.created.user).toBe(1);
      expect(
        (await py(mock().url, 'another-organisation', '/users', { method: 'POST', body: { identifier: 'ricloud-py' } }))
          .status,
      ).toBe(201);
    },
  );

  it("creates a user's source, lists it by user, type and identifier, refuses a client-made child type", async () => {
    const owner = await user(flow);
    const body = { user: owner, type: 'icloud.account', identifier: 'john@icloud.com' };
    const created = await call(flow, '/sources', { method: 'POST', body });
    expect(created).toMatchObject({ status: 201, json: { ...body, state: 'unvalidated', parent: null } });
    expect(created.json.children).toMatchObject({ resource: 'list', data: [], total_count: 0 });
    const listed = await call(flow, '/sources', { query: { user: owner, type: 'icloud.account' } });
    expect(listed.json.data.map((s: { id: string }) => s.id)).toEqual([created.json.id]);
    const child = await call(flow, '/sources', { method: 'POST', body: { ...body, type: 'rirelay.source' } });
    expect(child).toMatchObject({ status: 400, json: { params: { type: [expect.any(String)] } } });
    expect((await call(flow, '/sources', { method: 'POST', body })).status).toBe(400);
    // Only a session's credentials validate a source: the client cannot make an unvalidated one active.
    const activated = await call(flow, `/sources/${created.json.id}`, { method: 'POST', body: { state: 'active' } });
    expect(activated).toMatchObject({ status: 400, json: { params: { state: [expect.any(String)] } } });
    expect((await call(flow, `/sources/${created.json.id}`)).json.state).toBe('unvalidated');
  });
});

describe('a session', () => {
  it('starts pending; a retrieve with Ricloud-Await answers once active, its source nested and active', async () => {
    secret = await configure(flow);
    const owner = await user(flow);
    const body = {
      source: { user: owner, type: 'icloud.account', identifier: 'john@icloud.com' },
      payload: { password: 'hunter2' },
    };
    const created = await call(flow, '/sessions', { method: 'POST', body });
    expect(created).toMatchObject({ status: 201, json: { resource: 'session', state: 'pending', error: null } });
    const response = await fetch(`${mock().url}/sessions/${created.json.id}`, {
      headers: { authorization: `Token ${flow.token}`, 'ricloud-await': '10' },
    });
    const answered = await response.json();
    expect(answered).toMatchObject({ state: 'active', source: { type: 'icloud.account', state: 'active' } });
    await mock().api.settle();
    const events = await rec.events(secret);
    expect(slugs(events)).toEqual(['session.active']);
    expect(events[0]?.data).toMatchObject({ id: created.json.id, state: 'active' });
  });

  it('never shows or logs its password', async () => {
    await configure(flow);
    const opened = await session(flow, {}, { password: 'hunter2-secret' });
    expect(JSON.stringify(opened)).not.toContain('hunter2-secret');
    expect(JSON.stringify(mock().api.requests)).not.toContain('hunter2-secret');
    expect(JSON.stringify(mock().api.store.sessions())).not.toContain('hunter2-secret');
    expect(mock().api.requests.find((r) => r.path === '/sessions')?.body).toContain('"password":"[redacted]"');
  });

  it.each(SESSION_FAILURES)(
    'fails for %s with its error slug and its source state, and sends session.failed',
    async (_, type, identifier, payload, error, state) => {
      const secret = await configure(flow);
      const failed = await session(flow, { type, identifier }, payload);
      // A locked account's source is `locked`, the documented source state; other failures leave it unvalidated.
      expect(failed).toMatchObject({ state: 'failed', error, source: { state } });
      expect((await call(flow, `/sources/${failed.source.id}`)).json.state).toBe(state);
      await mock().api.settle();
      const events = await rec.events(secret);
      expect(slugs(events)).toEqual(['session.failed']);
      expect(events[0]?.data).toMatchObject({ error });
    },
  );

  it.each(SESSION_SUCCESSES)('is active for %s', async (_, type, identifier, payload) => {
    await configure(flow);
    expect(await session(flow, { type, identifier }, payload)).toMatchObject({ state: 'active', error: null });
  });

  it('refuses a missing password or pairing code with 400 naming it, and makes no session', async () => {
    await configure(flow);
    const owner = await user(flow);
    const icloud = { user: owner, type: 'icloud.account', identifier: 'john@icloud.com' };
    const noPassword = await call(flow, '/sessions', { method: 'POST', body: { source: icloud, payload: {} } });
    expect(noPassword.json).toMatchObject({
      error: 'invalid-parameter',
      params: { 'payload.password': [expect.any(String)] },
    });
    const relay = { ...icloud, type: 'rirelay.instance' };
    const noCode = await call(flow, '/sessions', { method: 'POST', body: { source: relay, payload: {} } });
    expect(noCode.json).toMatchObject({ params: { 'payload.code': [expect.any(String)] } });
    expect(mock().api.created.session).toBe(0);
  });

  it('shows no payload field (password, 2FA, pairing code) in its refusals, answers, events, request log', async () => {
    const secret = await configure(flow);
    const owner = await user(flow);
    const [password, code] = ['pw-5f1e2d3c4b', 'code-9a8b7c6d'];
    const icloud = { user: owner, type: 'icloud.account', identifier: '2fa.john@icloud.com' };
    const relay = { user: owner, type: 'rirelay.instance' };
    const bodies = [
      { source: icloud, payload: { password, code } },
      { source: relay, payload: { code } },
      { source: { ...relay, user: 'no-such-user' }, payload: { code } },
      { source: { ...icloud, type: 'rirelay.source' }, payload: { password, code } },
      { source: icloud, payload: { password: [password], code: { code } } },
      { source: relay, payload: { code: [code], password } },
      { source: 'no-such-source', payload: { password, code } },
    ];
    const answers = [];
    for (const body of bodies) answers.push((await call(flow, '/sessions', { method: 'POST', body })).json);
    await flow.settle();
    const sessions = (await call(flow, '/sessions')).json;
    const events = await rec.events(secret);
    const shown = JSON.stringify([answers, sessions, events, mock().api.requests, mock().api.store.sources()]);
    expect(answers.filter((answer) => answer.error).length).toBe(5);
    expect(slugs(events)).toContain('session.active');
    for (const value of [password, code]) expect(shown).not.toContain(value);
  });

  it('is expired on DELETE, with a session.expired event, and lists filter it by source and state', async () => {
    const secret = await configure(flow);
    const opened = await session(flow);
    const deleted = await call(flow, `/sessions/${opened.id}`, { method: 'DELETE' });
    expect(deleted).toMatchObject({
      status: 200,
      json: { id: opened.id, state: 'expired', date_expired: expect.any(String) },
    });
    const byState = await call(flow, '/sessions', { query: { source: opened.source.id, state: 'expired' } });
    expect(byState.json.data.map((s: { id: string }) => s.id)).toEqual([opened.id]);
    expect((await call(flow, '/sessions', { query: { state: 'active' } })).json.total_count).toBe(0);
    await mock().api.settle();
    expect(slugs(await rec.events(secret))).toEqual(['session.active', 'session.expired']);
  });
});

describe('a session that is no longer pending or active', () => {
  it('stays failed on DELETE, with no session.expired event', async () => {
    const secret = await configure(flow);
    const failed = await session(flow, {}, { password: 'wrong' });
    expect(failed.state).toBe('failed');
    const deleted = await call(flow, `/sessions/${failed.id}`, { method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 200, json: { state: 'failed', date_expired: null } });
    await mock().api.settle();
    expect(slugs(await rec.events(secret))).toEqual(['session.failed']);
  });

  it('deleted while pending, is expired and never decided: no session.active, its source unvalidated', async () => {
    const slow = await startMockServer({ taskDelay: 1000, deliver: rec.deliver });
    try {
      const flow = { base: slow.url, token: 'token-pending', settle: () => slow.api.settle() };
      const secret = await configure(flow);
      const body = { source: { user: await user(flow), type: 'icloud.account', identifier: 'john@icloud.com' } };
      const created = await call(flow, '/sessions', { method: 'POST', body: { ...body, payload: { password: 'r' } } });
      expect(created.json.state).toBe('pending');
      await call(flow, `/sessions/${created.json.id}`, { method: 'DELETE' });
      await slow.api.settle();
      const after = (await call(flow, `/sessions/${created.json.id}`)).json;
      expect(after).toMatchObject({ state: 'expired', error: null, source: { state: 'unvalidated' } });
      expect(slugs(await rec.events(secret))).toEqual(['session.expired']);
    } finally {
      await slow.close();
    }
  }, 15_000);
});

describe('session expiry', () => {
  it(
    'expires an active session after sessionLifetime, sends session.expired, ' +
      'and a poll on it is 400 session-expired',
    async () => {
      const short = await startMockServer({ taskDelay: 1, sessionLifetime: 50, deliver: rec.deliver });
      try {
        const flow = { base: short.url, token: 'token-expiry', settle: () => short.api.settle() };
        const secret = await configure(flow);
        const opened = await session(flow);
        expect(opened.state).toBe('active');
        await vi.waitFor(async () => expect((await call(flow, `/sessions/${opened.id}`)).json.state).toBe('expired'), {
          timeout: 5000,
        });
        await short.api.settle();
        expect(slugs(await rec.events(secret))).toEqual(['session.active', 'session.expired']);
        const poll = await call(flow, '/polls', {
          method: 'POST',
          body: { session: opened.id, payload: { info_types: ['*'] } },
        });
        expect(poll).toMatchObject({ status: 400, json: { error: 'session-expired' } });
      } finally {
        await short.close();
      }
    },
  );
});

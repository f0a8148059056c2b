/**
 * Sessions through the public API against the mock: `pending → active | failed` with the documented error slugs,
 * `expired` on delete, the input refused before sending, and an organisation that is
 * not configured refused with a typed error.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  RequestError,
  Session,
  type SessionCreateParams,
  Source,
  type SourceAttributes,
  type SourceCreateType,
  TimeoutError,
} from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { SESSION_FAILURES, SESSION_SUCCESSES } from '../support/sessions';
import { activeRelaySession, activeSession, configure } from './flow-support';

const { api, client } = useMockApi({ taskDelay: 5 });

/** The requests the mock got for one session. */
const requestsOf = (id: string) => api.requests.filter((r) => r.path === `/sessions/${id}`);

describe('Session.create and wait()', () => {
  it(
    'starts pending, and wait() long-polls once with Ricloud-Await until it is active, ' +
      'its source nested and active',
    async () => {
      const c = client();
      await configure(c, api);
      const user = await c.users.create({ identifier: 'alice@example.com' });
      const session = await Session.create(
        { source: { user, type: 'icloud.account', identifier: 'john@icloud.com' }, payload: { password: 'right' } },
        { client: c },
      );
      expect(session).toBeInstanceOf(Session);
      expect(session).toMatchObject({ resource: 'session', state: 'pending', error: null });
      expect(session.done).toBe(false);
      const sent = JSON.parse(api.requests.find((r) => r.path === '/sessions')?.body ?? '{}');
      expect(sent.source).toEqual({ user: user.id, type: 'icloud.account', identifier: 'john@icloud.com' });

      expect(await session.wait()).toBe(session);
      expect(session).toMatchObject({
        state: 'active',
        error: null,
        source: { type: 'icloud.account', state: 'active' },
      });
      expect(requestsOf(session.id).map((r) => r.headers['ricloud-await'])).toEqual(['10']);
      const source = await Source.retrieve((session.source as { id: string }).id, { client: c });
      expect(source.state).toBe('active');
    },
  );

  it.each(SESSION_FAILURES)(
    'resolves wait() failed with the slug of %s, and its source state',
    async (_, type, identifier, payload, error, state) => {
      const c = client();
      await configure(c, api);
      const user = await c.users.create({ identifier: 'bob' });
      const session = await c.sessions.create({ source: { user: user.id, type, identifier }, payload });
      await session.wait();
      expect(session).toMatchObject({ state: 'failed', error, source: { state } });
      expect(session.done).toBe(true);
    },
  );

  it.each(SESSION_SUCCESSES)('is active for %s', async (_, type, identifier, payload) => {
    const c = client();
    await configure(c, api);
    const user = await c.users.create({ identifier: 'carol' });
    const session = await c.sessions.create({ source: { user, type, identifier }, payload }, { awaitFor: 5 });
    // Held by Ricloud-Await on the create itself: decided with one request.
    expect(session).toMatchObject({ state: 'active', error: null });
  });

  it('opens a session on a source given by id, and wait() sends nothing for a session already decided', async () => {
    const c = client();
    await configure(c, api);
    const user = await c.users.create({ identifier: 'dave' });
    const source = await c.sources.create({ user, type: 'rirelay.instance', identifier: 'relay-9' });
    const session = await c.sessions.create({ source, payload: { code: 'PAIR' } });
    const sent = JSON.parse(api.requests.find((r) => r.path === '/sessions')?.body ?? '{}');
    expect(sent.source).toBe(source.id);
    await api.settle();
    await session.refresh();
    const before = api.requests.length;
    await session.wait();
    expect(api.requests).toHaveLength(before);
    expect(session.state).toBe('active');
  });

  it("opens a Relay session by its pairing code alone (no identifier), as ricloud-py's Relay sample does", async () => {
    const c = client();
    await configure(c, api);
    const user = await c.users.create({ identifier: 'relay-owner' });
    const session = await c.sessions.create({
      source: { user, type: 'rirelay.instance' },
      payload: { code: 'ABCD-1234' },
    });
    const sent = JSON.parse(api.requests.find((r) => r.path === '/sessions')?.body ?? '{}');
    // The mock's log hides the code, a credential: the session's opening shows that it was sent.
    expect(sent).toEqual({ source: { user: user.id, type: 'rirelay.instance' }, payload: { code: '[redacted]' } });
    await session.wait();
    expect(session).toMatchObject({ state: 'active', source: { type: 'rirelay.instance', user: user.id } });
    const error = await rejectionOf(c.sessions.create({ source: { user, type: 'icloud.account' }, payload: {} }));
    expect(error.message).toBe('source.identifier: is required for an icloud.account session');
  });

  it('throws TimeoutError naming the session when it is still pending after `timeout`', async () => {
    const c = client();
    await configure(c, api);
    api.faults.add({ method: 'GET', path: /^\/sessions\//, hang: true, times: Number.POSITIVE_INFINITY });
    const user = await c.users.create({ identifier: 'erin' });
    const session = await c.sessions.create({
      source: { user, type: 'icloud.account', identifier: 'slow@icloud.com' },
      payload: { password: 'right' },
    });
    const error = await rejectionOf(session.wait({ timeout: 200 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`session ${session.id} is still pending after 200 ms`);
  });
});

describe('Session.retrieve, list and delete', () => {
  it('lists by source and state with for await, and delete() expires the session in place', async () => {
    const c = client();
    await configure(c, api);
    const first = await activeSession(c, 'one@icloud.com');
    const second = await activeSession(c, 'two@icloud.com');
    const sourceOf = (s: Session) => (s.source as { id: string }).id;

    const ids: string[] = [];
    for await (const s of c.sessions.list({ source: sourceOf(first), state: 'active' })) ids.push(s.id);
    expect(ids).toEqual([first.id]);
    expect(api.requests.at(-1)?.query).toMatchObject({ source: sourceOf(first), state: 'active' });

    expect(await first.delete()).toBe(first);
    expect(first).toMatchObject({ state: 'expired', date_expired: expect.any(String) });
    const expired = await Session.deleteWithId(second.id, { client: c });
    expect(expired.state).toBe('expired');
    expect((await Session.retrieve(second.id, { client: c })).state).toBe('expired');
    expect((await c.sessions.list({ state: 'active' })).data).toEqual([]);
    expect((await Session.list({ state: 'expired' }, { client: c })).total_count).toBe(2);
  });
});

describe("a session's nested source", () => {
  it("is the source as GET /sources/{id} shows it, its children (a Relay instance's devices) included", async () => {
    const c = client();
    await configure(c, api);
    const session = await activeRelaySession(c);
    expect(session.source).toMatchObject({ children: { resource: 'list', data: [], total_count: 0 } });
    await (await c.polls.create({ session, payload: { info_types: ['*'] } })).wait();
    const nested = (await Session.retrieve(session.id, { client: c })).source as SourceAttributes;
    const alone = await Source.retrieve(nested.id, { client: c });
    expect(nested.children).toMatchObject({ total_count: 2 });
    expect(nested).toEqual({ ...alone });
  });
});

describe('Session input', () => {
  const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
  it.each([
    ['no password for an iCloud account', { source, payload: {} }, 'payload.password'],
    ['no code for a Relay instance', { source: { ...source, type: 'rirelay.instance' }, payload: {} }, 'payload.code'],
    ['a misspelt payload field', { source, payload: { password: 'p', pasword: 'p' } }, 'payload.pasword'],
    ['an empty password', { source, payload: { password: '' } }, 'payload.password'],
    ['a blank password', { source, payload: { password: '   ' } }, 'payload.password'],
    [
      'a source without identifier',
      { source: { user: 'usr_1', type: 'icloud.account' }, payload: { password: 'p' } },
      'source.identifier',
    ],
    [
      'an iCloud account without identifier, even with no payload field set',
      { source: { user: 'usr_1', type: 'icloud.account' }, payload: {} },
      'source.identifier',
    ],
    [
      'no code for a Relay instance named by none',
      { source: { user: 'u', type: 'rirelay.instance' }, payload: {} },
      'payload.code',
    ],
    ['no payload', { source }, 'payload'],
    ['parameters that are not an object', 'src_1', 'params'],
    ['no source', { payload: { password: 'p' } }, 'source'],
  ])('refuses %s before sending, naming the field', async (_, params, field) => {
    const before = api.requests.length;
    const error = await rejectionOf(client().sessions.create(params as unknown as SessionCreateParams));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(api.requests).toHaveLength(before);
  });

  it.each(['gmail.account', 'constructor', '__proto__', 'toString'])(
    'sends a source type the SDK does not know (%s), with no check of its own, for the API to judge',
    async (type) => {
      const user = await client().users.create({ identifier: 'gina' });
      // A type the SDK's types do not name either: a caller sends it with a cast.
      const source = { user, type: type as SourceCreateType, identifier: 'gina@example.com' };
      const error = await rejectionOf(client().sessions.create({ source, payload: {} }));
      expect(error).toMatchObject({
        name: 'RequestError',
        status: 400,
        params: { 'source.type': [expect.any(String)] },
      });
    },
  );

  it('refuses a code given as a number without showing it (a 2FA or pairing code is a credential)', async () => {
    const source = { user: 'usr_1', type: 'rirelay.instance', identifier: 'relay-1' } as const;
    const error = await rejectionOf(client().sessions.create({ source, payload: { code: 918273 as never } }));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'payload.code' });
    expect(error.message).toBe('payload.code: must be a non-empty string');
    const blank = await rejectionOf(client().sessions.create({ source, payload: { code: ' ' } }));
    expect(blank).toMatchObject({ name: 'InvalidInputError', field: 'payload.code' });
  });

  it('refuses a bad list filter on first use, naming it', async () => {
    const error = await rejectionOf(client().sessions.list({ sate: 'active' } as never));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'sate' });
  });
});

describe('an organisation that is not configured', () => {
  it.each([
    ['no webhook config', { webhook: false }, /webhook config/],
    ['no storage config', { storage: false }, /storage config/],
  ])('with %s cannot open a session: RequestError 400 unconfigured', async (_, parts, message) => {
    const c = client();
    await configure(c, api, parts);
    const user = await c.users.create({ identifier: 'frank' });
    const error = await rejectionOf(
      c.sessions.create({
        source: { user, type: 'icloud.account', identifier: 'john@icloud.com' },
        payload: { password: 'right' },
      }),
    );
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 400, error: 'unconfigured', message: expect.stringMatching(message) });
    expect(api.created.session).toBe(0);
  });
});

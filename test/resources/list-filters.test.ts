/**
 * The list filters the mock serves besides the documented ones, which ricloud-py (it passes any keyword through) can
 * send: each goes on the wire as the API's name with a resource's id, and the mock filters by it.
 */
import { describe, expect, it } from 'vitest';
import { Key, Permissions, Poll, Result, Session, Task } from '../../src/index';
import { TOKEN_A, TOKEN_B, useMockApi } from '../support/core-harness';
import { activeSession, configure } from './flow-support';

const { api, client } = useMockApi({ taskDelay: 5, tokens: { [TOKEN_A]: 'org_acme', [TOKEN_B]: 'org_acme' } });

/** The query of the last request. */
const lastQuery = () => api.requests.at(-1)?.query;

describe('list filters', () => {
  it('of tasks, sessions, polls and results: by user, source, key, target, identifier and type', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const other = await activeSession(client({ token: TOKEN_B }), 'jane@icloud.com');
    const source = (session.source as { id: string }).id;
    const user = await c.users.retrieve(String(session.user));
    const key = await Key.current({ client: c });
    const poll = await (
      await c.polls.create({ session, payload: { info_types: ['*'], data_types: ['a.b'], files: ['f.1'] } })
    ).wait();
    await (await client({ token: TOKEN_B }).polls.create({ session: other, payload: { data_types: ['a.b'] } })).wait();

    const tasks = await Task.list({ user, source: { id: source }, target: 'a.b', key }, { client: c });
    expect(lastQuery()).toEqual({ user: user.id, source, target: 'a.b', key: key.id });
    expect(tasks.data.map((t) => [t.poll, t.target])).toEqual([[poll.id, 'a.b']]);

    expect((await c.sessions.list({ key })).data.map((s) => s.id)).toEqual([session.id]);
    expect(lastQuery()).toEqual({ key: key.id });
    expect((await Session.list({ key: other.key as string }, { client: c })).data.map((s) => s.id)).toEqual([other.id]);

    expect((await Poll.list({ user }, { client: c })).data.map((p) => p.id)).toEqual([poll.id]);
    expect(lastQuery()).toEqual({ user: user.id });

    const json = await Result.list({ poll, type: 'json' }, { client: c });
    expect(json.data.map((r) => r.identifier).sort()).toEqual(['*', 'a.b']);
    const named = await c.results.list({ identifier: 'a.b', date_created: { lte: new Date(Date.now() + 60_000) } });
    expect(lastQuery()).toMatchObject({ identifier: 'a.b', date_created__lte: expect.any(String) });
    expect(named.data.map((r) => r.identifier)).toEqual(['a.b', 'a.b']);
  });

  it('of permissions: date_created', async () => {
    const c = client();
    const made = await c.permissions.create({ scopes: {} });
    const page = await Permissions.list({ date_created: made.date_created ?? '' }, { client: c });
    expect(lastQuery()).toEqual({ date_created: made.date_created });
    expect(page.data.map((p) => p.id)).toEqual([made.id]);
    expect((await c.permissions.list({ date_created: { gt: made.date_created ?? '' } })).data).toEqual([]);
  });
});

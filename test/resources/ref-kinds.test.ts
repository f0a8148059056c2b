/**
 * References to other resources: one of the wrong kind is refused before sending, naming the field and both kinds, and
 * the list methods scoped to one resource (`poll.listTasks()`) refuse params that name another.
 */
import { describe, expect, it } from 'vitest';
import { type Client, InvalidInputError, Poll, Result, Session, Subscription } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { activeSession, configure } from './flow-support';

const { api, client } = useMockApi({ taskDelay: 5, intervalScale: 0.01 });

describe('a reference to a resource of the wrong kind', () => {
  it('is refused before sending, naming the field, what it must be and what it got', async () => {
    const c: Client = client();
    await configure(c, api);
    const session = await activeSession(c);
    const user = await c.users.retrieve(session.user as string);
    const source = await c.sources.retrieve((session.source as { id: string }).id);
    const key = await c.keys.current();
    const payload = { info_types: ['*'] };
    const cases: [string, () => PromiseLike<unknown>, string][] = [
      ['session', () => c.polls.create({ session: source as never, payload }), 'a source'],
      ['subscription', () => Poll.create({ subscription: session as never, payload }, { client: c }), 'a session'],
      [
        'session',
        () => Subscription.create({ session: user as never, poll_payload: payload }, { client: c }),
        'a user',
      ],
      [
        'source',
        () => c.subscriptions.create({ session, source: session as never, poll_payload: payload }),
        'a session',
      ],
      ['source', () => Session.create({ source: user as never, payload: { password: 'p' } }, { client: c }), 'a user'],
      [
        'source.user',
        () => c.sessions.create({ source: { user: key as never, type: 'mocks.mock' }, payload: {} }),
        'a key',
      ],
      [
        'user',
        () => c.sources.create({ user: session as never, type: 'icloud.account', identifier: 'a@b' }),
        'a session',
      ],
      ['key', () => c.users.create({ identifier: 'x', key: user as never }), 'a user'],
      ['webhook_config', () => c.keys.update(key.id, { webhook_config: key as never }), 'a key'],
      ['storage_config_default', () => c.organisation.update({ storage_config_default: user as never }), 'a user'],
      ['ids[0]', () => Result.acknowledge([session as never], { client: c }), 'a session'],
      ['poll', () => c.results.list({ poll: session as never }), 'a session'],
      ['user', () => c.sessions.list({ user: source as never }), 'a source'],
      ['parent', () => c.sources.list({ parent: user as never }), 'a user'],
    ];
    const before = api.requests.length;
    for (const [field, run, got] of cases) {
      const error = await rejectionOf(run());
      expect(error, field).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field });
      expect(error.message, error.message).toContain(`got ${got}`);
    }
    expect(api.requests).toHaveLength(before);
    // The right kind, and plain ids, still go through.
    expect(await c.polls.create({ session, source, payload })).toBeInstanceOf(Poll);
    expect((await c.sessions.list({ user, source, key })).data.map((s) => s.id)).toContain(session.id);
  });

  it('scoped to one resource, a list method refuses params that are no object or that name another', async () => {
    const c: Client = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await c.polls.create({ session, payload: { info_types: ['*'] } });
    const source = await c.sources.retrieve((session.source as { id: string }).id);
    const cases: [string, () => PromiseLike<unknown>, string][] = [
      ['params', () => poll.listTasks('failed' as never), 'must be an object'],
      ['params', () => poll.listResults([poll.id] as never), 'must be an object'],
      ['params', () => source.listChildren(null as never), 'must be an object'],
      ['poll', () => poll.listTasks({ poll: 'pol_other' } as never), 'listTasks() lists this poll'],
      ['poll', () => poll.listResults({ poll: 'pol_other' } as never), 'listResults() lists this poll'],
      ['parent', () => source.listChildren({ parent: 'src_other' } as never), 'listChildren() lists this source'],
    ];
    const before = api.requests.length;
    for (const [field, run, says] of cases) {
      const error = await rejectionOf(run());
      expect(error, field).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field });
      expect(error.message).toContain(says);
    }
    expect(api.requests).toHaveLength(before);
    expect((await poll.listTasks({ state: 'failed' })).data).toEqual([]);
    expect((await source.listChildren(undefined)).data).toEqual([]);
  });

  it('takes a source given as a plain object with its id and type, as stored, without its identifier', async () => {
    const c: Client = client();
    await configure(c, api);
    const session = await activeSession(c);
    const { id, type } = session.source as { id: string; type: 'icloud.account' };
    const again = await c.sessions.create({ source: { id, type } as never, payload: { password: 'right' } });
    expect(again).toMatchObject({ state: 'pending', source: { id } });
    // What its type needs of the payload is still asked for.
    const error = await rejectionOf(c.sessions.create({ source: { id, type } as never, payload: {} }));
    expect(error).toMatchObject({ field: 'payload.password' });
  });
});

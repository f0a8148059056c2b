/** A resource passed where another kind is asked for is refused before sending, naming the field and both kinds. */
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
});

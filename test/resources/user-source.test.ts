/** Users and sources through the public API against the mock: create, retrieve, list with filters, update. */
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  configure,
  InvalidInputError,
  NotFoundError,
  RequestError,
  Source,
  type SourceCreateParams,
  User,
  type UserUpdateParams,
} from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, client, server } = useMockApi();

describe('User', () => {
  it('creates, retrieves, lists by identifier (for await) and updates a user, in each form', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const alice = await User.create({ identifier: 'alice@example.com' });
    expect(alice).toBeInstanceOf(User);
    expect(alice).toMatchObject({ resource: 'user', identifier: 'alice@example.com', state: 'active' });
    expect(inspect(alice)).toContain("identifier: 'alice@example.com'");
    await client().users.create({ identifier: 'bob@example.com' });

    expect((await User.retrieve(alice.id)).identifier).toBe('alice@example.com');
    const found: string[] = [];
    for await (const user of User.list({ identifier: 'alice@example.com' })) found.push(user.id);
    expect(found).toEqual([alice.id]);
    expect(api.requests.at(-1)?.query).toMatchObject({ identifier: 'alice@example.com' });
    expect((await client().users.list()).total_count).toBe(2);

    expect(await alice.update({ state: 'deactivated' })).toBe(alice);
    expect(alice.state).toBe('deactivated');
    const renamed = await User.updateWithId(alice.id, { identifier: 'alice@example.org' });
    expect(renamed).toMatchObject({ id: alice.id, identifier: 'alice@example.org', state: 'deactivated' });
    expect((await alice.refresh()).identifier).toBe('alice@example.org');
    expect((await client().users.list({ state: 'deactivated' })).data.map((u) => u.id)).toEqual([alice.id]);
  });

  it.each([
    ['create without identifier', () => client().users.create({} as never), 'identifier'],
    ['create with an empty identifier', () => client().users.create({ identifier: '' }), 'identifier'],
    ['create with a blank identifier', () => client().users.create({ identifier: '  ' }), 'identifier'],
    ['an update to a blank identifier', () => client().users.update('usr_1', { identifier: ' ' }), 'identifier'],
    ['create with a key that is no id', () => client().users.create({ identifier: 'x', key: 'a/b' }), 'key'],
    ['an empty update', () => client().users.update('usr_1', {} as never), 'params'],
    [
      'an update to a state a caller cannot set',
      () => client().users.update('usr_1', { state: 'blocked' } as unknown as UserUpdateParams),
      'state',
    ],
    ['a bad id', () => client().users.retrieve('a/b'), 'id'],
  ])('refuses %s before sending, naming the field', async (_, run, field) => {
    const before = api.requests.length;
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(api.requests).toHaveLength(before);
  });

  it('creates a user of another organisation key, given as a Key or its id, and lists it by that key', async () => {
    const c = client();
    const other = await c.keys.create({});
    const user = await c.users.create({ identifier: 'dave', key: other });
    expect(user.key).toBe(other.id);
    expect(JSON.parse(api.requests.at(-1)?.body ?? '')).toEqual({ identifier: 'dave', key: other.id });
    expect((await c.users.create({ identifier: 'erin', key: other.id })).key).toBe(other.id);
    expect((await c.users.create({ identifier: 'frank' })).key).toBe((await c.keys.current()).id);
    expect((await c.users.list({ key: other })).data.map((u) => u.identifier).sort()).toEqual(['dave', 'erin']);
  });

  it("refuses another organisation's user with a NotFoundError", async () => {
    const user = await client().users.create({ identifier: 'carol' });
    const other = client({ token: 'tok_other_org_000000000000000000' });
    expect(await rejectionOf(other.users.retrieve(user.id))).toBeInstanceOf(NotFoundError);
  });
});

describe('User.create for a super organisation', () => {
  it('is refused by the mock (standard organisations only) for another organisation; its own is taken', async () => {
    const c = client();
    const before = api.created.user ?? 0;
    const error = await rejectionOf(c.users.create({ identifier: 'bob', organisation: 'org_other' }));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid-parameter',
      params: { organisation: [expect.any(String)] },
    });
    expect(api.created.user ?? 0).toBe(before);
    const own = await c.organisation.retrieve();
    const user = await c.users.create({ identifier: 'bob', organisation: own });
    expect(user).toMatchObject({ identifier: 'bob', organisation: own.id });
    expect(JSON.parse(api.requests.at(-1)?.body ?? '')).toEqual({ identifier: 'bob', organisation: own.id });
  });

  it('sends organisation, as the docs document it for super organisations, a resource sent as its id', async () => {
    let sent: unknown;
    server.use(
      http.post(`${api.baseUrl}/users`, async ({ request }) => {
        sent = await request.json();
        const user = { id: 'usr_9', resource: 'user', organisation: 'org_2', identifier: 'bob', state: 'active' };
        return HttpResponse.json({ ...user, date_created: '2024-05-01T10:00:00Z' }, { status: 201 });
      }),
    );
    const user = await client().users.create({ identifier: 'bob', organisation: { id: 'org_2' } });
    expect(sent).toEqual({ identifier: 'bob', organisation: 'org_2' });
    expect(user.organisation).toBe('org_2');
    const error = await rejectionOf(client().users.create({ identifier: 'bob', organisation: 'org/2' }));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'organisation' });
  });

  it('takes the Organisation itself, whose id the docs show as a number', async () => {
    let sent: unknown;
    server.use(
      http.get(`${api.baseUrl}/organisation`, () => HttpResponse.json({ id: 2, resource: 'organisation' })),
      http.post(`${api.baseUrl}/users`, async ({ request }) => {
        sent = await request.json();
        const user = { id: 'usr_9', resource: 'user', organisation: 2, identifier: 'bob', state: 'active' };
        return HttpResponse.json({ ...user, date_created: '2024-05-01T10:00:00Z' }, { status: 201 });
      }),
    );
    const c = client();
    const organisation = await c.organisation.retrieve();
    const user = await User.create({ identifier: 'bob', organisation }, { client: c });
    expect(sent).toEqual({ identifier: 'bob', organisation: '2' });
    expect(user.organisation).toBe(2);
  });
});

describe('Source', () => {
  it('creates a source of a user, lists it by user, type and identifier, and updates its state', async () => {
    const c = client();
    const user = await c.users.create({ identifier: 'dave' });
    const source = await Source.create({ user, type: 'icloud.account', identifier: 'john@icloud.com' }, { client: c });
    expect(source).toBeInstanceOf(Source);
    expect(source).toMatchObject({ user: user.id, type: 'icloud.account', state: 'unvalidated', parent: null });
    expect(source.children).toMatchObject({ data: [], total_count: 0 });
    const relay = await c.sources.create({ user, type: 'rirelay.instance', identifier: 'relay-1' });

    const page = await Source.list({ user, type: 'icloud.account', identifier: 'john@icloud.com' }, { client: c });
    expect(page.data.map((s) => s.id)).toEqual([source.id]);
    expect(api.requests.at(-1)?.query).toEqual({
      user: user.id,
      type: 'icloud.account',
      identifier: 'john@icloud.com',
    });
    const all: string[] = [];
    for await (const s of c.sources.list({ user: user.id })) all.push(s.type);
    expect(all.sort()).toEqual(['icloud.account', 'rirelay.instance']);

    expect((await source.update({ state: 'deactivated' })).state).toBe('deactivated');
    expect((await Source.retrieve(source.id, { client: c })).state).toBe('deactivated');
    // The mock, as the API, makes active only a source a session validated: these two never had one.
    expect((await Source.updateWithId(relay.id, { state: 'deactivated' }, { client: c })).state).toBe('deactivated');
    const error = await rejectionOf(Source.updateWithId(source.id, { state: 'active' }, { client: c }));
    expect(error).toMatchObject({ name: 'RequestError', status: 400, params: { state: [expect.any(String)] } });
  });

  it('refuses a child type (rirelay.source, made by the API only) before sending, in a source or session', async () => {
    const c = client();
    const user = await c.users.create({ identifier: 'erin' });
    const before = api.requests.length;
    // @ts-expect-error: the types refuse it too; a caller they do not hold (JavaScript, a cast) is refused at run time
    const error = await rejectionOf(c.sources.create({ user, type: 'rirelay.source', identifier: 'x' }));
    expect(error).toMatchObject({
      name: 'InvalidInputError',
      field: 'type',
      message: 'type: cannot be rirelay.source: the API makes those when it polls a Relay instance',
    });
    const source = { user, type: 'rirelay.source', identifier: 'x' };
    // @ts-expect-error: the types refuse it too
    const inSession = await rejectionOf(c.sessions.create({ source, payload: { code: '1' } }));
    expect(inSession).toMatchObject({ name: 'InvalidInputError', field: 'source.type' });
    expect(api.requests).toHaveLength(before);
  });

  it.each([
    ['no user', { type: 'icloud.account', identifier: 'j' }, 'user'],
    ['no type', { user: 'usr_1', identifier: 'j' }, 'type'],
    ['an empty type', { user: 'usr_1', type: '', identifier: 'j' }, 'type'],
    [
      'a blank identifier (the API refuses one)',
      { user: 'usr_1', type: 'icloud.account', identifier: ' \t' },
      'identifier',
    ],
    ['an empty identifier', { user: 'usr_1', type: 'icloud.account', identifier: '' }, 'identifier'],
    ['a user that is not an id', { user: ['usr_1'], type: 'icloud.account', identifier: 'j' }, 'user'],
  ])('refuses a create with %s before sending, naming the field', async (_, params, field) => {
    const before = api.requests.length;
    const error = await rejectionOf(client().sources.create(params as unknown as SourceCreateParams));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(api.requests).toHaveLength(before);
  });

  it('counts whitespace alone as empty, and says the text was only whitespace', async () => {
    const error = await rejectionOf(client().sources.list({ identifier: ' \n ' }));
    expect(error.message).toBe('identifier: must be a non-empty string, got only whitespace');
  });

  it('refuses an unknown list filter on first use, naming it', async () => {
    const error = await rejectionOf(client().sources.list({ parnt: null } as never));
    expect(error).toMatchObject({ name: 'InvalidInputError', field: 'parnt' });
  });
});

/**
 * Polls through the public API against the mock: `pending → processing → completed`, one task per name, a failing
 * data type, the poll's tasks and results, long-polled waits, Relay child sources, and the refusals (bad input before
 * sending, `unconfigured`, `missing-scope`).
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  InvalidInputError,
  PermissionDeniedError,
  Poll,
  type PollCreateParams,
  RequestError,
  Result,
  Source,
  Task,
} from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { activeRelaySession, activeSession, configure } from './flow-support';

const { api, server, client } = useMockApi({ taskDelay: 40 });
const THREE = ['ios_messages.messages', 'ios_photos.photos', 'ios_contacts.contacts'];

describe('a poll', () => {
  it('goes pending → processing → completed, one data task per data type', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await Poll.create({ session, payload: { data_types: THREE } }, { client: c });
    expect(poll).toBeInstanceOf(Poll);
    expect(poll).toMatchObject({ resource: 'poll', state: 'pending', session: session.id, requestor: 'key' });
    expect(poll.done).toBe(false);
    expect(JSON.parse(api.requests.find((r) => r.path === '/polls')?.body ?? '{}')).toEqual({
      session: session.id,
      payload: { data_types: THREE },
    });
    await vi.waitFor(async () => expect((await poll.refresh()).state).toBe('processing'), { interval: 10 });
    expect(poll.tasks_pending?.length ?? 0).toBeGreaterThan(0);
    await poll.wait();
    expect(poll).toMatchObject({ state: 'completed', tasks_pending: [], tasks_processing: [], tasks_failed: [] });
    expect(poll.done).toBe(true);
    expect(poll.tasks_succeeded).toHaveLength(3);
    expect(poll.date_completed).toEqual(expect.any(String));
  });

  it('of three data types is seen completed by wait() with at most 2 requests, and its results are typed', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await c.polls.create({ session: session.id, payload: { data_types: THREE } });
    const sent: string[] = [];
    await poll.wait({ onRequest: ({ url }) => void sent.push(url) });
    expect(poll.state).toBe('completed');
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(api.requests.filter((r) => r.path === `/polls/${poll.id}`).map((r) => r.headers['ricloud-await'])).toEqual(
      sent.map(() => '10'),
    );
    const results = poll.results && !Array.isArray(poll.results) ? poll.results.data : [];
    expect(results.map((r) => r.identifier).sort()).toEqual([...THREE].sort());
    for (const result of results) {
      expect(result).toMatchObject({ resource: 'result', state: 'available', poll: poll.id, type: 'json' });
      expect(result.signed_url?.url).toMatch(/^https:\/\//);
      expect(result.size).toBeGreaterThan(0);
    }
  });

  it('completes with a failing data type in tasks_failed, its task failed (data-unavailable), no result', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await c.polls.create({
      session,
      payload: { data_types: ['ios_messages.messages', 'ios_messages.fail'] },
    });
    await poll.wait();
    expect(poll.state).toBe('completed');
    expect(poll.tasks_failed).toHaveLength(1);
    const failed = await Task.retrieve(String(poll.tasks_failed?.[0]), { client: c });
    expect(failed).toMatchObject({ state: 'failed', error: 'data-unavailable', target: 'ios_messages.fail' });
    const failedTasks = await poll.listTasks({ state: 'failed' });
    expect(failedTasks.data.map((t) => t.id)).toEqual([failed.id]);
    const results = poll.results && !Array.isArray(poll.results) ? poll.results.data : [];
    expect(results.map((r) => r.identifier)).toEqual(['ios_messages.messages']);
  });

  it('completes with a suspended data type in tasks_suspended; wait() on its task settles on `suspended`', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await c.polls.create({ session, payload: { data_types: ['ios_messages.suspend'] } });
    await vi.waitFor(async () => expect((await poll.refresh()).state).toBe('processing'), { interval: 10 });
    const [task] = (await poll.listTasks()).data;
    // Before the fix this waited out its timeout: only succeeded and failed ended a wait.
    await task?.wait({ timeout: 3_000 });
    expect(task).toMatchObject({ state: 'suspended', done: true });
    await poll.wait({ timeout: 10_000 });
    expect(poll).toMatchObject({ state: 'completed', tasks_suspended: [task?.id], tasks_failed: [] });
  });

  it('wait() settles on a state the API may add, rather than waiting out its timeout', async () => {
    const c = client();
    await configure(c, api);
    const poll = await c.polls.create({ session: await activeSession(c), payload: { data_types: THREE } });
    const shown = JSON.parse(JSON.stringify(poll)) as Record<string, unknown>;
    server.use(
      http.get(`${api.baseUrl}/polls/:id`, () => HttpResponse.json({ ...shown, results: null, state: 'cancelled' })),
    );
    await poll.wait({ timeout: 3_000 });
    expect(poll).toMatchObject({ state: 'cancelled', done: true });
  });

  it('has its tasks listed by Task.list({ poll }), with the type, session and source_type filters', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await c.polls.create({ session, payload: { info_types: ['*'], data_types: ['a.b'], files: ['f-1'] } });
    await c.polls.create({ session, payload: { info_types: ['*'] } });
    await api.settle();
    const types: string[] = [];
    for await (const task of Task.list({ poll }, { client: c })) types.push(task.type);
    expect(types.sort()).toEqual(['data', 'file', 'info']);
    expect(api.requests.at(-1)?.query).toMatchObject({ poll: poll.id });
    const data = await c.tasks.list({ poll: poll.id, type: 'data', source_type: 'icloud.account', session });
    expect(data.data.map((t) => t.target)).toEqual(['a.b']);
    expect(api.requests.at(-1)?.query).toEqual({
      poll: poll.id,
      type: 'data',
      source_type: 'icloud.account',
      session: session.id,
    });
    expect((await c.tasks.list({ poll, state: 'failed' })).data).toEqual([]);
  });

  it('has its results listed as Results by listResults(), to download and acknowledge on its client', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await (await c.polls.create({ session, payload: { data_types: THREE } })).wait();
    const page = await poll.listResults({ limit: 2 });
    expect(api.requests.at(-1)).toMatchObject({ path: '/results', query: { limit: '2', poll: poll.id } });
    expect(page).toMatchObject({ total_count: 3, has_more: true });
    const [first] = page.data;
    expect(first).toBeInstanceOf(Result);
    const bytes = new Uint8Array(await new Response(await (first as Result).download()).arrayBuffer());
    expect(bytes.byteLength).toBe(first?.size);
    await first?.acknowledge();
    expect(first?.state).toBe('consumed');
    expect((await poll.listResults({ state: 'consumed' })).data.map((r) => r.id)).toEqual([first?.id]);
  });

  it(
    'has its nested results as Results, as ricloud-py makes them: downloaded and acknowledged on its client, ' +
      'after a refresh too',
    async () => {
      const c = client();
      await configure(c, api);
      const session = await activeSession(c);
      const poll = await Poll.retrieve((await c.polls.create({ session, payload: { data_types: THREE } })).id, {
        client: c,
      });
      await poll.wait();
      const nested = poll.results && !Array.isArray(poll.results) ? poll.results : undefined;
      expect(nested).toMatchObject({ total_count: 3, has_more: false });
      const [first, second] = nested?.data ?? [];
      expect(first).toBeInstanceOf(Result);
      expect(first?.lastResponse.status).toBe(200);
      const bytes = new Uint8Array(await new Response(await (first as Result).download()).arrayBuffer());
      expect(bytes.byteLength).toBe(first?.size);
      await second?.acknowledge();
      expect(second?.state).toBe('consumed');
      expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: `/results/${second?.id}/ack` });
      // A result's signed URL carries a token: hidden in the poll's renderings as in the result's.
      expect(JSON.stringify(poll)).not.toContain((first as Result).signed_url?.url);
      expect(JSON.parse(JSON.stringify(poll)).results.data[0]).toMatchObject({ id: first?.id, resource: 'result' });
      await poll.refresh();
      expect((poll.results as { data: unknown[] }).data.every((result) => result instanceof Result)).toBe(true);
    },
  );

  it('has its results as Results when the API nests them as a bare array (an older copy of the docs)', async () => {
    const attributes = { id: 'res_1', resource: 'result', identifier: 'x', state: 'available', date_created: 'now' };
    const fetch: typeof globalThis.fetch = async () =>
      Response.json({ id: 'pol_1', resource: 'poll', state: 'completed', date_created: 'now', results: [attributes] });
    const poll = await Poll.retrieve('pol_1', { client: client({ fetch }) });
    expect(Array.isArray(poll.results) && poll.results[0]).toBeInstanceOf(Result);
  });

  it("of a subscription alone polls its session and source, as ricloud-py's Relay sample does", async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const subscription = await c.subscriptions.create({ session, poll_payload: { info_types: ['*'] } });
    const payload = { data_types: ['ios_messages.messages'] };
    const poll = await Poll.create({ subscription, payload }, { client: c });
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: '/polls' });
    expect(JSON.parse(api.requests.at(-1)?.body ?? '{}')).toEqual({ subscription: subscription.id, payload });
    expect(poll).toMatchObject({ session: session.id, source: subscription.source, subscription: subscription.id });
    const error = await rejectionOf(c.polls.create({ payload } as unknown as PollCreateParams));
    expect(error.message).toBe('session: is required, unless a subscription names it');
  });

  it('is listed by session and retrieved by id', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const first = await c.polls.create({ session, payload: { info_types: ['*'] } });
    const second = await c.polls.create({ session, payload: { info_types: ['*'] } });
    const ids: string[] = [];
    for await (const poll of Poll.list({ session }, { client: c })) ids.push(poll.id);
    expect(ids).toEqual([second.id, first.id]);
    const latest = await c.polls.list({ session: session.id, limit: 1 });
    expect(latest).toMatchObject({ has_more: true, total_count: 2 });
    expect((await Poll.retrieve(first.id, { client: c })).session).toBe(session.id);
  });
});

describe('Relay child sources', () => {
  it('are made by the first poll of a Relay instance, listed as Sources, and a later poll may name one', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeRelaySession(c, 'relay-7');
    const instance = await Source.retrieve((session.source as { id: string }).id, { client: c });
    await (await c.polls.create({ session, payload: { info_types: ['*'] } })).wait();
    const children = await instance.listChildren();
    expect(children.data.map((s) => [s.type, s.identifier, s.parent]).sort()).toEqual([
      ['rirelay.source', 'relay-7.ipad', instance.id],
      ['rirelay.source', 'relay-7.iphone', instance.id],
    ]);
    expect(children.data[0]).toBeInstanceOf(Source);
    expect((await instance.refresh()).children).toMatchObject({ total_count: 2 });
    const topLevel = await Source.list({ parent: null }, { client: c });
    expect(topLevel.data.map((s) => s.id)).toEqual([instance.id]);
    expect(api.requests.at(-1)?.query).toEqual({ parent: 'null' });
    const child = children.data[0] as Source;
    const poll = await c.polls.create({ session, source: child, payload: { data_types: ['ios_messages.messages'] } });
    expect(poll.source).toBe(child.id);
  });
});

describe('the refusals', () => {
  it.each([
    ['an empty payload', { session: 'ses_1', payload: {} }, 'payload'],
    ['only empty lists', { session: 'ses_1', payload: { data_types: [], files: [] } }, 'payload'],
    ['a data type list that is a string', { session: 'ses_1', payload: { data_types: 'a.b' } }, 'payload.data_types'],
    ['an empty data type', { session: 'ses_1', payload: { data_types: ['a.b', ''] } }, 'payload.data_types.1'],
    ['a misspelt payload field', { session: 'ses_1', payload: { data_type: ['a.b'] } }, 'payload.data_type'],
    ['neither a session nor a subscription', { payload: { info_types: ['*'] } }, 'session'],
    ['parameters that are not an object', 'ses_1', 'params'],
    ['an unknown parameter', { session: 'ses_1', payload: { info_types: ['*'] }, sesion: 'x' }, 'sesion'],
  ])('refuses %s before sending, naming the field', async (_, params, field) => {
    const before = api.requests.length;
    const error = await rejectionOf(client().polls.create(params as unknown as PollCreateParams));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(api.requests).toHaveLength(before);
  });

  it('a data type the organisation may not poll is a PermissionDeniedError (403 missing-scope) naming it', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    await c.permissions.create({ scopes: { 'data_type:ios_messages.*': [] } });
    const error = await rejectionOf(
      c.polls.create({ session, payload: { data_types: ['ios_messages.messages', 'ios_photos.photos'] } }),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      status: 403,
      error: 'missing-scope',
      message: expect.stringContaining('ios_photos'),
    });
    expect(api.created.poll).toBe(0);
    const allowed = await c.polls.create({ session, payload: { data_types: ['ios_messages.messages'] } });
    expect(allowed.state).toBe('pending');
  });

  it('an organisation whose webhook config is gone cannot start a poll: RequestError 400 unconfigured', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    for await (const config of c.webhookConfigs.list()) await config.delete();
    const error = await rejectionOf(c.polls.create({ session, payload: { info_types: ['*'] } }));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 400, error: 'unconfigured' });
    expect(api.created.poll).toBe(0);
  });

  it('a failed session cannot be polled: RequestError 400 naming session', async () => {
    const c = client();
    await configure(c, api);
    const user = await c.users.create({ identifier: 'x' });
    const failed = await (
      await c.sessions.create({
        source: { user, type: 'icloud.account', identifier: 'john@icloud.com' },
        payload: { password: 'wrong' },
      })
    ).wait();
    expect(failed).toMatchObject({ state: 'failed', error: 'invalid-credentials' });
    const error = await rejectionOf(c.polls.create({ session: failed, payload: { info_types: ['*'] } }));
    expect(error).toMatchObject({ status: 400, error: 'invalid-parameter', params: { session: [expect.any(String)] } });
  });
});

/**
 * Polls over HTTP: `pending → processing → completed`, one task per info type, data type and file, each with its
 * events; a failing data type; the tasks' filters; Relay child sources found by a poll.
 */
import { describe, expect, it } from 'vitest';
import { call, configure, session, slugs } from './flow-support';
import { flowServer } from '../support/flow-server';

const { rec, flow, mock } = flowServer('token-polls');

const awaiting = (path: string) =>
  fetch(`${mock().url}${path}`, { headers: { authorization: `Token ${flow.token}`, 'ricloud-await': '10' } }).then(
    (r) => r.json(),
  );

describe('a poll', () => {
  it('goes pending → processing → completed, a task per requested name with its events, and results', async () => {
    const secret = await configure(flow);
    const opened = await session(flow);
    rec.deliveries.length = 0;
    const payload = { info_types: ['*'], data_types: ['ios_messages.messages'], files: ['file-1'] };
    const created = await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload } });
    expect(created).toMatchObject({ status: 201, json: { resource: 'poll', state: 'pending', tasks_pending: [] } });
    const before = mock().api.requests.length;
    const done = await awaiting(`/polls/${created.json.id}`);
    expect(mock().api.requests.length - before).toBe(1);
    expect(done).toMatchObject({ state: 'completed', session: opened.id, source: opened.source.id, requestor: 'key' });
    expect(done.tasks_succeeded).toHaveLength(3);
    expect([...done.tasks_pending, ...done.tasks_processing, ...done.tasks_failed]).toEqual([]);
    expect(done.results.total_count).toBe(3);
    expect(done.results.data.map((r: { type: string }) => r.type).sort()).toEqual(['binary', 'json', 'json']);

    await mock().api.settle();
    const events = await rec.events(secret);
    expect(slugs(events).sort()).toEqual(
      ['poll.created', 'poll.completed', ...Array(3).fill('task.created'), ...Array(3).fill('task.succeeded')].sort(),
    );
    const of = (slug: string) => events.filter((e) => `${e.type}.${e.action}` === slug).map((e) => e.data);
    expect(of('poll.created')[0]).toMatchObject({ id: done.id, state: 'pending' });
    expect(of('task.created').map((t) => t.state)).toEqual(['pending', 'pending', 'pending']);
    expect(of('poll.completed')[0]).toMatchObject({ state: 'completed', tasks_succeeded: done.tasks_succeeded });
    const succeeded = of('task.succeeded').find((t) => t.target === 'ios_messages.messages');
    expect(succeeded).toMatchObject({ type: 'data', poll: done.id, session: opened.id, source_type: 'icloud.account' });
    expect(succeeded?.results).toMatchObject({ total_count: 1, data: [{ identifier: 'ios_messages.messages' }] });
  });

  it('answers a POST held by ricloud-await once completed, not when it moves to processing', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = JSON.stringify({ session: opened.id, payload: { info_types: ['*'] } });
    const headers = { 'content-type': 'application/json', authorization: `Token ${flow.token}`, 'ricloud-await': '10' };
    const held = await fetch(`${mock().url}/polls`, { method: 'POST', headers, body });
    expect(held.status).toBe(201);
    expect(await held.json()).toMatchObject({ state: 'completed', tasks_pending: [], tasks_processing: [] });
  });

  it(
    'fails the task of a data type ending in .fail with data-unavailable, publishes nothing for it, ' +
      'and still completes',
    async () => {
      const secret = await configure(flow);
      const opened = await session(flow);
      const payload = { data_types: ['ios_messages.messages', 'ios_messages.fail'] };
      const created = await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload } });
      const done = await awaiting(`/polls/${created.json.id}`);
      expect(done).toMatchObject({ state: 'completed' });
      expect(done.tasks_failed).toHaveLength(1);
      const failed = (await call(flow, `/tasks/${done.tasks_failed[0]}`)).json;
      expect(failed).toMatchObject({ state: 'failed', error: 'data-unavailable', target: 'ios_messages.fail' });
      expect(failed.results.total_count).toBe(0);
      expect(done.results.data.map((r: { identifier: string }) => r.identifier)).toEqual(['ios_messages.messages']);
      await mock().api.settle();
      expect(slugs(await rec.events(secret))).toContain('task.failed');
    },
  );

  it('lists its tasks with the poll, type and source_type filters, and polls by session', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = { session: opened.id, payload: { info_types: ['*'], data_types: ['a.b'], files: ['file-1'] } };
    const first = (await call(flow, '/polls', { method: 'POST', body })).json;
    await call(flow, '/polls', { method: 'POST', body });
    await mock().api.settle();
    const tasks = (await call(flow, '/tasks', { query: { poll: first.id } })).json;
    expect(tasks.data.map((t: { type: string }) => t.type).sort()).toEqual(['data', 'file', 'info']);
    const data = await call(flow, '/tasks', { query: { poll: first.id, type: 'data', source_type: 'icloud.account' } });
    expect(data.json.data.map((t: { target: string }) => t.target)).toEqual(['a.b']);
    expect((await call(flow, '/polls', { query: { session: opened.id } })).json.total_count).toBe(2);
    expect((await call(flow, '/polls', { query: { session: opened.id, limit: '1' } })).json.has_more).toBe(true);
  });

  it('of a Relay instance finds its device sources, which a later poll of the session may name', async () => {
    await configure(flow);
    const relay = await session(flow, { type: 'rirelay.instance', identifier: 'relay-7' }, { code: 'PAIR-1' });
    const instance = relay.source.id;
    await call(flow, '/polls', { method: 'POST', body: { session: relay.id, payload: { info_types: ['*'] } } });
    await mock().api.settle();
    const children = (await call(flow, '/sources', { query: { parent: instance } })).json;
    expect(children.data.map((s: { type: string; identifier: string }) => [s.type, s.identifier]).sort()).toEqual([
      ['rirelay.source', 'relay-7.ipad'],
      ['rirelay.source', 'relay-7.iphone'],
    ]);
    expect((await call(flow, `/sources/${instance}`)).json.children.total_count).toBe(2);
    const body = { session: relay.id, source: children.data[0].id, payload: { data_types: ['ios_messages.messages'] } };
    const child = await call(flow, '/polls', { method: 'POST', body });
    expect(child).toMatchObject({ status: 201, json: { source: children.data[0].id } });
    const other = await session(flow, { identifier: 'other@icloud.com' });
    const wrong = await call(flow, '/polls', { method: 'POST', body: { ...body, source: other.source.id } });
    expect(wrong).toMatchObject({ status: 400, json: { params: { source: [expect.any(String)] } } });
  });

  it("dates its tasks and itself as they end, lists each task's results, and signs results for 7 days", async () => {
    await configure(flow);
    const opened = await session(flow);
    const payload = { data_types: ['ios_messages.messages', 'ios_messages.fail'] };
    const created = await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload } });
    const done = await awaiting(`/polls/${created.json.id}`);
    expect(done.date_completed).toEqual(expect.any(String));
    for (const id of [...done.tasks_succeeded, ...done.tasks_failed]) {
      const task = (await call(flow, `/tasks/${id}`)).json;
      expect(task).toMatchObject({ date_started: expect.any(String), date_completed: expect.any(String) });
      expect(task.results).toMatchObject({ resource: 'list', has_more: false, url: `/results?task=${id}` });
    }
    const succeeded = (await call(flow, `/tasks/${done.tasks_succeeded[0]}`)).json;
    expect(succeeded).toMatchObject({ state: 'succeeded', error: null, results: { total_count: 1 } });
    const [result] = succeeded.results.data;
    const lifetime = Date.parse(result.signed_url.date_expires) - Date.parse(result.date_created);
    expect(lifetime).toBe(7 * 24 * 3600 * 1000);
    expect(result.resource).toBe('result');
    expect(done.results).toMatchObject({ url: `/results?poll=${done.id}`, total_count: 1 });
    // Four tasks: the two configs' tests, and the poll's two.
    expect(mock().api.created).toMatchObject({ session: 1, poll: 1, task: 4, result: 1 });
  });

  it('shows only its own results, and finds no device sources for an iCloud account', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = { session: opened.id, payload: { info_types: ['*'] } };
    const first = await call(flow, '/polls', { method: 'POST', body });
    const second = await call(flow, '/polls', { method: 'POST', body });
    await mock().api.settle();
    for (const poll of [first, second]) {
      const shown = (await call(flow, `/polls/${poll.json.id}`)).json;
      expect(shown.results.total_count).toBe(1);
      expect(shown.results.data[0].poll).toBe(poll.json.id);
    }
    const children = (await call(flow, '/sources', { query: { parent: opened.source.id } })).json;
    expect(children.total_count).toBe(0);
  });

  it('of a Relay instance polled again finds no more device sources', async () => {
    await configure(flow);
    const relay = await session(flow, { type: 'rirelay.instance', identifier: 'relay-8' }, { code: 'PAIR-1' });
    const body = { session: relay.id, payload: { info_types: ['*'] } };
    await call(flow, '/polls', { method: 'POST', body });
    await mock().api.settle();
    await call(flow, '/polls', { method: 'POST', body });
    await mock().api.settle();
    const children = (await call(flow, '/sources', { query: { parent: relay.source.id } })).json;
    expect(children.total_count).toBe(2);
    expect(children.data.map((s: { state: string }) => s.state)).toEqual(['active', 'active']);
    expect(mock().api.created.source).toBe(3);
  });

  it('is refused on a failed session, and for an empty payload, with 400 naming the field', async () => {
    await configure(flow);
    const failed = await session(flow, {}, { password: 'wrong' });
    const onFailed = await call(flow, '/polls', {
      method: 'POST',
      body: { session: failed.id, payload: { info_types: ['*'] } },
    });
    expect(onFailed).toMatchObject({ status: 400, json: { params: { session: [expect.any(String)] } } });
    const active = await session(flow, { identifier: 'ok@icloud.com' });
    const empty = await call(flow, '/polls', {
      method: 'POST',
      body: { session: active.id, payload: { data_types: [] } },
    });
    expect(empty).toMatchObject({ status: 400, json: { params: { payload: [expect.any(String)] } } });
    expect(mock().api.created.poll).toBe(0);
  });

  it("naming a subscription is refused with 400 on subscription when it is another session's, or deleted", async () => {
    await configure(flow);
    const mine = await session(flow);
    const other = await session(flow, { identifier: 'other@icloud.com' });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const body = { session: mine.id, poll_payload: { info_types: ['*'] }, date_start: later };
    const subscription = (await call(flow, '/subscriptions', { method: 'POST', body })).json.id;
    const poll = (session: string) => ({ session, subscription, payload: { info_types: ['*'] } });
    const refused = { status: 400, json: { params: { subscription: [expect.any(String)] } } };
    expect(await call(flow, '/polls', { method: 'POST', body: poll(other.id) })).toMatchObject(refused);
    const made = await call(flow, '/polls', { method: 'POST', body: poll(mine.id) });
    // The client made it: `requestor=subscription` lists only the polls the subscription made.
    expect(made).toMatchObject({ status: 201, json: { subscription, requestor: 'key' } });
    await call(flow, `/subscriptions/${subscription}`, { method: 'DELETE' });
    expect(await call(flow, '/polls', { method: 'POST', body: poll(mine.id) })).toMatchObject(refused);
    expect(mock().api.created.poll).toBe(1);
  });
});

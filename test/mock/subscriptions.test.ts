/**
 * Subscriptions over HTTP: polls of their session on their interval (scaled by the `intervalScale` option), from
 * `date_start` until `date_end` or DELETE.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, configure, session, user } from './flow-support';
import { startMockServer } from '../../src/mock/index';
import { TestRunner } from '../../src/mock/test-runner';
import { flowServer } from '../support/flow-server';

// An hour of interval is 36 ms.
const { rec, flow, mock } = flowServer('token-subscriptions', { intervalScale: 0.01 });

afterEach(() => {
  vi.restoreAllMocks();
});

const pollsOf = async (id: string) =>
  (await call(flow, '/polls', { query: { subscription: id, requestor: 'subscription', limit: '1000' } })).json;

describe('a subscription', () => {
  it('polls its session every interval with its poll_payload until it is deleted', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = { session: opened.id, poll_payload: { data_types: ['ios_messages.messages'] }, interval: 3600 };
    const created = await call(flow, '/subscriptions', { method: 'POST', body });
    expect(created).toMatchObject({
      status: 201,
      json: { resource: 'subscription', state: 'pending', interval: 3600, source: opened.source.id, date_end: null },
    });
    expect(created.json.org).toBe(created.json.organisation);
    const id = created.json.id;
    await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
    });
    const polls = (await pollsOf(id)).data;
    expect(polls[0]).toMatchObject({ subscription: id, requestor: 'subscription', session: opened.id });
    expect(polls[0].payload).toMatchObject({ data_types: ['ios_messages.messages'] });
    expect((await call(flow, `/subscriptions/${id}`)).json.state).toBe('active');

    const deleted = await call(flow, `/subscriptions/${id}`, { method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 200, json: { id, state: 'deleted' } });
    const after = (await pollsOf(id)).total_count;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await pollsOf(id)).total_count).toBeLessThanOrEqual(after + 1);
    expect((await call(flow, '/subscriptions', { query: { state: 'deleted' } })).json.total_count).toBe(1);
  });

  it('makes the polls due from date_start to date_end (date_end included), none due before it was made', async () => {
    await configure(flow);
    const opened = await session(flow);
    const hour = 3600 * 1000;
    const start = Date.now() - 10.5 * hour;
    // Due at -10.5 h … -0.5 h (only the latest is made, at once), then at +0.5 h and at +1.5 h, which is date_end.
    const body = {
      session: opened.id,
      poll_payload: { info_types: ['*'] },
      interval: 3600,
      date_start: new Date(start).toISOString(),
      date_end: new Date(start + 12 * hour).toISOString(),
    };
    const { id } = (await call(flow, '/subscriptions', { method: 'POST', body })).json;
    await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBe(3), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await pollsOf(id)).total_count).toBe(3);
  });

  it('waits for date_start, then for each poll when due (the first after a past date_start sooner)', async () => {
    await configure(flow);
    const opened = await session(flow);
    // At 0.01 ms a second an hour is 36 ms, and a few ms between the request and now move a wait by a millionth.
    const later = vi.spyOn(TestRunner.prototype, 'later');
    const waits = (id: string) => later.mock.calls.filter(([, , owner]) => owner === id).map(([ms]) => ms);
    const subscribe = async (start: number) => {
      const body = {
        session: opened.id,
        poll_payload: { info_types: ['*'] },
        date_start: new Date(start).toISOString(),
      };
      return (await call(flow, '/subscriptions', { method: 'POST', body: { ...body, interval: 3600 } })).json.id;
    };
    const hour = 3600 * 1000;
    const future = await subscribe(Date.now() + 2 * hour);
    expect(waits(future)).toEqual([expect.closeTo(72, 2)]);
    // Due 1.75 h ago (not made) and 0.75 h ago (the latest, made at once): the next is due in 0.25 h, then hourly.
    const past = await subscribe(Date.now() - 1.75 * hour);
    await vi.waitFor(() => expect(waits(past).length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(waits(past).slice(0, 3)).toEqual([0, expect.closeTo(9, 2), 36]);
  });

  it('refuses a Relay interval under an hour, a date_end before date_start or past: 400 naming the field', async () => {
    await configure(flow);
    const relay = await session(flow, { type: 'rirelay.instance', identifier: 'relay-1' }, { code: 'PAIR-1' });
    const relayBase = { session: relay.id, poll_payload: { info_types: ['*'] } };
    const short = await call(flow, '/subscriptions', { method: 'POST', body: { ...relayBase, interval: 60 } });
    expect(short).toMatchObject({ status: 400, json: { params: { interval: [expect.any(String)] } } });
    const opened = await session(flow);
    const base = { session: opened.id, poll_payload: { info_types: ['*'] } };
    const body = { ...base, date_start: '2030-01-02T00:00:00Z', date_end: '2030-01-01T00:00:00Z' };
    const backwards = await call(flow, '/subscriptions', { method: 'POST', body });
    expect(backwards).toMatchObject({ status: 400, json: { params: { date_end: [expect.any(String)] } } });
    const ended = { ...base, date_start: '2020-01-01T00:00:00Z', date_end: '2020-01-02T00:00:00Z' };
    const past = await call(flow, '/subscriptions', { method: 'POST', body: ended });
    expect(past).toMatchObject({ status: 400, json: { params: { date_end: ['Must be in the future.'] } } });
    expect(mock().api.created.subscription).toBe(0);
  });

  it('of an iCloud account takes an interval under an hour (its polling period) and polls at that pace', async () => {
    await configure(flow);
    const opened = await session(flow);
    // At 0.01 ms a second, half an hour is 18 ms.
    const later = vi.spyOn(TestRunner.prototype, 'later');
    const body = { session: opened.id, poll_payload: { info_types: ['*'] }, interval: 1800 };
    const created = await call(flow, '/subscriptions', { method: 'POST', body });
    expect(created).toMatchObject({ status: 201, json: { interval: 1800, state: 'pending' } });
    const { id } = created.json;
    const waits = () => later.mock.calls.filter(([, , owner]) => owner === id).map(([ms]) => ms);
    await vi.waitFor(() => expect(waits().length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(waits().slice(0, 3)).toEqual([0, expect.closeTo(18, 1), 18]);
    await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThanOrEqual(2), {
      timeout: 10_000,
    });
    await call(flow, `/subscriptions/${id}`, { method: 'DELETE' });
  });

  it(
    'of a Relay instance or one of its devices refuses an interval under an hour (400 naming interval), ' +
      'takes one of an hour',
    async () => {
      await configure(flow);
      const relay = await session(flow, { type: 'rirelay.instance', identifier: 'relay-2' }, { code: 'PAIR-1' });
      const base = { session: relay.id, poll_payload: { info_types: ['*'] } };
      const short = await call(flow, '/subscriptions', { method: 'POST', body: { ...base, interval: 1800 } });
      expect(short).toMatchObject({
        status: 400,
        json: {
          error: 'invalid-parameter',
          params: { interval: ['Enter a whole number of seconds, at least 3600.'] },
        },
      });
      await call(flow, '/polls', { method: 'POST', body: { session: relay.id, payload: { info_types: ['*'] } } });
      await flow.settle();
      const devices = await call(flow, '/sources', { query: { parent: relay.source.id } });
      expect(devices.json.data.length).toBeGreaterThan(0);
      const onDevice = { ...base, source: devices.json.data[0].id, interval: 1800 };
      const refused = await call(flow, '/subscriptions', { method: 'POST', body: onDevice });
      expect(refused).toMatchObject({ status: 400, json: { params: { interval: [expect.any(String)] } } });
      expect(mock().api.created.subscription).toBe(0);
      const hourly = await call(flow, '/subscriptions', { method: 'POST', body: { ...base, interval: 3600 } });
      expect(hourly).toMatchObject({ status: 201, json: { interval: 3600 } });
      await call(flow, `/subscriptions/${hourly.json.id}`, { method: 'DELETE' });
    },
  );

  it('refuses an interval that is not a whole number of seconds above 0, whatever the source', async () => {
    await configure(flow);
    const opened = await session(flow);
    const base = { session: opened.id, poll_payload: { info_types: ['*'] } };
    for (const interval of [0, -60, 1.5, '3600', true]) {
      const refused = await call(flow, '/subscriptions', { method: 'POST', body: { ...base, interval } });
      expect(refused, String(interval)).toMatchObject({
        status: 400,
        json: { error: 'invalid-parameter', params: { interval: ['Enter a whole number of seconds, at least 1.'] } },
      });
    }
    expect(mock().api.created.subscription).toBe(0);
  });

  it(
    'reads date_start and date_end as the date filters do: naive as UTC whatever the zone of the mock, ' +
      'other text 400',
    async () => {
      await configure(flow);
      const opened = await session(flow);
      const base = { session: opened.id, poll_payload: { info_types: ['*'] } };
      const zone = process.env.TZ;
      // ricloud-py sends naive datetimes (no zone); a mock run on a machine east of UTC must not shift them.
      process.env.TZ = 'Asia/Tokyo';
      try {
        const body = { ...base, date_start: '2030-03-01T10:00:00.123', date_end: '2030-03-02' };
        const created = await call(flow, '/subscriptions', { method: 'POST', body });
        expect(created.json).toMatchObject({
          date_start: '2030-03-01T10:00:00.123Z',
          date_end: '2030-03-02T00:00:00.000Z',
        });
        await call(flow, `/subscriptions/${created.json.id}`, { method: 'DELETE' });
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
      for (const date_start of ['March 7, 2030', '2030-02-30T00:00:00Z', '2030']) {
        const refused = await call(flow, '/subscriptions', { method: 'POST', body: { ...base, date_start } });
        expect(refused, date_start).toMatchObject({
          status: 400,
          json: { params: { date_start: [expect.any(String)] } },
        });
      }
    },
  );

  it('stops polling once its session has expired', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = { session: opened.id, poll_payload: { info_types: ['*'] }, interval: 3600 };
    const { id } = (await call(flow, '/subscriptions', { method: 'POST', body })).json;
    await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThanOrEqual(1), {
      timeout: 10_000,
    });
    await call(flow, `/sessions/${opened.id}`, { method: 'DELETE' });
    const after = (await pollsOf(id)).total_count;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await pollsOf(id)).total_count).toBeLessThanOrEqual(after + 1);
  });
});

describe('a subscription whose session ends', () => {
  const subscribe = async (sessionId: string, extra: Record<string, unknown> = {}) =>
    (
      await call(flow, '/subscriptions', {
        method: 'POST',
        body: { session: sessionId, poll_payload: { info_types: ['*'] }, ...extra },
      })
    ).json;

  it('is deleted, pending or active, when its session is deleted, as it can make no more polls', async () => {
    await configure(flow);
    const opened = await session(flow);
    const active = await subscribe(opened.id);
    const later = await subscribe(opened.id, { date_start: new Date(Date.now() + 3_600_000).toISOString() });
    await vi.waitFor(async () => expect((await call(flow, `/subscriptions/${active.id}`)).json.state).toBe('active'));
    await call(flow, `/sessions/${opened.id}`, { method: 'DELETE' });
    for (const { id } of [active, later]) expect((await call(flow, `/subscriptions/${id}`)).json.state).toBe('deleted');
    const listed = await call(flow, '/subscriptions', { query: { session: opened.id, state: 'deleted' } });
    expect(listed.json.total_count).toBe(2);
  });

  it('is deleted when its session expires, or its user is deactivated; another session keeps its own', async () => {
    await configure(flow);
    const short = await startMockServer({ taskDelay: 1, sessionLifetime: 100, deliver: rec.deliver });
    try {
      const flowShort = { base: short.url, token: flow.token, settle: () => short.api.settle() };
      await configure(flowShort);
      const expiring = await session(flowShort);
      const { id } = (
        await call(flowShort, '/subscriptions', {
          method: 'POST',
          body: { session: expiring.id, poll_payload: { info_types: ['*'] } },
        })
      ).json;
      await vi.waitFor(async () =>
        expect((await call(flowShort, `/sessions/${expiring.id}`)).json.state).toBe('expired'),
      );
      expect((await call(flowShort, `/subscriptions/${id}`)).json.state).toBe('deleted');
    } finally {
      await short.close();
    }
    const kept = await session(flow, { user: await user(flow, 'customer-2'), identifier: 'jane@icloud.com' });
    const ending = await session(flow);
    const keptSubscription = await subscribe(kept.id);
    const endingSubscription = await subscribe(ending.id);
    await call(flow, `/users/${ending.user}`, { method: 'POST', body: { state: 'deactivated' } });
    expect((await call(flow, `/subscriptions/${endingSubscription.id}`)).json.state).toBe('deleted');
    expect((await call(flow, `/subscriptions/${keptSubscription.id}`)).json.state).not.toBe('deleted');
  });
});

describe('a subscription, as its organisation and start date change', () => {
  it('is pending with no poll before a date_start to come', async () => {
    await configure(flow);
    const opened = await session(flow);
    // 100 hours ahead: 3.6 s of the mock's time.
    const date_start = new Date(Date.now() + 100 * 3600 * 1000).toISOString();
    const body = { session: opened.id, poll_payload: { info_types: ['*'] }, interval: 3600, date_start };
    const { id } = (await call(flow, '/subscriptions', { method: 'POST', body })).json;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await pollsOf(id)).total_count).toBe(0);
    expect((await call(flow, `/subscriptions/${id}`)).json.state).toBe('pending');
    await call(flow, `/subscriptions/${id}`, { method: 'DELETE' });
  });

  it('skips polls due while its organisation has no valid webhook config, and polls again once it has', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = { session: opened.id, poll_payload: { info_types: ['*'] }, interval: 3600 };
    const { id } = (await call(flow, '/subscriptions', { method: 'POST', body })).json;
    await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThanOrEqual(1), {
      timeout: 10_000,
    });
    const [config] = (await call(flow, '/configs/webhook')).json.data;
    await call(flow, `/configs/webhook/${config.id}`, { method: 'DELETE' });
    const before = (await pollsOf(id)).total_count;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = (await pollsOf(id)).total_count;
    expect(during).toBeLessThanOrEqual(before + 1);
    await configure(flow, { storage: false });
    await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThan(during + 1), {
      timeout: 10_000,
    });
    await call(flow, `/subscriptions/${id}`, { method: 'DELETE' });
  });

  it(
    "skips the polls due while its organisation's data_type scopes refuse a data type it asks for, " +
      'as POST /polls would',
    async () => {
      await configure(flow);
      const opened = await session(flow);
      const poll_payload = { data_types: ['ios_messages.messages'] };
      const body = { session: opened.id, poll_payload, interval: 3600 };
      const { id } = (await call(flow, '/subscriptions', { method: 'POST', body })).json;
      await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThanOrEqual(1), {
        timeout: 10_000,
      });
      const scoped = await call(flow, '/permissions', {
        method: 'POST',
        body: { scopes: { 'data_type:ios_photos.*': [] } },
      });
      const refused = await call(flow, '/polls', {
        method: 'POST',
        body: { session: opened.id, payload: poll_payload },
      });
      expect(refused).toMatchObject({ status: 403, json: { error: 'missing-scope' } });
      const before = (await pollsOf(id)).total_count;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const during = (await pollsOf(id)).total_count;
      expect(during).toBeLessThanOrEqual(before + 1);
      const scopes = { 'data_type:ios_photos.*': [], 'data_type:ios_messages.*': [] };
      await call(flow, `/permissions/${scoped.json.id}`, { method: 'POST', body: { scopes } });
      await vi.waitFor(async () => expect((await pollsOf(id)).total_count).toBeGreaterThan(during + 1), {
        timeout: 10_000,
      });
      await call(flow, `/subscriptions/${id}`, { method: 'DELETE' });
    },
  );
});

describe('settle()', () => {
  it(
    'resolves while a subscription polls faster than its polls and their deliveries end, ' +
      'once those of the polls made before it have',
    async () => {
      // At the default taskDelay a poll takes over 60 ms, each delivery 300 ms, and this subscription starts a poll
      // every 36 ms: some delivery is always on its way.
      const slow = async (request: Request) => {
        await request.text();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return new Response('OK');
      };
      const busy = await startMockServer({ intervalScale: 0.01, deliver: slow });
      try {
        const flow = { base: busy.url, token: 't', settle: () => busy.api.settle() };
        await configure(flow);
        const opened = await session(flow);
        const body = { session: opened.id, poll_payload: { data_types: ['ios_messages.messages'] }, interval: 3600 };
        await call(flow, '/subscriptions', { method: 'POST', body });
        await vi.waitFor(() => expect(busy.api.created.poll).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
        const before = busy.api.store.polls().map((poll) => poll.id);
        await busy.api.settle();
        const states = busy.api.store.polls().filter((poll) => before.includes(poll.id));
        expect(states.map((poll) => poll.state)).toEqual(before.map(() => 'completed'));
        const completed = busy.api.store
          .events()
          .filter((event) => event.action === 'completed' && before.includes((event.data as { id: string }).id));
        expect(completed.map((event) => event.state)).toEqual(before.map(() => 'delivered'));
      } finally {
        busy.api.reset();
        await busy.close();
      }
    },
  );
});

describe('reset()', () => {
  it('abandons scheduled subscription polls and expiries: nothing is made after it', async () => {
    const scheduled = await startMockServer({
      taskDelay: 1,
      intervalScale: 0.01,
      sessionLifetime: 30,
      deliver: rec.deliver,
    });
    try {
      const flow = { base: scheduled.url, token: 't', settle: () => scheduled.api.settle() };
      await configure(flow);
      const opened = await session(flow, {}, { password: 'right' });
      const body = { session: opened.id, poll_payload: { info_types: ['*'] }, interval: 3600 };
      await call(flow, '/subscriptions', { method: 'POST', body });
      await scheduled.api.settle();
      scheduled.api.reset();
      rec.deliveries.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await scheduled.api.settle();
      expect(scheduled.api.created).toMatchObject({ poll: 0, event: 0 });
      expect(rec.deliveries).toEqual([]);
    } finally {
      await scheduled.close();
    }
  });
});

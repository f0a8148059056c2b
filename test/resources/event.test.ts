import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, Event, NotFoundError } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, server, receiver, client } = useMockApi();

afterEach(() => vi.useRealTimers());

/** Creates configs whose tests the receiver answers in turn with each of `answers`, and waits for every delivery. */
async function deliveries(...answers: ('ok' | 500)[]) {
  const c = client();
  const configs = [];
  for (const [i, answer] of answers.entries()) {
    receiver.answer(answer);
    configs.push(await c.webhookConfigs.create({ url: `https://hooks.example.com/${i}` }));
    await api.settle();
  }
  return { c, configs };
}

describe('Event.list', () => {
  it('records each delivery as an event: webhook_config.test, data without the secret, delivered, dated', async () => {
    const { c, configs } = await deliveries('ok');
    const page = await c.events.list();
    expect(page.data).toHaveLength(1);
    const [event] = page.data;
    expect(event).toBeInstanceOf(Event);
    expect(event).toMatchObject({
      resource: 'event',
      type: 'webhook_config',
      action: 'test',
      state: 'delivered',
      date_delivered: expect.any(String),
    });
    expect(event?.data).toMatchObject({ id: configs[0]?.id, url: 'https://hooks.example.com/0' });
    expect(event?.data).not.toHaveProperty('secret');
    const sent = JSON.parse(receiver.deliveries[0]?.body ?? '{}') as { id: string };
    expect(sent.id).toBe(event?.id);
  });

  it('records a delivery the receiver refused as a failed event without a delivery date', async () => {
    const { c } = await deliveries(500);
    const [event] = (await c.events.list()).data;
    expect(event).toMatchObject({ state: 'failed', date_delivered: null });
  });

  it('filters by type, action and state, sending each as a query parameter', async () => {
    const { c } = await deliveries('ok', 500, 'ok');
    const failed = await c.events.list({ state: 'failed' });
    expect(api.requests.at(-1)?.query).toEqual({ state: 'failed' });
    expect(failed.data.map((e) => e.state)).toEqual(['failed']);
    expect((await c.events.list({ state: 'delivered' })).total_count).toBe(2);
    const tests = await Event.list({ type: 'webhook_config', action: 'test' }, { client: c });
    expect(api.requests.at(-1)?.query).toEqual({ type: 'webhook_config', action: 'test' });
    expect(tests.total_count).toBe(3);
    expect((await c.events.list({ action: 'succeeded' })).data).toEqual([]);
    expect((await c.events.list({ type: 'task' })).data).toEqual([]);
  });

  it('filters by a date_created range and by an exact instant', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const c = client();
    const days = ['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'];
    for (const day of days) {
      vi.setSystemTime(new Date(day));
      await c.webhookConfigs.create({ url: 'https://hooks.example.com/x' });
      await api.settle();
    }
    vi.useRealTimers();
    // Oldest first; each was made at its day's midnight, and the API writes microseconds after it.
    const [first, second, third] = (await c.events.list()).data.toReversed();
    expect(first?.date_created).toMatch(/^2024-01-01T00:00:00\.000\d{3}Z$/);
    const range = await c.events.list({
      date_created: { gt: first?.date_created ?? '', lte: third?.date_created ?? '' },
    });
    expect(api.requests.at(-1)?.query).toEqual({
      date_created__gt: first?.date_created,
      date_created__lte: third?.date_created,
    });
    expect(range.data.map((e) => e.id)).toEqual([third?.id, second?.id]);
    const exact = await c.events.list({ date_created: second?.date_created ?? '' });
    expect(api.requests.at(-1)?.query).toEqual({ date_created: second?.date_created });
    expect(exact.data.map((e) => e.id)).toEqual([second?.id]);
    // A Date holds only milliseconds: midnight itself is before the first event's microseconds.
    expect((await c.events.list({ date_created: { gt: new Date(days[0] ?? '') } })).data).toHaveLength(3);
  });

  it('walks every page of events newest first', async () => {
    const { c } = await deliveries('ok', 'ok', 'ok', 'ok', 'ok');
    const newestFirst = api.store
      .events()
      .map((e) => e.id)
      .reverse();
    const seen: string[] = [];
    for await (const event of c.events.list({ limit: 2 })) seen.push(event.id);
    expect(seen).toEqual(newestFirst);
    expect(api.requests.filter((r) => r.path === '/events').map((r) => r.query.after_id ?? null)).toEqual([
      null,
      newestFirst[1],
      newestFirst[3],
    ]);
  });

  it("shows only the caller's organisation's events", async () => {
    await deliveries('ok');
    const other = client({ token: 'tok_other_org_000000000000000000' });
    expect((await other.events.list()).total_count).toBe(0);
  });
});

describe('secrets inside an event', () => {
  it.each([
    ['secret', 'secret'],
    ['Secret', 'TOKEN'],
  ])(
    "keeps a `%s` (and a `%s` deeper) nested in the event's data readable, but out of console.log and JSON.stringify",
    async (key, deeper) => {
      const SECRET = 'whsec_nested_0123456789abcdef0123456789';
      const event = {
        id: 'evt_1',
        resource: 'event',
        type: 'webhook_config',
        action: 'test',
        state: 'delivered',
        date_created: '2024-05-01T10:00:00Z',
      };
      server.use(
        http.get(`${api.baseUrl}/events/:id`, () =>
          HttpResponse.json({ ...event, data: { id: 'wc_1', [key]: SECRET, history: [{ [deeper]: SECRET }] } }),
        ),
      );
      const got = await client().events.retrieve('evt_1');
      const data = got.data as Record<string, unknown> & { history: Record<string, unknown>[] };
      expect(data[key]).toBe(SECRET);
      expect(data.history[0]?.[deeper]).toBe(SECRET);
      expect(JSON.stringify(got)).not.toContain(SECRET);
      expect(inspect(got, { depth: Infinity })).not.toContain(SECRET);
      expect(inspect(got, { depth: Infinity, showHidden: true })).not.toContain(SECRET);
      expect(JSON.parse(JSON.stringify(got))).toMatchObject({ data: { id: 'wc_1' } });
    },
  );
});

describe('Event.retrieve', () => {
  it('GETs /events/{id} through the default client', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    await deliveries('ok');
    const [stored] = api.store.events();
    const event = await Event.retrieve(stored?.id ?? '-');
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/events/${stored?.id}` });
    expect(event).toMatchObject({ id: stored?.id, type: 'webhook_config', action: 'test', state: 'delivered' });
    expect(event.lastResponse.status).toBe(200);
  });

  it("refuses another organisation's event with a NotFoundError naming it", async () => {
    await deliveries('ok');
    const [stored] = api.store.events();
    const error = await rejectionOf(
      client({ token: 'tok_other_org_000000000000000000' }).events.retrieve(stored?.id ?? '-'),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`event ${stored?.id} not found (404 not-found)`);
  });
});

describe('event.refresh', () => {
  it('GETs the event again in place and takes its new state, as ricloud-py refresh() does', async () => {
    const c = client();
    receiver.answer('hold');
    await c.webhookConfigs.create({ url: 'https://hooks.example.com/held' });
    await vi.waitFor(() => expect(receiver.deliveries).toHaveLength(1));
    const [event] = (await c.events.list()).data;
    if (!event) throw new Error('the mock should have recorded the delivery');
    expect(event.state).toBe('pending');
    receiver.release();
    await api.settle();
    const same = await event.refresh();
    expect(same).toBe(event);
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/events/${event.id}` });
    expect(event).toMatchObject({ state: 'delivered', date_delivered: expect.any(String) });
  });
});

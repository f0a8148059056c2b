/** Subscriptions through the public API against the mock: create, polls on the interval, list, retrieve, delete. */
import { describe, expect, it, vi } from 'vitest';
import {
  InvalidInputError,
  PermissionDeniedError,
  Poll,
  Subscription,
  type SubscriptionCreateParams,
  TimeoutError,
} from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { activeSession, configure } from './flow-support';

// An hour of interval is 36 ms of the mock.
const { api, client } = useMockApi({ taskDelay: 5, intervalScale: 0.01 });

describe('a subscription', () => {
  it('polls its session every interval until deleted, and is listed, retrieved and deleted in each form', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const subscription = await Subscription.create(
      { session, poll_payload: { data_types: ['ios_messages.messages'] }, interval: 3600 },
      { client: c },
    );
    expect(subscription).toBeInstanceOf(Subscription);
    expect(subscription).toMatchObject({
      resource: 'subscription',
      state: 'pending',
      session: session.id,
      interval: 3600,
      poll_payload: { data_types: ['ios_messages.messages'] },
    });
    expect(subscription.org).toBe(subscription.organisation);
    const polls = () => Poll.list({ subscription, requestor: 'subscription', limit: 1000 }, { client: c });
    await vi.waitFor(async () => expect((await polls()).total_count).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    const [latest] = (await polls()).data;
    expect(latest).toMatchObject({ subscription: subscription.id, session: session.id, requestor: 'subscription' });
    expect((await subscription.refresh()).state).toBe('active');

    const listed: string[] = [];
    for await (const s of c.subscriptions.list({ session })) listed.push(s.id);
    expect(listed).toEqual([subscription.id]);
    expect((await Subscription.retrieve(subscription.id, { client: c })).interval).toBe(3600);

    expect(await subscription.delete()).toBe(subscription);
    expect(subscription.state).toBe('deleted');
    expect((await c.subscriptions.list({ state: 'deleted' })).data.map((s) => s.id)).toEqual([subscription.id]);
    const other = await c.subscriptions.create({ session: session.id, poll_payload: { info_types: ['*'] } });
    expect((await Subscription.deleteWithId(other.id, { client: c })).state).toBe('deleted');
  });

  it('wait() resolves once the first poll made it active, and times out while date_start is ahead', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const subscription = await c.subscriptions.create({ session, poll_payload: { info_types: ['*'] } });
    expect(subscription.done).toBe(false);
    expect(await subscription.wait({ timeout: 10_000 })).toBe(subscription);
    expect(subscription).toMatchObject({ state: 'active', done: true });
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/subscriptions/${subscription.id}` });

    const later = await c.subscriptions.create({
      session,
      poll_payload: { info_types: ['*'] },
      date_start: new Date('2030-01-01T00:00:00Z'),
    });
    const error = await rejectionOf(later.wait({ timeout: 50 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(`subscription ${later.id} is still pending after 50 ms`);
  });

  it('sends date_start and date_end as ISO instants in UTC', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const start = new Date('2030-01-01T00:00:00Z');
    const subscription = await c.subscriptions.create({
      session,
      poll_payload: { info_types: ['*'] },
      date_start: start,
      date_end: '2030-01-02T01:00:00+01:00',
    });
    const body = JSON.parse(api.requests.find((r) => r.path === '/subscriptions')?.body ?? '{}');
    expect(body).toMatchObject({ date_start: '2030-01-01T00:00:00.000Z', date_end: '2030-01-02T00:00:00.000Z' });
    expect(subscription.date_end).toEqual(expect.stringMatching(/^2030-01-02T00:00:00/));
  });

  it.each([
    ['no poll_payload', { session: 'ses_1' }, 'poll_payload'],
    ['an empty poll_payload', { session: 'ses_1', poll_payload: {} }, 'poll_payload'],
    [
      'an interval that is not whole seconds',
      { session: 'ses_1', poll_payload: { info_types: ['*'] }, interval: 1.5 },
      'interval',
    ],
    [
      'a date_start that is not a date',
      { session: 'ses_1', poll_payload: { info_types: ['*'] }, date_start: 'soon' },
      'date_start',
    ],
    [
      'a date_end before date_start',
      {
        session: 'ses_1',
        poll_payload: { info_types: ['*'] },
        date_start: '2030-01-02T00:00:00Z',
        date_end: '2030-01-01T00:00:00Z',
      },
      'date_end',
    ],
    ['no session', { poll_payload: { info_types: ['*'] } }, 'session'],
  ])('refuses %s before sending, naming the field', async (_, params, field) => {
    const before = api.requests.length;
    const error = await rejectionOf(client().subscriptions.create(params as unknown as SubscriptionCreateParams));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(api.requests).toHaveLength(before);
  });

  it('of a data type the organisation may not poll is a PermissionDeniedError (403 missing-scope)', async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    await c.permissions.create({ scopes: { 'data_type:ios_messages.*': [] } });
    const error = await rejectionOf(
      c.subscriptions.create({ session, poll_payload: { data_types: ['ios_photos.photos'] }, interval: 3600 }),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, error: 'missing-scope' });
    expect(api.created.subscription).toBe(0);
  });
});

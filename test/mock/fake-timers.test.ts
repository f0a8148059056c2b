/**
 * An app's tests on a fake clock (`vi.useFakeTimers()`): the in-process mock answers each request at once, as a network
 * would, while its state machines (tests, sessions, expiries, subscription polls) move only as the test advances the
 * clock, so a day's session lifetime or an hour's subscription interval takes no real time.
 */
import { setImmediate as realTurn } from 'node:timers/promises';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client } from '../../src/index';
import { createMockApi, type Deliver } from '../../src/mock/index';

const taskDelay = 10;
const accept: Deliver = async () => new Response('OK');
/** The app's receiver: accepts every delivery unless a test says otherwise. */
let receive = accept;
const api = createMockApi({ taskDelay, deliver: (request) => receive(request) });
const msw = setupServer(...api.handlers);
const client = new Client({ token: 'app-token', baseUrl: api.baseUrl, logLevel: 'off' });
const hour = 3600 * 1000;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  // The SDK loads its request engine with the first request; vitest's module runner (which loads src/ here, where an
  // app's tests import the built package) needs the real clock for that.
  await client.organisation.retrieve();
});
afterEach(() => {
  vi.useRealTimers();
  api.reset();
  receive = accept;
});
afterAll(() => msw.close());

/** On a fake clock from now: an organisation made usable, and an active session of a new user. */
async function activeSession() {
  vi.useFakeTimers();
  await client.webhookConfigs.create({ url: 'https://app.test/hooks' });
  await client.storageConfigs.create({ url: 'gs://bucket/results', credentials: { private_key: 'k' } });
  await vi.advanceTimersByTimeAsync(2 * taskDelay);
  const user = await client.users.create({ identifier: 'customer-1' });
  const source = { user: user.id, type: 'icloud.account', identifier: 'john@icloud.com' } as const;
  const session = await client.sessions.create({ source, payload: { password: 'right' } });
  await vi.advanceTimersByTimeAsync(taskDelay);
  return session;
}

describe('the in-process mock on a fake clock', () => {
  it('answers without the clock moving, and runs a config test only as the clock is advanced', async () => {
    vi.useFakeTimers();
    const config = await client.webhookConfigs.create({ url: 'https://app.test/hooks' });
    expect(config.state).toBe('new');
    await vi.advanceTimersByTimeAsync(taskDelay);
    expect((await client.webhookConfigs.retrieve(config.id)).state).toBe('new');
    await vi.advanceTimersByTimeAsync(taskDelay);
    expect((await client.webhookConfigs.retrieve(config.id)).state).toBe('valid');
  });

  it('expires a session after a day on the fake clock, ending its subscription, after polling hourly', async () => {
    const session = await activeSession();
    expect((await client.sessions.retrieve(session.id)).state).toBe('active');
    const subscription = await client.subscriptions.create({
      session: session.id,
      poll_payload: { info_types: ['*'] },
      interval: 3600,
    });
    await vi.advanceTimersByTimeAsync(3 * hour);
    const polls = await client.polls.list({ subscription: subscription.id, limit: 100 });
    expect(polls.total_count).toBe(4);
    await vi.advanceTimersByTimeAsync(24 * hour);
    expect((await client.sessions.retrieve(session.id)).state).toBe('expired');
    expect((await client.subscriptions.retrieve(subscription.id)).state).toBe('deleted');
  });

  it('ends a subscription (deleted) once no poll is due before its date_end, after the last one due', async () => {
    const session = await activeSession();
    const subscription = await client.subscriptions.create({
      session: session.id,
      poll_payload: { info_types: ['*'] },
      interval: 3600,
      date_end: new Date(Date.now() + 2.5 * hour),
    });
    await vi.advanceTimersByTimeAsync(2 * hour + taskDelay * 10);
    expect((await client.subscriptions.retrieve(subscription.id)).state).toBe('active');
    await vi.advanceTimersByTimeAsync(hour);
    expect((await client.subscriptions.retrieve(subscription.id)).state).toBe('deleted');
    expect((await client.polls.list({ subscription: subscription.id })).total_count).toBe(3);
  });

  it("publishes a poll's result unsigned at gs://unconfigured when its storage config is deleted first", async () => {
    const session = await activeSession();
    const poll = await client.polls.create({ session: session.id, payload: { info_types: ['*'] } });
    for (const storage of (await client.storageConfigs.list()).data) await storage.delete();
    await vi.advanceTimersByTimeAsync(10 * taskDelay);
    const [result, ...others] = (await client.results.list({ poll: poll.id })).data;
    expect(others).toEqual([]);
    expect(result).toMatchObject({ url: `gs://unconfigured/${poll.id}/${result?.id}`, signed_url: null });
    expect((await client.polls.retrieve(poll.id)).state).toBe('completed');
  });

  it("holds a request for a fault's latency of the fake clock, once the request has reached the mock", async () => {
    vi.useFakeTimers();
    // Within the client's own timeout (30 s), which runs on the fake clock too.
    const latency = 10_000;
    api.faults.add({ method: 'POST', path: '/configs/webhook', latency });
    let answered = false;
    const created = client.webhookConfigs.create({ url: 'https://app.test/hooks' }).finally(() => {
      answered = true;
    });
    // On a fake clock, waitFor advances it a little at each look.
    await vi.waitFor(() => expect(api.requests).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(latency / 2);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(latency / 2);
    expect((await created).state).toBe('new');
  });

  it('retries a failed delivery after 1, 5, 25 and 125 minutes by default, then fails the event', async () => {
    vi.useFakeTimers();
    await client.webhookConfigs.create({ url: 'https://app.test/hooks' });
    await vi.advanceTimersByTimeAsync(2 * taskDelay);
    const attempts: number[] = [];
    receive = async (request) => {
      if ((await request.json()).type !== 'task') return new Response('OK');
      attempts.push(Date.now());
      return new Response('down', { status: 503 });
    };
    // Its test ends with a task.succeeded event, routed to the valid webhook config.
    await client.storageConfigs.create({ url: 'gs://bucket/results', credentials: { private_key: 'k' } });
    await vi.advanceTimersByTimeAsync(2 * taskDelay);
    expect(attempts).toHaveLength(1);
    const minute = 60_000;
    for (const wait of [1, 5, 25, 125]) {
      const before = attempts.length;
      await vi.advanceTimersByTimeAsync(wait * minute - 1);
      expect(attempts, `just before ${wait} min`).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(attempts, `at ${wait} min`).toHaveLength(before + 1);
    }
    await vi.advanceTimersByTimeAsync(24 * hour);
    expect(attempts).toHaveLength(5);
    const [event] = (await client.events.list({ type: 'task' })).data;
    expect(event).toMatchObject({ state: 'failed', retries: 4, date_delivered: null });
  });

  it('holds a Ricloud-Await answer 10 s at most, however long the wait asked', async () => {
    vi.useFakeTimers();
    // The receiver never answers: the config's test runs until the delivery times out, 10 s after it starts.
    receive = () => new Promise(() => undefined);
    const config = await client.webhookConfigs.create({ url: 'https://app.test/hooks' });
    const [task] = api.store.tasks();
    const held = fetch(`${api.baseUrl}/tasks/${task?.id}`, {
      headers: { authorization: 'Token app-token', 'ricloud-await': '60' },
    }).then((answer) => answer.json());
    // On the real clock: vi.waitFor would move the fake one.
    while (api.requests.length < 2) await realTurn();
    await vi.advanceTimersByTimeAsync(60_000);
    // Released at 10 s, before the test task ends (10 s after its delivery began, two steps after the create).
    expect(await held).toMatchObject({ id: task?.id, target: config.id, state: 'processing' });
  });

  it("answers and tests configs on Jest's fake clock, which fakes more than vitest's, but queueMicrotask", async () => {
    // Jest's defaults but nextTick (which vitest fakes only in worker threads) and queueMicrotask (see the README).
    const jest = [
      'Date',
      'hrtime',
      'performance',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
    ] as const;
    vi.useFakeTimers({ toFake: [...jest, 'setTimeout', 'clearTimeout'] });
    const config = await client.webhookConfigs.create({ url: 'https://app.test/hooks' });
    await vi.advanceTimersByTimeAsync(2 * taskDelay);
    expect((await client.webhookConfigs.retrieve(config.id)).state).toBe('valid');
  });
});

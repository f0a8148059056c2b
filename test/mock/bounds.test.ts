/**
 * Nothing in the mock grows without bound: the organisations of unknown tokens (capped, forgotten by `reset()`), the
 * tasks of one poll (each name once, at most `MAX_POLL_TASKS`), the expiry timers of ended sessions, and each kind of
 * resource the store holds (`MAX_STORED`: what a client makes is refused past it, the oldest history is forgotten).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMIT_EXCEEDED, MAX_MADE_ORGANISATIONS, MAX_POLL_TASKS, MAX_STORED } from '../../src/mock/choices';
import { type MockServer, startMockServer } from '../../src/mock/index';
import { ApiError } from '../../src/mock/respond';
import type { StoredKey } from '../../src/mock/shapes';
import { MockStore } from '../../src/mock/store';
import { TestRunner } from '../../src/mock/test-runner';
import { call, configure, type Flow, session } from './flow-support';

let mock: MockServer;
let flow: Flow;

beforeAll(async () => {
  mock = await startMockServer({ taskDelay: 1, deliver: async () => new Response('OK') });
  flow = { base: mock.url, token: 'token-bounds', settle: () => mock.api.settle() };
});
afterEach(async () => {
  vi.useRealTimers();
  await mock.api.settle();
  mock.api.reset();
});
afterAll(() => mock.close());

const keyOf = (token: string) => fetch(`${mock.url}/key`, { headers: { authorization: `Token ${token}` } });

describe('unknown tokens, without the tokens option', () => {
  it('make organisations that reset() forgets: the next token after it is org_1 again', async () => {
    expect(await (await keyOf('first-token')).json()).toMatchObject({ organisation: 'org_1' });
    expect(await (await keyOf('second-token')).json()).toMatchObject({ organisation: 'org_2' });
    mock.api.reset();
    expect(await (await keyOf('third-token')).json()).toMatchObject({ organisation: 'org_1' });
    expect(mock.api.store.organisations().map((o) => o.id)).toEqual(['org_1']);
  });

  it(`make at most ${MAX_MADE_ORGANISATIONS} organisations; then a new token is 401, a known one works`, async () => {
    for (let n = 0; n < MAX_MADE_ORGANISATIONS; n += 50)
      await Promise.all(Array.from({ length: 50 }, (_, i) => keyOf(`token-${n + i}`).then((r) => r.arrayBuffer())));
    expect(mock.api.store.organisations()).toHaveLength(MAX_MADE_ORGANISATIONS);
    const refused = await keyOf('one-token-too-many');
    expect(refused.status).toBe(401);
    // Its token is not wrong: the message says why, and how to go on.
    expect(await refused.json()).toMatchObject({
      error: 'unauthorized',
      message: expect.stringMatching(/1000 new tokens.*api\.reset\(\).*POST \/__mock\/reset/),
    });
    expect((await keyOf('token-7')).status).toBe(200);
    expect(mock.api.store.organisations()).toHaveLength(MAX_MADE_ORGANISATIONS);
    // A thousand requests take about 5 s on a loaded machine, and more under Stryker's instrumentation.
  }, 60_000);
});

describe('a poll', () => {
  const poll = async (payload: Record<string, string[]>) => {
    const { id } = await session(flow);
    return call(flow, '/polls', { method: 'POST', body: { session: id, payload } });
  };

  it('makes one task per distinct name: a name sent twice is asked for once', async () => {
    await configure(flow);
    const made = await poll({ data_types: ['ios_messages.messages', 'ios_messages.messages'], files: ['f', 'f'] });
    expect(made).toMatchObject({ status: 201, json: { payload: { data_types: ['ios_messages.messages'] } } });
    await flow.settle();
    const tasks = mock.api.store.tasks().filter((t) => (t as { poll?: string }).poll === made.json.id);
    expect(tasks.map((t) => (t as { target?: string }).target).sort()).toEqual(['f', 'ios_messages.messages']);
  });

  it('of many names, its tasks and their events raise no MaxListenersExceededWarning', async () => {
    await configure(flow);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const names = Array.from({ length: 24 }, (_, i) => `data_${i}`);
      const made = await poll({ data_types: names });
      expect(made.status).toBe(201);
      await flow.settle();
      const tasks = mock.api.store.tasks().filter((task) => (task as { poll?: string }).poll === made.json.id);
      expect(tasks.map((task) => task.state)).toEqual(names.map(() => 'succeeded'));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it(`of more than ${MAX_POLL_TASKS} names in all is 400 on payload, and makes nothing`, async () => {
    await configure(flow);
    const names = Array.from({ length: MAX_POLL_TASKS }, (_, i) => `data_${i}`);
    const refused = await poll({ data_types: names, info_types: ['*'] });
    expect(refused).toMatchObject({
      status: 400,
      json: { error: 'invalid-parameter', params: { payload: [expect.any(String)] } },
    });
    expect(mock.api.created.poll).toBe(0);
    expect((await poll({ data_types: names })).status).toBe(201);
  });
});

describe('a session ended early', () => {
  it('leaves no expiry timer behind (deleted, or its user deactivated)', async () => {
    await configure(flow);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const opened = await session(flow);
    const timers = vi.getTimerCount();
    const other = await session(flow, { identifier: 'jane@icloud.com' });
    expect(vi.getTimerCount()).toBe(timers + 1);
    await call(flow, `/sessions/${opened.id}`, { method: 'DELETE' });
    await call(flow, `/users/${other.user}`, { method: 'POST', body: { state: 'deactivated' } });
    await flow.settle();
    expect(vi.getTimerCount()).toBe(timers - 1);
  });
});

describe('the store', () => {
  const item = (n: number) => ({ id: `id-${n}`, organisation: 'org', date_created: '2020-01-01T00:00:00Z' });

  it(`refuses what a client makes past ${MAX_STORED} of a kind with 400 limit-exceeded`, () => {
    const store = new MockStore();
    for (let n = 0; n < MAX_STORED; n++) store.add('user', store.users, item(n) as never);
    const past = (() => {
      try {
        store.add('user', store.users, item(MAX_STORED) as never);
      } catch (error) {
        return error;
      }
    })();
    expect(past).toBeInstanceOf(ApiError);
    expect(past).toMatchObject({ status: LIMIT_EXCEEDED.status, code: LIMIT_EXCEEDED.code });
    expect(store.users.size).toBe(MAX_STORED);
  });

  it('forgets the oldest of its history past the same bound, and the file of a forgotten result', () => {
    const store = new MockStore();
    const dropped: string[] = [];
    store.onDrop = (id) => dropped.push(id);
    store.files.set('id-0', {
      content: { size: 0, checksum: '', stream: () => new ReadableStream() },
      token: 't',
      expires: 0,
    });
    for (let n = 0; n <= MAX_STORED; n++) store.record('result', store.results, item(n) as never);
    expect(store.results.size).toBe(MAX_STORED);
    expect(store.results.has('id-0')).toBe(false);
    expect(store.files.has('id-0')).toBe(false);
    expect(dropped).toEqual(['id-0']);
  });

  it(`keeps the place of the latest ${MAX_STORED} items it removed as list cursors, no more`, () => {
    const store = new MockStore();
    for (let n = 0; n <= 2 * MAX_STORED; n++) store.record('result', store.results, item(n) as never);
    const place = (n: number) => store.order.removedPlace(store.results, 'org', `id-${n}`, []);
    expect([place(0), place(1), place(MAX_STORED)]).toEqual([undefined, 0, 0]);
    store.clear();
    expect(place(MAX_STORED)).toBeUndefined();
  });

  it('forgets the latest test of a deleted config', () => {
    const store = new MockStore();
    store.latestTest.set('config-1', 'task-1');
    store.configs.set('config-1', {} as never);
    store.remove(store.configs, 'config-1');
    expect(store.latestTest.size).toBe(0);
  });

  it('abandons the delivery retries of an event it forgets', async () => {
    const store = new MockStore();
    let attempts = 0;
    const deliver = async () => {
      attempts++;
      return new Response('down', { status: 503 });
    };
    const runner = new TestRunner({
      store,
      deliver,
      deliveryTimeout: 1000,
      retryDelay: 3_600_000,
      taskDelay: 1,
      storageTest: 'pass',
    });
    store.onDrop = (id) => runner.cancel(id);
    const config = { id: 'config-1', organisation: 'org', url: 'http://127.0.0.1:9/hook', secret: 's', state: 'valid' };
    store.configs.set(config.id, config as never);
    runner.announce(
      { id: 'key-1', organisation: 'org', webhook_config: config.id } as StoredKey,
      'poll',
      'created',
      {},
    );
    await vi.waitFor(() => expect(attempts).toBe(1));
    const [event] = store.events.values();
    store.remove(store.events, String(event?.id));
    // Without it, settle() would wait an hour for the retry.
    await runner.settle();
    expect(attempts).toBe(1);
  });
});

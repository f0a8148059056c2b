import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, configure, InvalidInputError, NotFoundError, Task, TimeoutError } from '../../src/index';
import { TEST_ERRORS } from '../../src/mock/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, server, receiver, client } = useMockApi({ deliveryTimeout: 1_000 });
const URL_1 = 'https://hooks.example.com/ricloud';

afterEach(() => vi.useRealTimers());

/** GET requests the mock got for one task. */
const pollsOf = (id: string) => api.requests.filter((r) => r.method === 'GET' && r.path === `/tasks/${id}`);

/** A config with a test task, the delivery of which the receiver holds until released. */
async function heldTest() {
  receiver.answer('hold');
  const cfg = await client().webhookConfigs.create({ url: URL_1 });
  const task = await cfg.test();
  await vi.waitFor(() => expect(receiver.deliveries).toHaveLength(2));
  return { cfg, task };
}

describe('Task.retrieve', () => {
  it('GETs /tasks/{id} without Ricloud-Await and returns a Task with the API attributes', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    const [stored] = api.store.tasks();
    const task = await Task.retrieve(stored?.id ?? '-');
    expect(task).toBeInstanceOf(Task);
    expect(task).toMatchObject({
      id: stored?.id,
      resource: 'task',
      type: 'webhook_config.test',
      target: cfg.id,
      organisation: cfg.organisation,
    });
    const [poll] = pollsOf(task.id);
    expect(poll?.headers).not.toHaveProperty('ricloud-await');
    expect(poll?.headers.authorization).toBe(`Token ${TOKEN_A}`);
  });

  it('with awaitFor, sends Ricloud-Await and the mock holds the answer until the task ends', async () => {
    const { task } = await heldTest();
    let answered = false;
    const pending = client()
      .tasks.retrieve(task.id, { awaitFor: 5 })
      .finally(() => (answered = true));
    await vi.waitFor(() => expect(pollsOf(task.id)).toHaveLength(1));
    expect(answered).toBe(false);
    receiver.release();
    const done = await pending;
    expect(done.state).toBe('succeeded');
    expect(pollsOf(task.id)[0]?.headers['ricloud-await']).toBe('5');
  });

  it(
    'with awaitFor beyond 3 × a short timeout, the default deadline lets the long-poll wait; ' +
      'a deadline given still wins',
    async () => {
      const { task } = await heldTest();
      const cut = await rejectionOf(client().tasks.retrieve(task.id, { awaitFor: 1, timeout: 50, deadline: 100 }));
      expect(cut).toBeInstanceOf(TimeoutError);
      // The mock holds the answer while the task runs (its delivery held), far past 3 × 50 ms.
      const done = await client().tasks.retrieve(task.id, { awaitFor: 1, timeout: 50, maxRetries: 0 });
      expect(done.id).toBe(task.id);
      expect(pollsOf(task.id)).toHaveLength(2);
    },
  );

  it("refuses another organisation's task with a NotFoundError naming it", async () => {
    await client().webhookConfigs.create({ url: URL_1 });
    const [stored] = api.store.tasks();
    const error = await rejectionOf(
      client({ token: 'tok_other_org_000000000000000000' }).tasks.retrieve(stored?.id ?? '-'),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`task ${stored?.id} not found (404 not-found)`);
  });

  it(
    'reads a task in a state the SDK does not know without failing, takes null optional attributes, and wait() ' +
      'settles on it',
    async () => {
      server.use(
        http.get(`${api.baseUrl}/tasks/:id`, ({ params }) =>
          HttpResponse.json({
            id: params.id,
            resource: 'task',
            type: 'webhook_config.test',
            state: 'archived',
            organisation: null,
            error: null,
            results: null,
            date_created: '2024-05-01T10:00:00Z',
            date_started: null,
            date_completed: null,
          }),
        ),
      );
      const task = await client().tasks.retrieve('tsk_1');
      expect(task.state).toBe('archived');
      // A state the API may add is not running: wait() returns it, as ricloud-py's samples stop on it.
      expect(task.done).toBe(true);
      expect(await task.wait({ timeout: 10_000 })).toBe(task);
      expect(task.date_completed).toBeNull();
    },
  );
});

describe('Task.list', () => {
  it('lists newest first, filtered by state and type, and walks every page', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    for (let i = 0; i < 4; i++) await cfg.test();
    await api.settle();
    const newestFirst = api.store
      .tasks()
      .map((t) => t.id)
      .reverse();
    const page = await Task.list({ type: 'webhook_config.test', state: 'succeeded', limit: 2 }, { client: c });
    expect(api.requests.at(-1)?.query).toEqual({ type: 'webhook_config.test', state: 'succeeded', limit: '2' });
    expect(page.data.map((t) => t.id)).toEqual(newestFirst.slice(0, 2));
    expect(page).toMatchObject({ has_more: true, total_count: 5 });
    expect(page.data[0]).toBeInstanceOf(Task);

    const all: string[] = [];
    for await (const task of c.tasks.list({ state: 'succeeded', limit: 2 })) all.push(task.id);
    expect(all).toEqual(newestFirst);
    expect((await c.tasks.list({ state: 'failed' })).data).toEqual([]);
  });

  it('filters by a date_created range', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    const ids: string[] = [];
    for (const day of ['2024-01-01', '2024-02-01', '2024-03-01']) {
      vi.setSystemTime(new Date(`${day}T12:00:00Z`));
      ids.push((await cfg.test()).id);
    }
    vi.useRealTimers();
    const page = await c.tasks.list({
      date_created: { gte: new Date('2024-01-15T00:00:00Z'), lt: '2024-03-01T12:00:00Z' },
    });
    expect(api.requests.at(-1)?.query).toEqual({
      date_created__gte: '2024-01-15T00:00:00.000Z',
      date_created__lt: '2024-03-01T12:00:00.000Z',
    });
    expect(page.data.map((t) => t.id)).toEqual([ids[1]]);
  });

  it('sends ISO dates and times with an offset as UTC instants', async () => {
    const c = client();
    await c.tasks.list({ date_created: { gte: '2024-01-15', lt: '2024-03-01T12:00+01:00' } });
    expect(api.requests.at(-1)?.query).toEqual({
      date_created__gte: '2024-01-15T00:00:00.000Z',
      date_created__lt: '2024-03-01T11:00:00.000Z',
    });
    await c.tasks.list({ date_created: '1970-01-01T00:00:00.5Z' });
    expect(api.requests.at(-1)?.query).toEqual({ date_created: '1970-01-01T00:00:00.500Z' });
    // The API's own timestamps have microseconds, finer than a Date holds: they go as given, an offset applied.
    await c.tasks.list({
      date_created: { gt: '2018-11-22T12:59:57.168354Z', lt: '2018-11-22T13:59:59.9999995+01:00' },
    });
    expect(api.requests.at(-1)?.query).toEqual({
      date_created__gt: '2018-11-22T12:59:57.168354Z',
      date_created__lt: '2018-11-22T12:59:59.9999995Z',
    });
    await c.tasks.list({ date_created: { gte: '0000-01-01', lte: '9999-12-31T23:59:59.999Z' } });
    expect(api.requests.at(-1)?.query).toEqual({
      date_created__gte: '0000-01-01T00:00:00.000Z',
      date_created__lte: '9999-12-31T23:59:59.999Z',
    });
  });
});

describe('refresh', () => {
  it('fetches the task again in place and returns the same object', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    const task = await cfg.test();
    expect(task.state).toBe('pending');
    await api.settle();
    expect(await task.refresh()).toBe(task);
    expect(task.state).toBe('succeeded');
    expect(task.done).toBe(true);
    expect(pollsOf(task.id)).toHaveLength(1);
  });
});

describe('wait', () => {
  it('long-polls with Ricloud-Await (default 10 s) and resolves once it succeeded, in one held request', async () => {
    const { task } = await heldTest();
    const waiting = task.wait();
    await vi.waitFor(() => expect(pollsOf(task.id)).toHaveLength(1));
    receiver.release();
    expect(await waiting).toBe(task);
    expect(task.state).toBe('succeeded');
    expect(pollsOf(task.id).map((r) => r.headers['ricloud-await'])).toEqual(['10']);
  });

  it('resolves (not rejects) with a failed task and its error code when the receiver answers 500', async () => {
    receiver.answer(500);
    const task = await (await client().webhookConfigs.create({ url: URL_1 })).test();
    await task.wait({ timeout: 5_000 });
    expect(task).toMatchObject({ state: 'failed', error: TEST_ERRORS.status });
    expect(task.done).toBe(true);
  });

  it('takes deadline and awaitFor set to undefined as left out, as any option', async () => {
    const task = await (await client().webhookConfigs.create({ url: URL_1 })).test();
    await task.wait({ timeout: 5_000, ...{ deadline: undefined, awaitFor: undefined } });
    expect(task.done).toBe(true);
  });

  it('sends nothing for a task that has already ended', async () => {
    const task = await (await client().webhookConfigs.create({ url: URL_1 })).test();
    await api.settle();
    await task.refresh();
    const before = api.requests.length;
    await task.wait();
    expect(api.requests).toHaveLength(before);
  });

  it('throws TimeoutError naming the task when it is still running after `timeout`', async () => {
    const { task } = await heldTest();
    const error = await rejectionOf(task.wait({ timeout: 150 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`task ${task.id} is still processing after 150 ms`);
    expect(pollsOf(task.id).length).toBeGreaterThanOrEqual(1);
  });

  it('throws AbortError when the signal fires during a held long-poll', async () => {
    const { task } = await heldTest();
    const controller = new AbortController();
    const waiting = rejectionOf(task.wait({ signal: controller.signal }));
    await vi.waitFor(() => expect(pollsOf(task.id)).toHaveLength(1));
    controller.abort(new Error('user left'));
    const error = await waiting;
    expect(error).toBeInstanceOf(AbortError);
    expect(task.state).toBe('pending');
  });

  it('throws AbortError without sending when the signal fired before wait()', async () => {
    const { task } = await heldTest();
    const before = api.requests.length;
    await expect(task.wait({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(api.requests).toHaveLength(before);
  });

  it(
    'throws AbortError, as every call does, when the signal fired before wait(), ' +
      'for a task that has already ended',
    async () => {
      const task = await (await client().webhookConfigs.create({ url: URL_1 })).test();
      await api.settle();
      await task.refresh();
      expect(task.done).toBe(true);
      const before = api.requests.length;
      const why = new Error('user left');
      const error = await rejectionOf(task.wait({ signal: AbortSignal.abort(why) }));
      expect(error).toBeInstanceOf(AbortError);
      expect(error.message).toBe(`task ${task.id} wait: aborted before sending`);
      expect(error.cause).toBe(why);
      expect((error as AbortError).request).toEqual({ method: 'GET', path: `/tasks/${task.id}`, attempts: 0 });
      expect(api.requests).toHaveLength(before);
    },
  );

  it('refuses a timeout that is not a positive number before sending', async () => {
    const { task } = await heldTest();
    const before = api.requests.length;
    const error = await rejectionOf(task.wait({ timeout: -1 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'options.timeout' });
    expect(api.requests).toHaveLength(before);
  });
});

/**
 * The mock's webhook_config.test task, driven over HTTP with a receiver the test answers by hand: which test decides
 * the config's state, what counts as delivered, when a held answer returns, that no listener piles up, and that a
 * request handled while the mock closes starts nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index';
import { configure, session } from './flow-support';

/** Deliveries waiting for the test to answer them, in order. */
let waiting: ((response: Response) => void)[] = [];
let mock: MockServer;

beforeEach(async () => {
  waiting = [];
  mock = await startMockServer({
    taskDelay: 1,
    deliver: () => new Promise<Response>((resolve) => waiting.push(resolve)),
  });
});
afterEach(async () => {
  for (const answer of waiting) answer(new Response('late'));
  await mock.close();
});

/** A JSON call to the mock, as organisation `org-runner`. */
async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${mock.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: 'Token tok_runner', 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  return (await response.json()) as Record<string, string>;
}
/** Waits until `count` deliveries are waiting for an answer. */
const deliveries = (count: number) => vi.waitFor(() => expect(waiting).toHaveLength(count));
const configState = async (id: string) => (await call(`/configs/webhook/${id}`)).state;

describe('which test decides a config’s state', () => {
  it('the latest: an older test that ends last does not overwrite it', async () => {
    const config = await call('/configs/webhook', { method: 'POST', body: { url: 'https://receiver.example/hooks' } });
    await deliveries(1);
    const second = await call(`/configs/webhook/${config.id}/test`, { method: 'POST' });
    await deliveries(2);
    waiting[1]?.(new Response('OK'));
    expect((await call(`/tasks/${second.id}`, { headers: { 'ricloud-await': '5' } })).state).toBe('succeeded');
    expect(await configState(config.id ?? '')).toBe('valid');
    waiting[0]?.(new Response('boom', { status: 500 }));
    await mock.api.settle();
    const tasks = (await call('/tasks')) as unknown as { data: { state: string }[] };
    expect(tasks.data.map((task) => task.state).sort()).toEqual(['failed', 'succeeded']);
    expect(await configState(config.id ?? '')).toBe('valid');
  });

  it('none, once the config was deactivated while its test ran', async () => {
    const config = await call('/configs/webhook', { method: 'POST', body: { url: 'https://receiver.example/hooks' } });
    await deliveries(1);
    await call(`/configs/webhook/${config.id}`, { method: 'POST', body: { state: 'deactivated' } });
    waiting[0]?.(new Response('OK'));
    await mock.api.settle();
    expect(await configState(config.id ?? '')).toBe('deactivated');
  });

  it('none, once its url changed and the config was deactivated in the same update', async () => {
    const config = await call('/configs/webhook', { method: 'POST', body: { url: 'https://receiver.example/a' } });
    await deliveries(1);
    await call(`/configs/webhook/${config.id}`, {
      method: 'POST',
      body: { url: 'https://receiver.example/b', state: 'deactivated' },
    });
    waiting[0]?.(new Response('boom', { status: 500 }));
    await mock.api.settle();
    expect(await configState(config.id ?? '')).toBe('deactivated');
  });
});

describe('what counts as delivered', () => {
  it.each([
    ['204 with no body', () => new Response(null, { status: 204 }), 'succeeded', 'valid'],
    ['200 with an empty body', () => new Response(''), 'succeeded', 'valid'],
    ['a 302', () => new Response(null, { status: 302, headers: { location: '/elsewhere' } }), 'failed', 'invalid'],
  ])('a receiver answering %s: the task %s and the config turns %s', async (_, answer, task, state) => {
    const config = await call('/configs/webhook', { method: 'POST', body: { url: 'https://receiver.example/hooks' } });
    await deliveries(1);
    waiting[0]?.(answer());
    await mock.api.settle();
    expect((await call('/tasks')) as unknown).toMatchObject({ data: [{ state: task }] });
    expect(await configState(config.id ?? '')).toBe(state);
  });
});

describe('Ricloud-Await', () => {
  it('answers at once for a task that already ended, however long the wait asked', async () => {
    await call('/configs/webhook', { method: 'POST', body: { url: 'https://receiver.example/hooks' } });
    await deliveries(1);
    waiting[0]?.(new Response('OK'));
    await mock.api.settle();
    const [task] = ((await call('/tasks')) as unknown as { data: { id: string }[] }).data;
    // Held for the whole wait, this call would outlive the test's own timeout.
    expect((await call(`/tasks/${task?.id}`, { headers: { 'ricloud-await': '60' } })).state).toBe('succeeded');
  });

  it('releases a held answer when its task ends, though a shorter wait on the same task ran out first', async () => {
    await call('/configs/webhook', { method: 'POST', body: { url: 'https://receiver.example/hooks' } });
    await deliveries(1);
    const [task] = ((await call('/tasks')) as unknown as { data: { id: string }[] }).data;
    const path = `/tasks/${task?.id}`;
    const held = call(path, { headers: { 'ricloud-await': '10' } });
    // The shorter wait answers with the task still running, leaving the longer one held.
    expect((await call(path, { headers: { 'ricloud-await': '1' } })).state).toBe('processing');
    waiting[0]?.(new Response('OK'));
    // Released when the task ends, not when its own 10 s wait runs out.
    const stillHeld = new Promise((resolve) => setTimeout(() => resolve({ state: 'still held' }), 5_000));
    expect(await Promise.race([held, stillHeld])).toMatchObject({ state: 'succeeded' });
  });
});

describe('listeners', () => {
  it('leaves none behind: a dozen tests one after another raise no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const config = await call('/configs/webhook', {
        method: 'POST',
        body: { url: 'https://receiver.example/hooks' },
      });
      for (let i = 1; i <= 12; i++) {
        await deliveries(1);
        waiting.shift()?.(new Response('OK'));
        await mock.api.settle();
        if (i < 12) await call(`/configs/webhook/${config.id}/test`, { method: 'POST' });
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});

describe('close() while a request is being handled', () => {
  /** A mock server that closes as soon as its handler reads the body of a request (the `debug` line of its field). */
  async function closingMidRequest() {
    const delivered: string[] = [];
    let closing: Promise<void> | undefined;
    let closeOnDebug = false;
    const server: MockServer = await startMockServer({
      taskDelay: 1,
      intervalScale: 0.01,
      deliver: async (request) => {
        delivered.push(await request.text());
        return new Response('OK');
      },
      debug: () => {
        if (closeOnDebug) closing ??= server.close();
      },
    });
    const flow = { base: server.url, token: 'tok_closing', settle: () => server.api.settle() };
    /** Sends `body` (with a field the endpoint ignores) to `path`, closing the mock while it is handled. */
    const closeDuring = async (path: string, body: Record<string, unknown>) => {
      closeOnDebug = true;
      await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Token ${flow.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, colour: 'blue' }),
      }).catch(() => undefined);
      await closing;
    };
    return { server, flow, delivered, closeDuring };
  }

  it('a config it creates has its test queued but never run: nothing is delivered after close()', async () => {
    const { server, delivered, closeDuring } = await closingMidRequest();
    await closeDuring('/configs/webhook', { url: 'https://receiver.example/hooks' });
    await server.api.settle();
    expect(server.api.store.tasks()).toMatchObject([{ state: 'pending' }]);
    expect(delivered).toEqual([]);
  });

  it('a subscription it creates never polls', async () => {
    const { server, flow, closeDuring } = await closingMidRequest();
    await configure(flow);
    const opened = await session(flow);
    const polls = server.api.created.poll;
    await closeDuring('/subscriptions', { session: opened.id, poll_payload: { info_types: ['*'] }, interval: 3600 });
    expect(server.api.store.subscriptions()).toMatchObject([{ state: 'pending' }]);
    // Its first poll would be due at once, and each next one 36 ms later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.api.created.poll).toBe(polls);
  });
});

/**
 * `task.wait()`: each refresh asks the server to hold the answer (`Ricloud-Await`, at most 10 s), so a task is seen
 * to end with one request; a server that answers at once is polled with growing pauses (0.5 s, 1 s, 2 s … 5 s).
 */
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, TimeoutError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { RECEIVER, sent, since, sleep } from './support';

const MARGIN = 1000;

// How the receiver answers deliveries: after `latency` ms with `status`, or never (until the delivery times out).
let answer: { latency: number; status: number } | 'hang' = { latency: 0, status: 200 };
const deliver = async (request: Request) => {
  if (answer === 'hang') {
    await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
    return new Response(null, { status: 504 });
  }
  await sleep(answer.latency);
  return new Response('OK', { status: answer.status });
};
// A task takes 2 × 200 ms plus its delivery; a delivery that hangs ends at 2.5 s.
const { api, client, server } = useMockApi({ taskDelay: 200, deliveryTimeout: 2500, deliver });
afterEach(() => {
  answer = { latency: 0, status: 200 };
});

/** A fetch that drops Ricloud-Await, so the mock answers at once, as a server without long-polling would. */
const impatient: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  request.headers.delete('ricloud-await');
  return fetch(request);
};

async function runningTask(c = client()) {
  const config = await c.webhookConfigs.create({ url: RECEIVER });
  const task = await config.test();
  expect(task.done).toBe(false);
  return task;
}

describe('task.wait()', () => {
  it('long-polls: one refresh, sent with Ricloud-Await, sees the task end', async () => {
    const task = await runningTask();
    const waited = await task.wait();
    expect(waited).toBe(task);
    expect(task.state).toBe('succeeded');
    expect(task.date_completed).toEqual(expect.any(String));
    const polls = api.requests.filter((r) => r.path === `/tasks/${task.id}`);
    expect(polls).toHaveLength(1);
    expect(polls[0]?.headers['ricloud-await']).toBe('10');
  });

  it('asks for no more than the time it has left (whole seconds, at most 10)', async () => {
    const task = await runningTask();
    await task.wait({ timeout: 4500 });
    expect(api.requests.filter((r) => r.path === `/tasks/${task.id}`).map((r) => r.headers['ricloud-await'])).toEqual([
      '4',
    ]);
  });

  it('falls back to polling with growing pauses when the server answers at once', async () => {
    answer = { latency: 800, status: 200 }; // the task ends after about 1.2 s
    const task = await runningTask(client({ fetch: impatient }));
    const sentAt: number[] = [];
    await task.wait({ onRequest: () => void sentAt.push(Date.now()) });
    expect(task.state).toBe('succeeded');
    const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] as number));
    // Pauses of 0.5 s, then 1 s: timers never fire early, so these lower bounds hold on any machine.
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(gaps[0]).toBeGreaterThanOrEqual(490);
    expect(gaps[1]).toBeGreaterThanOrEqual(990);
    expect(sentAt.length).toBeLessThanOrEqual(5);
    expect(
      api.requests.filter((r) => r.path === `/tasks/${task.id}`).every((r) => r.headers['ricloud-await'] === undefined),
    ).toBe(true);
  });

  it('resolves with a failed task too: the caller checks state', async () => {
    answer = { latency: 0, status: 500 };
    const task = await runningTask();
    await task.wait();
    expect(task.state).toBe('failed');
    expect(task.error).toEqual(expect.any(String));
  });

  it('rejects with TimeoutError when the task outlives a short wait', async () => {
    answer = 'hang';
    const task = await runningTask();
    const start = Date.now();
    const error = await rejectionOf(task.wait({ timeout: 300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain(`task ${task.id} is still`);
    expect(since(start)).toBeLessThan(300 + MARGIN);
  });

  it('rejects with TimeoutError when the task outlives a long-poll wait, never waiting past its timeout', async () => {
    answer = 'hang';
    const task = await runningTask();
    const start = Date.now();
    const error = await rejectionOf(task.wait({ timeout: 1300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(since(start)).toBeLessThan(1300 + MARGIN);
    const asked = api.requests.filter((r) => r.path === `/tasks/${task.id}`).map((r) => r.headers['ricloud-await']);
    expect(asked[0]).toBe('1');
  });

  it('ends at its timeout when the date is set back a day midway (it counts elapsed time, not the date)', async () => {
    answer = 'hang';
    const task = await runningTask(client({ fetch: impatient }));
    const wallClock = Date.now.bind(Date);
    let setBack = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => wallClock() - setBack);
    try {
      const error = await rejectionOf(task.wait({ timeout: 300, onRequest: () => void (setBack = 86_400_000) }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toContain(`task ${task.id} is still`);
    } finally {
      clock.mockRestore();
    }
  });

  it('sends nothing for a task that has already ended', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const task = await config.test({ awaitFor: 5 });
    expect(task.done).toBe(true);
    await task.wait();
    expect(sent(api, 'GET', `/tasks/${task.id}`)).toBe(0);
  });

  it('gives up after 60 s by default (on a fake clock, against a task that stays processing)', async () => {
    const task = await runningTask();
    const answer = { ...((await client().get(`/tasks/${task.id}`)) as object), state: 'processing' };
    server.use(http.get(`${api.baseUrl}/tasks/:id`, () => HttpResponse.json(answer)));
    vi.useFakeTimers();
    try {
      const waiting = rejectionOf(task.wait());
      await vi.advanceTimersByTimeAsync(60_000);
      const error = await waiting;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe(`task ${task.id} is still processing after 60000 ms`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is stopped by its signal', async () => {
    const task = await runningTask();
    const controller = new AbortController();
    controller.abort('stop');
    const error = await rejectionOf(task.wait({ signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe('stop');
  });
});

describe('Ricloud-Await on create and test (the mock honours it)', () => {
  it('test() with awaitFor answers once the task has ended', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const task = await config.test({ awaitFor: 5 });
    expect(task.state).toBe('succeeded');
    expect(sent(api, 'POST', `/configs/webhook/${config.id}/test`)).toBe(1);
  });

  it('create() with awaitFor answers once the config has been tested', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER }, { awaitFor: 5 });
    expect(config.state).toBe('valid');
    expect(config.secret).toEqual(expect.any(String));
  });
});

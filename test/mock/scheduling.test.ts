/**
 * What the mock schedules for later (expiries, a subscription's next poll) leaves no timer behind reset() or close(),
 * and runs nothing after them; settle() waits for queued work, never for what is scheduled.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from '../../src/core/rules';
import { MockStore } from '../../src/mock/store';
import { TestRunner } from '../../src/mock/test-runner';

const runner = () =>
  new TestRunner({
    store: new MockStore(),
    deliver: async () => new Response('OK'),
    deliveryTimeout: 1000,
    retryDelay: 1,
    taskDelay: 1,
    storageTest: 'pass',
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('jobs scheduled for later', () => {
  it.each(['reset', 'close'] as const)('are cleared by %s(): no timer left, and the job never runs', (stop) => {
    vi.useFakeTimers();
    const mock = runner();
    const job = vi.fn(async () => undefined);
    mock.later(60_000, job);
    mock.later(86_400_000, job);
    expect(vi.getTimerCount()).toBe(2);
    mock[stop]();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100_000_000);
    expect(job).not.toHaveBeenCalled();
  });

  it(
    'run when due even past the ceiling of one timer (a 30-day subscription interval), and reset() ' +
      'still clears them',
    () => {
      vi.useFakeTimers();
      const mock = runner();
      const job = vi.fn(async () => undefined);
      const cleared = vi.fn(async () => undefined);
      mock.later(MAX_TIMER_MS + 60_000, job);
      vi.advanceTimersByTime(MAX_TIMER_MS);
      expect(job).not.toHaveBeenCalled();
      vi.advanceTimersByTime(60_000);
      expect(job).toHaveBeenCalledOnce();
      mock.later(2 * MAX_TIMER_MS, cleared);
      vi.advanceTimersByTime(MAX_TIMER_MS);
      mock.reset();
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(2 * MAX_TIMER_MS);
      expect(cleared).not.toHaveBeenCalled();
    },
  );

  it('are not waited for by settle(), which waits for the job once it runs', async () => {
    vi.useFakeTimers();
    const mock = runner();
    let ran = false;
    mock.later(60_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ran = true;
    });
    await mock.settle();
    expect(ran).toBe(false);
    vi.advanceTimersByTime(60_000);
    const settled = mock.settle();
    vi.advanceTimersByTime(10);
    await settled;
    expect(ran).toBe(true);
  });
});

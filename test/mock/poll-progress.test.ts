/**
 * A poll seen while it runs: `processing` once it has made its tasks, and each task `processing` between `pending`
 * and its end. Steps are slow here (600 ms), so each state lasts long enough to be seen by asking.
 */
import { describe, expect, it, vi } from 'vitest';
import { call, configure, session } from './flow-support';
import { flowServer } from '../support/flow-server';

const { flow } = flowServer('token-progress', { taskDelay: 600 });

type Shown = { state: string; tasks_pending: string[]; tasks_processing: string[] };

describe('a running poll', () => {
  it('is processing once its tasks exist, and shows each task as processing once it has left pending', async () => {
    await configure(flow);
    const opened = await session(flow);
    const payload = { data_types: ['ios_messages.messages', 'ios_photos.photos'] };
    const created = await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload } });
    const shown = async () => (await call(flow, `/polls/${created.json.id}`)).json as Shown;
    // The first answer past `pending` with its tasks made; the poll stays processing for two steps after it.
    const started = await vi.waitFor(
      async () => {
        const poll = await shown();
        expect(poll.state).not.toBe('pending');
        return poll;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(started.state).toBe('processing');
    const running = await vi.waitFor(
      async () => {
        const poll = await shown();
        expect(poll.tasks_pending).toEqual([]);
        return poll;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(running.tasks_processing).toHaveLength(2);
  }, 30_000);
});

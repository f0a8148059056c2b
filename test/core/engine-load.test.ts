/**
 * On servers the request engine (ky, zod and the schemas) is imported with a client's first request. An import that
 * fails (a file briefly unreadable, a module the network dropped) fails the calls waiting on it only: the next call
 * imports it again, and once loaded it is kept.
 */
import { describe, expect, it, vi } from 'vitest';
import { RicloudError } from '../../src';
import { rejectionOf, useMockApi } from '../support/core-harness';

const loads = vi.hoisted(() => ({ count: 0, failing: 0 }));

// Counts each import of the engine; the first `loads.failing` of them fail.
vi.mock('../../src/core/engine', async (original) => {
  loads.count++;
  if (loads.failing > 0) {
    loads.failing--;
    throw new Error('EMFILE: too many open files');
  }
  return original();
});

const { api, client } = useMockApi();

describe('loading the request engine', () => {
  it('imports it again after an import that failed, and keeps it once loaded', async () => {
    loads.failing = 1;
    const c = client();
    // Calls made together while the engine loads share its one import, and its failure.
    const errors = await Promise.all([rejectionOf(c.webhookConfigs.list()), rejectionOf(client().tasks.list())]);
    // A RicloudError, as every failure of a call is; Vitest wraps what a mock's factory throws, as its cause.
    for (const error of errors) {
      expect(error).toBeInstanceOf(RicloudError);
      expect(error).toMatchObject({ mayHaveSucceeded: false, status: undefined });
      expect(error.message).toMatch(/^could not load the request engine, so nothing was sent \(Error: .*\)$/);
      expect(String((error.cause as Error).cause)).toContain('EMFILE');
    }
    expect(loads.count).toBe(1);
    expect(api.requests).toHaveLength(0);

    expect((await c.webhookConfigs.list()).data).toEqual([]);
    await client().tasks.list();
    expect(loads.count).toBe(2);
    expect(api.requests).toHaveLength(2);
  });
});

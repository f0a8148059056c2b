/**
 * What a client makes past the store's bound (`MAX_STORED`, here 2) is refused with nothing made: a session refused
 * for want of room leaves no source behind.
 */
import { describe, expect, it, vi } from 'vitest';
import { flowServer } from '../support/flow-server';
import { call, configure, user } from './flow-support';

vi.mock('../../src/mock/choices', async (original) => ({
  ...(await original<typeof import('../../src/mock/choices')>()),
  MAX_STORED: 2,
}));

const { flow } = flowServer('token-store-full');

describe('POST /sessions once the sessions are full', () => {
  it('is 400 limit-exceeded and makes no source of its own', async () => {
    await configure(flow);
    const owner = await user(flow);
    const open = (identifier: string) =>
      call(flow, '/sessions', {
        method: 'POST',
        body: { source: { user: owner, type: 'icloud.account', identifier }, payload: { password: 'right' } },
      });
    expect((await open('john@icloud.com')).status).toBe(201);
    expect((await open('john@icloud.com')).status).toBe(201);
    const refused = await open('jane@icloud.com');
    expect(refused).toMatchObject({ status: 400, json: { error: 'limit-exceeded' } });
    const sources = (await call(flow, '/sources')).json;
    expect(sources.data.map((s: { identifier: string }) => s.identifier)).toEqual(['john@icloud.com']);
  });
});

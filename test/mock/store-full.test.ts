/**
 * What a client makes past the store's bound is refused with nothing made: a session refused for want of room leaves
 * no source behind. The bound is `MAX_STORED`; here the sessions are full at 2.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockStore } from '../../src/mock/store';
import { flowServer } from '../support/flow-server';
import { call, configure, user } from './flow-support';

afterEach(() => {
  vi.restoreAllMocks();
});

const { flow } = flowServer('token-store-full');

describe('POST /sessions once the sessions are full', () => {
  it('is 400 limit-exceeded and makes no source of its own', async () => {
    vi.spyOn(MockStore.prototype, 'isFull').mockImplementation(function (this: MockStore, map) {
      return map === this.sessions && map.size >= 2;
    });
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

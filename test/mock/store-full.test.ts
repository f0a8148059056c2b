/**
 * What a client makes past the store's bound is refused with nothing made: a session refused for want of room leaves
 * no source behind. Ended sessions (expired, failed) and deleted subscriptions are forgotten, oldest first, to make
 * room, so a long-running mock keeps opening sessions. The bound is `MAX_STORED`; here the maps are full at 2.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockStore } from '../../src/mock/store';
import { flowServer } from '../support/flow-server';
import { call, configure, session, user } from './flow-support';

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
    // What frees room in process, and over HTTP where `reset()` is out of reach.
    expect(refused.json.message).toContain('`api.reset()`, or `POST /__mock/reset` to `ricloud mock`');
    const sources = (await call(flow, '/sources')).json;
    expect(sources.data.map((s: { identifier: string }) => s.identifier)).toEqual(['john@icloud.com']);
  });

  it('forgets the oldest ended session to make room, and keeps the ones still open', async () => {
    fullAt(2, (store) => store.sessions);
    await configure(flow);
    const owner = await user(flow);
    const open = (password: string) =>
      call(flow, '/sessions', {
        method: 'POST',
        body: { source: { user: owner, type: 'icloud.account', identifier: 'john@icloud.com' }, payload: { password } },
      });
    const failed = (await open('wrong')).json.id;
    const active = (await open('right')).json.id;
    await flow.settle();
    expect((await call(flow, `/sessions/${failed}`)).json.state).toBe('failed');
    const third = await open('right');
    expect(third.status).toBe(201);
    expect((await call(flow, `/sessions/${failed}`)).status).toBe(404);
    await call(flow, `/sessions/${active}`, { method: 'DELETE' });
    expect((await open('right')).status).toBe(201);
    expect((await call(flow, `/sessions/${active}`)).status).toBe(404);
    // Both left are open: the next is refused.
    await flow.settle();
    expect(await open('right')).toMatchObject({ status: 400, json: { error: 'limit-exceeded' } });
    expect((await call(flow, `/sessions/${third.json.id}`)).json.state).toBe('active');
  });
});

describe('POST /subscriptions once the subscriptions are full', () => {
  it('forgets the oldest deleted subscription to make room', async () => {
    fullAt(2, (store) => store.subscriptions);
    await configure(flow);
    const { id } = await session(flow);
    const body = { session: id, poll_payload: { info_types: ['account'] }, interval: 3600 };
    const subscribe = () => call(flow, '/subscriptions', { method: 'POST', body });
    const first = (await subscribe()).json.id;
    const second = (await subscribe()).json.id;
    expect(await subscribe()).toMatchObject({ status: 400, json: { error: 'limit-exceeded' } });
    await call(flow, `/subscriptions/${first}`, { method: 'DELETE' });
    expect((await subscribe()).status).toBe(201);
    expect((await call(flow, `/subscriptions/${first}`)).status).toBe(404);
    expect((await call(flow, `/subscriptions/${second}`)).json.state).not.toBe('deleted');
  });
});

/** Makes the map `of` the store full once it holds `size` items. */
function fullAt(size: number, of: (store: MockStore) => Map<string, unknown>): void {
  vi.spyOn(MockStore.prototype, 'isFull').mockImplementation(function (this: MockStore, map, adding = 1) {
    return map === of(this) && map.size + adding > size;
  });
}

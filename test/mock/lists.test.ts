/**
 * Every list endpoint of the mock, each a declaration over one implementation: its `url`, the filters it takes (and
 * only those), the bounds of its datetime filters and cursors, and the first pages resources nest.
 */
import { describe, expect, it } from 'vitest';
import { type Answer, pyMock } from './support';

const server = pyMock('token-lists');
const { call } = server;
const ids = (answer: Answer): string[] => answer.json.data.map(({ id }: { id: string }) => id);
/** Makes `count` webhook configs; their ids newest first, as lists give them. */
async function configs(count: number): Promise<string[]> {
  const made: string[] = [];
  for (let i = 0; i < count; i++)
    made.unshift(
      (await call('/configs/webhook', { method: 'POST', body: { url: `https://hooks.example.com/${i}` } })).json.id,
    );
  return made;
}

/** Each list's path and the filters it takes besides the date and cursor ones, with a value each accepts. */
const LISTS: [string, Record<string, string>][] = [
  ['/keys', { state: 'active' }],
  ['/permissions', {}],
  ['/configs/webhook', { state: 'valid' }],
  ['/configs/storage', { state: 'valid', type: 'gs' }],
  ['/users', { identifier: 'x', key: 'x', state: 'active' }],
  ['/sources', { user: 'x', identifier: 'x', type: 'x', parent: 'x', state: 'active' }],
  ['/sessions', { source: 'x', user: 'x', key: 'x', state: 'active' }],
  ['/polls', { session: 'x', subscription: 'x', requestor: 'x', source: 'x', user: 'x', state: 'completed' }],
  ['/subscriptions', { session: 'x', source: 'x', state: 'active' }],
  [
    '/tasks',
    {
      type: 'x',
      key: 'x',
      target: 'x',
      poll: 'x',
      session: 'x',
      source: 'x',
      source_type: 'x',
      user: 'x',
      state: 'failed',
    },
  ],
  ['/results', { poll: 'x', task: 'x', identifier: 'x', type: 'x', state: 'consumed' }],
  ['/events', { type: 'x', action: 'x', state: 'failed' }],
];

describe.each(LISTS)('GET %s', (path, filters) => {
  it('names its path as url, and takes each of its filters, a date range and a limit', async () => {
    const query = { ...filters, date_created__gte: '2020-01-01T00:00:00Z', limit: '5' };
    const answer = await call(path, { query });
    expect(answer).toMatchObject({ status: 200, json: { resource: 'list', url: path, has_more: false } });
  });

  it('refuses a filter it does not take with 400 invalid-parameter naming it', async () => {
    const unknown = 'state' in filters ? 'colour' : 'state';
    const answer = await call(path, { query: { [unknown]: 'active' } });
    expect(answer).toMatchObject({
      status: 400,
      json: { error: 'invalid-parameter', params: { [unknown]: [expect.any(String)] } },
    });
  });
});

describe('lists', () => {
  it('have no more when the page holds exactly the last item', async () => {
    await configs(2);
    expect((await call('/configs/webhook', { query: { limit: '2' } })).json).toMatchObject({
      has_more: false,
      total_count: 2,
    });
    expect((await call('/configs/webhook', { query: { limit: '1' } })).json).toMatchObject({
      has_more: true,
      total_count: 2,
    });
  });

  it('compare date_created by instant: equal, the bounds of gte and lte included, of gt and lt left out', async () => {
    const [newest, middle, oldest] = await configs(3);
    const { date_created: at } = (await call(`/configs/webhook/${middle}`)).json;
    const listed = async (op: string) => ids(await call('/configs/webhook', { query: { [`date_created${op}`]: at } }));
    expect(await listed('')).toEqual([middle]);
    expect(await listed('__gte')).toEqual([newest, middle]);
    expect(await listed('__lte')).toEqual([middle, oldest]);
    expect(await listed('__gt')).toEqual([newest]);
    expect(await listed('__lt')).toEqual([oldest]);
  });

  it('leave the cursor item out: before_id lists the newer items, after_id the older', async () => {
    const made = await configs(3);
    expect(ids(await call('/configs/webhook', { query: { before_id: made[1] as string } }))).toEqual([made[0]]);
    expect(ids(await call('/configs/webhook', { query: { after_id: made[1] as string } }))).toEqual([made[2]]);
  });

  it('read a repeated query parameter by its last value, as Django REST Framework does; the log keeps it', async () => {
    const [newest, middle, oldest] = await configs(3);
    await server.mock.api.settle();
    const listed = async (query: string) => ids(await call(`/configs/webhook?${query}`));
    expect(await listed('state=deactivated&state=valid')).toEqual([newest, middle, oldest]);
    expect(await listed('state=valid&state=deactivated')).toEqual([]);
    expect(await listed('limit=1&limit=2')).toEqual([newest, middle]);
    expect(await listed(`after_id=${oldest}&after_id=${newest}`)).toEqual([middle, oldest]);
    expect(await listed(`before_id=${newest}&before_id=${oldest}`)).toEqual([newest, middle]);
    expect(await listed('date_created__lt=2000-01-01&date_created__lt=2999-01-01')).toHaveLength(3);
    // A bad first value is not read: only the last is checked.
    expect(await listed('limit=0&limit=1')).toEqual([newest]);
    const logged = server.mock.api.requests.filter(({ method }) => method === 'GET').map(({ query }) => query);
    expect(logged[0]).toEqual({ state: 'valid' });
    expect(logged.at(-1)).toEqual({ limit: '1' });
  });
});

describe('a source', () => {
  it('nests the first page of its children, named by the source list filtered by parent', async () => {
    const user = (await call('/users', { method: 'POST', body: { identifier: 'lists@example.com' } })).json.id;
    const body = { user, type: 'icloud.account', identifier: 'lists@example.com' };
    const source = (await call('/sources', { method: 'POST', body })).json;
    expect(source.children).toEqual({
      resource: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/sources?parent=${source.id}`,
    });
  });
});

describe('an organisation', () => {
  it('nests the first page of its webhook and storage config lists, deactivated configs left out', async () => {
    const [kept, dropped] = await configs(2);
    const storage = async (bucket: string) =>
      (await call('/configs/storage', { method: 'POST', body: { url: `gs://${bucket}/x`, credentials: { k: 'v' } } }))
        .json.id;
    const bucket = await storage('bucket-a');
    const gone = await storage('bucket-b');
    await server.mock.api.settle();
    await call(`/configs/webhook/${dropped}`, { method: 'POST', body: { state: 'deactivated' } });
    await call(`/configs/storage/${gone}`, { method: 'POST', body: { state: 'deactivated' } });
    const { webhook_configs: webhooks, storage_configs: storages } = (await call('/organisation')).json;
    expect(webhooks).toMatchObject({ url: '/configs/webhook', total_count: 1, data: [{ id: kept }] });
    expect(webhooks.data[0]).not.toHaveProperty('secret');
    expect(storages).toMatchObject({ url: '/configs/storage', total_count: 1, data: [{ id: bucket }] });
    expect(JSON.stringify(storages)).not.toContain('"v"');
  });
});

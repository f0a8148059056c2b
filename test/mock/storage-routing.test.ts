/**
 * Where the mock stores a key's results: the key's storage_config when set, else the organisation's
 * storage_config_default, else its oldest valid storage config; a route that ends at a config that is not valid
 * refuses polls with `unconfigured` naming the storage config.
 */
import { describe, expect, it } from 'vitest';
import { call, configure, session } from './flow-support';
import { flowServer } from '../support/flow-server';

const { flow, mock } = flowServer('token-storage-routing');

/** A storage config at `url`, tested and valid. */
async function storageAt(url: string): Promise<string> {
  const created = await call(flow, '/configs/storage', {
    method: 'POST',
    body: { url, credentials: { private_key: 'k' } },
  });
  await flow.settle();
  return created.json.id;
}

/** Where the one result of a new poll of `sessionId` is stored: its url, less the poll's id and its own. */
async function resultUrl(sessionId: string): Promise<string> {
  const body = { session: sessionId, payload: { info_types: ['*'] } };
  const poll = await call(flow, '/polls', { method: 'POST', body });
  expect(poll.status).toBe(201);
  await flow.settle();
  const [result] = (await call(flow, '/results', { query: { poll: poll.json.id } })).json.data;
  const path = `${poll.json.id}/${result.id}`;
  expect(result.url.endsWith(path)).toBe(true);
  return result.url.slice(0, -path.length);
}

describe("a key's results", () => {
  it("go to the key's storage config when set, else the organisation's default, else its oldest valid one", async () => {
    await configure(flow, { storage: false });
    await storageAt('gs://oldest/r');
    const fallback = await storageAt('gs://default/r//');
    const own = await storageAt('gs://own/r/');
    const opened = await session(flow);
    expect(await resultUrl(opened.id)).toBe('gs://oldest/r/');

    await call(flow, '/organisation', { method: 'POST', body: { storage_config_default: fallback } });
    expect(await resultUrl(opened.id)).toBe('gs://default/r/');

    const key = (await call(flow, '/key')).json;
    await call(flow, `/keys/${key.id}`, { method: 'POST', body: { storage_config: own } });
    expect(await resultUrl(opened.id)).toBe('gs://own/r/');
  });

  it('refuse polls when the route ends at a storage config that is not valid, though another is', async () => {
    await configure(flow, { storage: false });
    await storageAt('gs://valid/r');
    const broken = await storageAt('gs://broken/r');
    await call(flow, `/configs/storage/${broken}`, { method: 'POST', body: { state: 'deactivated' } });
    const opened = await session(flow);
    const body = { session: opened.id, payload: { info_types: ['*'] } };
    expect((await call(flow, '/polls', { method: 'POST', body })).status).toBe(201);

    await call(flow, '/organisation', { method: 'POST', body: { storage_config_default: broken } });
    const refused = await call(flow, '/polls', { method: 'POST', body });
    expect(refused).toMatchObject({ status: 400, json: { error: 'unconfigured' } });
    expect(refused.json.message).toContain('no valid storage config');

    await call(flow, '/organisation', { method: 'POST', body: { storage_config_default: null } });
    const key = (await call(flow, '/key')).json;
    await call(flow, `/keys/${key.id}`, { method: 'POST', body: { storage_config: broken } });
    expect((await call(flow, '/polls', { method: 'POST', body })).json).toMatchObject({ error: 'unconfigured' });
    expect(mock().api.created.poll).toBe(1);
  });
});

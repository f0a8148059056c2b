/**
 * Where the mock stores a key's results: the key's storage_config when set, else the organisation's
 * storage_config_default, else its oldest valid storage config; a route that ends at a config that is not valid
 * refuses polls with `unconfigured` naming the storage config. A result has a signed_url only when that config has
 * signed_urls_enabled.
 */
import { describe, expect, it } from 'vitest';
import { call, configure, session } from './flow-support';
import { flowServer } from '../support/flow-server';

const { flow, mock } = flowServer('token-storage-routing');

/** A storage config at `url` (with `fields`), tested and valid. */
async function storageAt(url: string, fields: Record<string, unknown> = {}): Promise<string> {
  const created = await call(flow, '/configs/storage', {
    method: 'POST',
    body: { url, credentials: { private_key: 'k' }, ...fields },
  });
  await flow.settle();
  return created.json.id;
}

/** The one result of a new poll of `sessionId`, once published. */
async function newResult(sessionId: string) {
  const body = { session: sessionId, payload: { info_types: ['*'] } };
  const poll = await call(flow, '/polls', { method: 'POST', body });
  expect(poll.status).toBe(201);
  await flow.settle();
  const [result] = (await call(flow, '/results', { query: { poll: poll.json.id } })).json.data;
  return result;
}

/** Where the one result of a new poll of `sessionId` is stored: its url, less the poll's id and its own. */
async function resultUrl(sessionId: string): Promise<string> {
  const result = await newResult(sessionId);
  const path = `${result.poll}/${result.id}`;
  expect(result.url.endsWith(path)).toBe(true);
  return result.url.slice(0, -path.length);
}

describe("a key's results", () => {
  it("go to the key's storage config if set, else the organisation's default, else its oldest valid one", async () => {
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

  it("have a signed_url only if their storage config signs URLs: off by default, the key's own first", async () => {
    await configure(flow, { storage: false });
    const unsigned = await storageAt('gs://unsigned/r');
    expect((await call(flow, `/configs/storage/${unsigned}`)).json.signed_urls_enabled).toBe(false);
    const signing = await storageAt('gs://signing/r', { signed_urls_enabled: true });
    const opened = await session(flow);
    await call(flow, '/organisation', { method: 'POST', body: { storage_config_default: unsigned } });
    expect(await newResult(opened.id)).toMatchObject({
      url: expect.stringMatching(/^gs:\/\/unsigned\//),
      signed_url: null,
    });

    await call(flow, '/organisation', { method: 'POST', body: { storage_config_default: signing } });
    const signed = await newResult(opened.id);
    expect(signed.signed_url).toMatchObject({ url: expect.any(String), date_expires: expect.any(String) });
    expect((await fetch(signed.signed_url.url)).status).toBe(200);

    const key = (await call(flow, '/key')).json;
    await call(flow, `/keys/${key.id}`, { method: 'POST', body: { storage_config: unsigned } });
    const own = await newResult(opened.id);
    expect(own).toMatchObject({ url: expect.stringMatching(/^gs:\/\/unsigned\//), signed_url: null });

    // Signing is decided when a result is published: turning it on signs later results, not those already made.
    await call(flow, `/configs/storage/${unsigned}`, { method: 'POST', body: { signed_urls_enabled: true } });
    expect((await newResult(opened.id)).signed_url).toMatchObject({ url: expect.any(String) });
    expect((await call(flow, `/results/${own.id}`)).json.signed_url).toBeNull();
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

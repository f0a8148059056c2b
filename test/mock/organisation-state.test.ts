/**
 * An organisation is `active` while one of its own webhook configs and one of its own storage configs are `valid`,
 * else `unconfigured`: another organisation's valid config does not count, nor does its own once it is deactivated.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../src/mock/index';
import { py, startReceiver } from './support';

const ACME = 'token-acme';
const OTHER = 'token-other';
let mock: MockServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  mock = await startMockServer({ taskDelay: 1, tokens: { [ACME]: 'org_acme', [OTHER]: 'org_other' } });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
});
afterAll(async () => {
  await mock.close();
  await receiver.close();
});

/** The organisation's state as `token`'s key sees it. */
const stateOf = async (token: string) => (await py(mock.url, token, '/organisation')).json.state;

/** Gives `token`'s organisation a storage config, valid once its test has run. */
const storage = (token: string) =>
  py(mock.url, token, '/configs/storage', {
    method: 'POST',
    body: { url: 'gs://results-bucket/ricloud', credentials: { private_key: 'k' } },
  });

describe("an organisation's state", () => {
  it('stays unconfigured with a valid webhook config until a storage config is valid: sessions need both', async () => {
    await py(mock.url, ACME, '/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/acme` } });
    await mock.api.settle();
    expect(await stateOf(ACME)).toBe('unconfigured');
    await storage(ACME);
    await mock.api.settle();
    expect(await stateOf(ACME)).toBe('active');
  });

  it("is not made active by another organisation's valid configs", async () => {
    await storage(OTHER);
    await storage(ACME);
    await py(mock.url, OTHER, '/configs/webhook', { method: 'POST', body: { url: `${receiver.url}/other` } });
    await mock.api.settle();
    expect(await stateOf(OTHER)).toBe('active');
    expect(await stateOf(ACME)).toBe('unconfigured');
  });

  it('goes back to unconfigured when its one valid config is deactivated', async () => {
    await storage(ACME);
    const created = await py(mock.url, ACME, '/configs/webhook', {
      method: 'POST',
      body: { url: `${receiver.url}/acme` },
    });
    await mock.api.settle();
    expect(await stateOf(ACME)).toBe('active');
    const body = { state: 'deactivated' };
    expect((await py(mock.url, ACME, `/configs/webhook/${created.json.id}`, { method: 'POST', body })).status).toBe(
      200,
    );
    expect(await stateOf(ACME)).toBe('unconfigured');
  });
});

/**
 * What the data flow refuses: an organisation whose key has no valid webhook or storage config on its route
 * (`unconfigured`), data types its `data_type:` scopes do not allow (`missing-scope`), and mock options that are not
 * numbers a timer or a size can take.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index';
import { createMockApi, startMockServer } from '../../src/mock/index';
import { call, configure, session, user } from './flow-support';
import { flowServer } from '../support/flow-server';

const { rec, flow, mock } = flowServer('token-refusals');

const sessionBody = async () => ({
  source: { user: await user(flow), type: 'icloud.account', identifier: 'john@icloud.com' },
  payload: { password: 'right' },
});

describe('an organisation that is not configured', () => {
  it.each([
    ['no webhook config', { webhook: false }, /valid webhook config/],
    ['a webhook config but no storage config', { storage: false }, /valid storage config/],
  ])('with %s cannot start a session: 400 unconfigured naming what is missing', async (_, parts, message) => {
    await configure(flow, parts);
    const refused = await call(flow, '/sessions', { method: 'POST', body: await sessionBody() });
    expect(refused).toMatchObject({
      status: 400,
      json: { error: 'unconfigured', message: expect.stringMatching(message) },
    });
    expect(mock().api.created).toMatchObject({ session: 0, source: 0 });
  });

  it('cannot start a session when its storage config failed its test', async () => {
    const failing = await startMockServer({ taskDelay: 1, storageTest: 'fail', deliver: rec.deliver });
    try {
      const flow = { base: failing.url, token: 't', settle: () => failing.api.settle() };
      await configure(flow);
      const body = {
        source: { user: await user(flow), type: 'icloud.account', identifier: 'j' },
        payload: { password: 'p' },
      };
      expect((await call(flow, '/sessions', { method: 'POST', body })).json.error).toBe('unconfigured');
    } finally {
      await failing.close();
    }
  });

  it('cannot start a poll once its webhook config is gone, nor when its key points at a config not valid', async () => {
    await configure(flow);
    const opened = await session(flow);
    const body = { session: opened.id, payload: { info_types: ['*'] } };
    const [config] = (await call(flow, '/configs/webhook')).json.data;
    await call(flow, `/configs/webhook/${config.id}`, { method: 'DELETE' });
    expect((await call(flow, '/polls', { method: 'POST', body })).json).toMatchObject({ error: 'unconfigured' });

    await configure(flow, { storage: false });
    expect((await call(flow, '/polls', { method: 'POST', body })).status).toBe(201);
    const broken = await call(flow, '/configs/webhook', { method: 'POST', body: { url: 'https://other.example.com' } });
    await call(flow, `/configs/webhook/${broken.json.id}`, { method: 'POST', body: { state: 'deactivated' } });
    const key = (await call(flow, '/key')).json;
    await call(flow, `/keys/${key.id}`, { method: 'POST', body: { webhook_config: broken.json.id } });
    expect((await call(flow, '/polls', { method: 'POST', body })).json).toMatchObject({ error: 'unconfigured' });
    expect(mock().api.created.poll).toBe(1);
  });
});

describe("the organisation's data_type scopes", () => {
  it('refuse an unallowed type in a poll or subscription: 403 missing-scope naming it; allow matches', async () => {
    await configure(flow);
    const opened = await session(flow);
    const scopes = { 'data_type:ios_messages.*': [], 'source_type:icloud.account': [] };
    await call(flow, '/permissions', { method: 'POST', body: { scopes } });
    const payload = { data_types: ['ios_messages.messages', 'ios_photos.photos'] };
    const refused = await call(flow, '/polls', { method: 'POST', body: { session: opened.id, payload } });
    expect(refused).toMatchObject({
      status: 403,
      json: { error: 'missing-scope', message: expect.stringContaining('ios_photos.photos') },
    });
    expect(refused.json.params['payload.data_types'][0]).toContain('ios_photos.photos');
    const subscription = { session: opened.id, poll_payload: payload, interval: 3600 };
    expect((await call(flow, '/subscriptions', { method: 'POST', body: subscription })).status).toBe(403);
    const allowed = { session: opened.id, payload: { data_types: ['ios_messages.messages'], info_types: ['*'] } };
    expect((await call(flow, '/polls', { method: 'POST', body: allowed })).status).toBe(201);
    expect(mock().api.created).toMatchObject({ poll: 1, subscription: 0 });
  });

  it('match a data type against many wildcards at once, without hanging the mock', async () => {
    await configure(flow);
    const opened = await session(flow);
    // A backtracking match (a RegExp of `.*a.*a…`) of this pattern against this name blocks the mock for a minute.
    const scopes = { [`data_type:${'*a'.repeat(11)}*b`]: [] };
    await call(flow, '/permissions', { method: 'POST', body: { scopes } });
    const refused = { session: opened.id, payload: { data_types: ['a'.repeat(40)] } };
    expect((await call(flow, '/polls', { method: 'POST', body: refused })).status).toBe(403);
    const allowed = { session: opened.id, payload: { data_types: [`${'a'.repeat(40)}b`] } };
    expect((await call(flow, '/polls', { method: 'POST', body: allowed })).status).toBe(201);
  });

  it('allow every data type while no permissions name a data_type scope', async () => {
    await configure(flow);
    const opened = await session(flow);
    await call(flow, '/permissions', { method: 'POST', body: { scopes: { 'source_type:icloud.*': [] } } });
    const body = { session: opened.id, payload: { data_types: ['anything.at_all'] } };
    expect((await call(flow, '/polls', { method: 'POST', body })).status).toBe(201);
  });
});

describe('the options of the data flow', () => {
  it.each([
    ['sessionLifetime', 0],
    ['resultLifetime', Number.POSITIVE_INFINITY],
    ['resultSize', 1.5],
    ['resultSize', -1],
    ['intervalScale', 0],
  ])('refuse %s = %s with InvalidInputError naming it', (name, value) => {
    expect(() => createMockApi({ [name]: value })).toThrow(InvalidInputError);
    expect(() => createMockApi({ [name]: value })).toThrow(`options.${name}`);
  });
});

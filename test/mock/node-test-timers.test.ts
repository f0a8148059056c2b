/**
 * An app's tests on node:test's fake clock (`mock.timers`), which, unlike vitest's and Jest's, also replaces the
 * timers of `node:timers`: the in-process mock still answers each request at once, while its config tests move only
 * as the test ticks the clock.
 */
import { mock } from 'node:test';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../src/index';
import { createMockApi } from '../../src/mock/index';

const taskDelay = 10;
const api = createMockApi({ taskDelay, deliver: async () => new Response('OK') });
const msw = setupServer(...api.handlers);
const client = new Client({ token: 'app-token', baseUrl: api.baseUrl, logLevel: 'off' });

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  // The SDK loads its request engine with the first request, on the real clock.
  await client.organisation.retrieve();
});
afterEach(() => {
  mock.timers.reset();
  api.reset();
});
afterAll(() => msw.close());

describe('the in-process mock on node:test’s fake clock', () => {
  it('answers without the clock moving, and runs a config test only as the clock is ticked', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const config = await client.webhookConfigs.create({ url: 'https://app.test/hooks' });
    expect(config.state).toBe('new');
    mock.timers.tick(taskDelay);
    expect((await client.webhookConfigs.retrieve(config.id)).state).toBe('new');
    mock.timers.tick(taskDelay);
    await api.settle();
    expect((await client.webhookConfigs.retrieve(config.id)).state).toBe('valid');
  });
});

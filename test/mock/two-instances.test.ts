/**
 * Two `createMockApi` instances in one process, behind one msw server, share no state: what one holds, counts and
 * logs the other does not, and resetting one abandons none of the other's queued work.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../src/index';
import { createMockApi } from '../../src/mock/index';
import { TOKEN_A } from '../support/core-harness';

const deliver = async () => new Response('OK');
const first = createMockApi({ baseUrl: 'https://first.mock.test', taskDelay: 1, deliver });
const second = createMockApi({ baseUrl: 'https://second.mock.test', taskDelay: 1, deliver });
const msw = setupServer(...first.handlers, ...second.handlers);

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  first.reset();
  second.reset();
  msw.close();
});

describe('two mocks in one process', () => {
  it('hold, count and log apart, and a reset of one leaves the other its queued config test', async () => {
    const client = new Client({ token: TOKEN_A, baseUrl: first.baseUrl, logLevel: 'off' });
    const config = await client.webhookConfigs.create({ url: 'https://hooks.example.test/in' });
    second.reset();
    await first.settle();
    expect(first.store.webhookConfigs().map((c) => [c.id, c.state])).toEqual([[config.id, 'valid']]);
    expect(first.created.webhook_config).toBe(1);
    expect(first.requests.length).toBeGreaterThan(0);
    expect(second.store.webhookConfigs()).toEqual([]);
    expect(second.store.organisations()).toEqual([]);
    expect(second.created.webhook_config).toBe(0);
    expect(second.requests).toEqual([]);
  });
});

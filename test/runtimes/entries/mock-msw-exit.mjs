/** `ricloud/mock` in process under msw's `setupServer`, as a user's tests run it: the runtime must exit by itself. */
import { setupServer } from 'msw/node';
import * as ricloud from 'ricloud';
import { createMockApi } from 'ricloud/mock';

const api = createMockApi({ deliver: async () => new Response('OK'), taskDelay: 1 });
const server = setupServer(...api.handlers);
server.listen({ onUnhandledRequest: 'error' });
const client = new ricloud.Client({ token: 'runtimes', baseUrl: api.baseUrl });
const config = await client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
await api.settle();
await config.refresh();
server.close();
const check = 'mock with msw/node';
const result =
  config.state === 'valid'
    ? { passed: [check], failed: [] }
    : { passed: [], failed: [{ check, error: `config ${config.state}` }] };
console.log(`RESULT ${JSON.stringify(result)}`);

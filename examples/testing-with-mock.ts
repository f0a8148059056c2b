// The README's "Testing your app with the mock" section, as it runs (a vitest or jest file looks the same).
import { setupServer } from 'msw/node';
import { Client } from 'ricloud';
import { createMockApi } from 'ricloud/mock';

// The mock answers for the SDK's default base URL. Deliveries go to `deliver` (here: accept everything).
const api = createMockApi({ deliver: async () => new Response('OK'), taskDelay: 5 });
const server = setupServer(...api.handlers);
server.listen({ onUnhandledRequest: 'error' });

const client = new Client({ token: 'test-token', baseUrl: api.baseUrl });
const cfg = await client.webhookConfigs.create({ url: 'https://my-app.test/webhooks' });
await api.settle(); // the automatic test task has run and delivered its signed event
await cfg.refresh();
console.log(cfg.state); // "valid"

// Make the next create fail as a flaky network would, and see that it is not sent twice.
api.faults.add({ method: 'POST', path: '/configs/webhook', reset: 'after' });
const error = await client.webhookConfigs.create({ url: 'https://my-app.test/other' }).catch((e) => e);
console.log(error.name, error.mayHaveSucceeded, api.created.webhook_config); // ConnectionError true 2

server.close();

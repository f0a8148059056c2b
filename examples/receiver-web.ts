/**
 * A Web-standard webhook receiver, `(Request) => Promise<Response>`, as Next.js, Hono, Bun or Deno would mount it.
 * Here the mock API delivers straight into it: its signed `webhook_config.test` event is verified, answered 200, and
 * the config becomes `valid`.
 * Run: npx tsx examples/receiver-web.ts  (exits 0 once the config is valid, 1 otherwise)
 */
import { Client, type WebhookConfig } from 'ricloud';
import { startMockServer } from 'ricloud/mock';
import { createWebhookHandler } from 'ricloud/webhooks';

// The secret exists once `create` has answered; the handler waits for it.
let config: Promise<WebhookConfig> | undefined;
const handler = createWebhookHandler({
  secret: async () => (await config)?.secret ?? [],
  on: {
    'webhook_config.test': (event) => console.log(`received webhook_config.test for ${event.data.id} (${event.data.url})`),
  },
  onError: (error) => console.error(`refused a delivery: ${String(error)}`),
});

// The handler is the mock's `deliver`, as it is: no glue.
const mock = await startMockServer({ deliver: handler });
const client = new Client({ token: 'tok_example', baseUrl: mock.url });

try {
  config = client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
  const created = await config;
  console.log(`created webhook config ${created.id}: ${created.state}`);
  await mock.api.settle();
  await created.refresh();
  console.log(`webhook config ${created.id} is ${created.state}`);
  process.exitCode = created.state === 'valid' ? 0 : 1;
} finally {
  await mock.close();
}

/**
 * A webhook receiver on Node's `http`, tested by the mock API: the mock delivers its signed `webhook_config.test`
 * event over real HTTP, the receiver verifies it and answers 200, and the config becomes `valid`.
 * Run: npx tsx examples/receiver-node.ts  (exits 0 once the config is valid, 1 otherwise)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, type WebhookConfig } from 'ricloud';
import { startMockServer } from 'ricloud/mock';
import { createWebhookHandler, toNodeHandler } from 'ricloud/webhooks';

const mock = await startMockServer();
const client = new Client({ token: 'tok_example', baseUrl: mock.url });

// The config, and so its secret, is created after the receiver is up: the receiver asks for the secret per delivery.
let config: Promise<WebhookConfig> | undefined;
const webhookSecret = async () => (await config)?.secret ?? [];

const handler = createWebhookHandler({
  secret: webhookSecret,
  on: {
    'webhook_config.test': (event) =>
      console.log(`received webhook_config.test for ${event.data.id} (${event.data.url})`),
  },
  onError: (error) => console.error(`refused a delivery: ${String(error)}`),
});
const receiver = createServer(toNodeHandler(handler)).listen(0, '127.0.0.1');

await new Promise((resolve) => receiver.once('listening', resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
console.log(`receiver listening on ${url}`);

try {
  config = client.webhookConfigs.create({ url });
  const created = await config;
  console.log(`created webhook config ${created.id}: ${created.state}`);
  await mock.api.settle();
  await created.refresh();
  console.log(`webhook config ${created.id} is ${created.state}`);
  process.exitCode = created.state === 'valid' ? 0 : 1;
} finally {
  receiver.closeAllConnections();
  receiver.close();
  await mock.close();
}

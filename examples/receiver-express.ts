/**
 * A webhook receiver in Express, tested by the mock API over real HTTP. The receiver is mounted before
 * `express.json()`, so it reads the raw bytes the signature covers; the config becomes `valid`.
 * Run: npx tsx examples/receiver-express.ts  (exits 0 once the config is valid, 1 otherwise)
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client, type WebhookConfig } from 'ricloud';
import { startMockServer } from 'ricloud/mock';
import { createWebhookHandler, toNodeHandler } from 'ricloud/webhooks';

const mock = await startMockServer();
const client = new Client({ token: 'tok_example', baseUrl: mock.url });

// The config, and so its secret, is created after the receiver is up: the receiver asks for the secret per delivery.
let config: Promise<WebhookConfig> | undefined;
const webhookSecret = async () => (await config)?.secret ?? [];

const app = express();
const receiver = createWebhookHandler({
  secret: webhookSecret, // the config's `secret`, or a function that gives it
  on: {
    'webhook_config.test': (event) =>
      console.log(`received webhook_config.test for ${event.data.id} (${event.data.url})`),
  },
});
app.post('/webhooks/:eventId', toNodeHandler(receiver)); // before express.json(): it reads the raw body itself
app.use(express.json()); // the rest of the app

const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
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
  server.closeAllConnections();
  server.close();
  await mock.close();
}

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

// The secret exists once `create` has answered; the handler waits for it.
let config: Promise<WebhookConfig> | undefined;
const app = express();
app.post(
  '/webhooks/:eventId',
  toNodeHandler(
    createWebhookHandler({
      secret: async () => (await config)?.secret ?? [],
      on: {
        'webhook_config.test': (event) => console.log(`received webhook_config.test for ${event.data.id} (${event.data.url})`),
      },
      onError: (error) => console.error(`refused a delivery: ${String(error)}`),
    }),
  ),
);
app.use(express.json()); // the rest of the app parses JSON as usual

const receiver = app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => receiver.once('listening', resolve));
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

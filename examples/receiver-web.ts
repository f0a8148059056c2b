/**
 * A Web-standard webhook receiver, `(Request) => Promise<Response>`: a Next.js route's `POST`, the `fetch` of Hono,
 * Bun and Deno, or a Cloudflare Worker's with its `ctx`. Here the mock API delivers its signed `webhook_config.test`
 * event straight into it; the receiver verifies it and answers 200, and the config becomes `valid`.
 * Run: npx tsx examples/receiver-web.ts  (exits 0 once the config is valid, 1 otherwise)
 */
import { Client, type WebhookConfig } from 'ricloud';
import { startMockServer } from 'ricloud/mock';
import { createWebhookHandler, type PlatformContext } from 'ricloud/webhooks';

// The config, and so its secret, is created after the receiver is up: the receiver asks for the secret per delivery.
let config: Promise<WebhookConfig> | undefined;
const webhookSecret = async () => (await config)?.secret ?? [];

// app/webhooks/[eventId]/route.ts
export const POST = createWebhookHandler({
  secret: webhookSecret, // the config's `secret`, or a function that gives it
  on: {
    'webhook_config.test': (event) =>
      console.log(`received webhook_config.test for ${event.data.id} (${event.data.url})`),
    'task.failed': (event) => console.log(`task ${event.data.id} failed: ${event.data.error}`),
  },
  onError: (error) => console.error(`refused a delivery: ${String(error)}`),
});

// A Cloudflare Worker: the receiver is made once, at module scope, and `ctx` comes with each request. Its waitUntil
// keeps alive what outlives the answer: a handler past handlerTimeout, a late onError or replay store.
export default {
  fetch: (request: Request, _env: unknown, ctx: PlatformContext) => POST(request, ctx),
};

// The handler is the mock's `deliver`, as it is.
const mock = await startMockServer({ deliver: POST });
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

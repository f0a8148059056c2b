/**
 * `npm run demo`: the whole webhook-config lifecycle with the SDK, against the embedded mock API and a local
 * receiver that verifies every delivery's signature; then routing: the organisation's default config, and a key that
 * overrides it. Exits 0 and leaves nothing running.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, type WebhookConfig } from 'ricloud';
import { startMockServer } from 'ricloud/mock';
import { SIGNATURE_HEADER, verifySignature } from 'ricloud/webhooks';

const step = (text: string) => console.log(`• ${text}`);
const show = (cfg: WebhookConfig) => `${cfg.id.slice(0, 8)}… ${cfg.state.padEnd(11)} ${cfg.url}`;

const mock = await startMockServer();
const secrets = new Map<string, string>(); // config URL path → secret, as a real receiver would keep them
const received: string[] = []; // the config path of each verified delivery
let verified = 0;

// A receiver: reads the raw body, finds the config's secret, verifies, answers 200 (or 400 when verification fails).
const receiver = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    const event = JSON.parse(raw) as { id: string; type: string; action: string };
    // Deliveries go to <config url>/<event id>: the path without its last segment names the config.
    const path = (req.url ?? '').split('/').slice(0, -1).join('/');
    await verifySignature(raw, req.headers[SIGNATURE_HEADER.toLowerCase()] as string, secrets.get(path) ?? '-');
    verified++;
    received.push(path);
    step(`receiver: verified ${event.type}.${event.action} event ${event.id.slice(0, 8)}… on ${path}/…`);
    res.writeHead(200).end('OK');
  } catch (error) {
    step(`receiver: refused a delivery (${(error as Error).message})`);
    res.writeHead(400).end();
  }
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;

try {
  console.log(`ricloud demo: mock API at ${mock.url}, receiver at ${receiverUrl}\n`);
  const client = new Client({ token: 'demo-token', baseUrl: mock.url });

  const cfg = await client.webhookConfigs.create({ url: receiverUrl });
  secrets.set('/webhooks', cfg.secret ?? '');
  step(`created     ${show(cfg)}  (secret received, ${cfg.secret?.length} characters, not printed)`);

  const [firstTest] = (await client.tasks.list({ type: 'webhook_config.test', limit: 1 })).data;
  await firstTest?.wait({ timeout: 15_000 });
  await cfg.refresh();
  step(`auto-tested ${show(cfg)}  (task ${firstTest?.state})`);

  const second = await client.webhookConfigs.create({ url: `${receiverUrl}/second` });
  secrets.set('/webhooks/second', second.secret ?? '');
  const page = await client.webhookConfigs.list();
  step(`listed      ${page.total_count} configs: ${page.data.map((c) => c.id.slice(0, 8)).join(', ')}`);

  const task = await cfg.test();
  step(`test        task ${task.id.slice(0, 8)}… ${task.state}`);
  await task.wait({ timeout: 15_000 });
  const polls = mock.api.requests.filter((r) => r.path === `/tasks/${task.id}`).length;
  step(`waited      task ${task.id.slice(0, 8)}… ${task.state} after ${polls} long-poll request(s) (Ricloud-Await)`);

  secrets.set('/webhooks/v2', cfg.secret ?? '');
  await cfg.update({ url: `${receiverUrl}/v2` });
  step(`updated     ${show(cfg)}  (a new test is queued)`);
  await mock.api.settle();
  await cfg.refresh();
  step(`re-tested   ${show(cfg)}`);

  // Routing: a key's events go to its own config when it names one, else to the organisation's default.
  const org = await client.organisation.update({ webhook_config_default: second });
  step(`org default ${org.id}: events of keys without their own config go to ${second.url.replace(receiverUrl, '…')}`);
  const devKey = await client.keys.create({ webhook_config: cfg });
  step(`key         ${devKey.id.slice(0, 8)}… overrides it: its events go to ${cfg.url.replace(receiverUrl, '…')}`);
  const devClient = client.withOptions({ token: devKey.token ?? '' });
  received.length = 0;
  // A storage config test ends with a task event, routed for the key that started it.
  const credentials = { type: 'service_account', private_key: '(demo)' };
  await client.storageConfigs.create({ url: 'gs://demo-results/main', credentials });
  await devClient.storageConfigs.create({ url: 'gs://demo-results/dev', credentials });
  await mock.api.settle();
  const arrived = (path: string) => received.filter((p) => p.endsWith(path)).length;
  step(
    `routed      default key → ${arrived('/second')} event(s) on …/second, override key → ${arrived('/v2')} on …/v2`,
  );
  if (received.length !== 2 || received[0] === received[1]) throw new Error('routing did not go as expected');
  await devKey.update({ webhook_config: null });

  await cfg.update({ state: 'deactivated' });
  step(`deactivated ${show(cfg)}`);

  const active = await client.webhookConfigs.list();
  const deactivated = await client.webhookConfigs.list({ state: 'deactivated' });
  step(`list        ${active.total_count} without a state filter, ${deactivated.total_count} with state=deactivated`);

  const events = await client.events.list({ type: 'webhook_config', action: 'test' });
  step(`events      ${events.total_count} test deliveries recorded, ${verified} verified by the receiver`);
  if (cfg.state !== 'deactivated' || firstTest?.state !== 'succeeded' || verified < 5)
    throw new Error('the lifecycle did not go as expected');
  console.log('\ndone: the config went new → valid → new → valid → deactivated');
} finally {
  await mock.api.settle();
  await mock.close();
  await new Promise((resolve) => receiver.close(resolve));
}

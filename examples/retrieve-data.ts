/**
 * The whole data flow of ricloud-py's samples, against the embedded mock: a user, a session on an iCloud account, a
 * poll of three data types, their results downloaded (checked against size and MD5 as they stream) and acknowledged.
 * A webhook receiver verifies every event on the way.
 * Run: npx tsx examples/retrieve-data.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Result, type WebhookConfig } from 'ricloud';
import { startMockServer } from 'ricloud/mock';
import { downloadToFile } from 'ricloud/node';
import { createWebhookHandler } from 'ricloud/webhooks';

// The receiver: every delivery is verified with the webhook config's secret before its handler runs.
let config: Promise<WebhookConfig> | undefined;
const received = new Set<string>();
const receiver = createWebhookHandler({
  secret: async () => (await config)?.secret ?? [],
  onAny: (event) => received.add(`${event.type}.${event.action}`),
});

// The mock delivers its events straight into the receiver.
const mock = await startMockServer({ deliver: receiver });
const client = new Client({ token: 'tok_example', baseUrl: mock.url });
const folder = await mkdtemp(join(tmpdir(), 'ricloud-results-'));

try {
  // An organisation needs a webhook config (for events) and a storage config (for results) before its first session.
  config = client.webhookConfigs.create({ url: 'https://example.com/ricloud/webhooks' });
  await client.storageConfigs.create({ url: 'gs://example-bucket/ricloud', credentials: { type: 'service_account' } });
  await mock.api.settle(); // both tested

  const user = await client.users.create({ identifier: 'customer-42' });
  const session = await client.sessions.create({
    source: { user, type: 'icloud.account', identifier: 'john.appleseed@example.com' },
    payload: { password: 'correct horse battery staple' },
  });
  await session.wait();
  console.log(`session ${session.state}`);

  const poll = await client.polls.create({
    session,
    payload: { data_types: ['ios_messages.messages', 'ios_photos.photos', 'ios_contacts.contacts'] },
  });
  await poll.wait();
  console.log(`poll ${poll.state}: ${poll.tasks_succeeded?.length} tasks succeeded`);

  const downloaded: Result[] = [];
  for await (const result of client.results.list({ poll })) {
    await downloadToFile(result, join(folder, result.id)); // throws on a size or checksum mismatch
    console.log(`downloaded ${result.identifier}: ${result.size} bytes, MD5 ${result.checksum}`);
    downloaded.push(result);
  }
  const acknowledged = await client.results.acknowledge(downloaded);
  console.log(`acknowledged: ${acknowledged.map((result) => result.state).join(', ')}`);

  await mock.api.settle(); // every event delivered
  console.log(`events verified: ${[...received].sort().join(', ')}`);
} finally {
  await rm(folder, { recursive: true, force: true });
  await mock.close();
}

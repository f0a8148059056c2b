/**
 * The whole data flow of ricloud-py's samples (`poll download --cascade`), against the embedded mock: a user, a session
 * on an iCloud account, a poll of two data types, their JSON results read, a poll of the files they name, those files
 * downloaded (checked against size and MD5 as they stream), and every result acknowledged. A webhook receiver verifies
 * every event on the way.
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

/** A data type's JSON result: its items, some naming files. */
interface DataDocument {
  data: { file?: { id: string }; files?: { id: string }[]; attachments?: { file_id: string }[] }[];
}

/** The files a data result names, as ricloud-py's cascade reads them (the first variant of `files`). */
const fileIds = (document: DataDocument): string[] =>
  document.data.flatMap((item) =>
    item.files?.[0] ? [item.files[0].id] : item.file ? [item.file.id] : (item.attachments ?? []).map((a) => a.file_id),
  );

// The mock delivers its events straight into the receiver.
const mock = await startMockServer({ deliver: receiver });
const client = new Client({ token: 'tok_example', baseUrl: mock.url });
const folder = await mkdtemp(join(tmpdir(), 'ricloud-results-'));

try {
  // An organisation needs a webhook config (for events) and a storage config (for results) before its first session;
  // results have a signed_url to download from only when the storage config signs URLs (off by default).
  config = client.webhookConfigs.create({ url: 'https://example.com/ricloud/webhooks' });
  await client.storageConfigs.create({
    url: 'gs://example-bucket/ricloud',
    credentials: { type: 'service_account' },
    signed_urls_enabled: true,
  });
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
    payload: { data_types: ['ios_messages.messages', 'ios_photos.photos'] },
  });
  await poll.wait();
  console.log(`poll ${poll.state}: ${poll.tasks_succeeded?.length} tasks succeeded`);

  // Each data type's result is a JSON document whose items name files; a second poll fetches those files.
  const done: Result[] = [];
  const files: string[] = [];
  for await (const result of client.results.list({ poll })) {
    const named = fileIds((await result.json()) as DataDocument); // checked against size and MD5 too
    console.log(`read ${result.identifier}: ${named.length} files named`);
    files.push(...named);
    done.push(result);
  }
  const filePoll = await client.polls.create({ session, payload: { files } });
  await filePoll.wait();
  for await (const result of client.results.list({ poll: filePoll })) {
    await downloadToFile(result, join(folder, result.id)); // throws on a size or checksum mismatch
    console.log(`downloaded ${result.identifier}: ${result.size} bytes, MD5 ${result.checksum}`);
    done.push(result);
  }
  const acknowledged = await client.results.acknowledge(done);
  const states = new Set(acknowledged.map((result) => result.state));
  console.log(`acknowledged ${acknowledged.length} results: ${[...states].join(', ')}`);

  await mock.api.settle(); // every event delivered
  console.log(`events verified: ${[...received].sort().join(', ')}`);
} finally {
  await rm(folder, { recursive: true, force: true });
  await mock.close();
}

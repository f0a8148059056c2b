// The README's "Lists and pagination" section, and the loop in docs/client.md's, as they run.
import { Event, WebhookConfig } from 'ricloud';

for (const name of ['a', 'b', 'c']) await WebhookConfig.create({ url: `https://hooks.example.com/${name}` });

// Datetime filters take a Date or an ISO string, or a range: sent as date_created__gte=… and so on.
const lastWeek = new Date(Date.now() - 7 * 24 * 3600 * 1000);
const recent = await WebhookConfig.list({ date_created: { gte: lastWeek, lt: '2100-01-01' }, limit: 2 });
console.log(`${recent.data.length} of ${recent.total_count} on the first page`);

// Page by page, by hand…
let page = recent;
while (page.hasNextPage()) page = await page.nextPage();

// …or every item, fetched lazily in pages of 1000 (or of your `limit`).
let count = 0;
for await (const cfg of WebhookConfig.list()) if (cfg.id) count++;

// …or page by page, lazily: `pages()` yields the Page objects.
const sizes: number[] = [];
for await (const each of WebhookConfig.list({ limit: 2 }).pages()) sizes.push(each.data.length);

// A bounded copy into an array.
const firstTen = await WebhookConfig.list().toArray({ limit: 10 });
const tests = await Event.list({ type: 'webhook_config', action: 'test' });
console.log(count, firstTen.length, tests.total_count, sizes.join('+'));

// Deleting as you go: the first page again until it is empty, with no cursor naming a deleted item.
let batch = await WebhookConfig.list({ limit: 2 });
while (batch.data.length > 0) {
  for (const cfg of batch.data) await cfg.delete();
  batch = await WebhookConfig.list({ limit: 2 });
}
console.log(`${batch.total_count} left`);

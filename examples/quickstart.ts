// The README's "Example" (the first ten lines of code), then the sample in docs/client.md's "Resources and their
// answers", as they run.
// Reads RICLOUD_TOKEN and RICLOUD_URL from the environment.
import { configure, WebhookConfig } from 'ricloud';

configure({ timeout: 10_000 }); // token: RICLOUD_TOKEN, baseUrl: RICLOUD_URL (else the public API)

const cfg = await WebhookConfig.create({ url: 'https://hooks.example.com/ricloud' }); // answers with its secret
console.log(cfg.id, cfg.state); // "…" "new"
const task = await cfg.test(); // a webhook_config.test task: the API sends a signed event to the url
await task.wait({ timeout: 30_000 }); // long-polls until the task has ended: succeeded, failed or suspended
console.log(task.type, task.state, task.error);
for await (const config of WebhookConfig.list()) console.log(config.id, config.state); // every page, fetched as needed

// Create also starts a webhook_config.test task of its own. Keep the secret to verify deliveries;
// console.log(cfg) shows it as [redacted].
const secret = cfg.secret;

// Retrieve one, or list one page.
const same = await WebhookConfig.retrieve(cfg.id);
const page = await WebhookConfig.list({ state: 'valid', limit: 50 });
console.log(same.url, page.total_count, page.has_more);
await cfg.refresh(); // valid or invalid now that its test has run

// Update (in place) or by id; deactivated configs leave the default list.
await cfg.update({ url: 'https://hooks.example.com/ricloud/v2' });
await WebhookConfig.updateWithId(cfg.id, { state: 'deactivated' });
await task.refresh(); // as Task.retrieve(task.id) would, in place
console.log(task.state, secret ? 'secret kept' : 'no secret');

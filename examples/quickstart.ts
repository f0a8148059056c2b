// The README's "Usage" section, as it runs. Reads RICLOUD_TOKEN and RICLOUD_URL from the environment.
import { configure, Task, WebhookConfig } from 'ricloud';

configure({ timeout: 10_000 }); // token: RICLOUD_TOKEN, baseUrl: RICLOUD_URL (else the public API)

// Create: the API answers with the signing secret and starts a webhook_config.test task.
const cfg = await WebhookConfig.create({ url: 'https://hooks.example.com/ricloud' });
console.log(cfg.id, cfg.state); // "…" "new"
const secret = cfg.secret; // keep it to verify deliveries; console.log(cfg) shows it as [redacted]

// Retrieve, list one page, or walk every page lazily.
const same = await WebhookConfig.retrieve(cfg.id);
const page = await WebhookConfig.list({ state: 'new', limit: 50 });
console.log(same.url, page.total_count, page.has_more);
for await (const config of WebhookConfig.list()) console.log(config.id, config.state);

// Test: a real Task. wait() long-polls until it has succeeded or failed.
const task = await cfg.test();
await task.wait({ timeout: 30_000 });
console.log(task.type, task.state, task.error);
await cfg.refresh(); // valid or invalid now

// Update (in place) or by id; deactivated configs leave the default list.
await cfg.update({ url: 'https://hooks.example.com/ricloud/v2' });
await WebhookConfig.updateWithId(cfg.id, { state: 'deactivated' });
const again = await Task.retrieve(task.id);
console.log(again.state, secret ? 'secret kept' : 'no secret');

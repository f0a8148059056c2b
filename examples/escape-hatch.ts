// The README's "Endpoints the SDK does not wrap yet", as it runs. Reads RICLOUD_TOKEN and RICLOUD_URL.
import { Client } from 'ricloud';
import { webhookConfigSchema } from 'ricloud/schemas';
import * as z from 'zod';

const client = new Client();

// Any path below the base URL: the same token, retries, deadline, hooks and typed errors as the SDK's own calls.
const made = await client.post('/configs/webhook', {
  body: { url: 'https://hooks.example.com/raw' },
  schema: webhookConfigSchema,
});
const page = await client.get('/configs/webhook', { query: { limit: '5' } });
// Any Standard Schema (zod, valibot, arktype, …): here the app's own zod. `url` is typed as a string.
const { url } = await client.get(`/configs/webhook/${made.id}`, { schema: z.object({ url: z.url() }) });
console.log(made.id, made.state, (page as { data: unknown[] }).data.length, url);

// The README's "Clients, options and observability" section, as it runs.
import { Client, TimeoutError, WebhookConfig } from 'ricloud';

// An isolated client: its own token and settings, no global state.
const client = new Client({
  token: process.env.RICLOUD_TOKEN,
  baseUrl: process.env.RICLOUD_URL,
  timeout: 5_000, // each attempt
  deadline: 15_000, // the whole call, retries and backoff included
  maxRetries: 2,
  logLevel: 'warn', // or RICLOUD_LOG=debug; the token and secrets are never logged
  onRequest: ({ method, url, attempt }) => console.log('→', method, new URL(url).pathname, `#${attempt}`),
  onResponse: ({ status, durationMs, requestId }) => console.log('←', status, `${durationMs} ms`, requestId),
  onRetry: ({ attempt, delayMs, error }) => console.log('retry', attempt, 'in', delayMs, 'ms after', error.name),
});

const cfg = await client.webhookConfigs.create({ url: 'https://hooks.example.com/ricloud' });
console.log(cfg.lastResponse.status, cfg.lastResponse.requestId); // 201 "req_…"

// Per-request options go last: a signal, a tighter timeout, fewer retries, extra headers, another client.
const controller = new AbortController();
const fresh = await WebhookConfig.retrieve(cfg.id, {
  client,
  signal: controller.signal,
  timeout: 2_000,
  maxRetries: 0,
});

// The same settings with some changed: a new client, this one untouched.
const patient = client.withOptions({ timeout: 60_000, maxRetries: 5 });
console.log(fresh.state, patient.baseUrl === client.baseUrl);

// Cancelling: the call rejects with AbortError, whose cause is the signal's reason.
controller.abort(new Error('user went away'));
await client.webhookConfigs
  .retrieve(cfg.id, { signal: controller.signal })
  .catch((error) => console.log(error.name, error.cause.message));

// The client prints without its token.
console.log(
  JSON.stringify(client).includes(String(process.env.RICLOUD_TOKEN)) ? 'leak!' : 'token hidden',
  TimeoutError.name,
);

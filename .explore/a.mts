import { Client } from '../src/index';
import { startMockServer } from '../src/mock/index';
const mock = await startMockServer();
const c = new Client({ token: 't1', baseUrl: mock.url, timeout: 200, onRetry: (e) => console.log('  retry', e.attempt, e.delayMs, e.error.name) });
async function run(name: string, f: () => Promise<unknown>) {
  const t = Date.now();
  try { const r = await f(); console.log(name, 'OK', Date.now() - t); }
  catch (e: any) { console.log(name, e.name, e.message, e.mayHaveSucceeded, JSON.stringify(e.request), Date.now() - t, 'cause:', e.cause?.code ?? e.cause?.name ?? e.cause?.message); }
}
const cfg = await c.webhookConfigs.create({ url: 'http://127.0.0.1:9/x' });
for (const f of [{ reset: 'before' as const }, { reset: 'after' as const }, { truncate: true }, { hang: true }, { latency: 400 }, { status: 503 }]) {
  mock.api.faults.clear(); mock.api.faults.add({ ...f, method: 'GET' , times: 1});
  await run('GET ' + JSON.stringify(f), () => c.webhookConfigs.retrieve(cfg.id));
  mock.api.faults.clear(); mock.api.faults.add({ ...f, method: 'POST', times: 1 });
  const before = mock.api.created.webhook_config;
  await run('POST ' + JSON.stringify(f), () => c.webhookConfigs.create({ url: 'http://127.0.0.1:9/x' }));
  await new Promise((r) => setTimeout(r, 500));
  console.log('   created', mock.api.created.webhook_config - before);
}
let first = true;
const c2 = new Client({ token: 't1', baseUrl: mock.url, fetch: (i, init) => { if (first) { first = false; return fetch('http://127.0.0.1:1/x'); } return fetch(i, init); } , onRetry: (e) => console.log('  retry', e.attempt, e.delayMs, e.error.name, e.error.message)});
mock.api.faults.clear();
await run('refused create', () => c2.webhookConfigs.create({ url: 'http://127.0.0.1:9/x' }));
await mock.api.settle();
await mock.close();

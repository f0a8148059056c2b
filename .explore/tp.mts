import { spawn } from 'node:child_process';
import ky from 'ky';
const sdk: typeof import('../src/index') = await import('../dist/index.js' as string);
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((r) => child.stdout.once('data', (c: Buffer) => r(c.toString().trim())));
const url = `http://127.0.0.1:${port}`;
const headers = { authorization: 'Token t', accept: 'application/json' };
const opts = { prefixUrl: url, headers, redirect: 'manual' as const, timeout: 30000, retry: { limit: 2, methods: ['get', 'post'] } };
const bare = ky.create(opts);
sdk.configure({ token: 't', baseUrl: url });
const client = new sdk.Client({ token: 't', baseUrl: url, validate: false });
const noop = () => {};
const v: Record<string, () => Promise<unknown>> = {
  fetch: () => fetch(`${url}/configs/webhook/wc_000001`, { headers }).then((r) => r.text()).then(JSON.parse),
  ky: () => bare.get('configs/webhook/wc_000001').json(),
  kyText: () => bare.get('configs/webhook/wc_000001').then((r) => r.text()).then(JSON.parse),
  kySignal: () => bare.get('configs/webhook/wc_000001', { signal: AbortSignal.timeout(90000) }).json(),
  kyAfterHook: () => bare.get('configs/webhook/wc_000001', { hooks: { afterResponse: [noop], beforeRequest: [noop] } }).json(),
  kyRetryFn: () => bare.get('configs/webhook/wc_000001', { retry: { limit: 2, methods: ['get', 'post'], delay: () => 0, shouldRetry: () => false } }).json(),
  sdk: () => sdk.WebhookConfig.retrieve('wc_000001'),
  sdkNoValidate: () => client.webhookConfigs.retrieve('wc_000001'),
};
async function rate(call: () => Promise<unknown>, total: number) {
  let s = 0; const w = async () => { while (s++ < total) await call(); };
  const t = performance.now(); await Promise.all(Array.from({ length: 8 }, w)); return total / ((performance.now() - t) / 1000);
}
for (const c of Object.values(v)) await rate(c, 500);
const res: Record<string, number[]> = {};
for (let r = 0; r < 5; r++) for (const [k, c] of Object.entries(v)) (res[k] ??= []).push(await rate(c, 2000));
for (const [k, a] of Object.entries(res)) { a.sort((x, y) => x - y); console.log(k.padEnd(14), a[2]!.toFixed(0), (a[2]! / res.ky![2]!).toFixed(2)); }
child.kill();

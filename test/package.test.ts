/**
 * The built package as users load it: ESM and CJS entry points share one error family, `ricloud` never loads msw,
 * `ricloud/webhooks` never loads ky or zod, there is one build whose one lazy import loads ky and zod with the first
 * request, and only `ricloud/mock` has a `browser` condition. Runs against dist/ (built by `npm test` before vitest).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist');

/** The bare module names an entry file pulls in (or, with `lazy` false, at load), following its relative chunks. */
function externalImports(entry: string, lazy = true): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const pattern = lazy
      ? /(?:from\s*|import\s*\(?\s*|require\()\s*["']([^"']+)["']/g
      : /(?:from\s*|import\s*|require\()\s*["']([^"']+)["']/g;
    for (const [, spec] of code.matchAll(pattern)) {
      if (!spec) continue;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else external.add(spec);
    }
  };
  visit(join(dist, entry));
  return external;
}

describe('built package', () => {
  it('exists (npm test builds before running vitest)', () => {
    expect(existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'index.cjs'))).toBe(true);
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

  it('is one build whose only lazy import() is the request engine, in one place per format', () => {
    const loaders: string[] = [];
    for (const file of readdirSync(dist).filter((name) => /\.(c?js)$/.test(name))) {
      const code = readFileSync(join(dist, file), 'utf8');
      const lazy = [...code.matchAll(/\bimport\s*\(\s*([^)]*)\)/g)].map(([, spec]) => spec ?? '');
      const others = lazy.filter((spec) => !/^["']\.\/engine-\w+\.c?js["']$/.test(spec));
      expect({ file, others }).toEqual({ file, others: [] });
      if (lazy.some((spec) => spec.includes('engine-'))) loaders.push(file);
    }
    // The library's ESM and CJS builds, and the CLI's own bundle.
    expect(loaders.filter((file) => file.endsWith('.cjs'))).toHaveLength(1);
    expect(loaders.filter((file) => file.endsWith('.js')).length).toBeLessThanOrEqual(2);
  });

  it.each(['index.js', 'index.cjs'])('%s loads neither ky nor zod until the first request', (entry) => {
    const atLoad = [...externalImports(entry, false)];
    expect(atLoad.filter((name) => /^(ky|zod)(\/|$)/.test(name))).toEqual([]);
  });

  it('loads ky and zod with the first request, through the engine (require.cache of a CommonJS app)', () => {
    const script = `const { Client } = require('ricloud');
      const loaded = () => Object.keys(require.cache).filter((f) => /node_modules[\\/](ky|zod)[\\/]/.test(f)).length > 0;
      const before = loaded();
      new Client({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 0, logLevel: 'off' })
        .get('/key').catch(() => console.log(before, loaded()));`;
    const cwd = resolve(import.meta.dirname, '..');
    expect(execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' }).trim()).toBe('false true');
  });

  it.each(['mock.js', 'mock.cjs', 'mock.browser.js'])(
    "%s imports msw's http subpath, never msw's index, which opens a BroadcastChannel that keeps Deno alive",
    (entry) => {
      const imports = externalImports(entry);
      expect(imports).toContain('msw/core/http');
      // Not even lazily: the HTTP server resolves its requests with msw/experimental's frames.
      expect(imports.has('msw')).toBe(false);
    },
  );

  it('gives only ricloud/mock a `browser` condition (a page cannot run its HTTP server), which never loads node:http', () => {
    const exports = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')).exports;
    expect(Object.keys(exports).filter((path) => exports[path].browser)).toEqual(['./mock']);
    expect(exports['./mock'].browser.default).toBe('./dist/mock.browser.js');
    const builtins = (entry: string) => [...externalImports(entry)].filter((name) => isBuiltin(name));
    expect(builtins('mock.browser.js')).toEqual([]);
    expect(builtins('mock.js').length).toBeGreaterThan(0);
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
          `const { Client } = require(${JSON.stringify(join(dist, 'index.cjs'))}); console.log(require('node:util').inspect(new Client({ token: 'tok_hidden' })))`,
        ],
        { encoding: 'utf8' },
      );
      expect(inspected).toMatch(/^Client \{/);
      expect(inspected).not.toContain('tok_hidden');
    },
  );
});

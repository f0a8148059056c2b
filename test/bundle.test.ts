/**
 * What a browser app that uses only webhook configs and tasks bundles of the SDK: none of issue 17's resources, and
 * neither the result download nor MD5, which only `Result` uses; and that esbuild, which wrangler bundles Workers with,
 * warns of nothing in any entry point. Runs against dist/ (built by `npm test` before vitest).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleBrowserApp } from '../bench/browser-app';

const APP = `import { configure, WebhookConfig, Task } from 'ricloud';
configure({ token: 'app-token' });
export const run = async () => [await WebhookConfig.list(), await Task.retrieve('t_1').then((task) => task.wait())];`;

const WITH_RESULT = `import { configure, Result } from 'ricloud';
configure({ token: 'app-token' });
export const run = async () => (await Result.retrieve('r_1')).download();`;

/** A message of the download's stream, and MD5's first initial word (0x67452301), as they appear in a bundle. */
/** Where the apps below resolve `ricloud` from: the package refers to itself, so this is dist/ as published. */
const resolveDir = fileURLToPath(new URL('../bench', import.meta.url));

const DOWNLOAD_TEXT = 'the connection failed during the download';
const MD5_WORD = '1732584193';

describe('a browser app that uses WebhookConfig and Task', () => {
  it("bundles none of issue 17's resources, nor the result download and MD5", async () => {
    const code = new TextDecoder().decode(await bundleBrowserApp(APP));
    for (const path of ['/users', '/sources', '/sessions', '/polls', '/subscriptions', '/results'])
      expect({ path, bundled: code.includes(`"${path}`) || code.includes(`'${path}`) }).toEqual({
        path,
        bundled: false,
      });
    expect(code).not.toContain(DOWNLOAD_TEXT);
    expect(code).not.toContain(MD5_WORD);
  });

  it('bundles the request engine statically: no lazy import() and no lazily-run module wrapper', async () => {
    const code = new TextDecoder().decode(await bundleBrowserApp(APP));
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toContain('__esm');
  });

  it("bundles zod/mini's object types but not its record, which the kit no longer carries", async () => {
    const code = new TextDecoder().decode(await bundleBrowserApp(APP));
    expect(code).toContain('"$ZodObject"');
    expect(code).not.toContain('"$ZodRecord"');
  });

  it('gets the download and MD5 once it uses Result (what the check above looks for is there to find)', async () => {
    const code = new TextDecoder().decode(await bundleBrowserApp(WITH_RESULT));
    expect(code).toContain('"/results');
    expect(code).toContain(DOWNLOAD_TEXT);
    expect(code).toContain(MD5_WORD);
  });
});

/** The platforms an app's esbuild bundles for: wrangler's for a Worker, a browser's, and Node's. */
const PLATFORMS = {
  workerd: {
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
  },
  browser: { platform: 'browser' },
  node: { platform: 'node' },
} satisfies Record<string, BuildOptions>;

describe('an app bundled by esbuild, as wrangler bundles a Worker', () => {
  it.each([
    ['ricloud', 'Client', ['workerd', 'browser', 'node']],
    ['ricloud/webhooks', 'createWebhookHandler', ['workerd', 'browser', 'node']],
    ['ricloud/schemas', 'webhookConfigSchema', ['workerd', 'browser', 'node']],
    ['ricloud/mock', 'createMockApi', ['workerd', 'browser', 'node']],
    ['ricloud/node', 'downloadToFile', ['node']],
  ] as const)(
    'gets no warning from %s (no bare import its "sideEffects": false drops)',
    async (entry, name, platforms) => {
      for (const platform of platforms) {
        const { warnings } = await build({
          stdin: { contents: `export { ${name} } from '${entry}';`, resolveDir, loader: 'js' },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
          tsconfigRaw: '{}',
          ...PLATFORMS[platform],
        });
        expect({ platform, warnings: warnings.map((warning) => warning.text) }).toEqual({ platform, warnings: [] });
      }
    },
  );
});

describe('ricloud/mock bundled by esbuild for Node in its default format, CommonJS (as tsup builds by default)', () => {
  it('builds, msw in it, and the bundle loads the mock', async () => {
    const { outputFiles } = await build({
      stdin: {
        contents: "import { createMockApi } from 'ricloud/mock'; console.log(typeof createMockApi);",
        resolveDir,
      },
      bundle: true,
      platform: 'node',
      write: false,
      logLevel: 'silent',
      tsconfigRaw: '{}',
    });
    const [bundle] = outputFiles;
    expect(bundle?.text).not.toMatch(/\brequire\(["']msw/);
    const dir = mkdtempSync(join(tmpdir(), 'ricloud-cjs-bundle-'));
    try {
      writeFileSync(join(dir, 'app.cjs'), bundle?.contents ?? '');
      expect(execFileSync(process.execPath, [join(dir, 'app.cjs')], { encoding: 'utf8' })).toBe('function\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

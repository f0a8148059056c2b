/**
 * `npm run size`: what the built package (dist/) costs an app that bundles it, minified and gzipped (-9), against
 * the budgets. Exits 1 when a bundle is over its budget. The app imports `ricloud` by name and esbuild resolves it
 * as a browser bundler does: through package.json `exports` with the `browser` condition (the package refers to
 * itself, so this measures dist/ as published).
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Case {
  name: string;
  /** The app: what it imports and uses. */
  source: string;
  /** Unset for a part of the browser app, printed for where its bytes go. */
  budgetKB?: number;
  /** Names that may not exist yet: a missing one prints n/a instead of failing. */
  pending?: string[];
}

const cases: Case[] = [
  {
    name: 'browser app: { configure, WebhookConfig, Task } with ky and zod',
    source: `import { configure, WebhookConfig, Task } from 'ricloud';
configure({ token: 'app-token' });
export const run = async () => [await WebhookConfig.list(), await Task.retrieve('t_1').then((task) => task.wait())];`,
    budgetKB: 16,
  },
  {
    name: '  of which ky alone (ky.create and a call)',
    source: `import ky from 'ky';
export const call = (path, options) => ky.create({ prefixUrl: 'https://api.example' })(path, options);`,
  },
  {
    name: '  of which zod/mini with the SDK\'s schemas (ricloud/schemas)',
    source: `export * from 'ricloud/schemas';`,
  },
  {
    name: '  of which ky and the schemas together',
    source: `import ky from 'ky';
export const call = (path, options) => ky.create({ prefixUrl: 'https://api.example' })(path, options);
export * from 'ricloud/schemas';`,
  },
  {
    name: 'ricloud/webhooks: verifySignature',
    source: `export { verifySignature } from 'ricloud/webhooks';`,
    budgetKB: 2,
  },
  {
    name: 'ricloud/webhooks: createWebhookHandler + constructEvent',
    source: `export { createWebhookHandler, constructEvent } from 'ricloud/webhooks';`,
    budgetKB: 5,
    pending: ['createWebhookHandler', 'constructEvent'],
  },
];

/** Bundles `source` for browsers, minified; returns the gzipped size in bytes, or undefined when a pending export is missing. */
async function gzippedSize(item: Case): Promise<number | undefined> {
  try {
    const result = await build({
      stdin: { contents: item.source, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      // esbuild's browser platform resolves with the `browser`, `import` and `default` conditions.
      platform: 'browser',
      conditions: ['browser'],
      target: 'es2022',
      // The repository's tsconfig maps `ricloud` to src/ for tests; an app sees only the package.
      tsconfigRaw: '{}',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    return gzipSync(code, { level: 9 }).length;
  } catch (error) {
    const missing = (error as { errors?: { text: string }[] }).errors?.some((e) => item.pending?.some((name) => e.text.includes(`"${name}"`)));
    if (missing) return undefined;
    throw error;
  }
}

let over = false;
for (const item of cases) {
  const bytes = await gzippedSize(item);
  if (bytes === undefined) {
    console.log(`${item.name}: n/a (budget ${item.budgetKB} KB)`);
    continue;
  }
  const kb = bytes / 1024;
  if (item.budgetKB === undefined) {
    console.log(`${item.name}: ${kb.toFixed(2)} KB`);
    continue;
  }
  const ok = kb <= item.budgetKB;
  over ||= !ok;
  console.log(`${item.name}: ${kb.toFixed(2)} KB (budget ${item.budgetKB} KB) ${ok ? 'OK' : 'OVER'}`);
}
process.exitCode = over ? 1 : 0;

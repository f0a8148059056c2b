/**
 * `npm run size`: what the built package (dist/) costs an app that bundles it, minified and gzipped (-9), against
 * the budgets. Exits 1 when a bundle is over its budget. The app imports `ricloud` by name and esbuild resolves it
 * as a browser bundler does: through package.json `exports` with the `browser` condition (the package refers to
 * itself, so this measures dist/ as published).
 */
import { gzipSync } from 'node:zlib';
import { bundleBrowserApp } from './browser-app';

interface Case {
  name: string;
  /** The app: what it imports and uses. */
  source: string;
  /** Unset for a part of the browser app, printed for where its bytes go. */
  budgetKB?: number;
}

const BROWSER_APP = `import { configure, WebhookConfig, Task } from 'ricloud';
configure({ token: 'app-token' });
export const run = async () => [await WebhookConfig.list(), await Task.retrieve('t_1').then((task) => task.wait())];`;

/**
 * The paths of resources the browser app does not use: none may be in its bundle, so the app does not grow as the SDK
 * gains resources. A resource added to the SDK adds its path here.
 */
const UNUSED_PATHS = [
  '/events',
  '/keys',
  '/key',
  '/organisation',
  '/configs/storage',
  '/permissions',
  '/users',
  '/sources',
  '/sessions',
  '/polls',
  '/subscriptions',
  '/results',
];

const cases: Case[] = [
  {
    name: 'browser app: { configure, WebhookConfig, Task } with ky and zod',
    source: BROWSER_APP,
    // The goal is 20 KB. Held at the app's measured size, so it cannot grow unnoticed, and unused resources stay out
    // (UNUSED_PATHS). docs/performance.md says where the bytes go; bench/RESULTS.md, what each change of it paid for.
    budgetKB: 24.39,
  },
  {
    name: '  of which ky alone (ky.create and a call)',
    source: `import ky from 'ky';
export const call = (path, options) => ky.create({ prefixUrl: 'https://api.example' })(path, options);`,
  },
  {
    name: "  of which zod/mini with the SDK's schemas (ricloud/schemas)",
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
  },
];

/** The app's gzipped size in bytes, bundled for browsers and minified. */
async function gzippedSize(item: Case): Promise<number> {
  return gzipSync(await bundleBrowserApp(item.source, { minify: true }), { level: 9 }).length;
}

let over = false;
const app = new TextDecoder().decode(await bundleBrowserApp(BROWSER_APP));
const carried = UNUSED_PATHS.filter((path) => app.includes(`'${path}`) || app.includes(`"${path}`));
over ||= carried.length > 0;
console.log(
  `browser app carries no unused resource (${UNUSED_PATHS.join(', ')}): ` +
    (carried.length ? `MISS, has ${carried.join(', ')}` : 'OK'),
);
for (const item of cases) {
  const bytes = await gzippedSize(item);
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

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
    // Issue 12 asks for 20 KB; the app bundles 21.79 KB (ky 5, zod/mini about 6, the SDK's own code the rest). Held
    // here so the app cannot grow unnoticed, and unused resources stay out (UNUSED_PATHS): see docs/performance.md for
    // where the bytes go. Raised from 21.5 KB for twelve fixes of a review (hangs, secrets, a create re-sent): +0.2 KB;
    // from 21.7 KB for typed errors on empty updates (`needs`), escaped secret keys and a body serialised once: +0.14 KB;
    // from 21.8 KB for secrets nested, form-encoded or in Python's quotes in error bodies, an answer read into one buffer
    // (a body sent a byte at a time took 32 bytes of heap a byte) and the escape hatch's options checked: +0.31 KB;
    // from 22.1 KB for refusals of blank text that say so ("got only whitespace"): +74 B, to the next hundredth;
    // from 22.18 KB for a session's `code` secret, a create's secret typed `string`, the 404 of a path with no id
    // ("no such endpoint; is the base URL right?"), and hints for a token with its scheme, an object with an id or a
    // Promise given for an id: +205 B; from 22.38 KB for a list page that repeats its `after_id` item refused (an
    // inclusive cursor handed out an item twice): +36 B net of a review's download and wait fixes; from 22.41 KB for a
    // connection failure that names its cause when it has no code (Node's "bad port"): +67 B; from 22.47 KB for a
    // ricloud-py user's review: the API's own message kept as `apiMessage`, an error code kept whole unless it holds
    // the token (a password `p` made it `invalid-[redacted]arameter`), `an update parameter`, and wait() settling on any
    // state but pending or processing (a suspended task waited out its timeout): +98 B; from 22.57 KB for a client that
    // builds on Deno without --allow-env, Deno's blocked port counted as not sent, call times on the monotonic clock (a
    // stepped wall clock ended a retry), async loggers and hooks whose rejection is caught, and a default client kept
    // only once it has a token: +31 B.
    budgetKB: 22.6,
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
  `browser app carries no unused resource (${UNUSED_PATHS.join(', ')}): ${carried.length ? `MISS, has ${carried.join(', ')}` : 'OK'}`,
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

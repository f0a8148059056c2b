/**
 * What Node, Bun and Deno share: the ESM and CJS imports of the installed package, the scenario with this runtime's
 * own server, and the mock started and closed in process (after which the runtime must exit by itself).
 */
import { createRequire } from 'node:module';
import * as ricloud from 'ricloud';
import * as webhooks from 'ricloud/webhooks';
import { runScenario } from './scenario.mjs';

/** Runs everything with `serve` and prints the names of the checks that passed as the last line. */
export async function runServerSide(serve) {
  const [mockUrl, refusedUrl] = process.argv.slice(-2);
  const passed = ['import esm'];
  const require = createRequire(import.meta.url);
  const cjs = require('ricloud');
  const cjsWebhooks = require('ricloud/webhooks');
  if (typeof cjs.Client !== 'function' || typeof cjsWebhooks.createWebhookHandler !== 'function')
    throw new Error('import cjs: no Client or createWebhookHandler');
  passed.push('import cjs');
  const result = await runScenario({ sdk: { ricloud, webhooks }, serve, mockUrl, refusedUrl });
  passed.push(await mockExits());
  console.log(`RESULT ${JSON.stringify({ passed: [...passed, ...result.passed], failed: result.failed })}`);
}

/** `startMockServer` started, called and closed in process; the runtime must then exit by itself. */
async function mockExits() {
  const { startMockServer } = await import('ricloud/mock');
  const mock = await startMockServer({ deliver: async () => new Response('OK') });
  const client = new ricloud.Client({ token: 'runtimes', baseUrl: mock.url });
  await client.webhookConfigs.create({ url: 'https://receiver.example/webhooks' });
  await mock.close();
  return 'mock in process';
}

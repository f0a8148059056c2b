/**
 * The browser build as a browser app gets it: an app like the one `npm run size` measures, bundled by esbuild with the
 * `browser` condition, runs in a context that has only Web globals (no `process`, `Buffer` or `require`), against the
 * mock API. Runs against dist/ (built by `npm test` before vitest).
 */
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMockApi } from '../src/mock/index';

const TOKEN = 'tok_browser_0123456789abcdef';

/** The app: what it imports and does, as a page script would. */
const APP = `import { configure, WebhookConfig, Task } from 'ricloud';
export async function run(fetch) {
  configure({ token: ${JSON.stringify(TOKEN)}, baseUrl: 'https://ricloud.test', fetch });
  const created = await WebhookConfig.create({ url: 'https://app.example/hooks' });
  const task = await created.test();
  await task.wait({ timeout: 5000 });
  const page = await WebhookConfig.list({ state: 'valid' });
  const missing = await Task.retrieve('t_missing').then(() => 'found', (error) => error.name);
  return { task: task.state, listed: page.data.map((config) => config.id === created.id), missing, agent: seen.agent };
}
const seen = {};
export const observe = (request) => { seen.agent ??= request.headers.get('user-agent'); };`;

/** The Web platform a browser page has, taken from Node's own implementations; nothing Node-only. */
const webGlobals = () => ({
  AbortController,
  AbortSignal,
  Blob,
  console,
  crypto,
  DOMException,
  EventTarget,
  FormData,
  Headers,
  queueMicrotask,
  ReadableStream,
  Request,
  Response,
  setTimeout,
  clearTimeout,
  structuredClone,
  TextDecoder,
  TextEncoder,
  URL,
  URLSearchParams,
});

describe('the browser build', () => {
  it('runs an app with only Web globals: create, test, wait, list and a typed 404, sending no User-Agent', async () => {
    const bundled = await build({
      stdin: { contents: APP, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
      bundle: true,
      format: 'iife',
      globalName: 'app',
      platform: 'browser',
      conditions: ['browser'],
      target: 'es2022',
      tsconfigRaw: '{}',
      write: false,
      logLevel: 'silent',
    });
    const page: Record<string, unknown> = { ...webGlobals() };
    page.globalThis = page;
    runInNewContext(bundled.outputFiles[0]!.text, page);
    const app = page.app as { run(fetch: (request: Request) => Promise<Response>): Promise<unknown>; observe(request: Request): void };

    // The mock API answers the page's requests, as msw's browser worker would.
    const api = createMockApi({ baseUrl: 'https://ricloud.test', taskDelay: 5, deliver: async () => new Response('OK') });
    const fetch = async (request: Request) => {
      app.observe(request);
      return (await getResponse(api.handlers, request)) ?? new Response('no such route', { status: 599 });
    };
    expect(page).not.toHaveProperty('process');
    expect(await app.run(fetch)).toEqual({ task: 'succeeded', listed: [true], missing: 'NotFoundError', agent: null });
    await api.settle();
  });
});

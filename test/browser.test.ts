/**
 * The browser build as a browser app gets it: an app like the one `npm run size` measures, and a browser test that
 * runs `ricloud/mock` inside the page, bundled by esbuild with the `browser` condition, run in a context that has only
 * Web globals (no `process`, `Buffer` or `require`). Runs against dist/ (built by `npm test` before vitest).
 */
import { runInNewContext } from 'node:vm';
import { getResponse } from 'msw';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { bundleBrowserApp } from '../bench/browser-app';
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

/** A page's `localStorage` (msw keeps its cookie store there), in memory. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

/** The Web platform a browser page has, taken from Node's own implementations; nothing Node-only. */
const webGlobals = () => ({
  localStorage: memoryStorage(),
  AbortController,
  AbortSignal,
  atob,
  btoa,
  Blob,
  console,
  crypto,
  DOMException,
  EventTarget,
  FormData,
  Headers,
  MessageChannel,
  // High Resolution Time: in every browser, worker and edge runtime; waits measure elapsed time with it.
  performance,
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

/** Bundles `source` as a page script would get it, runs it with only Web globals, and returns its exports. */
async function loadPage<T>(
  source: string,
  globals: Record<string, unknown> = {},
): Promise<{ exports: T; page: Record<string, unknown> }> {
  const code = await bundleBrowserApp(source, { format: 'iife', globalName: 'app' });
  const page: Record<string, unknown> = { ...webGlobals(), ...globals };
  page.globalThis = page;
  runInNewContext(new TextDecoder().decode(code), page);
  return { exports: page.app as T, page };
}

/** A browser test of an app: the mock API and a webhook receiver both run inside the page, as with msw's worker. */
const MOCK_IN_PAGE = `import { configure, WebhookConfig } from 'ricloud';
import { createMockApi, startMockServer } from 'ricloud/mock';
import { createWebhookHandler } from 'ricloud/webhooks';
import { getResponse } from 'msw';
export async function run() {
  let secret;
  const received = [];
  const receiver = createWebhookHandler({
    secret: () => secret,
    onAny: (event) => void received.push(event.type + '.' + event.action),
  });
  const api = createMockApi({ baseUrl: 'https://ricloud.test', taskDelay: 5, deliver: receiver });
  configure({
    token: 'tok_page',
    baseUrl: 'https://ricloud.test',
    fetch: (request) => getResponse(api.handlers, request),
  });
  const config = await WebhookConfig.create({ url: 'https://app.example/hooks' });
  secret = config.secret;
  await api.settle();
  await config.refresh();
  const server = await startMockServer().then(() => 'started', (error) => error.name + ': ' + error.message);
  return { state: config.state, received, server };
}`;

describe('the browser build', () => {
  it('runs ricloud/mock in a page: a config turns valid through a signed delivery to an in-page receiver', async () => {
    const { exports } = await loadPage<{ run(): Promise<unknown> }>(MOCK_IN_PAGE);
    expect(await exports.run()).toEqual({
      state: 'valid',
      received: ['webhook_config.test'],
      server:
        "RicloudError: startMockServer needs Node's http server; in a browser, " +
        "pass createMockApi().handlers to msw's setupWorker",
    });
  });

  it("answers a page on a fake clock at once, as Vitest's browser mode with vi.useFakeTimers() has it", async () => {
    // The page's timers are the test's, looked up at each call: faked once vi.useFakeTimers() runs, as in such a page.
    const timers = {
      setTimeout: (...args: Parameters<typeof setTimeout>) => setTimeout(...args),
      clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    };
    const { exports } = await loadPage<{ run(): Promise<unknown> }>(
      `import { configure, WebhookConfig } from 'ricloud';
import { createMockApi } from 'ricloud/mock';
import { getResponse } from 'msw';
export async function run() {
  const api = createMockApi({ baseUrl: 'https://ricloud.test', deliver: async () => new Response('OK') });
  configure({
    token: 'tok_page',
    baseUrl: 'https://ricloud.test',
    fetch: (request) => getResponse(api.handlers, request),
  });
  const config = await WebhookConfig.create({ url: 'https://app.example/hooks' });
  const listed = await WebhookConfig.list();
  api.reset();
  return { state: config.state, listed: listed.data.length };
}`,
      timers,
    );
    vi.useFakeTimers();
    try {
      const late = new AbortController();
      const answered = await Promise.race([exports.run(), sleep(4000, 'no answer in 4 s', { signal: late.signal })]);
      late.abort();
      expect(answered).toEqual({ state: 'new', listed: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['with only Web globals', {}],
    // Safari before 17.4 (and Node before 20.3) have no AbortSignal.any(); `instanceof AbortSignal` still works.
    [
      'in a browser without AbortSignal.any()',
      {
        AbortSignal: new Proxy(AbortSignal, {
          get: (target, key) => (key === 'any' ? undefined : Reflect.get(target, key)),
        }),
      },
    ],
  ])('runs an app %s: create, test, wait, list and a typed 404, sending no User-Agent', async (_name, globals) => {
    const { exports: app, page } = await loadPage<{
      run(fetch: (request: Request) => Promise<Response>): Promise<unknown>;
      observe(request: Request): void;
    }>(APP, globals);

    // The mock API answers the page's requests, as msw's browser worker would.
    const api = createMockApi({
      baseUrl: 'https://ricloud.test',
      taskDelay: 5,
      deliver: async () => new Response('OK'),
    });
    // wait()'s first refresh is retried, late enough that the retry ends at the wait's deadline: the SDK's own timer.
    api.faults.add({ method: 'GET', path: /^\/tasks\//, status: 503, retryAfter: 0, latency: 5 });
    const fetch = async (request: Request) => {
      app.observe(request);
      return (await getResponse(api.handlers, request)) ?? new Response('no such route', { status: 599 });
    };
    expect(page).not.toHaveProperty('process');
    expect(await app.run(fetch)).toEqual({ task: 'succeeded', listed: [true], missing: 'NotFoundError', agent: null });
    await api.settle();
  });

  it(
    'a browser\'s bare "Failed to fetch": a create is sent once, may have been applied, ' +
      'and the message names CORS',
    async () => {
      const { exports: app } = await loadPage<{
        create(fetch: (request: Request) => Promise<Response>): Promise<unknown>;
      }>(
        `import { Client } from 'ricloud';
export const create = (fetch) =>
  new Client({ token: 'tok_page', baseUrl: 'https://ricloud.test', fetch, maxRetries: 2 })
    .webhookConfigs.create({ url: 'https://app.example/hooks' })
    .then(
      () => 'created',
      (error) => ({
        name: error.name,
        message: error.message,
        attempts: error.request.attempts,
        mayHaveSucceeded: error.mayHaveSucceeded,
      }),
    );`,
        { location: { origin: 'https://app.example' } },
      );
      let sent = 0;
      // All a browser says of a refused connection, a dropped one, or a response CORS withheld.
      const failed = async () => {
        sent++;
        throw new TypeError('Failed to fetch');
      };
      expect(await app.create(failed)).toEqual({
        name: 'ConnectionError',
        message:
          'create webhook_config: connection failed; from a page on https://app.example, ' +
          'a server that does not allow this origin (CORS) fails this way too; the request may have been applied',
        attempts: 1,
        mayHaveSucceeded: true,
      });
      expect(sent).toBe(1);
    },
  );
});

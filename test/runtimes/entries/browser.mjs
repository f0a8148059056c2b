/**
 * Chromium: the scenario in a page, bundled from the installed package. `?mode=cors` calls `ricloud mock --cors`;
 * its deliveries go to the page's own server, which keeps them for the page to verify. `?mode=msw` runs the mock
 * in the page with msw's `setupWorker`, and the page's receiver is the mock's `deliver`. The result goes to
 * `window.result`.
 */
import { setupWorker } from 'msw/browser';
import * as ricloud from 'ricloud';
import { createMockApi } from 'ricloud/mock';
import * as webhooks from 'ricloud/webhooks';
import { runScenario } from './scenario.mjs';

const params = new URLSearchParams(location.search);

// The page is served with `script-src 'self'`: violations are reported after the script that made them, so this
// listener also hears those of the imports above.
const violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  violations.push(`${event.violatedDirective} at ${event.sourceFile}:${event.lineNumber}`),
);

/** The check that the page ran under its strict Content-Security-Policy without a violation. */
function cspCheck(passed, failed) {
  if (violations.length === 0) passed.push('no CSP violation');
  else failed.push({ check: 'no CSP violation', error: violations.join('; ') });
}

/** The page cannot listen: its server keeps each delivery, and the page hands them to the receiver. */
function relay(handler) {
  let open = true;
  const pump = async () => {
    while (open) {
      const kept = await (await fetch('/deliveries')).json();
      for (const { url, headers, body } of kept) await handler(new Request(url, { method: 'POST', headers, body }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const pumping = pump();
  const close = () => {
    open = false;
    return pumping;
  };
  return { url: `${location.origin}/deliveries`, send: handler, close };
}

async function run() {
  const sdk = { ricloud, webhooks };
  const refusedUrl = params.get('refused');
  if (params.get('mode') === 'msw') {
    let receiver;
    const api = createMockApi({ deliver: (request) => receiver(request), taskDelay: 5 });
    const worker = setupWorker(...api.handlers);
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
    const serve = async (handler) => {
      receiver = handler;
      return { url: 'https://receiver.example/webhooks', send: handler, close: async () => {} };
    };
    const { passed, failed } = await runScenario({
      sdk,
      serve,
      mockUrl: api.baseUrl,
      refusedUrl,
      refusedMayHaveSucceeded: true,
    });
    worker.stop();
    cspCheck(passed, failed);
    return { passed: ['import esm', 'msw setupWorker', ...passed], failed };
  }
  const { passed, failed } = await runScenario({
    sdk,
    serve: async (handler) => relay(handler),
    mockUrl: params.get('mock'),
    refusedUrl,
    refusedMayHaveSucceeded: true,
  });
  // A page reads another origin's `X-Request-Id` and `Date` only if exposed: the SDK's request ids and server clock.
  const answer = await fetch(`${params.get('mock')}/configs/webhook`, { headers: { authorization: 'Token runtimes' } });
  const hidden = ['x-request-id', 'date'].filter((name) => !answer.headers.get(name));
  if (hidden.length === 0) passed.push('request id and Date readable');
  else failed.push({ check: 'request id and Date readable', error: `hidden from the page: ${hidden.join(', ')}` });
  // The page's own server at another origin answers no CORS checks: the error must say that CORS may be the cause.
  const other = new ricloud.Client({ token: 'runtimes', baseUrl: params.get('noCors'), maxRetries: 0 });
  const error = await other.webhookConfigs.retrieve('any').catch((e) => e);
  if (error instanceof ricloud.ConnectionError && /CORS/.test(error.message)) passed.push('CORS hint');
  else failed.push({ check: 'CORS hint', error: `no CORS hint: ${error}` });
  cspCheck(passed, failed);
  return { passed: ['import esm', ...passed], failed };
}

run().then(
  (result) => {
    window.result = result;
  },
  (error) => {
    window.result = { error: String(error?.stack ?? error) };
  },
);

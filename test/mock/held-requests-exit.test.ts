/**
 * A request the in-process mock holds (a fault's `latency`) keeps a Node script alive while its client awaits the
 * answer, as a socket in flight would, and no longer once the client gave up (its timeout): a script that ends then
 * exits, and the held request still acts when the process lives on for another reason. Each case is a child process.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** Runs `body` as an ES module script after a mock in process and a client of it are set up; killed after 30 s. */
async function script(body: string): Promise<string> {
  const source = `
    import { setupServer } from 'msw/node';
    import { Client } from './src/index.ts';
    import { createMockApi } from './src/mock/index.ts';
    const api = createMockApi({ taskDelay: 1 });
    setupServer(...api.handlers).listen({ onUnhandledRequest: 'error' });
    const client = new Client({ token: 'token-exit', baseUrl: api.baseUrl, maxRetries: 0 });
    ${body}`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', source], {
    cwd: ROOT,
    timeout: 30_000,
  });
  return stdout;
}

// A child's start alone can pass vitest's 5 s on a loaded machine; each is killed after 30 s.
describe('a request a latency fault holds, in a script', { timeout: 60_000 }, () => {
  it('no longer keeps the process alive once its client gave up: the script ends and the process exits', async () => {
    const out = await script(`
      api.faults.add({ method: 'GET', path: '/configs/webhook', latency: 3_600_000 });
      const error = await client.webhookConfigs.list({}, { timeout: 100 }).catch((e) => e);
      console.log(error.name);`);
    expect(out).toBe('TimeoutError\n');
  });

  it('keeps it alive while its client awaits the answer and nothing else holds it (fetch sets no timer)', async () => {
    const out = await script(`
      api.faults.add({ method: 'GET', path: '/configs/webhook', latency: 200 });
      const answer = await fetch(api.baseUrl + '/configs/webhook', { headers: { authorization: 'Token token-exit' } });
      console.log('answered', answer.status, (await answer.json()).total_count);`);
    expect(out).toBe('answered 200 0\n');
  });

  it('still acts once the latency has passed when the process lives on for another reason', async () => {
    const out = await script(`
      api.faults.add({ method: 'POST', path: '/configs/webhook', latency: 300 });
      const error = await client.webhookConfigs.create({ url: 'https://hooks.example.com/a' }, { timeout: 50 })
        .catch((e) => e);
      console.log(error.name);
      const check = setInterval(() => {
        if (api.created.webhook_config === 0) return;
        clearInterval(check);
        console.log('created', api.created.webhook_config);
        api.reset();
      }, 10);`);
    expect(out).toBe('TimeoutError\ncreated 1\n');
  });
});

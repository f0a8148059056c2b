/** Each example in examples/ runs as a user runs it (tsx) against a real mock server, printing what the README says. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/mock/index';

const run = promisify(execFile);
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ taskDelay: 5 });
});
afterAll(() => mock.close());

/**
 * Runs an example with RICLOUD_URL pointing at the mock and its own token (its own organisation), or with `env` in
 * their place; no other `RICLOUD_*` variable of this process reaches it.
 */
async function example(
  name: string,
  env: Record<string, string> = { RICLOUD_URL: mock.url, RICLOUD_TOKEN: `token-${name}` },
): Promise<string> {
  const inherited = Object.entries(process.env).filter(([variable]) => !variable.startsWith('RICLOUD_'));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}.ts`], {
    env: { ...Object.fromEntries(inherited), ...env, RICLOUD_LOG: 'off' },
    timeout: 60_000,
  });
  return stdout;
}

// Each test waits for a tsx process (killed after 60 s), whose start alone can pass vitest's 5 s on a loaded machine.
describe('examples', { timeout: 60_000 }, () => {
  it('demo.ts walks a config through new → valid → deactivated', async () => {
    const out = await example('demo');
    expect(out).toMatch(/auto-tested .* valid/);
    expect(out).toMatch(/deactivated .* deactivated/);
    expect(out).toContain('1 without a state filter, 1 with state=deactivated');
  });

  it("demo.ts sets the organisation's default and a key's override, and each key's event reaches its own", async () => {
    const out = await example('demo');
    expect(out).toMatch(/^• org default \S+: events of keys without their own config go to …\/second$/m);
    expect(out).toMatch(/^• key {9}\S+ overrides it: its events go to …\/v2$/m);
    expect(out).toContain('routed      default key → 1 event(s) on …/second, override key → 1 on …/v2');
  });

  it('quickstart.ts creates, tests, waits and updates through the default client', async () => {
    const out = await example('quickstart');
    expect(out).toMatch(/^[0-9a-f-]{36} new$/m);
    expect(out).toMatch(/^webhook_config\.test (succeeded|failed) /m);
    expect(out).toContain('secret kept');
    const org = mock.api.store.webhookConfigs().filter((c) => c.url.startsWith('https://hooks.example.com/ricloud/v2'));
    expect(org.some((c) => c.state === 'deactivated')).toBe(true);
  });

  it('pagination.ts pages by hand, iterates all items and pages, copies a bounded array, and deletes all', async () => {
    expect(await example('pagination')).toContain('2 of 3 on the first page\n3 3 3 2+1\n0 left');
  });

  it('errors.ts shows NotFoundError, InvalidInputError and the mayHaveSucceeded check', async () => {
    const out = await example('errors');
    expect(out).toContain('webhook_config no-such-config not found (404 not-found)');
    expect(out).toContain('Webhook config not found.');
    expect(out).toContain('url - url: must use http or https, not ftp');
  });

  it('client-options.ts runs hooks, per-request options and cancellation without printing the token', async () => {
    const out = await example('client-options');
    expect(out).toMatch(/^→ POST \/configs\/webhook #1$/m);
    expect(out).toMatch(/^← 201 \d+ ms req_\d+$/m);
    expect(out).toMatch(/^(new|valid|invalid) true$/m); // withOptions kept the base URL
    expect(out).toContain('AbortError user went away');
    expect(out).toContain('token hidden');
    expect(out).not.toContain('token-client-options');
  });

  it(
    'retrieve-data.ts runs user → session → poll → JSON results → poll of their files → download → acknowledge, ' +
      'and its receiver verifies every event',
    async () => {
      const out = await example('retrieve-data');
      expect(out).toMatch(/^session active\npoll completed: 2 tasks succeeded$/m);
      for (const type of ['ios_messages.messages', 'ios_photos.photos'])
        expect(out).toMatch(new RegExp(`^read ${type}: 4 files named$`, 'm'));
      expect(out.match(/^downloaded file-[0-9a-f]{12}-\d: 4096 bytes, MD5 [0-9a-f]{32}$/gm)).toHaveLength(8);
      expect(out).toContain('acknowledged 10 results: consumed\n');
      expect(out).toContain(
        'events verified: poll.completed, poll.created, session.active, task.created, task.succeeded, ' +
          'webhook_config.test\n',
      );
    },
  );

  it('escape-hatch.ts creates via client.post with a schema, lists via client.get, and reads with zod', async () => {
    expect(await example('escape-hatch')).toMatch(/^[0-9a-f-]{36} new 1 https:\/\/hooks\.example\.com\/raw\n$/);
  });

  it("ricloud-py-config.ts configures the SDK from ricloud-py's ~/.ricloud.ini alone, its token hidden", async () => {
    const home = mkdtempSync(join(tmpdir(), 'ricloud-example-'));
    try {
      writeFileSync(join(home, '.ricloud.ini'), `[api]\ntoken = token-py-config\nurl = ${mock.url}\nmax_retries = 3\n`);
      const out = await example('ricloud-py-config', { HOME: home });
      expect(out).toBe(`{"token":"[redacted]","baseUrl":"${mock.url}","maxRetries":3}\n0 webhook configs\n`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('testing-with-mock.ts drives the in-process mock with msw and a fault plan', async () => {
    expect(await example('testing-with-mock')).toBe('valid\nConnectionError true 2\n');
  });
});

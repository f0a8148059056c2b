import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as z from 'zod/mini';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  type BaseClient,
  Client,
  configure,
  DEFAULT_BASE_URL,
  InvalidInputError,
  NotFoundError,
  RequestError,
  ResponseValidationError,
  RicloudError,
  WebhookConfig,
  type Logger,
} from '../src/index';
import { webhookConfigSchema } from '../src/schemas';
import { createMockApi } from '../src/mock/index';
import packageJson from '../package.json';
import { rejectionOf, TOKEN_A, TOKEN_B } from './support/core-harness';

/** A process where configure() was never called: the default client is process-wide (both builds share it). */
const forgetDefaultClient = () => {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(`ricloud@${packageJson.version}/default-client`)];
};

// Three mocks on three origins: the SDK default, one named by RICLOUD_URL, and one with a token → organisation map.
const deliver = async () => new Response('OK');
const main = createMockApi({ taskDelay: 5, deliver });
const eu = createMockApi({ baseUrl: 'https://eu.ricloud.test', taskDelay: 5, deliver });
const shared = createMockApi({
  baseUrl: 'https://shared.ricloud.test',
  taskDelay: 5,
  deliver,
  tokens: { [TOKEN_A]: 'org_team', [TOKEN_B]: 'org_team', tok_outsider_0000000000000000: 'org_other' },
});
const server = setupServer(...main.handlers, ...eu.handlers, ...shared.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const api of [main, eu, shared]) {
    await api.settle();
    api.reset();
  }
});
afterAll(() => server.close());

const quiet = { logLevel: 'off' } as const;
const authOf = (request: { headers: Record<string, string> }) => request.headers.authorization;

/** The SDK imported afresh (no configure()) with `RICLOUD_TOKEN` and `RICLOUD_URL` set, or unset when undefined. */
async function freshSdk(token: string | undefined, url?: string) {
  forgetDefaultClient();
  vi.stubEnv('RICLOUD_TOKEN', token);
  vi.stubEnv('RICLOUD_URL', url);
  vi.stubEnv('RICLOUD_LOG', 'off');
  return import('../src/index');
}

describe('configure() and the default client', () => {
  it('uses https://ricloud-api.reincubate.com when neither baseUrl nor RICLOUD_URL is given', async () => {
    vi.stubEnv('RICLOUD_URL', undefined);
    expect(DEFAULT_BASE_URL).toBe('https://ricloud-api.reincubate.com');
    const client = configure({ token: TOKEN_A, ...quiet });
    expect(client.baseUrl).toBe('https://ricloud-api.reincubate.com');
    await WebhookConfig.list();
    expect(main.requests).toHaveLength(1);
  });

  it('makes static methods send Authorization: Token <token> of the configured client', async () => {
    configure({ token: TOKEN_A, ...quiet });
    const cfg = await WebhookConfig.create({ url: 'https://hooks.example.com/in' });
    await WebhookConfig.retrieve(cfg.id);
    expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`, `Token ${TOKEN_A}`]);
  });

  it.each(['', ' \t'])('counts a blank RICLOUD_URL (%j) as unset, as a blank RICLOUD_TOKEN is', async (blank) => {
    vi.stubEnv('RICLOUD_URL', blank);
    vi.stubEnv('RICLOUD_TOKEN', blank);
    const client = new Client(quiet);
    expect(client.baseUrl).toBe('https://ricloud-api.reincubate.com');
    await expect(client.webhookConfigs.list()).rejects.toThrow(/no API token/);
    expect(main.requests).toHaveLength(0);
  });

  it('reads RICLOUD_URL and RICLOUD_LOG trimmed, as the CLI and readRicloudConfig() do', async () => {
    vi.stubEnv('RICLOUD_URL', ' https://eu.ricloud.test \n');
    vi.stubEnv('RICLOUD_LOG', ' debug ');
    const lines: unknown[] = [];
    const logger = { debug: (...args: unknown[]) => lines.push(args), info() {}, warn() {}, error() {} };
    const client = new Client({ token: TOKEN_A, logger });
    expect(client.baseUrl).toBe('https://eu.ricloud.test');
    await client.webhookConfigs.list();
    expect(eu.requests).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('returns a client that the static methods take as { client }', async () => {
    const client = configure({ token: TOKEN_A, ...quiet });
    await WebhookConfig.list({}, { client });
    expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`]);
  });

  it('falls back to RICLOUD_TOKEN and RICLOUD_URL when configure() is given neither', async () => {
    vi.stubEnv('RICLOUD_TOKEN', TOKEN_B);
    vi.stubEnv('RICLOUD_URL', 'https://eu.ricloud.test/');
    const client = configure(quiet);
    expect(client.baseUrl).toBe('https://eu.ricloud.test');
    await WebhookConfig.create({ url: 'https://hooks.example.com/in' });
    expect(main.requests).toHaveLength(0);
    expect(eu.requests.map(authOf)).toEqual([`Token ${TOKEN_B}`]);
  });

  it('prefers an explicit token and baseUrl over RICLOUD_TOKEN and RICLOUD_URL', async () => {
    vi.stubEnv('RICLOUD_TOKEN', TOKEN_B);
    vi.stubEnv('RICLOUD_URL', 'https://eu.ricloud.test');
    configure({ token: TOKEN_A, baseUrl: DEFAULT_BASE_URL, ...quiet });
    await WebhookConfig.list();
    expect(eu.requests).toHaveLength(0);
    expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`]);
  });

  it(
    'is one for the process: configure() in one copy of the SDK (the ESM build) ' +
      "reaches another's (the CommonJS one)",
    async () => {
      vi.stubEnv('RICLOUD_TOKEN', TOKEN_B);
      configure({ token: TOKEN_A, ...quiet });
      vi.resetModules();
      const other = await import('../src/index');
      expect(other.WebhookConfig).not.toBe(WebhookConfig);
      await other.WebhookConfig.list();
      other.configure({ token: TOKEN_B, ...quiet });
      await WebhookConfig.list();
      expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`, `Token ${TOKEN_B}`]);
    },
  );

  it('builds the default client from the environment when configure() was never called', async () => {
    const fresh = await freshSdk(TOKEN_B, 'https://eu.ricloud.test');
    const cfg = await fresh.WebhookConfig.create({ url: 'https://hooks.example.com/in' });
    expect(cfg).toBeInstanceOf(fresh.WebhookConfig);
    expect(eu.requests.map(authOf)).toEqual([`Token ${TOKEN_B}`]);
  });

  it(
    'reads RICLOUD_TOKEN again after a static call found none: a token set later (secrets loaded at start-up) ' +
      'is sent',
    async () => {
      const fresh = await freshSdk(undefined);
      const error = await rejectionOf(fresh.WebhookConfig.list());
      expect((error as InvalidInputError).field).toBe('token');
      vi.stubEnv('RICLOUD_TOKEN', TOKEN_B);
      await fresh.WebhookConfig.list();
      await fresh.WebhookConfig.list();
      expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_B}`, `Token ${TOKEN_B}`]);
    },
  );

  it('keeps the default client it built once it has a token: a later change of RICLOUD_TOKEN is not read', async () => {
    const fresh = await freshSdk(TOKEN_B);
    await fresh.WebhookConfig.list();
    vi.stubEnv('RICLOUD_TOKEN', TOKEN_A);
    await fresh.WebhookConfig.list();
    expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_B}`, `Token ${TOKEN_B}`]);
  });

  it('replaces the default client on each call, not merging options; earlier values keep their client', async () => {
    vi.stubEnv('RICLOUD_TOKEN', TOKEN_B);
    configure({ token: TOKEN_A, ...quiet });
    const cfg = await WebhookConfig.create({ url: 'https://hooks.example.com/in' });
    configure(quiet);
    await WebhookConfig.list();
    await cfg.refresh();
    expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`, `Token ${TOKEN_B}`, `Token ${TOKEN_A}`]);
  });

  it('refuses to send without any token, as InvalidInputError on `token`', async () => {
    vi.stubEnv('RICLOUD_TOKEN', undefined);
    configure(quiet);
    const error = await rejectionOf(WebhookConfig.list());
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('token');
    expect(main.requests).toHaveLength(0);
  });

  it('refuses an empty token string before sending', async () => {
    const error = await rejectionOf(new Client({ token: '', ...quiet }).webhookConfigs.retrieve('wc_1'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('token');
    expect(main.requests).toHaveLength(0);
  });
});

it('reads a variable it may not read (Deno without --allow-env) as unset, not throwing the runtime error', async () => {
  // Deno's process.env throws NotCapable for a variable the script was not allowed to read.
  const denied = new Proxy(
    {},
    {
      get: (_, name) => {
        throw new Error(`NotCapable: Requires env access to "${String(name)}", run again with the --allow-env flag`);
      },
    },
  );
  const env = process.env;
  process.env = denied as NodeJS.ProcessEnv;
  let given: Client;
  let tokenless: BaseClient;
  try {
    given = new Client({ token: TOKEN_A, baseUrl: DEFAULT_BASE_URL });
    tokenless = configure(quiet);
  } finally {
    process.env = env;
  }
  expect((await given.webhookConfigs.list()).data).toEqual([]);
  const error = await rejectionOf(tokenless.get('/configs/webhook'));
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe('token');
  expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`]);
});

describe('isolated clients', () => {
  it('leaves the default client alone: static calls keep their token, options.client switches per call', async () => {
    configure({ token: TOKEN_A, ...quiet });
    const isolated = new Client({ token: TOKEN_B, ...quiet });
    await isolated.webhookConfigs.list();
    await WebhookConfig.list();
    await WebhookConfig.list({}, { client: isolated });
    expect(main.requests.map(authOf)).toEqual([`Token ${TOKEN_B}`, `Token ${TOKEN_A}`, `Token ${TOKEN_B}`]);
  });

  it('keeps two clients in one process from ever mixing tokens, even with interleaved concurrent calls', async () => {
    const a = new Client({ token: TOKEN_A, headers: { 'x-caller': 'a' }, ...quiet });
    const b = new Client({ token: TOKEN_B, headers: { 'x-caller': 'b' }, ...quiet });
    const made = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? b : a).webhookConfigs.create({ url: `https://hooks.example.com/${i}` }),
      ),
    );
    await Promise.all(made.map((cfg) => Promise.all([cfg.refresh(), cfg.test(), a.tasks.list(), b.events.list()])));
    expect(main.requests.length).toBeGreaterThan(20);
    for (const request of main.requests) {
      expect(authOf(request)).toBe(`Token ${request.headers['x-caller'] === 'a' ? TOKEN_A : TOKEN_B}`);
    }
    const [pageA, pageB] = await Promise.all([a.webhookConfigs.list(), b.webhookConfigs.list()]);
    expect(pageA.data.map((c) => c.id).sort()).toEqual(
      made
        .filter((_, i) => i % 2 === 0)
        .map((c) => c.id)
        .sort(),
    );
    expect(pageB.data.map((c) => c.id).sort()).toEqual(
      made
        .filter((_, i) => i % 2 === 1)
        .map((c) => c.id)
        .sort(),
    );
  });

  it("gives 404 NotFoundError for another organisation's id", async () => {
    const a = new Client({ token: TOKEN_A, ...quiet });
    const b = new Client({ token: TOKEN_B, ...quiet });
    const cfg = await a.webhookConfigs.create({ url: 'https://hooks.example.com/a' });
    const [task] = (await a.tasks.list()).data;
    const error = await rejectionOf(b.webhookConfigs.retrieve(cfg.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    await expect(b.tasks.retrieve(task?.id ?? '-')).rejects.toBeInstanceOf(NotFoundError);
    await expect(b.webhookConfigs.test(cfg.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets the mock map several tokens to one organisation, and refuses unknown tokens with 401', async () => {
    const base = { baseUrl: shared.baseUrl, ...quiet };
    const cfg = await new Client({ token: TOKEN_A, ...base }).webhookConfigs.create({
      url: 'https://hooks.example.com/team',
    });
    const seen = await new Client({ token: TOKEN_B, ...base }).webhookConfigs.retrieve(cfg.id);
    expect(seen.id).toBe(cfg.id);
    expect(seen.organisation).toBe('org_team');
    await expect(
      new Client({ token: 'tok_outsider_0000000000000000', ...base }).webhookConfigs.retrieve(cfg.id),
    ).rejects.toBeInstanceOf(NotFoundError);
    const error = await rejectionOf(
      new Client({ token: 'tok_stranger_1111111111111111', ...base }).webhookConfigs.list(),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, error: 'unauthorized' });
    expect(error.message).not.toContain('tok_stranger_1111111111111111');
  });
});

describe('client options', () => {
  it('drops trailing slashes from baseUrl', () => {
    expect(new Client({ token: TOKEN_A, baseUrl: 'https://eu.ricloud.test///' }).baseUrl).toBe(
      'https://eu.ricloud.test',
    );
  });

  it('sends client headers with every request and per-call headers with that call only', async () => {
    const client = new Client({ token: TOKEN_A, headers: { 'x-app': 'tests' }, ...quiet });
    await client.webhookConfigs.list({}, { headers: { 'x-trace': 'one' } });
    await client.webhookConfigs.list();
    expect(main.requests.map((r) => [r.headers['x-app'], r.headers['x-trace']])).toEqual([
      ['tests', 'one'],
      ['tests', undefined],
    ]);
  });

  it('sends User-Agent: ricloud-ts/<version> node/<version>, as ricloud-py sends ricloud-py/<version>', async () => {
    await new Client({ token: TOKEN_A, ...quiet }).webhookConfigs.list();
    expect(main.requests[0]?.headers['user-agent']).toBe(
      `ricloud-ts/${packageJson.version} node/${process.versions.node}`,
    );
  });

  it("lets a User-Agent header of any case replace the SDK's, but never lets a header replace the token", async () => {
    expect(() => new Client({ token: TOKEN_A, headers: { Authorization: 'Token forged' }, ...quiet })).toThrow(
      InvalidInputError,
    );
    const client = new Client({ token: TOKEN_A, headers: { 'User-Agent': 'my-app/2.0' }, ...quiet });
    await client.webhookConfigs.list();
    expect(main.requests[0]?.headers['user-agent']).toBe('my-app/2.0');
    expect(authOf(main.requests[0] as { headers: Record<string, string> })).toBe(`Token ${TOKEN_A}`);
  });

  it.each(['index.js', 'index.cjs'])(
    'sends no User-Agent from a runtime without process (a browser), so no CORS preflight has to allow it (dist/%s)',
    async (entry) => {
      // A fresh process that hides globalThis.process before building the client, loading the built entry point.
      const script = `const saved = process;
      const { Client } = await import(${JSON.stringify(new URL(`../dist/${entry}`, import.meta.url).href)});
      Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true });
      const sent = [];
      const fetch = async (request) => {
        sent.push([request.headers.get('user-agent'), request.headers.get('authorization')]);
        return new Response(JSON.stringify({ data: [], has_more: false }), {
          headers: { 'content-type': 'application/json' },
        });
      };
      await new Client({ token: 'tok_browser', baseUrl: 'https://api.test', fetch, logLevel: 'off' })
        .webhookConfigs.list();
      Object.defineProperty(globalThis, 'process', { value: saved, configurable: true });
      console.log(JSON.stringify(sent));`;
      const { execFileSync } = await import('node:child_process');
      expect(
        JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
      ).toEqual([[null, 'Token tok_browser']]);
    },
  );

  it('sends every request through the fetch option', async () => {
    const spy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const client = new Client({ token: TOKEN_A, fetch: spy as typeof fetch, ...quiet });
    await client.webhookConfigs.list();
    await client.tasks.list();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(main.requests).toHaveLength(2);
  });

  it('runs onRequest and onResponse hooks of the client and of the call', async () => {
    const seen: string[] = [];
    const client = new Client({
      token: TOKEN_A,
      onRequest: (e) => seen.push(`client ${e.method}`),
      onResponse: (e) => seen.push(`client ${e.status}`),
      ...quiet,
    });
    await client.webhookConfigs.list(
      {},
      {
        onRequest: () => seen.push('call request'),
        onResponse: (e) => seen.push(`call ${e.status} ${e.requestId ? 'with id' : 'no id'}`),
      },
    );
    expect(seen).toEqual(['client GET', 'call request', 'client 200', 'call 200 with id']);
  });

  it('withOptions() keeps the token and lays the new options over the old', async () => {
    const base = new Client({ token: TOKEN_A, ...quiet });
    const eu2 = base.withOptions({ baseUrl: 'https://eu.ricloud.test' });
    expect(eu2.baseUrl).toBe('https://eu.ricloud.test');
    await eu2.webhookConfigs.list();
    expect(eu.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`]);
  });

  it('withOptions() treats an option set to undefined as left out: the base URL and token stay', async () => {
    const base = new Client({ token: TOKEN_A, baseUrl: 'https://eu.ricloud.test', ...quiet });
    const derived = base.withOptions({ baseUrl: undefined, token: undefined, timeout: 5_000 });
    expect(derived.baseUrl).toBe('https://eu.ricloud.test');
    await derived.webhookConfigs.list();
    expect(eu.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`]);
  });

  it("takes signal and awaitFor set to undefined as left out, as any option (a call's options spread in)", async () => {
    const c = new Client({
      token: TOKEN_A,
      baseUrl: 'https://eu.ricloud.test',
      ...quiet,
      ...{ signal: undefined, awaitFor: undefined },
    });
    await c.webhookConfigs.list();
    expect(eu.requests.map(authOf)).toEqual([`Token ${TOKEN_A}`]);
  });

  it('never shows the token in toJSON, util.inspect or log lines', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m) => lines.push(m),
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
    };
    const client = new Client({
      token: TOKEN_A,
      headers: { 'x-api-key': 'hdr_value_secret' },
      logger,
      logLevel: 'debug',
    });
    await client.webhookConfigs.list();
    await client.webhookConfigs.retrieve('wc_missing').catch(() => undefined);
    expect(lines.length).toBeGreaterThan(2);
    for (const text of [JSON.stringify(client), inspect(client), ...lines]) {
      expect(text).not.toContain(TOKEN_A);
      expect(text).not.toContain('hdr_value_secret');
    }
    expect(client.toJSON()).toMatchObject({ token: '[redacted]', baseUrl: DEFAULT_BASE_URL });
  });

  it('every refusal of an option is a RicloudError naming it', () => {
    for (const [options, field] of [
      [{ token: 42 }, 'options.token'],
      [{ baseUrl: 'ftp://ricloud.test' }, 'options.baseUrl'],
      [{ fetch: 'fetch' }, 'options.fetch'],
      [{ logLevel: 'loud' }, 'options.logLevel'],
      [{ validate: 'yes' }, 'options.validate'],
      [{ timeout: 0 }, 'options.timeout'],
      [{ maxRetries: -1 }, 'options.maxRetries'],
    ] as const) {
      const error = (() => {
        try {
          new Client(options as never);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(RicloudError);
      expect(error).toMatchObject({ name: 'InvalidInputError', field });
    }
  });
});

describe('the escape hatch: client.get, post and delete', () => {
  const client = () => new Client({ token: TOKEN_A, ...quiet });

  it('GET a path with a zod schema returns the checked answer', async () => {
    const created = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const got = await client().get(`/configs/webhook/${created.id}`, { schema: webhookConfigSchema });
    expect(got.id).toBe(created.id);
    expect(got.url).toBe('https://hooks.example.com/in');
    // Without a schema, the JSON comes back as it is.
    const page = await client().get('/configs/webhook', { query: { limit: '1' } });
    expect((page as { data: unknown[] }).data).toHaveLength(1);
    // A number is sent as its text, an undefined value not at all.
    const again = await client().get('/configs/webhook', { query: { limit: 1, after_id: undefined } });
    expect((again as { data: unknown[] }).data).toHaveLength(1);
  });

  it('POST sends the body as JSON, once: a create goes through the hatch as through the resource', async () => {
    const made = (await client().post('/configs/webhook', { body: { url: 'https://hooks.example.com/raw' } })) as {
      id: string;
    };
    expect((await client().webhookConfigs.retrieve(made.id)).url).toBe('https://hooks.example.com/raw');
    expect(main.created.webhook_config).toBe(1);
  });

  it('DELETE a config: sent with the token, an empty 204 answer is undefined', async () => {
    const created = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const deleted: string[] = [];
    server.use(
      http.delete(`${DEFAULT_BASE_URL}/configs/webhook/:id`, ({ request, params }) => {
        deleted.push(`${params.id} ${request.headers.get('authorization')}`);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    try {
      expect(await client().delete(`/configs/webhook/${created.id}`)).toBeUndefined();
      expect(deleted).toEqual([`${created.id} Token ${TOKEN_A}`]);
    } finally {
      server.resetHandlers();
    }
  });

  it(
    'retries a post as a create: not after a 500 (it may have acted), after a 429; ' +
      "with retry: 'idempotent' after a 500 too, and a get after a 503",
    async () => {
      const sentTo = (method: string, path: string) =>
        main.requests.filter((r) => r.method === method && r.path === path).length;
      const body = { url: 'https://hooks.example.com/raw' };
      main.faults.add({ method: 'POST', path: '/configs/webhook', status: 500, retryAfter: 0 });
      const error = await rejectionOf(client().post('/configs/webhook', { body }));
      expect(error).toMatchObject({ name: 'ServerError', mayHaveSucceeded: true, request: { attempts: 1 } });
      expect(sentTo('POST', '/configs/webhook')).toBe(1);

      main.faults.add({ method: 'POST', path: '/configs/webhook', status: 429, retryAfter: 0 });
      await client().post('/configs/webhook', { body });
      expect(sentTo('POST', '/configs/webhook')).toBe(3);

      main.faults.add({ method: 'POST', path: '/configs/webhook', status: 500, retryAfter: 0 });
      await client().post('/configs/webhook', { body, retry: 'idempotent' });
      expect(sentTo('POST', '/configs/webhook')).toBe(5);

      main.faults.add({ method: 'GET', path: '/configs/webhook', status: 503, retryAfter: 0 });
      await client().get('/configs/webhook');
      expect(sentTo('GET', '/configs/webhook')).toBe(2);
    },
  );

  it('without a schema, JSON that is not an object is a ResponseValidationError; a schema takes it', async () => {
    server.use(http.get(`${DEFAULT_BASE_URL}/ids`, () => HttpResponse.json(['a', 'b'])));
    try {
      const error = await rejectionOf(client().get('/ids'));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ status: 200, field: '', body: '["a","b"]' });
      expect(error.message).toContain('not a JSON object');
      expect(await client().get('/ids', { schema: z.array(z.string()) })).toEqual(['a', 'b']);
    } finally {
      server.resetHandlers();
    }
  });

  it('maps an error status like any call: a DELETE the mock does not serve is a RequestError', async () => {
    const error = await rejectionOf(client().delete('/tasks'));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 405, request: { method: 'DELETE', path: '/tasks' } });
  });

  it.each([
    ['a BigInt', { count: 1n }],
    [
      'a cycle',
      (() => {
        const body: Record<string, unknown> = { url: 'https://hooks.example.com/in' };
        body.self = body;
        return body;
      })(),
    ],
  ])('refuses a body holding %s before sending anything, naming body (not a ConnectionError)', async (_name, body) => {
    const spy = vi.fn(fetch);
    const error = await rejectionOf(
      new Client({ token: TOKEN_A, fetch: spy, ...quiet }).post('/configs/webhook', { body }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('body');
    expect((error as InvalidInputError).mayHaveSucceeded).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });

  it('a password sent through the hatch and echoed back is hidden in the error, as a resource hides it', async () => {
    const password = 'hunter2-correct-horse-battery';
    server.use(
      http.post(`${DEFAULT_BASE_URL}/sessions`, async ({ request }) => {
        const sent = (await request.json()) as { payload: { password: string } };
        const message = `Apple refused the password ${sent.payload.password} for this account`;
        return HttpResponse.json(
          { error: 'invalid-parameter', message, params: { payload: [message] } },
          { status: 400 },
        );
      }),
    );
    const body = { source: { user: 'u_1', type: 'icloud.account', identifier: 'a@b.c' }, payload: { password } };
    const error = (await rejectionOf(client().post('/sessions', { body }))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toContain('Apple refused the password [redacted] for this account');
    for (const text of [error.message, error.body, JSON.stringify(error), inspect(error)])
      expect(text).not.toContain(password);
  });

  it(
    'an answer checked by a zod schema that throws is a ResponseValidationError with its status, ' +
      'not a lost connection',
    async () => {
      const schema = z.pipe(
        z.unknown(),
        z.transform(() => {
          throw new Error('schema boom');
        }),
      );
      const error = await rejectionOf(client().get('/configs/webhook', { schema }));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ status: 200, mayHaveSucceeded: false });
      expect(error.message).toContain('the schema threw while checking the response');
      expect((error as Error).cause).toBeInstanceOf(Error);
    },
  );

  it.each([
    ['retry', { retry: 'idempotant' }],
    ['query', { query: 'limit=1' }],
    ['query.limit', { query: { limit: { max: 1 } } }],
    ['query.limit', { query: { limit: null } }],
  ])('refuses a bad %s before sending anything: %j', async (field, options) => {
    const spy = vi.fn(fetch);
    const error = await rejectionOf(
      new Client({ token: TOKEN_A, fetch: spy, ...quiet }).post('/configs/webhook', options as never),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: `options.${field}`, mayHaveSucceeded: false });
    expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/configs',
    '//evil.example/configs',
    'configs/webhook',
    '/configs?x=1',
    '/a\nb',
    // Dot segments, which URL resolves: from a base URL with a path, these climb out of it.
    '/../key',
    '/configs/webhook/..',
    '/configs/./webhook',
    '/%2e%2E/%2E./admin',
  ])('refuses %j as a path before sending anything', async (path) => {
    const spy = vi.fn(fetch);
    const error = await rejectionOf(new Client({ token: TOKEN_A, fetch: spy, ...quiet }).get(path));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('path');
    expect(spy).not.toHaveBeenCalled();
  });

  it('sends a path whose segments only hold dots among other characters below a base URL with a path', async () => {
    const sent: string[] = [];
    const spy = async (input: string | URL | Request) => {
      sent.push(input instanceof Request ? input.url : String(input));
      return Response.json({});
    };
    const client = new Client({ token: TOKEN_A, baseUrl: 'https://gw.example/ricloud', fetch: spy, ...quiet });
    for (const path of ['/.well-known/x', '/a..b/...', '/v1.2/x.json']) await client.get(path);
    expect(sent).toEqual([
      'https://gw.example/ricloud/.well-known/x',
      'https://gw.example/ricloud/a..b/...',
      'https://gw.example/ricloud/v1.2/x.json',
    ]);
  });
});

/**
 * Observability: the onRequest / onResponse / onRetry hooks (client and per request), the logger with its level
 * (option or RICLOUD_LOG), and `lastResponse` on every returned resource.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client, type ClientOptions, type Logger, type RequestOptions } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { RECEIVER } from './support';

const { api, client } = useMockApi();
const CONFIGS = '/configs/webhook';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A logger that records `level message` lines. */
function recordingLogger() {
  const lines: string[] = [];
  const at = (level: keyof Logger) => (message: string) => void lines.push(`${level} ${message}`);
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

/** A client without a log level of its own, so the environment decides. */
const unlevelled = (extra: ClientOptions = {}) => new Client({ token: TOKEN_A, baseUrl: api.baseUrl, ...extra });

describe('hooks', () => {
  it('onRequest, onResponse and onRetry report each attempt of a retried call, in order', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}`;
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0 });
    const events: unknown[] = [];
    const c = client({
      onRequest: (e) => void events.push({ hook: 'request', ...e }),
      onResponse: (e) => void events.push({ hook: 'response', ...e }),
      onRetry: (e) => void events.push({ hook: 'retry', attempt: e.attempt, delayMs: e.delayMs, error: e.error.name }),
    });
    await c.webhookConfigs.retrieve(config.id);
    const url = `${api.baseUrl}${path}`;
    const response = (status: number, attempt: number) => ({
      hook: 'response',
      method: 'GET',
      url,
      attempt,
      status,
      durationMs: expect.any(Number),
      requestId: expect.stringMatching(/^req_/),
    });
    expect(events).toEqual([
      { hook: 'request', method: 'GET', url, attempt: 1 },
      response(503, 1),
      { hook: 'retry', attempt: 1, delayMs: 0, error: 'ServerError' },
      { hook: 'request', method: 'GET', url, attempt: 2 },
      response(200, 2),
    ]);
  });

  it('hooks set on the client and on the request both run, the client first', async () => {
    const order: string[] = [];
    const c = client({
      onRequest: () => void order.push('client onRequest'),
      onResponse: () => void order.push('client onResponse'),
    });
    await c.webhookConfigs.list(
      {},
      { onRequest: () => void order.push('call onRequest'), onResponse: () => void order.push('call onResponse') },
    );
    expect(order).toEqual(['client onRequest', 'call onRequest', 'client onResponse', 'call onResponse']);
  });

  it('a hook that throws is logged as a warning; the call still succeeds', async () => {
    const { logger, lines } = recordingLogger();
    const c = client({ logger, logLevel: 'warn' });
    const page = await c.webhookConfigs.list(
      {},
      {
        onResponse: () => {
          throw new TypeError('bug in my hook');
        },
      },
    );
    expect(page.data).toEqual([]);
    expect(lines).toEqual(['warn [ricloud] onResponse hook threw: TypeError']);
  });

  it('a rejecting async hook is logged as a warning, not an unhandled rejection; the call still succeeds', async () => {
    const { logger, lines } = recordingLogger();
    const c = client({
      logger,
      logLevel: 'warn',
      onRequest: async () => Promise.reject(new RangeError('span exporter down')),
    });
    const page = await c.webhookConfigs.list(
      {},
      { onResponse: async () => Promise.reject(new TypeError('bug in my async hook')) },
    );
    // The hooks are not awaited: their rejections are caught a few ticks later.
    await new Promise((resolve) => setImmediate(resolve));
    expect(page.data).toEqual([]);
    expect(lines).toEqual([
      'warn [ricloud] onRequest hook threw: RangeError',
      'warn [ricloud] onResponse hook threw: TypeError',
    ]);
  });

  it('durationMs measures the attempt: a 150 ms server latency shows', async () => {
    api.faults.add({ method: 'GET', path: CONFIGS, latency: 150 });
    let duration = -1;
    await client().webhookConfigs.list({}, { onResponse: ({ durationMs }) => void (duration = durationMs) });
    expect(duration).toBeGreaterThanOrEqual(140);
  });
});

describe('logging', () => {
  it('at debug, each attempt and each answer is logged', async () => {
    const { logger, lines } = recordingLogger();
    await client({ logger, logLevel: 'debug' }).webhookConfigs.list();
    expect(lines).toEqual([
      `debug [ricloud] → GET ${CONFIGS} (attempt 1)`,
      expect.stringMatching(new RegExp(`^debug \\[ricloud\\] ← 200 GET ${CONFIGS} in \\d+ ms$`)),
    ]);
  });

  it('at the default level (warn), only retries are logged', async () => {
    api.faults.add({ method: 'GET', path: CONFIGS, status: 502, retryAfter: 0 });
    const { logger, lines } = recordingLogger();
    vi.stubEnv('RICLOUD_LOG', undefined);
    await unlevelled({ logger }).webhookConfigs.list();
    expect(lines).toEqual([`warn [ricloud] GET ${CONFIGS}: ServerError on attempt 1, retrying in 0 ms`]);
  });

  it('at off, nothing is logged, even for a failure', async () => {
    api.faults.add({ method: 'GET', path: CONFIGS, status: 503, retryAfter: 0, times: Infinity });
    const { logger, lines } = recordingLogger();
    await rejectionOf(client({ logger, logLevel: 'off' }).webhookConfigs.list());
    expect(lines).toEqual([]);
  });

  it('a logger that throws loses its line, and the call goes on: a retried 502 still ends in the page', async () => {
    api.faults.add({ method: 'GET', path: CONFIGS, status: 502, retryAfter: 0 });
    const broken = () => {
      throw new Error('log sink closed');
    };
    const page = await client({
      logger: { debug: broken, info: broken, warn: broken, error: broken },
      logLevel: 'debug',
      maxRetries: 1,
    }).webhookConfigs.list();
    expect(page.data).toEqual([]);
    expect(page.lastResponse.status).toBe(200);
  });

  it('an async logger that rejects loses its line, never an unhandled rejection; the call goes on', async () => {
    api.faults.add({ method: 'GET', path: CONFIGS, status: 502, retryAfter: 0 });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const broken = async () => Promise.reject(new Error('log shipper down'));
      const page = await client({
        logger: { debug: broken, info: broken, warn: broken, error: broken },
        logLevel: 'debug',
        maxRetries: 1,
      }).webhookConfigs.list();
      // The logger is not awaited: its rejections would surface a few ticks later.
      await new Promise((resolve) => setImmediate(resolve));
      expect(page.data).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('RICLOUD_LOG sets the level when the client sets none', async () => {
    const { logger, lines } = recordingLogger();
    vi.stubEnv('RICLOUD_LOG', 'debug');
    await unlevelled({ logger }).webhookConfigs.list();
    expect(lines.every((line) => line.startsWith('debug [ricloud]'))).toBe(true);
    expect(lines).toHaveLength(2);
  });

  it('an explicit logLevel wins over RICLOUD_LOG, and an unknown RICLOUD_LOG value is ignored', async () => {
    const { logger, lines } = recordingLogger();
    vi.stubEnv('RICLOUD_LOG', 'debug');
    await unlevelled({ logger, logLevel: 'error' }).webhookConfigs.list();
    expect(lines).toEqual([]);
    vi.stubEnv('RICLOUD_LOG', 'verbose');
    await unlevelled({ logger }).webhookConfigs.list();
    expect(lines).toEqual([]);
  });
});

describe('lastResponse', () => {
  const shape = (status: number) => ({
    status,
    headers: expect.objectContaining({
      'content-type': 'application/json',
      'x-request-id': expect.stringMatching(/^req_/),
    }),
    requestId: expect.stringMatching(/^req_/),
  });

  it('every returned resource and page exposes the status, headers and request id of its response', async () => {
    const c = client();
    const created = await c.webhookConfigs.create({ url: RECEIVER });
    expect(created.lastResponse).toEqual(shape(201));
    expect(created.lastResponse.requestId).toBe(created.lastResponse.headers['x-request-id']);
    expect((await c.webhookConfigs.retrieve(created.id)).lastResponse).toEqual(shape(200));
    expect((await c.webhookConfigs.update(created.id, { state: 'deactivated' })).lastResponse).toEqual(shape(200));
    const task = await c.webhookConfigs.test(created.id);
    expect(task.lastResponse).toEqual(shape(201));
    await task.wait();
    expect(task.lastResponse).toEqual(shape(200));
    const page = await c.webhookConfigs.list({ state: 'deactivated' });
    expect(page.lastResponse).toEqual(shape(200));
    expect(page.data[0]?.lastResponse).toBe(page.lastResponse);
    await api.settle();
    const events = await c.events.list();
    expect(events.data[0]?.lastResponse).toEqual(shape(200));
  });

  it('hides the token in any response header that echoes it, besides the credential headers', async () => {
    const body = JSON.stringify({
      id: 'wc_1',
      resource: 'webhook_config',
      organisation: 'org_1',
      url: RECEIVER,
      state: 'valid',
      date_created: '2024-05-01T10:00:00Z',
    });
    const echoing: typeof fetch = async () =>
      new Response(body, {
        headers: {
          'content-type': 'application/json',
          'www-authenticate': `Token ${TOKEN_A}`,
          'x-debug-caller': `key=${TOKEN_A}`,
        },
      });
    const config = await client({ fetch: echoing }).webhookConfigs.retrieve('wc_1');
    expect(config.lastResponse.headers).toMatchObject({
      'www-authenticate': 'Token [redacted]',
      'x-debug-caller': 'key=[redacted]',
    });
    expect(inspect(config.lastResponse, { showHidden: true, getters: true })).not.toContain(TOKEN_A);
  });

  it('is not enumerable: not in keys, spread or JSON', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    expect(Object.keys(config)).not.toContain('lastResponse');
    expect({ ...config }).not.toHaveProperty('lastResponse');
    expect(JSON.parse(JSON.stringify(config))).not.toHaveProperty('lastResponse');
  });

  it('after a retry, it is the response that produced the value', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    api.faults.add({ method: 'GET', path: `${CONFIGS}/${config.id}`, status: 503, retryAfter: 0 });
    const ids: (string | undefined)[] = [];
    const options: RequestOptions = { onResponse: ({ requestId }) => void ids.push(requestId) };
    const got = await client().webhookConfigs.retrieve(config.id, options);
    expect(ids).toHaveLength(2);
    expect(got.lastResponse.status).toBe(200);
    expect(got.lastResponse.requestId).toBe(ids[1]);
  });
});

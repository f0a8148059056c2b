import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  configure,
  type CreatedWebhookConfig,
  NotFoundError,
  ResponseValidationError,
  Task,
  WebhookConfig,
} from '../../src/index';
import { TEST_ERRORS } from '../../src/mock/index';
import { SignatureVerificationError, verifySignature } from '../../src/webhooks/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, server, receiver, client } = useMockApi({ deliveryTimeout: 1_000 });
const URL_1 = 'https://hooks.example.com/ricloud/';

/** The test tasks of one config, oldest first, as the mock holds them. */
const testsOf = (id: string) => api.store.tasks().filter((t) => t.type === 'webhook_config.test' && t.target === id);
const stateOf = (id: string) => api.store.webhookConfigs().find((c) => c.id === id)?.state;

describe('WebhookConfig.create', () => {
  it(
    'POSTs {url} as JSON and answers 201 with state new, a secret of at least 32 ' +
      'characters and a queued test task',
    async () => {
      const cfg = await client().webhookConfigs.create({ url: URL_1 });
      const [sent] = api.requests;
      expect(sent).toMatchObject({ method: 'POST', path: '/configs/webhook', body: JSON.stringify({ url: URL_1 }) });
      expect(sent?.headers['content-type']).toMatch(/^application\/json/);
      expect(cfg).toBeInstanceOf(WebhookConfig);
      expect(cfg.lastResponse.status).toBe(201);
      expect(cfg).toMatchObject({ resource: 'webhook_config', url: URL_1, state: 'new' });
      expect(cfg.secret?.length).toBeGreaterThanOrEqual(32);
      expect(testsOf(cfg.id)).toHaveLength(1);
      expect(api.created).toMatchObject({ webhook_config: 1, task: 1 });
    },
  );

  it('takes the default client through the static method, and another client through options.client', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const other = client({ token: 'tok_other_client_0000000000000000' });
    await WebhookConfig.create({ url: URL_1 });
    await WebhookConfig.create({ url: URL_1 }, { client: other });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([
      `Token ${TOKEN_A}`,
      'Token tok_other_client_0000000000000000',
    ]);
  });

  it('refuses a create answer with no secret: ResponseValidationError on `secret`, the config may exist', async () => {
    const { secret: _secret, ...withoutSecret } = await client().webhookConfigs.create({ url: URL_1 });
    server.use(http.post(`${api.baseUrl}/configs/webhook`, () => HttpResponse.json(withoutSecret, { status: 201 })));
    const error = await rejectionOf(client().webhookConfigs.create({ url: URL_1 }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 201, field: 'secret', mayHaveSucceeded: true });
  });

  it('keeps the secret readable but out of JSON, spread and util.inspect', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    const secret = cfg.secret ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(cfg)).not.toContain(secret);
    expect({ ...cfg }).not.toHaveProperty('secret');
    expect(inspect(cfg)).not.toContain(secret);
    expect(inspect(cfg)).toContain('[redacted]');
  });

  it('sends no Ricloud-Await unless asked; holds the answer until the test ends when awaitFor is given', async () => {
    const quick = await client().webhookConfigs.create({ url: URL_1 });
    const held = await client().webhookConfigs.create({ url: URL_1 }, { awaitFor: 5 });
    expect(api.requests.map((r) => r.headers['ricloud-await'])).toEqual([undefined, '5']);
    expect(quick.state).toBe('new');
    // The answer came after the test task ended, so it already shows the outcome.
    expect(held.state).toBe('valid');
  });
});

describe('the test lifecycle of a config', () => {
  it('goes pending → processing → signed delivery to <url>/<event id> → succeeded; config turns valid', async () => {
    receiver.answer('hold');
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    const task = await cfg.test();
    expect(task.state).toBe('pending');
    // The receiver holds the delivery: the task is in the middle of it.
    await vi.waitFor(() => expect(receiver.deliveries).toHaveLength(2));
    expect((await task.refresh()).state).toBe('processing');
    expect(cfg.state).toBe('new');
    receiver.release();
    await task.wait({ timeout: 5_000 });
    expect(task.state).toBe('succeeded');
    expect(task.error ?? null).toBeNull();
    expect(task.date_completed).toEqual(expect.any(String));

    const delivery = receiver.deliveries.at(-1);
    const event = JSON.parse(delivery?.body ?? '{}') as {
      id: string;
      type: string;
      action: string;
      data: Record<string, unknown>;
    };
    expect(delivery?.method).toBe('POST');
    expect(delivery?.contentType).toMatch(/^application\/json/);
    expect(delivery?.url).toBe(`https://hooks.example.com/ricloud/${event.id}`);
    expect(event).toMatchObject({ type: 'webhook_config', action: 'test' });
    expect(event.data).toMatchObject({ id: cfg.id, url: URL_1 });
    expect(event.data).not.toHaveProperty('secret');
    expect(delivery?.body).not.toContain(cfg.secret ?? '-');
    await expect(verifySignature(delivery?.body ?? '', delivery?.signature, cfg.secret ?? '')).resolves.toBeUndefined();
    await expect(
      verifySignature(delivery?.body ?? '', delivery?.signature, 'not-the-secret-of-this-config-000'),
    ).rejects.toBeInstanceOf(SignatureVerificationError);

    expect((await cfg.refresh()).state).toBe('valid');
  });

  it.each([
    ['answers 500', 500, TEST_ERRORS.status],
    ['never answers (deliveryTimeout passes)', 'hang', TEST_ERRORS.timeout],
    ['cannot be reached', 'unreachable', TEST_ERRORS.unreachable],
  ] as const)(
    'fails the task with an error code and turns the config invalid when the receiver %s',
    async (_name, mode, code) => {
      receiver.answer(mode);
      const c = client();
      const cfg = await c.webhookConfigs.create({ url: URL_1 });
      const [task] = (await c.tasks.list()).data;
      await task?.wait({ timeout: 5_000 });
      expect(task).toMatchObject({ state: 'failed', error: code });
      expect(receiver.deliveries).toHaveLength(1);
      expect((await cfg.refresh()).state).toBe('invalid');
    },
  );

  it('walks new → valid → new (new url) → invalid → new (state new) → valid → deactivated → new → valid', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    const states: string[] = [cfg.state];
    const settleAndRefresh = async () => {
      await api.settle();
      states.push((await cfg.refresh()).state);
    };
    await settleAndRefresh();
    receiver.answer(500);
    states.push((await cfg.update({ url: 'https://hooks.example.com/v2' })).state);
    await settleAndRefresh();
    receiver.answer('ok');
    states.push((await cfg.update({ state: 'new' })).state);
    await settleAndRefresh();
    states.push((await cfg.update({ state: 'deactivated' })).state);
    await settleAndRefresh();
    states.push((await cfg.update({ state: 'new' })).state);
    await settleAndRefresh();
    expect(states).toEqual([
      'new',
      'valid',
      'new',
      'invalid',
      'new',
      'valid',
      'deactivated',
      'deactivated',
      'new',
      'valid',
    ]);
    expect(testsOf(cfg.id)).toHaveLength(4);
  });

  it('does not let a test still running when the config is deactivated turn it valid', async () => {
    receiver.answer('hold');
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    await vi.waitFor(() => expect(receiver.deliveries).toHaveLength(1));
    await cfg.update({ state: 'deactivated' });
    receiver.release();
    await api.settle();
    expect(testsOf(cfg.id).map((t) => t.state)).toEqual(['succeeded']);
    expect(stateOf(cfg.id)).toBe('deactivated');
  });
});

describe('WebhookConfig.retrieve', () => {
  it('GETs the instance path and returns the config with its attributes', async () => {
    const c = client();
    const made = await c.webhookConfigs.create({ url: URL_1 });
    const cfg = await WebhookConfig.retrieve(made.id, { client: c });
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/configs/webhook/${made.id}`, body: '' });
    expect(cfg).toMatchObject({ id: made.id, url: URL_1, resource: 'webhook_config', organisation: made.organisation });
    expect(cfg.lastResponse).toMatchObject({ status: 200 });
    expect(cfg.lastResponse.requestId).toMatch(/^req_/);
  });

  it('path-encodes the id', async () => {
    const error = await rejectionOf(client().webhookConfigs.retrieve('wc 1?x=y#z'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(api.requests.map((r) => r.path)).toEqual(['/configs/webhook/wc%201%3Fx%3Dy%23z']);
  });

  it('says which config was not found: `webhook_config wc_1 not found (404 not-found)`', async () => {
    const error = await rejectionOf(client().webhookConfigs.retrieve('wc_1'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('webhook_config wc_1 not found (404 not-found)');
  });

  it('stops at once when the signal has already fired, sending nothing', async () => {
    const error = await rejectionOf(client().webhookConfigs.retrieve('wc_1', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('WebhookConfig.list', () => {
  it('returns a page newest first; for await walks every page; toArray({limit}) stops at the limit', async () => {
    const c = client();
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await c.webhookConfigs.create({ url: `https://hooks.example.com/${i}` })).id);
    const page = await c.webhookConfigs.list({ limit: 2 });
    expect(page.data.map((x) => x.id)).toEqual([made[4], made[3]]);
    expect(page).toMatchObject({ has_more: true, total_count: 5 });
    expect(page.data[0]).toBeInstanceOf(WebhookConfig);

    const all: string[] = [];
    for await (const cfg of WebhookConfig.list({ limit: 2 }, { client: c })) all.push(cfg.id);
    expect(all).toEqual([...made].reverse());

    const some = await c.webhookConfigs.list({ limit: 2 }).toArray({ limit: 3 });
    expect(some.map((x) => x.id)).toEqual([made[4], made[3], made[2]]);
  });

  it('leaves deactivated configs out unless a state filter asks for them', async () => {
    const c = client();
    const kept = await c.webhookConfigs.create({ url: URL_1 });
    const retired = await c.webhookConfigs.create({ url: URL_1 });
    await retired.update({ state: 'deactivated' });
    expect((await c.webhookConfigs.list()).data.map((x) => x.id)).toEqual([kept.id]);
    const asked = await c.webhookConfigs.list({ state: 'deactivated' });
    expect(asked.data.map((x) => x.id)).toEqual([retired.id]);
    expect(api.requests.at(-1)?.query).toEqual({ state: 'deactivated' });
  });

  it('sends a date_created range whose lower bound is past its upper one: the API docs refuse none', async () => {
    const c = client();
    await c.webhookConfigs.create({ url: URL_1 });
    const page = await c.webhookConfigs.list({
      date_created: { gte: '2030-01-02T00:00:00Z', lt: '2030-01-01T00:00Z' },
    });
    expect(api.requests.at(-1)?.query).toEqual({
      date_created__gte: '2030-01-02T00:00:00.000Z',
      date_created__lt: '2030-01-01T00:00:00.000Z',
    });
    expect(page.data).toEqual([]);
  });

  it('sends no query at all when given no filters, and never the secret in list items', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    const page = await c.webhookConfigs.list();
    expect(api.requests.at(-1)?.query).toEqual({});
    expect(page.data[0]?.id).toBe(cfg.id);
    expect(page.data[0]?.secret ?? null).toBeNull();
  });
});

describe('update', () => {
  it('POSTs {url} to the instance path, answers the config in state new and queues a new test', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    await api.settle();
    const updated = await WebhookConfig.updateWithId(cfg.id, { url: 'https://hooks.example.com/v2' }, { client: c });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/configs/webhook/${cfg.id}`,
      body: JSON.stringify({ url: 'https://hooks.example.com/v2' }),
    });
    expect(api.requests.at(-1)?.headers['content-type']).toMatch(/^application\/json/);
    expect(updated).toMatchObject({ id: cfg.id, url: 'https://hooks.example.com/v2', state: 'new' });
    expect(testsOf(cfg.id)).toHaveLength(2);
    await api.settle();
    expect(receiver.deliveries.at(-1)?.url).toMatch(/^https:\/\/hooks\.example\.com\/v2\//);
  });

  it('queues a new test for state new and none for deactivated', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    await c.webhookConfigs.update(cfg.id, { state: 'new' });
    expect(testsOf(cfg.id)).toHaveLength(2);
    await c.webhookConfigs.update(cfg.id, { state: 'deactivated' });
    expect(testsOf(cfg.id)).toHaveLength(2);
    expect(api.requests.at(-1)?.body).toBe(JSON.stringify({ state: 'deactivated' }));
  });

  it('updates the instance in place and returns it', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    const returned = await cfg.update({ url: 'https://hooks.example.com/v3', state: 'new' });
    expect(returned).toBe(cfg);
    expect(cfg.url).toBe('https://hooks.example.com/v3');
    expect(cfg.lastResponse.status).toBe(200);
  });

  it("refuses another organisation's config with NotFoundError", async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    const error = await rejectionOf(
      client({ token: 'tok_someone_else_0000000000000000' }).webhookConfigs.update(cfg.id, { state: 'deactivated' }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(stateOf(cfg.id)).not.toBe('deactivated');
  });
});

describe('refresh', () => {
  it('fetches the config again in place, following its state', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    await api.settle();
    expect(await cfg.refresh()).toBe(cfg);
    expect(cfg.state).toBe('valid');
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/configs/webhook/${cfg.id}` });
  });

  it('keeps the secret from create when the fresh answer leaves it out', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    const secret = cfg.secret;
    server.use(
      http.get(`${api.baseUrl}/configs/webhook/:id`, ({ params }) =>
        HttpResponse.json({
          id: params.id,
          resource: 'webhook_config',
          organisation: cfg.organisation,
          url: URL_1,
          state: 'valid',
          date_created: cfg.date_created,
        }),
      ),
    );
    await cfg.refresh();
    expect(cfg.state).toBe('valid');
    expect(cfg.secret).toBe(secret);
  });

  it('keeps the secret from create when a refresh or an update answers it as null, as its type promises', async () => {
    const cfg: CreatedWebhookConfig = await client().webhookConfigs.create({ url: URL_1 });
    const secret = cfg.secret;
    // The config as the mock holds it, shown without its secret: the API need not show it again.
    const shown = (url: string) => ({ ...api.store.webhookConfigs().find((c) => c.id === cfg.id), url, secret: null });
    server.use(
      http.get(`${api.baseUrl}/configs/webhook/:id`, () => HttpResponse.json(shown(URL_1))),
      http.post(`${api.baseUrl}/configs/webhook/:id`, () => HttpResponse.json(shown('https://hooks.example.com/v2'))),
    );
    await cfg.refresh();
    expect(cfg.secret).toBe(secret);
    await cfg.update({ url: 'https://hooks.example.com/v2' });
    expect(cfg.url).toBe('https://hooks.example.com/v2');
    expect(cfg.secret).toBe(secret);
    // A config fetched afresh shows what the answer said.
    expect((await WebhookConfig.retrieve(cfg.id, { client: client() })).secret).toBeNull();
  });

  it('keeps the answer to the later of two overlapping in-place calls, even if the earlier answers last', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    // A refresh answered slowly with the old url, then an update answered at once with the new one.
    let answerRefresh = () => {};
    const refreshAnswered = new Promise<void>((resolve) => (answerRefresh = resolve));
    server.use(
      http.get(`${api.baseUrl}/configs/webhook/:id`, async ({ params }) => {
        await refreshAnswered;
        return HttpResponse.json({
          id: params.id,
          resource: 'webhook_config',
          organisation: cfg.organisation,
          url: URL_1,
          state: 'valid',
          date_created: cfg.date_created,
        });
      }),
    );
    const refreshed = cfg.refresh();
    const updated = await cfg.update({ url: 'https://hooks.example.com/v2' });
    const updateResponse = cfg.lastResponse;
    answerRefresh();
    expect(await refreshed).toBe(cfg);
    expect(updated).toBe(cfg);
    expect(cfg.url).toBe('https://hooks.example.com/v2');
    expect(cfg.lastResponse).toBe(updateResponse);
  });

  it('update() resolves with its own answer when a refresh sent during it is served first (the old url)', async () => {
    const cfg = await client().webhookConfigs.create({ url: URL_1 });
    let answerUpdate = () => {};
    const updateAnswered = new Promise<void>((resolve) => (answerUpdate = resolve));
    // Held before the mock updates: the refresh sent after it is served and answered first, with the old url.
    server.use(http.post(`${api.baseUrl}/configs/webhook/:id`, () => updateAnswered.then(() => undefined)));
    const updating = cfg.update({ url: 'https://hooks.example.com/v2' });
    await cfg.refresh();
    expect(cfg.url).toBe(URL_1);
    answerUpdate();
    expect(await updating).toBe(cfg);
    expect(cfg.url).toBe('https://hooks.example.com/v2');
  });
});

describe('test', () => {
  it('POSTs with no body to <instance>/test, answers 201 and returns a real Task with its own attributes', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    const task = await cfg.test();
    const sent = api.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', path: `/configs/webhook/${cfg.id}/test`, body: '' });
    expect(sent?.headers['content-type']).toBeUndefined();
    expect(task).toBeInstanceOf(Task);
    expect(task.lastResponse.status).toBe(201);
    expect(task).toMatchObject({ resource: 'task', type: 'webhook_config.test', target: cfg.id, state: 'pending' });
    expect(task.id).not.toBe(cfg.id);
    expect(task).not.toHaveProperty('url');
    expect(await task.wait({ timeout: 5_000 })).toBe(task);
    expect(task.state).toBe('succeeded');
  });

  it('testWithId() tests by id through the default client', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const cfg = await WebhookConfig.create({ url: URL_1 });
    const task = await WebhookConfig.testWithId(cfg.id);
    expect(task).toBeInstanceOf(Task);
    expect(testsOf(cfg.id).map((t) => t.id)).toContain(task.id);
  });

  it('sends Ricloud-Await only when awaitFor is given, and then answers the finished task', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: URL_1 });
    await cfg.test();
    const waited = await cfg.test({ awaitFor: 5 });
    expect(api.requests.slice(-2).map((r) => r.headers['ricloud-await'])).toEqual([undefined, '5']);
    expect(waited.state).toBe('succeeded');
  });

  it('names the config in its NotFoundError', async () => {
    const error = await rejectionOf(client().webhookConfigs.test('wc_gone'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('test webhook_config wc_gone not found (404 not-found)');
  });
});

describe('the methods made from the declarations', () => {
  it(
    'keep instance methods on the prototype: for…in and Object.keys list the API fields only, ' +
      'and each method runs',
    async () => {
      const cfg = await client().webhookConfigs.create({ url: URL_1 });
      const listed: string[] = [];
      for (const key in cfg) listed.push(key);
      expect(listed).toEqual(Object.keys(cfg));
      expect(listed).not.toEqual(expect.arrayContaining(['update']));
      for (const name of ['update', 'refresh', 'test', 'delete'] as const) {
        expect(Object.hasOwn(cfg, name)).toBe(false);
        expect(typeof cfg[name]).toBe('function');
      }
      expect(await cfg.refresh()).toBe(cfg);
      expect(await cfg.test()).toBeInstanceOf(Task);
    },
  );

  it('work detached from their object: a static method and a client group method called on their own', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const { create } = WebhookConfig;
    const { retrieve } = client().webhookConfigs;
    const cfg = await create({ url: URL_1 });
    expect((await retrieve(cfg.id)).id).toBe(cfg.id);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /configs/webhook',
      `GET /configs/webhook/${cfg.id}`,
    ]);
  });
});

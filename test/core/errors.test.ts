import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestError,
  ResponseError,
  ResponseValidationError,
  RicloudError,
  ServerError,
  TimeoutError,
} from '../../src/index';
import { CONFIG_ANSWER as CONFIG, rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, server, client } = useMockApi();
const once = () => client({ maxRetries: 0 });

/** Answers GET /configs/webhook/:id with `response` instead of the mock. */
const retrieveAnswers = (response: () => Response) =>
  server.use(http.get(`${api.baseUrl}/configs/webhook/:id`, response));

/** Checks what every error must hold: the family, its own name, no token, a plain toJSON. */
function expectFamily(error: Error, type: new (...args: never[]) => RicloudError) {
  expect(error).toBeInstanceOf(type);
  expect(error).toBeInstanceOf(RicloudError);
  // Every error with an HTTP error status shares the ResponseError base (status, body, retryAfter).
  if (error instanceof RequestError || error instanceof ServerError) expect(error).toBeInstanceOf(ResponseError);
  expect(error.name).toBe(type.name);
  expect(error.message).not.toContain(TOKEN_A);
  expect(JSON.stringify(error)).not.toContain(TOKEN_A);
  expect(JSON.stringify(error)).not.toContain('"stack"');
}

describe('4xx answers are RequestError with status, slug, message, params and the raw body', () => {
  it('400 invalid-parameter carries the per-parameter params', async () => {
    const error = (await rejectionOf(once().webhookConfigs.list({ after_id: 'wc_unknown' }))) as RequestError;
    expectFamily(error, RequestError);
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid-parameter',
      params: { after_id: ['No such object in this list.'] },
    });
    expect(error.message).toBe('webhook_config list: Some parameters were invalid. (400 invalid-parameter)');
    expect(JSON.parse(error.body)).toEqual({
      error: 'invalid-parameter',
      message: 'Some parameters were invalid.',
      params: { after_id: ['No such object in this list.'] },
    });
    expect(error.request).toMatchObject({
      method: 'GET',
      path: '/configs/webhook',
      attempts: 1,
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it('400 invalid-body when the body is not sent as JSON', async () => {
    // A proxy in the way rewrites the content type; the mock is strict about it.
    const c = client({
      maxRetries: 0,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const headers = new Headers(request.headers);
        headers.set('content-type', 'text/plain');
        return fetch(request.url, { method: request.method, headers, body: await request.text() });
      },
    });
    const error = (await rejectionOf(c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }))) as RequestError;
    expectFamily(error, RequestError);
    expect(error).toMatchObject({ status: 400, error: 'invalid-body' });
    expect(error.params).toBeUndefined();
    expect(api.created.webhook_config).toBe(0);
  });

  it('401 is an AuthenticationError', async () => {
    api.faults.add({ path: '/configs/webhook', status: 401 });
    const error = await rejectionOf(once().webhookConfigs.list());
    expectFamily(error, AuthenticationError);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 401, error: 'unauthorized' });
  });

  it('403 is a PermissionDeniedError', async () => {
    api.faults.add({ path: '/configs/webhook', status: 403 });
    const error = await rejectionOf(once().webhookConfigs.list());
    expectFamily(error, PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, error: 'missing-scope' });
  });

  it.each([
    ['a list', (c: ReturnType<typeof once>) => c.webhookConfigs.list(), 'webhook_config list'],
    [
      'a create',
      (c: ReturnType<typeof once>) => c.webhookConfigs.create({ url: 'https://a.example/in' }),
      'create webhook_config',
    ],
    ['Key.current()', (c: ReturnType<typeof once>) => c.keys.current(), 'current key'],
  ])(
    '404 on %s, which names no id, says the endpoint is missing and asks about the base URL, not that a resource is',
    async (_, call, what) => {
      const error = await rejectionOf(call(once().withOptions({ baseUrl: `${api.baseUrl}/v1` })));
      expectFamily(error, NotFoundError);
      expect(error.message).toBe(`${what}: no such endpoint (404 not-found); is the base URL right?`);
    },
  );

  it('404 is a NotFoundError naming the resource: `webhook_config wc_1 not found (404 not-found)`', async () => {
    const error = await rejectionOf(once().webhookConfigs.retrieve('wc_1'));
    expectFamily(error, NotFoundError);
    expect(error.message).toBe('webhook_config wc_1 not found (404 not-found)');
    expect(error).toMatchObject({
      status: 404,
      error: 'not-found',
      request: { method: 'GET', path: '/configs/webhook/wc_1' },
    });
  });

  it('405 for a method the endpoint does not take is a RequestError', async () => {
    const error = await rejectionOf(once().post('/tasks'));
    expectFamily(error, RequestError);
    expect(error).toMatchObject({ status: 405, error: 'method-not-allowed' });
  });

  it('429 is a RateLimitError carrying Retry-After in seconds', async () => {
    api.faults.add({ path: '/configs/webhook', status: 429, retryAfter: 120 });
    const error = await rejectionOf(once().webhookConfigs.list());
    expectFamily(error, RateLimitError);
    expect(error).toMatchObject({ status: 429, error: 'rate-limited', retryAfter: 120 });
    expect(error.message).toContain('retry after 120 s');
  });

  it('hides secret values that a 4xx body echoes', async () => {
    server.use(
      http.post(`${api.baseUrl}/configs/webhook`, () =>
        HttpResponse.json(
          { error: 'conflict', message: 'exists', secret: 'sec_abcdefghijklmnopqrstuvwxyz012345' },
          { status: 409 },
        ),
      ),
    );
    const error = (await rejectionOf(
      once().webhookConfigs.create({ url: 'https://hooks.example.com/in' }),
    )) as RequestError;
    expectFamily(error, RequestError);
    expect(error.body).not.toContain('sec_abcdefghijklmnopqrstuvwxyz012345');
    expect(error.body).toContain('[redacted]');
  });
});

describe("the API's message is `apiMessage` (ricloud-py's `RequestError.message`); `message` is the SDK's line", () => {
  it('a 400 keeps it beside the slug and params', async () => {
    const error = (await rejectionOf(once().webhookConfigs.list({ after_id: 'wc_unknown' }))) as RequestError;
    expect(error).toMatchObject({ error: 'invalid-parameter', apiMessage: 'Some parameters were invalid.' });
  });

  it('a 404 keeps it though its message names the resource instead', async () => {
    const error = (await rejectionOf(once().webhookConfigs.retrieve('nope'))) as NotFoundError;
    expect(error.message).toBe('webhook_config nope not found (404 not-found)');
    expect(error.apiMessage).toBe('Webhook config not found.');
  });

  it.each([
    [429, RateLimitError],
    [500, ServerError],
  ] as const)('a %i keeps it', async (status, type) => {
    api.faults.add({ path: '/configs/webhook', status });
    const error = (await rejectionOf(once().webhookConfigs.list())) as ResponseError;
    expectFamily(error, type);
    expect(error.apiMessage).toBe('Injected fault.');
    expect(error.toJSON()).toMatchObject({ apiMessage: 'Injected fault.' });
  });

  it('is redacted as the body is: a token the server echoes is hidden', async () => {
    retrieveAnswers(() =>
      HttpResponse.json({ error: 'server-error', message: `token ${TOKEN_A} failed` }, { status: 503 }),
    );
    const error = (await rejectionOf(once().webhookConfigs.retrieve('wc_1'))) as ServerError;
    expectFamily(error, ServerError);
    expect(error.apiMessage).toBe('token [redacted] failed');
  });
});

describe('an error answer without the API error body: the status speaks', () => {
  it.each([
    ['401, empty', 401, '', AuthenticationError, 'webhook_config list: the token is missing or invalid (401)'],
    [
      '403, an HTML page',
      403,
      '<h1>Forbidden</h1>',
      PermissionDeniedError,
      'webhook_config list: permission denied (403)',
    ],
    ['400, a JSON list', 400, '["bad"]', RequestError, 'webhook_config list: request refused (400)'],
    ['400, JSON null', 400, 'null', RequestError, 'webhook_config list: request refused (400)'],
    [
      '409, a numeric slug and an empty message',
      409,
      '{"error":7,"message":""}',
      RequestError,
      'webhook_config list: request refused (409)',
    ],
    [
      '401, a message of its own',
      401,
      '{"message":"Token expired."}',
      AuthenticationError,
      'webhook_config list: Token expired. (401)',
    ],
    ['500, empty', 500, '', ServerError, 'webhook_config list: server error (500)'],
    ['429, empty, with no Retry-After', 429, '', RateLimitError, 'webhook_config list: rate limited (429)'],
  ] as const)('%s', async (_name, status, body, type, message) => {
    server.use(http.get(`${api.baseUrl}/configs/webhook`, () => new Response(body, { status })));
    const error = (await rejectionOf(once().webhookConfigs.list())) as RequestError;
    expectFamily(error, type);
    expect(error.message).toBe(message);
    expect(error).toMatchObject({ status, body });
    if (status < 500) expect(error.error).toBe('');
    // Only a body with a message of its own has an `apiMessage`; an empty one is none.
    expect(error.apiMessage).toBe(body.startsWith('{"message"') ? 'Token expired.' : undefined);
    expect(Object.keys(error).includes('apiMessage')).toBe(body.startsWith('{"message"'));
  });
});

describe('5xx answers are ServerError', () => {
  it('500 with an API error body', async () => {
    api.faults.add({ path: '/configs/webhook', method: 'GET', status: 500 });
    const error = (await rejectionOf(once().webhookConfigs.list())) as ServerError;
    expectFamily(error, ServerError);
    expect(error).not.toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 500, mayHaveSucceeded: false });
    expect(error.message).toBe('webhook_config list: server error (500 server-error)');
  });

  it('a non-JSON 502 (a proxy error page) keeps its status and raw text', async () => {
    retrieveAnswers(
      () =>
        new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = (await rejectionOf(once().webhookConfigs.retrieve('wc_1'))) as ServerError;
    expectFamily(error, ServerError);
    expect(error.status).toBe(502);
    expect(error.body).toContain('502 Bad Gateway');
    expect(error.message).toBe('webhook_config wc_1: server error (502)');
  });

  it('a 5xx on create says the request may have been applied', async () => {
    api.faults.add({ path: '/configs/webhook', method: 'POST', status: 503 });
    const error = await rejectionOf(client().webhookConfigs.create({ url: 'https://hooks.example.com/in' }));
    expectFamily(error, ServerError);
    expect(error).toMatchObject({ status: 503, mayHaveSucceeded: true });
    expect(error.message).toBe(
      'create webhook_config: server error (503 server-error); the request may have been applied',
    );
    expect(api.requests).toHaveLength(1);
  });
});

describe('failures without an HTTP answer', () => {
  it('a dropped connection is a ConnectionError with the platform error as cause', async () => {
    api.faults.add({ path: '/configs/webhook', reset: 'before' });
    const error = await rejectionOf(once().webhookConfigs.list());
    expectFamily(error, ConnectionError);
    expect(error.cause).toBeDefined();
    expect(error).not.toBeInstanceOf(TypeError);
  });

  it('a call outliving its `deadline` is a TimeoutError naming the deadline; a read may not have applied', async () => {
    api.faults.add({ path: '/configs/webhook', hang: true });
    const error = await rejectionOf(client({ timeout: 30_000 }).webhookConfigs.list({}, { deadline: 100 }));
    expectFamily(error, TimeoutError);
    expect(error.message).toBe('webhook_config list: no answer within the deadline of 100 ms (1 attempt)');
    expect(error).toMatchObject({ request: { attempts: 1 }, mayHaveSucceeded: false });
  });

  it('a call whose retry outlives its `deadline` counts both attempts in the message', async () => {
    api.faults.add({ path: '/configs/webhook', status: 503 });
    api.faults.add({ path: '/configs/webhook', hang: true });
    // Full jitter picks 0: the retry starts at once, well before the deadline.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const error = await rejectionOf(client({ timeout: 30_000 }).webhookConfigs.list({}, { deadline: 1_000 }));
    random.mockRestore();
    expectFamily(error, TimeoutError);
    expect(error.message).toBe('webhook_config list: no answer within the deadline of 1000 ms (2 attempts)');
  });

  it('a create that outlives its `deadline` may have been applied', async () => {
    api.faults.add({ path: '/configs/webhook', method: 'POST', hang: true });
    const create = client({ timeout: 30_000 }).webhookConfigs.create(
      { url: 'https://hooks.example.com/in' },
      { deadline: 100 },
    );
    const error = await rejectionOf(create);
    expectFamily(error, TimeoutError);
    expect(error.message).toContain('deadline of 100 ms');
    expect(error).toMatchObject({ mayHaveSucceeded: true });
  });

  it('a dropped connection says the request may have been applied on a create only', async () => {
    api.faults.add({ path: '/configs/webhook', reset: 'before' });
    const read = await rejectionOf(once().webhookConfigs.list());
    expect(read.message).toBe('webhook_config list: connection failed');
    expect(read).toMatchObject({ mayHaveSucceeded: false });
    api.faults.add({ path: '/configs/webhook', method: 'POST', reset: 'before' });
    const create = await rejectionOf(once().webhookConfigs.create({ url: 'https://hooks.example.com/in' }));
    expect(create.message).toBe('create webhook_config: connection failed; the request may have been applied');
    expect(create).toMatchObject({ mayHaveSucceeded: true });
  });

  it('an attempt that gets no answer within `timeout` is a TimeoutError', async () => {
    api.faults.add({ path: '/configs/webhook', hang: true });
    const error = await rejectionOf(once().webhookConfigs.list({}, { timeout: 100 }));
    expectFamily(error, TimeoutError);
    expect(error).toMatchObject({ request: { attempts: 1 } });
  });

  it("the caller's signal firing mid-request is an AbortError carrying the reason", async () => {
    api.faults.add({ path: '/configs/webhook', hang: true });
    const controller = new AbortController();
    const reason = new Error('navigated away');
    const pending = rejectionOf(once().webhookConfigs.list({}, { signal: controller.signal }));
    await vi.waitFor(() => expect(api.requests).toHaveLength(1));
    controller.abort(reason);
    const error = await pending;
    expectFamily(error, AbortError);
    expect(error.cause).toBe(reason);
  });
});

describe('response validation', () => {
  it('a 200 that is not JSON is a ResponseValidationError with status, raw text and an empty field', async () => {
    retrieveAnswers(() => new HttpResponse('OK', { status: 200, headers: { 'content-type': 'text/plain' } }));
    const error = (await rejectionOf(once().webhookConfigs.retrieve('wc_1'))) as ResponseValidationError;
    expectFamily(error, ResponseValidationError);
    expect(error).toMatchObject({ status: 200, body: 'OK', field: '' });
  });

  it('JSON that breaks the schema names the failing field', async () => {
    retrieveAnswers(() => HttpResponse.json({ ...CONFIG, id: 42 }));
    const error = (await rejectionOf(once().webhookConfigs.retrieve('wc_1'))) as ResponseValidationError;
    expectFamily(error, ResponseValidationError);
    expect(error).toMatchObject({ status: 200, field: 'id' });
    expect(error.body).toBe(JSON.stringify({ ...CONFIG, id: 42 }));
    expect(error.message).toContain('`id`');
  });

  it.each([
    [{ state: 42 }, 'field `state` must be a string, got 42 (HTTP 200)'],
    [{ resource: 'task' }, 'field `resource` must be "webhook_config", got a string of 4 characters (HTTP 200)'],
    [{ organisation: null }, 'field `organisation` must be a string or a number, got null (HTTP 200)'],
    [{ date_created: true }, 'field `date_created` must be a string, got true (HTTP 200)'],
    [{ url: undefined }, 'field `url` is missing (HTTP 200)'],
    // A secret's value is not described, even when it is not a string.
    [{ secret: 987654321 }, 'field `secret` must be a string (HTTP 200)'],
  ])('says what a broken field must be and what came instead: %j', async (change, says) => {
    retrieveAnswers(() => HttpResponse.json({ ...CONFIG, ...change }));
    const error = await rejectionOf(once().webhookConfigs.retrieve('wc_1'));
    expectFamily(error, ResponseValidationError);
    expect(error.message).toBe(`webhook_config wc_1: ${says}`);
  });

  it('a body that is a list where an object belongs names the root', async () => {
    retrieveAnswers(() => HttpResponse.json([CONFIG]));
    const error = await rejectionOf(once().webhookConfigs.retrieve('wc_1'));
    expect(error).toMatchObject({
      field: '',
      message: 'webhook_config wc_1: field `(root)` must be an object, got an array (HTTP 200)',
    });
  });

  it('a broken item inside a list names its path, e.g. data.1.url', async () => {
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, () =>
        HttpResponse.json({ data: [CONFIG, { ...CONFIG, id: 'wc_2', url: null }], has_more: false }),
      ),
    );
    const error = (await rejectionOf(once().webhookConfigs.list())) as ResponseValidationError;
    expectFamily(error, ResponseValidationError);
    expect(error.field).toBe('data.1.url');
  });

  it.each([
    [{ has_more: 'no' }, 'field `has_more` must be a boolean, got a string of 2 characters (HTTP 200)'],
    [{ total_count: '12' }, 'field `total_count` must be a number, got a string of 2 characters (HTTP 200)'],
    [{ resource: 'page' }, 'field `resource` must be "list", got a string of 4 characters (HTTP 200)'],
  ])('says what a broken page field must be: %j', async (change, says) => {
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, () =>
        HttpResponse.json({ data: [CONFIG], has_more: false, ...change }),
      ),
    );
    const error = await rejectionOf(once().webhookConfigs.list());
    expectFamily(error, ResponseValidationError);
    expect(error.message).toBe(`webhook_config list: ${says}`);
  });

  it.each([
    [{ results: 'done' }, 'field `results` must be an object or an array, got a string of 4 characters (HTTP 200)'],
    // A list object with a wrong field is reported at that field, not as a list that is neither an object nor an array.
    [
      { results: { data: [], has_more: 'no' } },
      'field `results.has_more` must be a boolean, got a string of 2 characters (HTTP 200)',
    ],
    [{ results: { data: 'none' } }, 'field `results.data` must be an array, got a string of 4 characters (HTTP 200)'],
  ])('says what a broken task field must be: %j', async (change, says) => {
    const task = {
      id: 't_1',
      resource: 'task',
      type: 'webhook_config.test',
      state: 'succeeded',
      date_created: CONFIG.date_created,
    };
    server.use(http.get(`${api.baseUrl}/tasks/t_1`, () => HttpResponse.json({ ...task, ...change })));
    const error = await rejectionOf(once().tasks.retrieve('t_1'));
    expectFamily(error, ResponseValidationError);
    expect(error.message).toBe(`task t_1: ${says}`);
    server.use(
      http.get(`${api.baseUrl}/tasks/t_1`, () =>
        HttpResponse.json({ ...task, results: { data: [{ id: 'r_1' }], has_more: false } }),
      ),
    );
    await expect(once().tasks.retrieve('t_1')).resolves.toMatchObject({ results: { data: [{ id: 'r_1' }] } });
  });

  it('keeps unknown extra fields on the resource', async () => {
    retrieveAnswers(() => HttpResponse.json({ ...CONFIG, colour: 'blue', limits: { per_minute: 5 } }));
    const cfg = await once().webhookConfigs.retrieve('wc_1');
    expect((cfg as unknown as Record<string, unknown>).colour).toBe('blue');
    expect(JSON.parse(JSON.stringify(cfg))).toMatchObject({ colour: 'blue', limits: { per_minute: 5 } });
  });

  it(
    'never lets a server field replace behaviour: `done`, `refresh`, `constructor` or `toString` ' +
      'in the body are not taken',
    async () => {
      const TASK = {
        id: 'tsk_1',
        resource: 'task',
        type: 'webhook_config.test',
        state: 'succeeded',
        date_created: '2024-05-01T10:00:00Z',
      };
      server.use(
        http.get(`${api.baseUrl}/tasks/:id`, () =>
          HttpResponse.json({
            ...TASK,
            done: false,
            refresh: 1,
            wait: 'soon',
            constructor: null,
            toString: 'x',
            colour: 'blue',
          }),
        ),
      );
      const task = await once().tasks.retrieve('tsk_1');
      expect(task.done).toBe(true);
      expect(await task.wait()).toBe(task);
      expect(typeof task.refresh).toBe('function');
      expect(inspect(task)).toMatch(/^Task \{/);
      expect(String(task)).toBe('[object Object]');
      expect((task as unknown as Record<string, unknown>).colour).toBe('blue');
    },
  );

  it('reads a config in an unknown state without failing', async () => {
    retrieveAnswers(() => HttpResponse.json({ ...CONFIG, state: 'paused' }));
    const cfg = await once().webhookConfigs.retrieve('wc_1');
    expect(cfg.state).toBe('paused');
  });

  it('takes null for an optional attribute', async () => {
    retrieveAnswers(() => HttpResponse.json({ ...CONFIG, secret: null }));
    const cfg = await once().webhookConfigs.retrieve('wc_1');
    expect(cfg.secret).toBeNull();
  });

  it.each([false, 'warn'] as const)(
    'with validate: %s, still refuses a body the SDK cannot build on, as ResponseValidationError',
    async (validate) => {
      retrieveAnswers(() => HttpResponse.json(null));
      const error = await rejectionOf(client({ validate }).webhookConfigs.retrieve('wc_1'));
      expectFamily(error, ResponseValidationError);
      expect(error).toMatchObject({ status: 200, field: '', body: 'null' });
      expect(error.message).toContain('not a JSON object');
      for (const [data, field] of [
        [null, 'data'],
        [[CONFIG, 'wc_2'], 'data.1'],
      ] as const) {
        server.use(http.get(`${api.baseUrl}/configs/webhook`, () => HttpResponse.json({ data, has_more: false })));
        const listError = await rejectionOf(client({ validate }).webhookConfigs.list());
        expectFamily(listError, ResponseValidationError);
        expect(listError).toMatchObject({ status: 200, field });
      }
    },
  );

  it(
    "with validate: 'warn', returns a schema-breaking body and logs the refusal it would have been, " +
      'naming the field',
    async () => {
      retrieveAnswers(() =>
        HttpResponse.json({ ...CONFIG, state: 42, secret: 'whsec_0123456789abcdef0123456789abcdef' }),
      );
      const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
      const cfg = await client({ validate: 'warn', logger, logLevel: 'warn' }).webhookConfigs.retrieve('wc_1');
      expect(cfg.state as unknown).toBe(42);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      const line = String(logger.warn.mock.calls[0]?.[0]);
      expect(line).toContain('webhook_config wc_1: field `state`');
      expect(line).toContain("returned unchecked (validate: 'warn')");
      expect(line).not.toContain('whsec_0123456789abcdef0123456789abcdef');
    },
  );

  it("with validate: 'warn', logs no 'returned unchecked' line for a body it cannot build on", async () => {
    retrieveAnswers(() => HttpResponse.json(null));
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const error = await rejectionOf(
      client({ validate: 'warn', logger, logLevel: 'warn' }).webhookConfigs.retrieve('wc_1'),
    );
    expectFamily(error, ResponseValidationError);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('with validate: false, lets a schema-breaking body through but still refuses one that is not JSON', async () => {
    // Its url breaks the schema; an id naming another resource would be refused whatever `validate` says.
    retrieveAnswers(() => HttpResponse.json({ ...CONFIG, id: 'wc_1', url: 42 }));
    const cfg = await client({ validate: false }).webhookConfigs.retrieve('wc_1');
    expect(cfg.url as unknown).toBe(42);
    retrieveAnswers(() => new HttpResponse('<html></html>', { status: 200 }));
    await expect(client({ validate: false }).webhookConfigs.retrieve('wc_1')).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
  });
});

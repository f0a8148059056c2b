/**
 * A session's payload is secret, each field of it (an iCloud password, a 2FA code, a Relay pairing code): sent in the
 * create body only, and never in a log line, a hook's event, the mock's request log, the session itself
 * (`util.inspect`, `JSON.stringify`, its keys) or an error, even when a server echoes it back.
 */
import { format, inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  RequestError,
  ResponseValidationError,
  ServerError,
  Session,
  type SessionCreateParams,
} from '../../src/index';
import { recordingLogger } from '../support/recording-logger';
import { CONFIG_ANSWER, rejectionOf, useMockApi } from '../support/core-harness';
import { configure } from './flow-support';

const { api, server, client } = useMockApi({ taskDelay: 5 });
const SESSIONS = `${api.baseUrl}/sessions`;

/** Every way a value may be printed or serialised. */
const renderings = (value: unknown) => [
  String(value),
  JSON.stringify(value),
  inspect(value, { depth: null }),
  inspect(value, { depth: null, showHidden: true }),
  format('%o', value),
];

/** Each secret of a session's payload: the field that holds it, its value, and a create that sends it. */
const SECRETS = [
  {
    name: "an iCloud account's password",
    field: 'password',
    value: 'hunter2-correct-horse-battery',
    params: (user: string, value: unknown): SessionCreateParams => ({
      source: { user, type: 'icloud.account', identifier: 'john@icloud.com' },
      payload: { password: value as string },
    }),
  },
  {
    name: "an iCloud account's 2FA code",
    field: 'code',
    value: '918273',
    params: (user: string, value: unknown): SessionCreateParams => ({
      source: { user, type: 'icloud.account', identifier: '2fa.john@icloud.com' },
      payload: { password: 'right', code: value as string },
    }),
  },
  {
    name: "a Relay instance's pairing code",
    field: 'code',
    value: 'PAIR-55443322',
    params: (user: string, value: unknown): SessionCreateParams => ({
      source: { user, type: 'rirelay.instance' },
      payload: { code: value as string },
    }),
  },
];

describe.each(SECRETS)('$name', ({ field, value, params: withValue }) => {
  const params = (user: string) => withValue(user, value);

  /** Fails when any text holds the secret, or its first 8 characters. */
  function expectClean(texts: string[]) {
    for (const text of texts) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(value.slice(0, 8));
    }
  }

  /** The session a server answers when it echoes the payload back. */
  const echoedSession = (body: { payload: unknown }) => ({
    id: 'ses_1',
    resource: 'session',
    source: 'src_1',
    state: 'pending',
    error: null,
    payload: body.payload,
    date_created: '2024-05-01T10:00:00Z',
  });

  it('is sent once in the body, and is in no debug log, hook event or rendering of the session', async () => {
    const { logger, lines } = recordingLogger();
    const events: unknown[] = [];
    const hook = (event: unknown) => void events.push(event);
    const c = client({ logger, logLevel: 'debug', onRequest: hook, onResponse: hook, onRetry: hook });
    await configure(c, api);
    const user = await c.users.create({ identifier: 'alice' });
    api.faults.add({ method: 'POST', path: '/sessions', status: 503, retryAfter: 0 });
    // A 503 to a create is not retried (it may have been applied), so the retry goes through a second create.
    await rejectionOf(c.sessions.create(params(user.id)));
    const session = await c.sessions.create(params(user.id));
    await session.wait();
    expect(session.state).toBe('active');
    expect(api.requests.find((r) => r.path === '/sessions')?.body).toContain(`"${field}":"[redacted]"`);
    expect(lines.length).toBeGreaterThan(0);
    expectClean([...lines, ...events.map((e) => inspect(e, { depth: null })), ...renderings(session)]);
    expect(Object.keys(session)).not.toContain('payload');
  });

  it('echoed by a server in a 4xx message, params and body, is hidden in every rendering of the error', async () => {
    server.use(
      http.post(SESSIONS, async ({ request }) => {
        const body = (await request.json()) as { payload: Record<string, string> };
        const secret = body.payload[field] as string;
        const message = `bad ${field} ${secret} (${encodeURIComponent(secret)})`;
        return HttpResponse.json(
          { error: 'invalid-parameter', message, params: { payload: body.payload, echo: [secret] } },
          { status: 400 },
        );
      }),
    );
    const error = (await rejectionOf(client().sessions.create(params('usr_1')))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toContain(`bad ${field} [redacted]`);
    expectClean([...renderings(error), error.body, JSON.stringify(error.params)]);
  });

  it('echoed in a 5xx body, is hidden in the error', async () => {
    server.use(
      http.post(SESSIONS, async ({ request }) =>
        HttpResponse.text(`upstream said: ${await request.text()}`, { status: 502 }),
      ),
    );
    const error = (await rejectionOf(client({ maxRetries: 0 }).sessions.create(params('usr_1')))) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expectClean([...renderings(error), error.body]);
  });

  it('echoed in a session that breaks the schema, is hidden in the validation error', async () => {
    server.use(
      http.post(SESSIONS, async ({ request }) => {
        const { state: _state, ...broken } = echoedSession((await request.json()) as { payload: unknown });
        return HttpResponse.json({ ...broken, note: `for ${value}` }, { status: 201 });
      }),
    );
    const error = (await rejectionOf(client().sessions.create(params('usr_1')))) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expectClean([...renderings(error), error.body]);
  });

  it('is in no rendering of a connection or timeout error', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    for (const fetch of [refused, hanging]) {
      const error = await rejectionOf(client({ fetch, timeout: 50, maxRetries: 0 }).sessions.create(params('usr_1')));
      expect(error.name).toMatch(/ConnectionError|TimeoutError/);
      expectClean(renderings(error));
    }
  });

  it('given as a number by mistake, is refused naming its field without quoting it', async () => {
    const pin = 987_654_321;
    const sent = api.requests.length;
    const error = await rejectionOf(client().sessions.create(withValue('usr_1', pin)));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(`payload.${field}`);
    for (const text of renderings(error)) expect(text).not.toContain(String(pin));
    expect(api.requests).toHaveLength(sent);
  });

  it('echoed in a session answer, is not kept on the session', async () => {
    server.use(
      http.post(SESSIONS, async ({ request }) =>
        HttpResponse.json(echoedSession((await request.json()) as { payload: unknown }), { status: 201 }),
      ),
    );
    const sent = params('usr_1');
    const session = await Session.create(sent, { client: client() });
    expect(session.id).toBe('ses_1');
    expect((session as unknown as { payload: Record<string, unknown> }).payload).not.toHaveProperty(field);
    expectClean(renderings(session));
    // What was taken out is the answer's copy: the caller's parameters keep their secret, to be sent again.
    expect(sent.payload).toHaveProperty(field, value);
  });
});

describe('a short payload value, as ricloud-py samples use', () => {
  it("leaves the API's error code, message and body whole where the value is only inside words", async () => {
    const password = 'p';
    const source = { user: 'usr_nope', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    const error = (await rejectionOf(client().sessions.create({ source, payload: { password } }))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.error).toBe('invalid-parameter');
    expect(error.message).toBe('create session: Some parameters were invalid. (400 invalid-parameter)');
    expect(JSON.parse(error.body)).toMatchObject({
      error: 'invalid-parameter',
      message: 'Some parameters were invalid.',
    });
  });

  it('hides a code-shaped error holding the token (a proxy naming the key it refused) in every rendering', async () => {
    const token = 'tok_alpha_secret0123';
    server.use(http.get(SESSIONS, () => HttpResponse.json({ error: `unknown-key-${token}` }, { status: 401 })));
    const error = await rejectionOf(client({ token }).sessions.list());
    expect(error).toMatchObject({ error: 'unknown-key-[redacted]' });
    for (const text of [error.message, JSON.stringify(error), inspect(error), format(error)])
      expect(text).not.toContain(token);
  });

  it('hides a code that is the payload value itself', async () => {
    server.use(http.post(SESSIONS, () => HttpResponse.json({ error: 'hunter2', message: 'no' }, { status: 400 })));
    const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    const error = await rejectionOf(client().sessions.create({ source, payload: { password: 'hunter2' } }));
    expect(error).toMatchObject({ error: '[redacted]', message: 'create session: no (400 [redacted])' });
  });
});

describe('secrets nested in lists inside an answer', () => {
  const PASSWORD = 'hunter2-listed-0123456789';
  const TOKEN = 'tok_listed_0123456789abcdef';
  const LINK = 'https://storage.example.com/r_1?X-Signature=signed0123456789';
  /** Data a server echoed from elsewhere: secrets in any case, in a list of lists, and a signed URL in a list. */
  const history = () => [
    { note: 'kept', PASSWORD, attempts: [{ Token: TOKEN, note: 'kept' }] },
    { signed_url: { url: LINK, expires: '2024-05-02T10:00:00Z' } },
  ];
  type Listed = [{ PASSWORD?: string; attempts: [{ Token?: string }] }, { signed_url: { url?: string } }];
  /** The three secrets, read where they were sent. */
  const secretsIn = (listed: Listed) => [listed[0].PASSWORD, listed[0].attempts[0].Token, listed[1].signed_url.url];
  /** The answer's `history` as it may be shown: without its secrets. */
  const SHOWN = [{ note: 'kept', attempts: [{ note: 'kept' }] }, { signed_url: { expires: '2024-05-02T10:00:00Z' } }];
  const SESSION = {
    id: 'ses_1',
    resource: 'session',
    source: 'src_1',
    state: 'active',
    error: null,
    date_created: '2024-05-01T10:00:00Z',
  };

  it("are deleted from a session's copy, at any depth and in any case, the rest of the list whole", async () => {
    server.use(http.get(`${SESSIONS}/:id`, () => HttpResponse.json({ ...SESSION, history: history() })));
    const session = await client().sessions.retrieve('ses_1');
    const listed = (session as unknown as { history: Listed }).history;
    // Deleted, not hidden: none of them can be read.
    expect(secretsIn(listed)).toEqual([undefined, undefined, undefined]);
    expect(listed).toStrictEqual(SHOWN);
    for (const text of renderings(session))
      for (const secret of [PASSWORD, TOKEN, LINK]) expect(text).not.toContain(secret);
  });

  it('are found by the same rule in a webhook config answer, which keeps them readable, never shown', async () => {
    server.use(
      http.get(`${api.baseUrl}/configs/webhook/:id`, () => HttpResponse.json({ ...CONFIG_ANSWER, history: history() })),
    );
    const config = await client().webhookConfigs.retrieve('wc_1');
    const listed = (config as unknown as { history: Listed }).history;
    expect(secretsIn(listed)).toEqual([PASSWORD, TOKEN, LINK]);
    expect(JSON.parse(JSON.stringify(listed))).toStrictEqual(SHOWN);
    for (const text of renderings(config))
      for (const secret of [PASSWORD, TOKEN, LINK]) expect(text).not.toContain(secret);
  });
});

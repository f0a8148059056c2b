/**
 * A session's password is a secret: sent in the create body only, and never in a log line, a hook's event, the
 * session itself (`util.inspect`, `JSON.stringify`, its keys) or an error, even when a server echoes it back.
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
import { rejectionOf, useMockApi } from '../support/core-harness';
import { configure } from './flow-support';

const { api, server, client } = useMockApi({ taskDelay: 5 });
const PASSWORD = 'hunter2-correct-horse-battery';
const SESSIONS = `${api.baseUrl}/sessions`;

/** Every way a value may be printed or serialised. */
const renderings = (value: unknown) => [
  String(value),
  JSON.stringify(value),
  inspect(value, { depth: null }),
  inspect(value, { depth: null, showHidden: true }),
  format('%o', value),
];

/** Fails when any text holds the password, or its first 8 characters. */
function expectClean(texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(PASSWORD.slice(0, 8));
  }
}

const params = (user: string): SessionCreateParams => ({
  source: { user, type: 'icloud.account', identifier: 'john@icloud.com' },
  payload: { password: PASSWORD },
});

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

describe('the password', () => {
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
    expect(api.requests.find((r) => r.path === '/sessions')?.body).toContain('"password":"[redacted]"');
    expect(lines.length).toBeGreaterThan(0);
    expectClean([...lines, ...events.map((e) => inspect(e, { depth: null })), ...renderings(session)]);
    expect(Object.keys(session)).not.toContain('payload');
  });

  it('echoed by a server in a 4xx message, params and body, is hidden in every rendering of the error', async () => {
    server.use(
      http.post(SESSIONS, async ({ request }) => {
        const body = (await request.json()) as { payload: { password: string } };
        const message = `bad password ${body.payload.password} (${encodeURIComponent(body.payload.password)})`;
        return HttpResponse.json(
          { error: 'invalid-parameter', message, params: { payload: body.payload, echo: [body.payload.password] } },
          { status: 400 },
        );
      }),
    );
    const error = (await rejectionOf(client().sessions.create(params('usr_1')))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toContain('bad password [redacted]');
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
        return HttpResponse.json({ ...broken, note: `for ${PASSWORD}` }, { status: 201 });
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

  it('given as a number by mistake, is refused naming payload.password without quoting it', async () => {
    const pin = 987_654_321;
    const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    const sent = api.requests.length;
    const error = await rejectionOf(client().sessions.create({ source, payload: { password: pin as never } }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('payload.password');
    for (const text of renderings(error)) expect(text).not.toContain(String(pin));
    expect(api.requests).toHaveLength(sent);
  });

  it('echoed in a session answer, is not kept on the session', async () => {
    server.use(
      http.post(SESSIONS, async ({ request }) =>
        HttpResponse.json(echoedSession((await request.json()) as { payload: unknown }), { status: 201 }),
      ),
    );
    const session = await Session.create(params('usr_1'), { client: client() });
    expect(session.id).toBe('ses_1');
    expect((session as unknown as { payload: Record<string, unknown> }).payload).toEqual({});
    expectClean(renderings(session));
  });
});

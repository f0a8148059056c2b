/**
 * Redaction: the token, every `secret` and every `Ricloud-Signature` value stay out of logs, error messages,
 * `JSON.stringify` and `util.inspect` of clients, errors and resources. A config's own secret stays readable.
 */
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  Client,
  type ClientOptions,
  InvalidInputError,
  RequestError,
  ResponseValidationError,
  type RicloudError,
} from '../../src/index';
import { signPayload } from '../../src/webhooks/index';
import { recordingLogger } from '../support/recording-logger';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { expectErrorJson } from '../support/error-json';
import { RECEIVER, useMockServer } from './support';
import { renderings } from '../support/renderings';

const CONFIGS = '/configs/webhook';

/** Fails when `text` holds the secret, or even its first 8 characters (a body cut in half may cut it too). */
function expectClean(texts: string[], secrets: string[]) {
  for (const text of texts) {
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 8));
    }
  }
}

describe('in process', () => {
  const { api, client } = useMockApi();
  const secretOf = (id: string) => api.store.webhookConfigs().find((c) => c.id === id)?.secret ?? 'missing';

  it('debug logs of successful and failing calls hold neither the token nor the secret', async () => {
    const { logger, lines } = recordingLogger();
    const c = client({ logger, logLevel: 'debug' });
    const config = await c.webhookConfigs.create({ url: RECEIVER });
    api.faults.add({ method: 'GET', path: `${CONFIGS}/${config.id}`, status: 503, retryAfter: 0, times: Infinity });
    await rejectionOf(c.webhookConfigs.retrieve(config.id));
    expect(lines.length).toBeGreaterThan(4);
    expectClean(lines, [TOKEN_A, secretOf(config.id)]);
  });

  it('a create answer cut in half: the connection error holds neither the token nor part of the secret', async () => {
    api.faults.add({ method: 'POST', path: CONFIGS, truncate: true });
    const error = (await rejectionOf(client().webhookConfigs.create({ url: RECEIVER }))) as RicloudError;
    expect(error.name).toBe('ConnectionError');
    const [stored] = api.store.webhookConfigs();
    if (!stored) throw new Error('the mock should have created the config');
    expectClean(renderings(error), [TOKEN_A, stored.secret]);
    expectErrorJson(
      error,
      {
        name: 'ConnectionError',
        message: 'create webhook_config: connection failed; the request may have been applied',
        status: undefined,
        request: {
          method: 'POST',
          path: CONFIGS,
          url: `${api.baseUrl}${CONFIGS}`,
          attempts: 1,
          requestId: expect.stringMatching(/^req_/),
        },
        mayHaveSucceeded: true,
      },
      [TOKEN_A, stored.secret],
    );
  });

  it("the client's token given as an id is refused before sending: it is in no URL, error or log line", async () => {
    const { logger, lines } = recordingLogger();
    const c = client({ logger, logLevel: 'debug' });
    const sentBefore = api.requests.length;
    for (const call of [
      () => c.keys.retrieve(TOKEN_A),
      () => c.webhookConfigs.update(TOKEN_A, { url: RECEIVER }),
      () => c.get(`/keys/${encodeURIComponent(TOKEN_A)}`),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'id' });
      expectClean(renderings(error), [TOKEN_A]);
    }
    expect(api.requests.length).toBe(sentBefore);
    expectClean(lines, [TOKEN_A]);
  });

  it('a body cut inside the secret (say, by a proxy) keeps no part of it', async () => {
    const cut: typeof fetch = async () =>
      new Response(
        '{"id":"wc_1","resource":"webhook_config","url":"https://hooks.example.com/in",' +
          '"secret":"whsec_cut_0123456789abcdef',
        {
          status: 201,
          headers: { 'content-type': 'application/json' },
        },
      );
    const error = (await rejectionOf(
      client({ fetch: cut }).webhookConfigs.create({ url: RECEIVER }),
    )) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    // The server acted before its answer was cut: the create must not be sent again blindly.
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.body).toContain('"secret":');
    expectClean([...renderings(error), error.body], ['whsec_cut_0123456789abcdef']);
  });

  it('a server error message that echoes the token or a signature value is redacted', async () => {
    const signature = await signPayload('{}', 'whsec_echoed_secret_value');
    const echo: typeof fetch = async () =>
      new Response(
        JSON.stringify({
          error: 'invalid-parameter',
          message: `bad token ${TOKEN_A}; got Ricloud-Signature ${signature}`,
          params: {},
        }),
        {
          status: 400,
          headers: { 'content-type': 'application/json' },
        },
      );
    const error = (await rejectionOf(client({ fetch: echo }).webhookConfigs.list())) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    const base64 = signature.split('s=')[1] ?? 'missing';
    expectClean([...renderings(error), error.body], [TOKEN_A, base64]);
    const said = `bad token [redacted]; got Ricloud-Signature ${signature.split('s=')[0]}s=[redacted]`;
    expectErrorJson(
      error,
      {
        name: 'RequestError',
        message: `webhook_config list: ${said} (400 invalid-parameter)`,
        status: 400,
        request: { method: 'GET', path: CONFIGS, url: `${api.baseUrl}${CONFIGS}`, attempts: 1 },
        mayHaveSucceeded: false,
        body: JSON.stringify({ error: 'invalid-parameter', message: said, params: {} }),
        apiMessage: said,
        error: 'invalid-parameter',
        params: {},
      },
      [TOKEN_A, base64],
    );
  });

  it('Authorization, Ricloud-Signature and cookies in response headers are redacted in lastResponse', async () => {
    const signature = await signPayload('{}', 'whsec_header_secret');
    const decorated: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.set('ricloud-signature', signature);
      headers.set('authorization', `Token ${TOKEN_A}`);
      headers.set('set-cookie', 'session=abcdef123456');
      return new Response(await response.text(), { status: response.status, headers });
    };
    const page = await client({ fetch: decorated }).webhookConfigs.list();
    expect(page.lastResponse.headers['ricloud-signature']).toBe('[redacted]');
    expect(page.lastResponse.headers.authorization).toBe('[redacted]');
    expect(page.lastResponse.headers['set-cookie']).toBe('[redacted]');
    expectClean(
      [JSON.stringify(page.lastResponse), inspect(page, { depth: 10 })],
      [TOKEN_A, signature.split('s=')[1] ?? 'missing', 'abcdef123456'],
    );
  });

  it('a request id that echoes the token is redacted in the error, lastResponse and onResponse', async () => {
    const echoing =
      (status: number): typeof fetch =>
      async (input, init) => {
        const response = await fetch(input, init);
        const headers = new Headers(response.headers);
        headers.set('x-request-id', `req-${TOKEN_A}`);
        return new Response(status === 200 ? await response.text() : '{}', { status, headers });
      };
    const seen: (string | undefined)[] = [];
    const onResponse = ({ requestId }: { requestId?: string | undefined }) => void seen.push(requestId);
    const page = await client({ fetch: echoing(200), onResponse }).webhookConfigs.list();
    expect(page.lastResponse.requestId).toBe('req-[redacted]');
    const error = (await rejectionOf(
      client({ fetch: echoing(404), onResponse }).webhookConfigs.retrieve('wc_1'),
    )) as RicloudError;
    expect(error.request?.requestId).toBe('req-[redacted]');
    expect(seen).toEqual(['req-[redacted]', 'req-[redacted]']);
    expectClean([...renderings(error), JSON.stringify(page.lastResponse)], [TOKEN_A]);
  });

  it('JSON.stringify and util.inspect of a client show neither the token nor header values', () => {
    const c = new Client({
      token: TOKEN_A,
      baseUrl: api.baseUrl,
      headers: { 'x-api-key': 'hdr_secret_value_1234' },
      logLevel: 'off',
    });
    const texts = [
      JSON.stringify(c),
      inspect(c, { depth: 10 }),
      format(c),
      String(JSON.stringify(c.withOptions({ timeout: 5 }))),
    ];
    expectClean(texts, [TOKEN_A, 'hdr_secret_value_1234']);
    expect(JSON.parse(JSON.stringify(c))).toMatchObject({
      token: '[redacted]',
      headers: { 'x-api-key': '[redacted]' },
    });
  });

  it('a config prints without its secret, yet cfg.secret stays readable', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const secret = secretOf(config.id);
    expect(config.secret).toBe(secret);
    const texts = [
      inspect(config, { depth: 10 }),
      format(config),
      format('%o', config),
      JSON.stringify(config),
      JSON.stringify({ ...config }),
      Object.keys(config).join(),
    ];
    expectClean(texts, [secret, TOKEN_A]);
    expect(inspect(config)).toContain("secret: '[redacted]'");
  });
});

describe('over real sockets: connection and timeout errors', () => {
  const mock = useMockServer();

  // Only the hang waits for the timeout: an attempt cut short by it on a loaded machine would still be on its way to
  // the server, and take the fault meant for the next test.
  it.each([
    ['reset', { reset: 'after' as const }, 10_000, 'ConnectionError'],
    ['truncate', { truncate: true }, 10_000, 'ConnectionError'],
    ['hang', { hang: true }, 150, 'TimeoutError'],
  ])('the error of a create under "%s" holds neither the token nor the secret', async (_name, fault, timeout, name) => {
    mock.api.faults.add({ method: 'POST', path: CONFIGS, ...fault });
    const error = (await rejectionOf(
      mock.client({ timeout }).webhookConfigs.create({ url: RECEIVER }),
    )) as RicloudError;
    expect(error.name).toBe(name);
    const secrets = [TOKEN_A, ...mock.api.store.webhookConfigs().map((c) => c.secret)];
    expectClean(renderings(error), secrets);
  });
});

describe('a token echoed back in every form', () => {
  const { api, client } = useMockApi();
  const SENT = 'tok/echo+Secret=0123456789abcdefXYZ';
  // What a hostile server may send back of the Authorization value it received.
  const echoes = (token: string) => [
    token,
    JSON.stringify(token).slice(1, -1),
    encodeURIComponent(token),
    encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    // As Python's quote() and Go's PathEscape write it: `/` kept, the rest percent-encoded.
    encodeURIComponent(token).replaceAll('%2F', '/'),
    // As a form (URLSearchParams, PHP's urlencode) writes it.
    new URLSearchParams({ token }).toString().slice('token='.length),
    btoa(token),
    `Basic ${btoa(`${token}:`)}`,
    `Basic ${btoa(`api:${token}`)}`,
    `Basic ${btoa(`ap:${token}:x`)}`,
  ];
  // Every echo as it would appear; of a Basic credential, the middle of its base64, encoding the token's bytes only.
  const leaks = (token: string) =>
    echoes(token).map((echo) => (echo.startsWith('Basic ') ? echo.slice('Basic '.length + 8, -8) : echo));
  const echoing =
    (status: number): typeof fetch =>
    async (input, init) => {
      const token = (new Request(input, init).headers.get('authorization') ?? '').slice('Token '.length);
      const said = echoes(token).join(' | ');
      const headers = new Headers({ 'content-type': 'application/json', 'x-echo': said });
      const body = status === 200 ? { data: [], has_more: false } : { error: 'invalid-token', message: said };
      return new Response(JSON.stringify(body), { status, headers });
    };

  it.each([
    ['a trailing line break', `${SENT}\n`],
    ['a leading tab', `\t${SENT}`],
    ['a trailing \\r\\n', `${SENT}\r\n`],
    ['trailing spaces', `${SENT}   `],
  ])('a token with %s is trimmed, and no echo of it shows anywhere', async (_name, given) => {
    const { logger, lines } = recordingLogger();
    const options = { token: given, baseUrl: api.baseUrl, logger, logLevel: 'debug' as const, maxRetries: 0 };
    const error = (await rejectionOf(
      new Client({ ...options, fetch: echoing(401) }).webhookConfigs.list(),
    )) as RequestError;
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('[redacted]');
    const page = await new Client({ ...options, fetch: echoing(200) }).webhookConfigs.list();
    expect(page.lastResponse.headers['x-echo']).toContain('[redacted]');
    expectClean(
      [...renderings(error), error.stack ?? '', error.body, ...lines, JSON.stringify(page.lastResponse.headers)],
      leaks(SENT),
    );
  });

  /** The error of a list call with `token`, answered 401 by the mock with `message` in the API's error body. */
  const echoedBy401 = async (token: string, message: string, options: ClientOptions = {}) => {
    api.faults.add({
      method: 'GET',
      path: CONFIGS,
      status: 401,
      body: JSON.stringify({ error: 'invalid-token', message }),
    });
    return (await rejectionOf(client({ token, maxRetries: 0, ...options }).webhookConfigs.list())) as RequestError;
  };

  it.each([
    ['one', SENT],
    ['two', SENT.slice(0, -1)],
  ])(
    'its base64 (%s = of padding), unpadded, and a whole Basic credential holding it at each byte alignment, is hidden',
    async (_pad, token) => {
      // Before the token: none, 2, 3 and 4 bytes (alignments 0, 2, 0 and 1); after it, other bytes or none.
      const basics = [`${token}:`, `u:${token}:`, `ab:${token}`, `api:${token}:x`].map((text) => `Basic ${btoa(text)}`);
      const echoed = [btoa(token), btoa(token).replace(/=+$/, ''), ...basics];
      const { logger, lines } = recordingLogger();
      const error = await echoedBy401(token, echoed.join(' | '), { logger, logLevel: 'debug' });
      expect(error.name).toBe('AuthenticationError');
      // The base64 at a credential's ends, which the user name or the colon shares, still tells the token's first and
      // last bytes: the credential goes whole.
      const hidden = echoed.map((echo) => (echo.startsWith('Basic ') ? 'Basic [redacted]' : '[redacted]')).join(' | ');
      expect(error.message).toBe(`webhook_config list: ${hidden} (401 invalid-token)`);
      expect(error.body).toBe(JSON.stringify({ error: 'invalid-token', message: hidden }));
      const encoded = basics.map((basic) => basic.slice('Basic '.length));
      expectClean([...renderings(error), error.body, ...lines], [btoa(token).replace(/=+$/, ''), ...encoded]);
    },
  );

  it('a token of 4 characters: a Basic credential holding its one whole base64 group is hidden whole', async () => {
    const error = await echoedBy401('tk42', `no such token; got Basic ${btoa('tk42:')}`);
    // 'tk4' is the group `dGs0`; `Mjo=` holds '2' with the colon, and goes with it.
    expect(error.message).toBe('webhook_config list: no such token; got Basic [redacted] (401 invalid-token)');
  });

  it('a token under 16 characters in a Basic credential, at each byte alignment, is hidden whole', async () => {
    const token = 'tok-8chr';
    // Before the token: 0, 2 and 4 bytes (alignments 0, 2 and 1).
    const basics = [`${token}:`, `u:${token}`, `api:${token}`].map((text) => `Basic ${btoa(text)}`);
    const error = await echoedBy401(token, basics.join(' | '));
    const hidden = basics.map(() => 'Basic [redacted]').join(' | ');
    expect(error.message).toBe(`webhook_config list: ${hidden} (401 invalid-token)`);
  });

  it.each([
    ['16', 'tok_0123456789ab'],
    ['8', 'tk9f3a2c'],
  ])('a token of %s characters is hidden wherever it is, even where letters touch it', async (_length, token) => {
    const { logger, lines } = recordingLogger();
    const error = await echoedBy401(token, `no key${token}s; ${token}${token}`, { logger, logLevel: 'debug' });
    expect(error.message).toBe('webhook_config list: no key[redacted]s; [redacted][redacted] (401 invalid-token)');
    expectClean([...renderings(error), error.body, ...lines], [token]);
  });

  it.each([
    [
      'letters',
      'mock',
      'tokens mock2, 2mock, mocked, mocks and 2mock2',
      'tokens [redacted]2, 2[redacted], mocked, mocks and 2[redacted]2',
    ],
    ['digits', '4821', 'codes key4821, 4821s, 14821 and 48210', 'codes key[redacted], [redacted]s, 14821 and 48210'],
  ])(
    'a short token of %s is hidden where only the other kind touches it, and kept inside a word or number',
    async (_kind, token, said, hidden) => {
      const error = await echoedBy401(token, said);
      expect(error.message).toBe(`webhook_config list: ${hidden} (401 invalid-token)`);
    },
  );

  it('a session password echoed in a Basic credential (the server took it for a login) is hidden whole', async () => {
    const password = 'correct-horse-battery';
    const echoed = `login refused for Basic ${btoa(`john@icloud.com:${password}`)}`;
    const body = JSON.stringify({ error: 'invalid-parameter', message: echoed });
    api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
    const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    const error = (await rejectionOf(client().sessions.create({ source, payload: { password } }))) as RequestError;
    expect(error.message).toBe('create session: login refused for Basic [redacted] (400 invalid-parameter)');
    expectClean([...renderings(error), error.body], [btoa(`john@icloud.com:${password}`).slice(4, -4)]);
  });

  it.each([
    ['one character', 't'],
    ["4 characters (the CLI mock's)", 'mock'],
  ])('a token of %s is hidden where it stands alone, and words holding it keep their letters', async (_name, token) => {
    const words = "the mocked org's token expired at the start of this month";
    const base64 = `base64 ${btoa(token)} or ${btoa(token).replace(/=+$/, '')}`;
    const error = await echoedBy401(token, `unknown token ${token} (Token ${token}, '${token}', ${base64}); ${words}`);
    const said = `unknown token [redacted] (Token [redacted], '[redacted]', base64 [redacted] or [redacted]); ${words}`;
    expect(error.message).toBe(`webhook_config list: ${said} (401 invalid-token)`);
    expect(error.body).toBe(JSON.stringify({ error: 'invalid-token', message: said }));
  });

  it('a short payload secret after an escape (a request echoed URL-encoded or JSON-escaped) is hidden', async () => {
    const password = 'hunter2';
    // As a server may echo the body it refused: form-encoded, inside JSON text in a string, in a repr's escapes.
    const echoed = [
      'payload=%7B%22password%22%3A%22hunter2%22%7D',
      String.raw`{\u0022password\u0022: \u0022hunter2\u0022}`,
      String.raw`'got\nhunter2\thunter2\x27'`,
    ];
    const body = JSON.stringify({ error: 'invalid-parameter', message: echoed.join(' | ') });
    api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
    const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    const error = (await rejectionOf(client().sessions.create({ source, payload: { password } }))) as RequestError;
    expect(error.apiMessage).toBe(echoed.join(' | ').replaceAll(password, '[redacted]'));
    expectClean([...renderings(error), error.body], [password]);
  });

  it(
    "a password echoed percent-encoded in any encoder's form (a form's `+` for a space, `(`, `)`, `!` encoded) " +
      'is hidden',
    async () => {
      const password = 'correct horse (b\u00e4ttery)!';
      const json = JSON.stringify({ password });
      // As a server may echo the body it refused: in a form (URLSearchParams, PHP, Python's urlencode), by Python's
      // quote() (`%20`, `!` encoded), by encodeURIComponent, and with its hex in lower case.
      const echoed = [
        new URLSearchParams({ payload: json }).toString(),
        `payload=${encodeURIComponent(json).replaceAll('!', '%21').replaceAll('(', '%28').replaceAll(')', '%29')}`,
        `payload=${encodeURIComponent(json)}`,
        `payload=${encodeURIComponent(json).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}`,
      ];
      // Another text, where a `+` stands for no space, is not the password.
      const other = 'correct+horse+(b\u00e4ttery)+';
      const body = JSON.stringify({ error: 'invalid-parameter', message: [...echoed, other].join(' | ') });
      api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
      const { logger, lines } = recordingLogger();
      const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
      const c = client({ logger, logLevel: 'debug' });
      const error = (await rejectionOf(c.sessions.create({ source, payload: { password } }))) as RequestError;
      const hidden = echoed.map((echo) => echo.replace(/(%22%3A%22).*(%22%7D)/i, '$1[redacted]$2'));
      expect(error.apiMessage).toBe([...hidden, other].join(' | '));
      const leaks = ['correct%20horse', 'horse%20%28', 'horse+%28', 'b%C3%A4ttery%29', 'b%c3%a4ttery%29'];
      expectClean([...renderings(error), error.body, ...lines], leaks);
    },
  );

  it('a short token after an escape (%22, \\u0022, \\x22, \\042, \\n) is hidden, inside a word kept', async () => {
    // First an escape ending in a letter, a few characters into the text.
    const escapes = String.raw`%3a %22 \u0022 \x22 \042 \U0001F600 \n`.split(' ');
    const error = await echoedBy401('mock', `got ${escapes.map((before) => `${before}mock`).join(' ')}; mocked`);
    const said = `got ${escapes.map((before) => `${before}[redacted]`).join(' ')}; mocked`;
    expect(error.message).toBe(`webhook_config list: ${said} (401 invalid-token)`);
  });

  it('payload secrets are hidden longest first: a code inside the password does not leave the rest of it', async () => {
    const [password, code] = ['correct 2468 horse', '2468'];
    const body = JSON.stringify({ error: 'invalid-parameter', message: `bad ${password}; bad ${code}` });
    api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
    const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    const error = (await rejectionOf(
      client().sessions.create({ source, payload: { code, password } }),
    )) as RequestError;
    expect(error.apiMessage).toBe('bad [redacted]; bad [redacted]');
  });

  it('a short token ending in a percent-encoded character is hidden where a letter follows the escape', async () => {
    const error = await echoedBy401('tk+', 'got tk%2Bx, tk%2bx and tk+x');
    expect(error.message).toBe('webhook_config list: got [redacted]x, [redacted]x and [redacted]x (401 invalid-token)');
  });

  it("a connection failure's detail (its cause's words) that names the token is redacted in the message", async () => {
    const token = 'tok-secret-abc';
    const refuse: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error(`proxy refused Token ${token}`) });
    };
    const c = new Client({ token, baseUrl: api.baseUrl, fetch: refuse, maxRetries: 0, logLevel: 'off' });
    const error = await rejectionOf(c.webhookConfigs.list());
    expect(error.message).toBe('webhook_config list: connection failed (proxy refused Token [redacted])');
  });

  it("a connection failure's cause that names the token is printed (util.inspect, its stack) without it", async () => {
    const token = 'tok-secret-abc';
    const detail = Object.assign(new Error(`proxy refused Token ${token}`), { code: 'EPROXY' });
    const refuse: typeof fetch = async () => {
      throw new TypeError(`fetch failed for Token ${token}`, { cause: detail });
    };
    const c = new Client({ token, baseUrl: api.baseUrl, fetch: refuse, maxRetries: 0, logLevel: 'off' });
    const error = (await rejectionOf(c.webhookConfigs.list())) as RicloudError;
    expectClean([...renderings(error), inspect(error.cause, { depth: 10 })], [token]);
    expect(inspect(error)).toContain('proxy refused Token [redacted]');
    expect(error.cause).toMatchObject({ name: 'Error', code: 'EPROXY', message: 'proxy refused Token [redacted]' });
  });

  /** The error of a session create sending `password`, from a server that answers 400 with `body`. */
  const sessionError = async (password: string, body: string) => {
    const echo: typeof fetch = async () =>
      new Response(body, { status: 400, headers: { 'content-type': 'application/json' } });
    const c = new Client({ token: SENT, baseUrl: api.baseUrl, fetch: echo, maxRetries: 0, logLevel: 'off' });
    const source = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;
    return (await rejectionOf(c.sessions.create({ source, payload: { password } }))) as RequestError;
  };

  it('a password that is not Latin-1 (so has no base64 form), echoed by a server, is hidden in the error', async () => {
    const password = 'pass-\u20ac-0123456789abcdef';
    const error = await sessionError(
      password,
      JSON.stringify({ error: 'invalid-parameter', message: `bad ${password}`, params: {} }),
    );
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toBe('create session: bad [redacted] (400 invalid-parameter)');
  });

  it.each([
    // Python's json.dumps writes every non-ASCII character as \uXXXX; Go's encoding/json writes <, > and & so.
    ['its non-ASCII letters escaped as Python does', 'p\\u00e4ssw\\u00f6rd-0123456789', 'pässwörd-0123456789'],
    ['its <, > and & escaped as Go does', 'pw\\u003c\\u003e\\u0026-0123456789', 'pw<>&-0123456789'],
  ])('a password echoed with %s in a JSON body is hidden in the body too', async (_name, echoed, password) => {
    const error = await sessionError(password, `{"error": "invalid-parameter", "message": "bad ${echoed}"}`);
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toBe('create session: bad [redacted] (400 invalid-parameter)');
    expect(JSON.parse(error.body)).toEqual({ error: 'invalid-parameter', message: 'bad [redacted]' });
    expectClean([...renderings(error), error.body], [password, echoed]);
  });

  it.each([
    ['a space', 'tok_a b'],
    ['a tab', 'tok_a\tb'],
    ['a line break', 'tok_a\nb'],
    ['a NUL', 'tok_a\0b'],
    ['an escape', 'tok_a\u001bb'],
  ])('a token with %s inside is refused, naming the token and not quoting it', (_name, token) => {
    let thrown: unknown;
    try {
      new Client({ token, baseUrl: api.baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as InvalidInputError).field).toBe('token');
    expect(String(thrown)).not.toContain('tok_a');
  });
});

describe('a token that JSON escapes, and long bodies', () => {
  const { api } = useMockApi();

  /** The error of a list call whose server answers 401 with `body`: by default, `token` in its JSON message. */
  async function echoedInA401(
    token: string,
    body = JSON.stringify({ error: 'invalid-token', message: `bad ${token}` }),
  ): Promise<RequestError> {
    const echo: typeof fetch = async () =>
      new Response(body, { status: 401, headers: { 'content-type': 'application/json' } });
    const c = new Client({ token, baseUrl: api.baseUrl, fetch: echo, maxRetries: 0, logLevel: 'off' });
    return (await rejectionOf(c.webhookConfigs.list())) as RequestError;
  }

  it('a token with a quote and a backslash, echoed JSON-escaped in a body, is hidden in body and message', async () => {
    const token = 'tok"quoted\\back0123456789';
    const error = await echoedInA401(token);
    expect(error.name).toBe('AuthenticationError');
    expect(error.body).toBe('{"error":"invalid-token","message":"bad [redacted]"}');
    expect(error.message).toBe('webhook_config list: bad [redacted] (401 invalid-token)');
    expectClean([...renderings(error), error.body], [token, JSON.stringify(token).slice(1, -1)]);
  });

  it('a token ending in a backslash, echoed JSON-escaped, is hidden whole: no escape of it is left', async () => {
    // Its JSON-escaped form holds the token itself: the longer form must be hidden first.
    const token = 'tok_0123456789abcdef\\';
    const error = await echoedInA401(token);
    expect(error.body).toBe('{"error":"invalid-token","message":"bad [redacted]"}');
    expect(error.message).toBe('webhook_config list: bad [redacted] (401 invalid-token)');
    // In a body that is not JSON, the forms alone hide it.
    expect((await echoedInA401(token, `bad ${JSON.stringify(token)}`)).body).toBe('bad "[redacted]"');
  });

  it('a body longer than 64 KiB is kept cut to 64 KiB, with an ellipsis', async () => {
    const long: typeof fetch = async () => new Response('x'.repeat(100_000), { status: 500 });
    const c = new Client({ token: TOKEN_A, baseUrl: api.baseUrl, fetch: long, maxRetries: 0, logLevel: 'off' });
    const error = (await rejectionOf(c.webhookConfigs.list())) as RequestError;
    expect(error.body).toBe(`${'x'.repeat(64 * 1024)}…`);
  });
});

describe('secret fields in error bodies, read as JSON', () => {
  const { api } = useMockApi();
  const HIDDEN = 'whsec_hidden_value_123456';
  const answering =
    (body: string): typeof fetch =>
    async () =>
      new Response(body, { status: 400, headers: { 'content-type': 'application/json' } });

  it.each([
    [
      'a pretty-printed object value',
      `{\n  "error": "invalid-parameter",\n  "secret": {\n    "value": "${HIDDEN}"\n  }\n}`,
    ],
    ['a unicode-escaped key', `{"error":"invalid-parameter","secr\\u0065t":"${HIDDEN}"}`],
    ['the key "Secret"', `{"error":"invalid-parameter","Secret":"${HIDDEN}"}`],
    ['the key "SECRET" in params', `{"error":"invalid-parameter","params":{"SECRET":["${HIDDEN}"]}}`],
    ['a nested secret list', `{"error":"invalid-parameter","data":[{"secret": [ "${HIDDEN}" ]}]}`],
  ])('%s is hidden in the body, params and every rendering', async (_name, body) => {
    const c = new Client({ token: TOKEN_A, baseUrl: api.baseUrl, fetch: answering(body), maxRetries: 0 });
    const error = (await rejectionOf(c.webhookConfigs.list())) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.body).toContain('[redacted]');
    expectClean([...renderings(error), error.body, JSON.stringify(error.params ?? null)], [HIDDEN]);
  });

  it.each([
    [
      'a request echoed as JSON',
      `"{\\"url\\": \\"https://x\\", \\"secret\\": \\"${HIDDEN}\\"}"`,
      '{"url": "https://x", "secret": "[redacted]"}',
    ],
    ['a form echoed', `"url=https%3A%2F%2Fx&password=${HIDDEN}"`, 'url=https%3A%2F%2Fx&password=[redacted]'],
  ])('a string of params holding %s has its secret hidden in params, as in the body', async (_name, echoed, kept) => {
    const body = `{"error":"invalid-parameter","params":{"request":[${echoed}]}}`;
    const c = new Client({ token: TOKEN_A, baseUrl: api.baseUrl, fetch: answering(body), maxRetries: 0 });
    const error = (await rejectionOf(c.webhookConfigs.list())) as RequestError;
    expect(error.params).toEqual({ request: [kept] });
    expectClean([...renderings(error), error.body, JSON.stringify(error.params)], [HIDDEN]);
  });

  it('the JSON of such an error carries its fields, with the secret in params hidden', async () => {
    const body = `{"error":"invalid-parameter","params":{"SECRET":["${HIDDEN}"]}}`;
    const c = new Client({ token: TOKEN_A, baseUrl: api.baseUrl, fetch: answering(body), maxRetries: 0 });
    const error = await rejectionOf(c.webhookConfigs.list());
    expectErrorJson(
      error,
      {
        name: 'RequestError',
        message: 'webhook_config list: request refused (400 invalid-parameter)',
        status: 400,
        request: { method: 'GET', path: CONFIGS, url: `${api.baseUrl}${CONFIGS}`, attempts: 1 },
        mayHaveSucceeded: false,
        body: '{"error":"invalid-parameter","params":{"SECRET":"[redacted]"}}',
        error: 'invalid-parameter',
        params: { SECRET: '[redacted]' },
      },
      [HIDDEN, TOKEN_A],
    );
  });

  it('a token inside the word "secret" does not stop the secret being hidden, nor hides part of the word', async () => {
    const body = `{"error":"invalid-parameter","message":"cret","secret":"${HIDDEN}"}`;
    const c = new Client({ token: 'cret', baseUrl: api.baseUrl, fetch: answering(body), maxRetries: 0 });
    const error = (await rejectionOf(c.webhookConfigs.list())) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expectClean([...renderings(error), error.body], [HIDDEN]);
    expect(error.body).toBe('{"error":"invalid-parameter","message":"[redacted]","secret":"[redacted]"}');
  });
});

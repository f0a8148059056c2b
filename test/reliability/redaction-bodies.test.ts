/**
 * The body an error keeps: as the server sent it when it holds no secret, with only the secrets replaced when it does
 * (also in a body cut short), whole up to 64 KiB, and with the caller's own non-secret values left readable.
 */
import { describe, expect, it } from 'vitest';
import { Client, RequestError } from '../../src/index';
import { SECRET_ATTRIBUTES } from '../../src/core/redact';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const HIDDEN = 'whsec_hidden_value_123456';

describe('error bodies', () => {
  const { api } = useMockApi();
  /** A client whose every request is answered 400 with `body`. */
  const answering = (body: (request: Request) => string | Promise<string>) => {
    const fetch: typeof globalThis.fetch = async (input, init) =>
      new Response(await body(new Request(input, init)), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    return { client: new Client({ token: TOKEN_A, baseUrl: api.baseUrl, fetch, maxRetries: 0 }) };
  };
  const bodyOf = async (client: Client) => ((await rejectionOf(client.webhookConfigs.list())) as RequestError).body;

  it('a JSON body without secrets is kept as sent, layout and all', async () => {
    const body = '{\n  "error" : "invalid-parameter",\n  "message": "no"\n}';
    expect(await bodyOf(answering(() => body).client)).toBe(body);
  });

  it.each([
    [
      'a secret',
      `{"error":"invalid-parameter","secret": "${HIDDEN}`,
      '{"error":"invalid-parameter","secret": "[redacted]"',
    ],
    [
      'credentials',
      `{"error":"invalid-parameter","credentials": {"private_key": "${HIDDEN}`,
      '{"error":"invalid-parameter","credentials": "[redacted]"',
    ],
  ])('a body cut inside %s keeps its text, with the value replaced', async (_name, body, kept) => {
    expect(await bodyOf(answering(() => body).client)).toBe(kept);
  });

  it.each([...SECRET_ATTRIBUTES])(
    'a body cut after "%s" (each secret key, a session\'s payload fields included) has its values hidden, JSON or form',
    async (key) => {
      const body = `{"error":"invalid-parameter","${key}": "${HIDDEN}", "echo": "a=1&${key}=${HIDDEN}&b=2`;
      const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
      expect(error.body).toBe(
        `{"error":"invalid-parameter","${key}": "[redacted]", "echo": "a=1&${key}=[redacted]&b=2`,
      );
    },
  );

  it.each(['Credentials', 'CREDENTIALS'])(
    'a body cut inside "%s" (a key in another case) keeps its text, with the value replaced',
    async (key) => {
      const body = `{"error":"invalid-parameter","${key}": {"private_key": "${HIDDEN}`;
      expect(await bodyOf(answering(() => body).client)).toBe(`{"error":"invalid-parameter","${key}": "[redacted]"`);
    },
  );

  it.each([
    ['secr\\u0065t', 'secret'],
    ['\\u0073ecret', 'secret'],
    ['\\u0053\\u0045CRET', 'SECRET'],
    ['SECRET', 'SECRET'],
    ['Token', 'Token'],
    ['pass\\u0057ord', 'passWord'],
    ['cred\\u0065ntials', 'credentials'],
    ['Credentials', 'Credentials'],
  ])(
    'a body cut after a key written "%s" (JSON escapes, any case) keeps its text, ' +
      'with the value replaced and the key as it spells',
    async (key, spelt) => {
      const body = `{"error":"invalid-parameter","${key}": "${HIDDEN}", "params": {"url": "https://x`;
      const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
      expect(error.body).toBe(`{"error":"invalid-parameter","${spelt}": "[redacted]", "params": {"url": "https://x`);
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
    },
  );

  it('a body cut inside "cred\\u0065ntials" (an escaped key) keeps its text, with the value replaced', async () => {
    const body = `{"error":"invalid-parameter","cred\\u0065ntials": {"private_key": "${HIDDEN}`;
    expect(await bodyOf(answering(() => body).client)).toBe('{"error":"invalid-parameter","credentials": "[redacted]"');
  });

  it('an escaped key that spells no secret is kept as written, with its value', async () => {
    const body = '{"error":"invalid-parameter","\\u0075rl": "https://x", "x\\u0073ecret": "shown", "note": "a';
    expect(await bodyOf(answering(() => body).client)).toBe(body);
  });

  it('a JSON body with a string holding JSON (a request echoed) hides the secret inside it too', async () => {
    const echoed = JSON.stringify({ url: 'https://x', secret: HIDDEN });
    const body = JSON.stringify({ error: 'invalid-parameter', message: 'bad', request: echoed });
    const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
    expect(JSON.parse(error.body).request).toBe('{"url":"https://x","secret":"[redacted]"}');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
  });

  it.each([
    ['a secret', `{\\"url\\": \\"https://x\\", \\"secret\\": \\"${HIDDEN}\\"}`],
    ['a password with a space', `{\\"password\\": \\"two ${HIDDEN}\\", \\"url\\": \\"https://x\\"}`],
  ])('a body cut short with a string holding JSON (%s in a request echoed) hides it', async (_, echoed) => {
    const body = `{"error":"invalid-parameter","request": "${echoed}", "note": "a`;
    const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
    expect(`${error.body} ${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
    expect(error.body).toMatch(/^\{"error":"invalid-parameter","request": "\{\\"(url|password)\\": /);
  });

  it.each([
    ['an object in an object', `"credentials": {"service_account": {"private_key": "${HIDDEN}"}, "type": "gcs"}`],
    ['objects three deep', `"credentials": {"a": {"b": {"c": "${HIDDEN}"}}, "d": "e"}`],
    ['a list of lists', `"token": [["${HIDDEN}", "x"], ["y"]]`],
    ['an object in a list', `"secret": [{"v": ["${HIDDEN}"]}]`],
    ['a bracket inside a string', `"credentials": {"a": "}", "b": {"k": "${HIDDEN}"}}`],
    ["Python's quotes", `'credentials': {'a': {'private_key': '${HIDDEN}'}}`],
  ])(
    'a body cut short with a secret nested more than one level deep (%s) hides all of it, to the end of the body',
    async (_name, field) => {
      const body = `{"error":"invalid-parameter","params": {${field}, "url": ["Enter a valid URL."]}, "note": "a`;
      const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
      expect(`${error.body} ${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
      expect(error.body).toMatch(
        /^\{"error":"invalid-parameter","params": \{["'](credentials|token|secret)["']: "\[redacted\]"$/,
      );
    },
  );

  it.each([
    ['an object', `"credentials": {"private_key": "${HIDDEN}", "note": "}"}`],
    ['a list', `"token": ["${HIDDEN}", "x]"]`],
    ['a string holding the other quote', `"password": "it's ${HIDDEN}"`],
    ["a string in Python's quotes holding the other quote", `'password': 'say "${HIDDEN}"'`],
  ])(
    'a body cut short with a secret value (%s, nesting no other) hides it, and keeps what follows',
    async (_name, field) => {
      const body = `{"error":"invalid-parameter","params": {${field}, "url": ["Enter a valid URL."]}, "note": "a`;
      const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
      expect(`${error.body} ${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
      expect(error.body).toMatch(/: "\[redacted\]", "url": \["Enter a valid URL."\]\}, "note": "a$/);
    },
  );

  it.each([
    ['a body that is not JSON', (form: string) => `Bad request: ${form}`],
    ['a body cut short', (form: string) => `{"error":"invalid-body","message":"cannot parse ${form}`],
    ['a string of a JSON body', (form: string) => JSON.stringify({ error: 'invalid-body', message: `got ${form}` })],
  ])('a form-encoded request echoed in %s has its secret fields hidden, and the rest kept', async (_name, wrap) => {
    const form =
      `user=ann&password=${HIDDEN}1&Token=${HIDDEN}2` +
      `&credentials%5Bprivate_key%5D=${HIDDEN}3&user%5Bsecret%5D=${HIDDEN}4&x=1`;
    const error = (await rejectionOf(answering(() => wrap(form)).client.webhookConfigs.list())) as RequestError;
    expect(`${error.body} ${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
    expect(error.body).toContain(
      'user=ann&password=[redacted]&Token=[redacted]' +
        '&credentials%5Bprivate_key%5D=[redacted]&user%5Bsecret%5D=[redacted]&x=1',
    );
  });

  it.each([
    [
      'a brace inside a string of an object',
      `{'error': 'invalid', 'credentials': {'type': 'a}b', 'private_key': '${HIDDEN}'}, 'url': 'https://x`,
      `{'error': 'invalid', 'credentials': "[redacted]", 'url': 'https://x`,
    ],
    [
      'a bracket inside a string of a list',
      `{'error': 'invalid', 'token': ['a]b', '${HIDDEN}'], 'url': 'https://x`,
      `{'error': 'invalid', 'token': "[redacted]", 'url': 'https://x`,
    ],
    [
      "Python 2's u prefix",
      `{u'error': u'invalid', u'token': u'two ${HIDDEN}', u'url': u'https://x`,
      `{u'error': u'invalid', u'token': "[redacted]", u'url': u'https://x`,
    ],
    [
      "Python's b prefix",
      `{'error': 'invalid', 'password': b'two ${HIDDEN}', 'url': 'https://x`,
      `{'error': 'invalid', 'password': "[redacted]", 'url': 'https://x`,
    ],
  ])('a Python body cut short (%s) hides the secret value, and keeps what follows', async (_name, body, kept) => {
    const error = (await rejectionOf(answering(() => body).client.webhookConfigs.list())) as RequestError;
    expect(`${error.body} ${error.message} ${JSON.stringify(error)}`).not.toContain(HIDDEN);
    expect(error.body).toBe(kept);
  });

  it.each([
    "Unknown field 'token': expected one of url, secret",
    'Field "password": must not be sent here',
    "{'token': None, 'error': 'no token given'",
  ])('a message naming a secret key with words after it is kept as sent: %s', async (body) => {
    expect(await bodyOf(answering(() => body).client)).toBe(body);
  });

  it.each(['12345678', '-1234.5e3', '0x1F'])(
    'a body cut short with a scalar secret value (%s) hides it',
    async (value) => {
      const body = `{"error":"invalid-parameter","params": {"password": ${value}, "url": "https://x`;
      const kept = '{"error":"invalid-parameter","params": {"password": "[redacted]", "url": "https://x';
      expect(await bodyOf(answering(() => body).client)).toBe(kept);
    },
  );

  it.each([
    ['in a tag', (s: string) => `<sig>s=${s}</sig>`],
    ['after a colon', (s: string) => `Ricloud-Signature:s=${s},t=1`],
    ['after an equals sign', (s: string) => `header=s=${s}`],
    ['after a slash', (s: string) => `/s=${s}`],
    ['in braces', (s: string) => `{s=${s}}`],
  ])('a signature echoed %s has its s= value hidden', async (_name, echo) => {
    const signature = 'c2VjcmV0c2lnbmF0dXJlMTIzNDU2';
    const error = (await rejectionOf(answering(() => echo(signature)).client.webhookConfigs.list())) as RequestError;
    expect(`${error.body} ${error.message} ${JSON.stringify(error)}`).not.toContain(signature);
    expect(error.body).toContain('s=[redacted]');
  });

  it('a token ending in "/s=" (base64) echoed in a body that is not JSON is hidden once, as a whole', async () => {
    const token = 'dG9rZW4tMDEyMzQ1Njc4/s=';
    const fetch: typeof globalThis.fetch = async () => new Response(`Invalid token ${token} given`, { status: 400 });
    const client = new Client({ token, baseUrl: api.baseUrl, fetch, maxRetries: 0 });
    expect(await bodyOf(client)).toBe('Invalid token [redacted] given');
  });

  it('a form field whose name only contains a secret word (tokenizer=, secretary=) is kept', async () => {
    const body = 'Bad request: tokenizer=bert&secretary=ann&my_token=x';
    expect(await bodyOf(answering(() => body).client)).toBe(body);
  });

  it('a key written with "\\U" (no JSON escape) fails as the server answered, kept as written', async () => {
    const body = '{"error":"invalid-parameter","\\U0073ecret": "shown", "note": "a';
    const error = await rejectionOf(answering(() => body).client.webhookConfigs.list());
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 400, body });
  });

  it.each([
    ['escaped keys cut short', '"secr\\u0065'.repeat(100_000)],
    ['fully escaped keys cut short', '"\\u0073\\u0065\\u0063\\u0072\\u0065'.repeat(35_000)],
    ['a key, a colon, then blanks', `"\\u0074oken":${' '.repeat(1_000_000)}`],
    ['a key then blanks', `"secret"${' '.repeat(1_000_000)}`],
    ['an escaped key never closed', `"${'a\\u0065'.repeat(150_000)}`],
    ['an escaped key then blanks, no colon', `"${'\\u0065a'.repeat(100_000)}"${' '.repeat(300_000)}`],
    ['an unclosed string of escapes', `{"secret":"${'\\u0065'.repeat(200_000)}\\\n`],
    ['an unclosed list of quotes', `{"token":[${'"\\",'.repeat(250_000)}`],
    ['unclosed credentials', `{"credentials":{${'"a":"\\"'.repeat(140_000)}`],
    ['objects opened and never closed', `{"credentials":${'{"a":['.repeat(150_000)}`],
    ['form secrets, one after another', 'token=&'.repeat(150_000)],
    ['keys in quotes, one after another', `'secret':`.repeat(110_000)],
  ])('a hostile body of about 1 MB (%s) is redacted without running away', async (_name, body) => {
    expect(body.length).toBeGreaterThan(900_000);
    expect(typeof (await bodyOf(answering(() => body).client))).toBe('string');
  });

  it('a token echoed JSON-escaped in a body cut short is hidden, its slashes escaped too (as PHP does)', async () => {
    // A token may hold any Latin-1 character but line breaks: quotes, backslashes and slashes included.
    const token = 'tok"en\\wi/th_123456';
    const escaped = JSON.stringify(token).slice(1, -1);
    const fetch: typeof globalThis.fetch = async () =>
      new Response(`{"detail":"A ${escaped} B ${escaped.replaceAll('/', '\\/')} C`, { status: 400 });
    const client = new Client({ token, baseUrl: api.baseUrl, fetch, maxRetries: 0 });
    expect(await bodyOf(client)).toBe('{"detail":"A [redacted] B [redacted] C');
  });

  it('a body of exactly 64 KiB is kept whole; one character more is cut', async () => {
    const body = 'x'.repeat(64 * 1024);
    expect(await bodyOf(answering(() => body).client)).toBe(body);
    expect(await bodyOf(answering(() => `${body}y`).client)).toBe(`${body}…`);
  });

  it("an empty secret hides nothing: the echoed request's other values stay readable", async () => {
    const { client } = answering(async (request) => {
      const sent = await request.text();
      return JSON.stringify({ error: 'invalid-parameter', message: `cannot use ${sent}` });
    });
    const error = (await rejectionOf(
      client.storageConfigs.create({
        url: 's3://bucket/path',
        credentials: { access_key: 'AKIAEXAMPLE', secret_key: HIDDEN, session_token: '' },
      }),
    )) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toContain('s3://bucket/path');
    expect(error.message).not.toContain(HIDDEN);
  });

  it('each value inside a secret object (credentials) is hidden where the server echoes it alone', async () => {
    const { client } = answering(() =>
      JSON.stringify({ error: 'invalid-parameter', message: 'key AKIAEXAMPLE0123 refused' }),
    );
    const credentials = { access_key: 'AKIAEXAMPLE0123', secret_key: HIDDEN };
    const error = (await rejectionOf(
      client.storageConfigs.create({ url: 's3://bucket/path', credentials }),
    )) as RequestError;
    expect(error.apiMessage).toBe('key [redacted] refused');
    expect(error.body).not.toContain('AKIAEXAMPLE0123');
  });

  it('a secret with a lone surrogate (no percent-encoding) fails as the server answered, not a URIError', async () => {
    const { client } = answering(() => '{"error":"invalid-parameter"}');
    const error = await rejectionOf(
      client.storageConfigs.create({ url: 's3://bucket/path', credentials: { secret_key: 'x\uD800y' } }),
    );
    expect(error).toBeInstanceOf(RequestError);
  });
});

/**
 * Redaction of secrets a server or proxy echoes in encodings of encodings (percent-encoded twice or more: a URL
 * holding a secret in its query, put in another URL's query) or in base64url; secrets of one call that hold one
 * another; and hostile texts, which must not stall redaction.
 */
import { createHash } from 'node:crypto';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RequestError } from '../../src/index';
import { recordingLogger } from '../support/recording-logger';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const CONFIGS = '/configs/webhook';
const SOURCE = { user: 'usr_1', type: 'icloud.account', identifier: 'john@icloud.com' } as const;

/** Every way an error may be printed, with its body. */
const renderings = (error: RequestError) => [
  String(error),
  error.message,
  error.stack ?? '',
  error.body,
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
  format(error),
];

/** Fails when any of `texts` holds any of `leaks`. */
function expectClean(texts: string[], leaks: string[]) {
  for (const text of texts) for (const leak of leaks) expect(text).not.toContain(leak);
}

/** `text` as base64url writes it: `-` and `_` for `+` and `/`, without padding. */
const base64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('a secret echoed in an encoding of an encoding', () => {
  const { api, client } = useMockApi();

  /** The error of a list call with `token`, answered 401 by the mock with `message` in the API's error body. */
  const echoedBy401 = async (token: string, message: string) => {
    const body = JSON.stringify({ error: 'invalid-token', message });
    api.faults.add({ method: 'GET', path: CONFIGS, status: 401, body });
    const { logger, lines } = recordingLogger();
    const c = client({ token, maxRetries: 0, logger, logLevel: 'debug' });
    const error = (await rejectionOf(c.webhookConfigs.list())) as RequestError;
    return { error, lines };
  };

  /** The error of a session create sending `payload`, answered 400 by the mock with `message`. */
  const sessionRefused = async (payload: Record<string, string>, message: string) => {
    const body = JSON.stringify({ error: 'invalid-parameter', message });
    api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
    return (await rejectionOf(client().sessions.create({ source: SOURCE, payload }))) as RequestError;
  };

  it("a token percent-encoded twice, in a URL in another's query, is hidden in every rendering and log", async () => {
    const token = 'tok/echo+Secret=0123456789abcdefXYZ';
    const inner = `https://api.example/v1/keys?token=${encodeURIComponent(token)}`;
    const twice = encodeURIComponent(encodeURIComponent(token));
    const lower = twice.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    const { error, lines } = await echoedBy401(token, `sign in at /login?next=${encodeURIComponent(inner)} (${lower})`);
    const next = encodeURIComponent('https://api.example/v1/keys?token=');
    expect(error.apiMessage).toBe(`sign in at /login?next=${next}[redacted] ([redacted])`);
    expectClean([...renderings(error), ...lines], [twice, lower, 'tok%252Fecho', '0123456789abcdefXYZ']);
  });

  it('a password with spaces, in a form put in another form (its `+` as `%2B`), is hidden', async () => {
    const password = 'correct horse 2024!';
    const retry = `/sessions/retry?${new URLSearchParams({ user: 'john', password })}`;
    const echoed = `retry at ${new URLSearchParams({ next: retry })}`;
    const error = await sessionRefused({ password }, echoed);
    expect(error.apiMessage).toBe(
      `retry at next=${encodeURIComponent('/sessions/retry?user=john&password=')}[redacted]`,
    );
    expectClean(renderings(error), ['correct%2Bhorse', 'horse%2B2024']);
  });

  it('a 2FA code after a quote percent-encoded twice (a JSON body in a query in a query) is hidden', async () => {
    const code = '4821';
    const echoed = `resend ${encodeURIComponent(encodeURIComponent(JSON.stringify({ code })))}`;
    const error = await sessionRefused({ password: 'correct-horse', code }, echoed);
    expect(error.apiMessage).toBe('resend %257B%2522code%2522%253A%2522[redacted]%2522%257D');
  });

  /** `text` percent-encoded `times` times, as a URL in a query put in the query of another, and so on. */
  const encodedTimes = (text: string, times: number): string =>
    times ? encodedTimes(encodeURIComponent(text), times - 1) : text;

  it.each([3, 5])('a token percent-encoded %i times is hidden in every rendering and log', async (times) => {
    const token = 'tok/echo+Secret=0123456789abcdefXYZ';
    const encoded = encodedTimes(token, times);
    const lower = encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    const { error, lines } = await echoedBy401(token, `expired: ${encoded} (${lower})`);
    expect(error.apiMessage).toBe('expired: [redacted] ([redacted])');
    expectClean([...renderings(error), ...lines], [encoded, lower, '0123456789abcdefXYZ']);
  });

  it('a password with spaces, in a form put in a form put in a form (its `+` as `%252B`), is hidden', async () => {
    const password = 'correct horse 2024!';
    const retry = `/sessions/retry?${new URLSearchParams({ user: 'john', password })}`;
    const nested = new URLSearchParams({ next: `/login?${new URLSearchParams({ next: retry })}` });
    const error = await sessionRefused({ password }, `retry at ${nested}`);
    expect(error.apiMessage).toBe(
      `retry at next=${encodedTimes('/login?next=', 1)}` +
        `${encodedTimes('/sessions/retry?user=john&password=', 2)}[redacted]`,
    );
    expectClean(renderings(error), ['correct%252Bhorse', 'horse%252B2024']);
  });

  it.each([3, 4])('a 2FA code after a quote percent-encoded %i times is hidden', async (times) => {
    const code = '4821';
    const error = await sessionRefused(
      { password: 'correct-horse', code },
      `resend ${encodedTimes(`"${code}"`, times)}`,
    );
    expect(error.apiMessage).toBe(`resend ${encodedTimes('"', times)}[redacted]${encodedTimes('"', times)}`);
  });

  it(
    'a token in base64url, alone or inside a longer base64url text (a JWT-like claim) at each byte alignment, ' +
      'hides that text whole',
    async () => {
      // Its base64 holds `+` and `/`, which base64url writes as `-` and `_`.
      const token = 'tok~~~???>>>0123';
      expect(btoa(token)).toMatch(/\+.*\//);
      const claims = ['{"k":"', '{"key":"', '{"keys":"'].map((before) => base64url(`${before}${token}"}`));
      const { error, lines } = await echoedBy401(token, `bad ${base64url(token)}; bad claims ${claims.join('.')}`);
      expect(error.apiMessage).toBe('bad [redacted]; bad claims [redacted].[redacted].[redacted]');
      expectClean([...renderings(error), ...lines], [base64url(token), ...claims]);
    },
  );
});

describe('secrets of one call that hold one another', () => {
  const { api, client } = useMockApi();

  it.each([
    ["a short token (the CLI mock's) at the start of the password", 'mock', 'mock-pass-2024'],
    ['a short token at its end', 'pass', 'mock-pass'],
  ])('%s: the password is hidden whole, no part of it left', async (_name, token, password) => {
    const body = JSON.stringify({ error: 'invalid-parameter', message: `bad password ${password}` });
    api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
    const c = client({ token, maxRetries: 0 });
    const error = (await rejectionOf(c.sessions.create({ source: SOURCE, payload: { password } }))) as RequestError;
    expect(error.apiMessage).toBe('bad password [redacted]');
  });
});

describe('hostile texts', () => {
  const { api, client } = useMockApi();

  it('the percent-encoded start of a token, each letter in either case, is redacted without stalling', async () => {
    // Most characters of a hex token are percent-encoded with digits only (`a` as `%61`): a pattern that offered such
    // an escape as its upper-case and its lower-case way alike tried each start 2^n times before giving up.
    const start = [...TOKEN_A.slice(0, -1)].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
    const message = `${start}X `.repeat(4);
    api.faults.add({ method: 'GET', path: CONFIGS, status: 401, body: JSON.stringify({ error: 'x', message }) });
    const error = (await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.list())) as RequestError;
    expect(error.apiMessage).toBe(message);
  });

  it.each([
    ['percent signs', '%%%%%%%%%%'],
    ['percent signs encoded', '%25%25%25%25'],
  ])(
    'about 1 MB of `%` then runs of `25`, against a password of %s, is redacted without stalling',
    async (_name, password) => {
      // Each re-encoding adds a `25`: a match that fails steps back through the run once for each way of a character.
      const message = `%${'25'.repeat(40)}2`.repeat(12_000);
      const body = JSON.stringify({ error: 'invalid-parameter', message });
      api.faults.add({ method: 'POST', path: '/sessions', status: 400, body });
      const created = client({ maxRetries: 0 }).sessions.create({ source: SOURCE, payload: { password } });
      const error = (await rejectionOf(created)) as RequestError;
      // Nothing in it is the password: it comes back as sent, cut to 64 KiB.
      expect(error.apiMessage).toBe(`${message.slice(0, 64 * 1024)}…`);
    },
  );
});

describe('long secrets', () => {
  const { api, client } = useMockApi();

  /** The error of a storage config created with `key` as its private key, which the server echoes in `message`. */
  const refusedWith = async (key: string, message: string) => {
    api.faults.add({
      method: 'POST',
      path: '/configs/storage',
      status: 400,
      body: JSON.stringify({ error: 'x', message }),
    });
    const created = client({ maxRetries: 0 }).storageConfigs.create({
      url: 'gs://bucket/ricloud',
      credentials: { private_key: key },
    });
    const error = (await rejectionOf(created)) as RequestError;
    expect(error.name).toBe('RequestError');
    return error;
  };

  it('an 8 KB private key in credentials, echoed by the server, is hidden, not quoted in a SyntaxError', async () => {
    // A 4096-bit RSA key in PEM is about 3.2 KB; one pattern per character of a longer one overflowed the stack.
    const lines = Array.from({ length: 120 }, (_, i) => createHash('sha512').update(String(i)).digest('base64'));
    const key = `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
    const error = await refusedWith(key, `bad credentials: ${key}`);
    // Hidden piece by piece: nothing of it is left between the pieces.
    expect(error.apiMessage).toMatch(/^bad credentials: (?:\[redacted\])+$/);
    expectClean(
      renderings(error),
      lines.map((line) => line.slice(0, 20)),
    );
  });

  it('a key of 1024 characters and a few more is hidden to its last character, a letter touching its end', async () => {
    // Alone, its last few characters would be a short secret, left inside a word: they go with the piece before.
    const material = createHash('sha512').update('key').digest('hex').repeat(20);
    const key = `${material.slice(0, 1022)}ab\ncd`;
    const error = await refusedWith(key, `bad credentials: ${key}tail`);
    expect(error.apiMessage).toMatch(/^bad credentials: (?:\[redacted\])+tail$/);
  });
});

/**
 * The escape hatch's query (`client.get(path, { query })`): a value under a secret-named key (`token`, `password`,
 * `secret`, in any case) is sent as given, but is hidden wherever the SDK shows the request: an error's `request.url`,
 * its message, `util.inspect`, `JSON.stringify`, its cause, a server's echo of it, hook events and log lines; and in
 * the mock's request log (`api.requests[].query`).
 */
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { RicloudError } from '../../src/index';
import { recordingLogger } from '../support/recording-logger';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { renderings } from '../support/renderings';

const { api, server, client } = useMockApi();

const QUERY = {
  Token: 'qtok_5e1d9c7b3a2f4e6d8c0b',
  password: 'correct horse battery',
  secret: 'whsec_0a9b8c7d6e5f4a3b',
  code: 482913,
  state: 'valid',
};
const SECRETS = [
  'qtok_5e1d9c7b3a2f4e6d8c0b',
  'correct horse battery',
  'correct+horse',
  'whsec_0a9b8c7d6e5f4a3b',
  '482913',
];

function expectClean(texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('client.get(path, { query }) with secret-named keys', () => {
  it("sends each value, and hides the secret ones in the error's request.url, message, JSON and inspect", async () => {
    api.faults.add({ method: 'GET', path: '/key', status: 500 });
    const sent: URL[] = [];
    const record = ({ request }: { request: Request }) => void sent.push(new URL(request.url));
    server.events.on('request:start', record);
    const error = (await rejectionOf(client({ maxRetries: 0 }).get('/key', { query: QUERY }))) as RicloudError;
    server.events.removeListener('request:start', record);
    expect(error.name).toBe('ServerError');
    expect(Object.fromEntries(sent.at(-1)?.searchParams ?? [])).toEqual({ ...QUERY, code: '482913' });
    expect(error.request?.url).toMatch(/\/key\?Token=.+&password=.+&secret=.+&code=.+&state=valid$/);
    expectClean([...renderings(error), String(error.request?.url)]);
  });

  it("is logged in the mock's api.requests with each secret value [redacted], whatever its case", async () => {
    await client().get('/key', { query: { ...QUERY, 'credentials[key]': 'ck_77aa', tokens: 'plural-is-no-secret' } });
    expect(api.requests.at(-1)?.query).toEqual({
      Token: '[redacted]',
      password: '[redacted]',
      secret: '[redacted]',
      code: '[redacted]',
      state: 'valid',
      'credentials[key]': '[redacted]',
      tokens: 'plural-is-no-secret',
    });
    expectClean([JSON.stringify(api.requests), inspect(api.requests, { depth: null })]);
  });

  it('hides a secret value the server echoes in its error body', async () => {
    server.use(
      http.get(`${api.baseUrl}/key`, ({ request }) =>
        HttpResponse.json(
          { error: 'invalid-parameter', message: `bad ${new URL(request.url).searchParams.get('password')}` },
          { status: 400 },
        ),
      ),
    );
    const error = (await rejectionOf(client().get('/key', { query: QUERY }))) as RicloudError & { body: string };
    expect(error.name).toBe('RequestError');
    expectClean([...renderings(error), error.body]);
  });

  it("hides them in a connection error's message and cause when the platform names the URL", async () => {
    const fetch = async (input: string | URL | Request) => {
      const url = input instanceof Request ? input.url : String(input);
      throw new TypeError(`error sending request for url (${url})`, { cause: new Error(`connect to ${url}`) });
    };
    const error = (await rejectionOf(client({ fetch, maxRetries: 0 }).get('/key', { query: QUERY }))) as RicloudError;
    expect(error.name).toBe('ConnectionError');
    expectClean(renderings(error));
  });

  it('hides them in hook events and debug log lines', async () => {
    const { logger, lines } = recordingLogger();
    const events: unknown[] = [];
    const record = (event: unknown) => void events.push(event);
    api.faults.add({ method: 'GET', path: '/key', status: 503, retryAfter: 0 });
    const c = client({ logger, logLevel: 'debug', onRequest: record, onResponse: record, onRetry: record });
    await c.get('/key', { query: QUERY });
    expect(events.length).toBeGreaterThan(3);
    expectClean([...lines, ...events.map((event) => inspect(event, { depth: 10 }))]);
  });

  it('hides only the query: a short secret that is also a word of the host leaves request.url a URL', async () => {
    // A body that stalls: the timeout's error is made from the request's URL.
    const stalled = new ReadableStream({ pull: () => new Promise(() => undefined) });
    server.use(http.get(`${api.baseUrl}/key`, () => new HttpResponse(stalled)));
    const query = { password: new URL(api.baseUrl).hostname.split(/\W/)[0] as string };
    const error = (await rejectionOf(client({ timeout: 50, maxRetries: 0 }).get('/key', { query }))) as RicloudError;
    expect(error.name).toBe('TimeoutError');
    expect(error.request?.url).toBe(`${api.baseUrl}/key?password=[redacted]`);
  });
});

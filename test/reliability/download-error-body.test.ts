/**
 * A result download answered with an error status: whatever becomes of the error's body (it fails mid-way, stalls, or
 * a custom fetch already read it), the download fails with a typed error carrying the status and the text read.
 */
import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConnectionError, type Result, ServerError } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { resultsOf } from '../support/results';

const { api, client, server } = useMockApi({ taskDelay: 1, resultSize: 1024 });

/** One file result of a new poll of `sdk`. */
async function fileResult(sdk = client()): Promise<Result> {
  const { results } = await resultsOf(sdk, { files: ['file-1'] }, () => api.settle());
  return results[0] as Result;
}

/** A 503 whose body sends `<html>busy`, then fails (`fail`) or never ends. */
function busyAnswer(fail: boolean): Response {
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pulls++ === 0) return controller.enqueue(new TextEncoder().encode('<html>busy'));
      if (!fail) return new Promise(() => undefined);
      // Once the first chunk was taken: an error drops the chunks still queued.
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.error(new TypeError('terminated'));
    },
  });
  return new HttpResponse(body, { status: 503 });
}

describe('download(): an error answer whose body cannot be read whole', () => {
  it('a body that fails mid-way: ServerError with the status and the text read before it failed', async () => {
    const result = await fileResult();
    server.use(http.get(`${api.baseUrl}/files/:id`, () => busyAnswer(true)));
    const error = await rejectionOf(result.download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, body: '<html>busy' });
  });

  it('a body that stalls: ServerError within timeout, with the text read before it stalled', async () => {
    const result = await fileResult();
    server.use(http.get(`${api.baseUrl}/files/:id`, () => busyAnswer(false)));
    const error = await rejectionOf(result.download({ timeout: 200, maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, body: '<html>busy' });
  });

  it.each([
    ['read', (response: Response) => response.text()],
    ['locked', (response: Response) => response.body?.getReader()],
  ])('a body a custom fetch already %s: ServerError with the status and no body', async (_, take) => {
    const sdk = client({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (response.status === 503) await take(response);
        return response;
      },
    });
    const result = await fileResult(sdk);
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse('busy', { status: 503 })));
    const error = await rejectionOf(result.download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, body: '' });
  });
});

/** Checks that `shown` holds none of `secrets`, as they are or percent-encoded (as a URL's query has them). */
function expectNoneOf(secrets: string[], shown: string): void {
  for (const secret of secrets) {
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(encodeURIComponent(secret));
  }
}

describe('download(): an error answer of a storage server, from a signed URL of its own', () => {
  // A secret with characters that percent-encoding changes, under names the form rule of bodies does not know.
  const SIGNATURE = 'c2Vj+cmV0/c2ln+bmF0dXJl=';
  const SECURITY_TOKEN = 'IQoJb3Jp+Z2luX2Vj/EJr//////////wEaCXVz=';
  const STORAGE = 'https://bucket.storage.example.com/ricloud/result.bin';
  const QUERY = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': '20260101T000000Z',
    'X-Amz-SignedHeaders': 'host;x-amz-content-sha256',
    'X-Amz-Security-Token': SECURITY_TOKEN,
    sv: '2024-11-04',
    se: '2030-01-01T00:00:00Z',
    'X-Amz-Signature': SIGNATURE,
    sig: SIGNATURE,
  }).toString();

  /** A data result whose signed URL is `STORAGE?query`, whose storage answers 403 with `body`. */
  async function storageResult(body: string, sdk = client(), query = QUERY): Promise<Result> {
    const { id } = await fileResult();
    const stored = api.store.results().find((result) => result.id === id);
    const signed_url = { url: `${STORAGE}?${query}`, date_expires: '2030-01-01T00:00:00Z' };
    server.use(
      http.get(`${api.baseUrl}/results/:id`, () => HttpResponse.json({ ...stored, signed_url })),
      http.get(STORAGE, () => new HttpResponse(body, { status: 403 })),
    );
    return sdk.results.retrieve(id);
  }

  it.each([
    ['alone, as S3 echoes SignatureProvided', `<SignatureProvided>${SIGNATURE}</SignatureProvided>`],
    ['percent-encoded', `bad signature ${encodeURIComponent(SIGNATURE)} for ${encodeURIComponent(SECURITY_TOKEN)}`],
    ['with the whole query', `GET /ricloud/result.bin?${QUERY}`],
  ])('a credential of its query echoed %s is hidden in the error', async (_name, body) => {
    const error = await rejectionOf((await storageResult(body)).download({ maxRetries: 0 }));
    expect(error).toMatchObject({ status: 403, body: expect.stringContaining('[redacted]') });
    const shown = `${error.message} ${JSON.stringify(error)}`;
    expectNoneOf([SIGNATURE, SECURITY_TOKEN], shown);
  });

  // A credential that is part of the client's token: hidden first, it would leave the token's ends to be read.
  const TOKEN_PART = TOKEN_A.slice(10, 26);

  it("the client's token echoed whole, holding a credential of the query, is hidden whole", async () => {
    const body = `<Message>bad token ${TOKEN_A}</Message>`;
    const error = await rejectionOf(
      (await storageResult(body, client(), `sig=${TOKEN_PART}`)).download({ maxRetries: 0 }),
    );
    expect(error).toMatchObject({ status: 403, body: '<Message>bad token [redacted]</Message>' });
    expectNoneOf([TOKEN_A.slice(0, 10), TOKEN_A.slice(26)], `${error.message} ${JSON.stringify(error)}`);
  });

  it('a fetch failure naming the signed URL (as Deno does) keeps its credentials out of the error', async () => {
    const thrown: Error[] = [];
    const sdk = client({
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.startsWith(STORAGE)) return fetch(input, init);
        const error = new TypeError(`error sending request for url (${url})`, {
          cause: new Error(`connect to ${url}`),
        });
        thrown.push(error, error.cause as Error);
        throw error;
      },
    });
    const error = await rejectionOf((await storageResult('', sdk)).download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ConnectionError);
    // The platform's errors are its own: the SDK's error holds copies with the credentials hidden, and leaves them be.
    expect(thrown.map((e) => e.message)).toEqual([
      `error sending request for url (${STORAGE}?${QUERY})`,
      `connect to ${STORAGE}?${QUERY}`,
    ]);
    expect(thrown.every((e) => e.stack?.includes(encodeURIComponent(SIGNATURE)))).toBe(true);
    const shown = `${error.message} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    expect(shown).toContain('bucket.storage.example.com/ricloud/result.bin');
    expectNoneOf([SIGNATURE, SECURITY_TOKEN], shown);
  });

  /** A fetch that throws `thrown(url)` for the storage URL. */
  const failing = (thrown: (url: string) => unknown) =>
    client({
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.startsWith(STORAGE)) return fetch(input, init);
        throw thrown(url);
      },
    });
  /** Errors `depth` deep, each the cause of the one before, the deepest naming `url`. */
  const chain = (url: string, depth: number): Error =>
    new Error(`level ${depth}`, { cause: depth === 0 ? new Error(`connect to ${url}`) : chain(url, depth - 1) });
  class FetchFailed extends TypeError {}

  it.each([
    ['an error of another realm', (url: string) => runInNewContext("new TypeError('fetch failed: ' + url)", { url })],
    ['a thrown plain object with a message', (url: string) => ({ message: `fetch failed: ${url}` })],
    ['a cause seven levels down', (url: string) => chain(url, 7)],
    ['an AggregateError of attempts', (url: string) => new AggregateError([new Error(`connect to ${url}`)], 'failed')],
    ['a field one level down', (url: string) => Object.assign(new Error('failed'), { request: { url } })],
    ['a URL object', (url: string) => Object.assign(new Error('failed'), { url: new URL(url) })],
  ])('a failed fetch whose error names the signed URL in %s keeps its credentials out', async (_name, thrown) => {
    const error = await rejectionOf((await storageResult('', failing(thrown))).download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ConnectionError);
    const shown = `${error.message} ${JSON.stringify(error)} ${inspect(error, { depth: 20 })}`;
    expectNoneOf([SIGNATURE, SECURITY_TOKEN], shown);
  });

  it("a platform error's copy keeps its class, name and code (a DOMException, a TypeError subclass)", async () => {
    const named = (url: string) => new DOMException(`connect to ${url}`, 'NetworkError');
    const network = await rejectionOf((await storageResult('', failing(named))).download({ maxRetries: 0 }));
    expect(network.cause).toBeInstanceOf(DOMException);
    expect(network.cause).toMatchObject({ name: 'NetworkError', code: DOMException.NETWORK_ERR });
    expect((network.cause as DOMException).message).toBe(`connect to ${STORAGE}?[redacted]`);
    const subclassed = (url: string) => new FetchFailed(`fetch failed: ${url}`);
    const failed = await rejectionOf((await storageResult('', failing(subclassed))).download({ maxRetries: 0 }));
    expect(failed.cause).toBeInstanceOf(FetchFailed);
    expect(inspect(failed, { depth: 5 })).not.toContain(SIGNATURE);
  });

  describe('redirected to a second signed URL', () => {
    const SIGNATURE_2 = 'Z29vZy1zZWNvbmQtc2lnbmF0dXJlLXZhbHVl';
    const CREDENTIAL_2 = 'ricloud@project.iam.gserviceaccount.com/20260101/auto/storage/goog4_request';
    const REDIRECTED = 'https://mirror.storage.example.com/ricloud/result.bin';
    const QUERY_2 = new URLSearchParams({
      'X-Goog-Algorithm': 'GOOG4-RSA-SHA256',
      'X-Goog-Credential': CREDENTIAL_2,
      'X-Goog-Signature': SIGNATURE_2,
      sig: SIGNATURE_2,
    }).toString();
    const shownOf = (error: unknown) => `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;

    it(
      'an error answer of the second URL that echoes its signature, alone and in its query, ' +
        'keeps it out of the error',
      async () => {
        const result = await storageResult('');
        server.use(
          http.get(STORAGE, () => HttpResponse.redirect(`${REDIRECTED}?${QUERY_2}`, 302)),
          http.get(
            REDIRECTED,
            () =>
              new HttpResponse(`<SignatureProvided>${SIGNATURE_2}</SignatureProvided> for ?${QUERY_2}`, {
                status: 403,
              }),
          ),
        );
        const error = await rejectionOf(result.download({ maxRetries: 0 }));
        expect(error).toMatchObject({ status: 403, body: expect.stringContaining('[redacted]') });
        expectNoneOf([SIGNATURE_2, CREDENTIAL_2], shownOf(error));
      },
    );

    it('the token echoed whole by the second URL, holding a credential of its query, is hidden whole', async () => {
      const result = await storageResult('');
      server.use(
        http.get(STORAGE, () => HttpResponse.redirect(`${REDIRECTED}?sig=${TOKEN_PART}`, 302)),
        http.get(REDIRECTED, () => new HttpResponse(`bad token ${TOKEN_A}`, { status: 403 })),
      );
      const error = await rejectionOf(result.download({ maxRetries: 0 }));
      expect(error).toMatchObject({ status: 403, body: 'bad token [redacted]' });
      expectNoneOf([TOKEN_A.slice(0, 10), TOKEN_A.slice(26)], shownOf(error));
    });

    /** The download of a result whose file, on the API's origin, answers 302 to `location` with `body`. */
    async function refusedRedirect(location: string, body: string): Promise<Error> {
      const result = await fileResult();
      server.use(
        http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(body, { status: 302, headers: { location } })),
      );
      return rejectionOf(result.download({ maxRetries: 0 }));
    }

    it.each([
      ['absolute', `${REDIRECTED}?${QUERY_2}`],
      ['relative', `/mirror/result.bin?${QUERY_2}`],
    ])(
      "a redirect refused on the API's origin, its Location %s, whose body echoes its signature alone keeps it out",
      async (_name, location) => {
        const error = await refusedRedirect(location, `<SignatureProvided>${SIGNATURE_2}</SignatureProvided>`);
        expect(error).toMatchObject({ status: 302, body: expect.stringContaining('[redacted]') });
        expectNoneOf([SIGNATURE_2, CREDENTIAL_2], shownOf(error));
      },
    );

    it("a redirect refused on the API's origin whose Location is unparsable is still the typed 302 error", async () => {
      const error = await refusedRedirect('http://[mirror/result.bin', 'moved');
      expect(error).toMatchObject({ status: 302, body: 'moved' });
    });

    it('a failed fetch of the second URL, named in its error (as Deno does), keeps its credentials out', async () => {
      const sdk = client({
        // The platform's fetch as Deno's: it follows the redirect and names the URL that failed.
        fetch: async (input, init) => {
          const response = await fetch(input, { ...init, redirect: 'manual' });
          const next = response.headers.get('location');
          if (!next?.startsWith(REDIRECTED)) return response;
          throw new TypeError(`error sending request for url (${next})`, { cause: new Error(`connect to ${next}`) });
        },
      });
      const result = await storageResult('', sdk);
      server.use(http.get(STORAGE, () => HttpResponse.redirect(`${REDIRECTED}?${QUERY_2}`, 302)));
      const error = await rejectionOf(result.download({ maxRetries: 0 }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(shownOf(error)).toContain('mirror.storage.example.com/ricloud/result.bin');
      expectNoneOf([SIGNATURE_2, CREDENTIAL_2], shownOf(error));
    });
  });

  it('a 200 KB body of `?` (each starts a query, none with a field) is redacted without running away', async () => {
    // A query field's name that could hold a `?` made each of them scan to the body's end for an `=`.
    const body = '?'.repeat(200_000);
    const error = await rejectionOf((await storageResult(body)).download({ maxRetries: 0 }));
    expect(error).toMatchObject({ status: 403, body: `${body.slice(0, 64 * 1024)}…` });
  });

  it('the values of its query that are no credential stay readable in what the server says', async () => {
    const body =
      '<Error><Code>RequestTimeTooSkewed</Code><RequestTime>20260101T000000Z</RequestTime>' +
      '<Algorithm>AWS4-HMAC-SHA256</Algorithm><Expiry>2030-01-01T00:00:00Z</Expiry>' +
      '<SignedHeaders>host;x-amz-content-sha256</SignedHeaders></Error>';
    const error = await rejectionOf((await storageResult(body)).download({ maxRetries: 0 }));
    expect(error).toMatchObject({ status: 403, body });
  });
});

/**
 * A result download answered with an error status: whatever becomes of the error's body (it fails mid-way, stalls, or
 * a custom fetch already read it), the download fails with a typed error carrying the status and the text read.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { type Result, ServerError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { resultsOf } from '../support/results';

const { api, client, server } = useMockApi({ taskDelay: 1, resultSize: 1024 });

/** One data result of a new poll of `sdk`. */
async function dataResult(sdk = client()): Promise<Result> {
  const { results } = await resultsOf(sdk, { data_types: ['ios_messages.messages'] }, () => api.settle());
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
    const result = await dataResult();
    server.use(http.get(`${api.baseUrl}/files/:id`, () => busyAnswer(true)));
    const error = await rejectionOf(result.download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, body: '<html>busy' });
  });

  it('a body that stalls: ServerError within timeout, with the text read before it stalled', async () => {
    const result = await dataResult();
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
    const result = await dataResult(sdk);
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse('busy', { status: 503 })));
    const error = await rejectionOf(result.download({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, body: '' });
  });
});

describe('download(): an error answer that echoes the signed URL', () => {
  it.each([
    ['alone, as S3 echoes SignatureProvided', (token: string) => `<SignatureProvided>${token}</SignatureProvided>`],
    ['percent-encoded', (token: string) => `bad token ${encodeURIComponent(token)}`],
    ['with the whole query', (token: string) => `GET /files?token=${token}`],
  ])('a value of its query echoed %s is hidden in the error', async (_name, echo) => {
    const result = await dataResult();
    const token = new URL(result.signed_url?.url ?? '').searchParams.get('token') ?? 'missing';
    server.use(http.get(`${api.baseUrl}/files/:id`, () => new HttpResponse(echo(token), { status: 403 })));
    const error = await rejectionOf(result.download({ maxRetries: 0 }));
    expect(error).toMatchObject({ status: 403, body: expect.stringContaining('[redacted]') });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(token);
  });
});

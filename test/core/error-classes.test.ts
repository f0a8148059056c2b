import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  NotFoundError,
  RateLimitError,
  RequestError,
  ResponseError,
  ResponseTooLargeError,
  ResultExpiredError,
  RicloudError,
  SizeMismatchError,
} from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { http, HttpResponse } from 'msw';

const request = { method: 'GET', path: '/results/r_1', attempts: 1 };
const answer = { status: 410, request, body: '{"error":"result-expired"}' };

const { api, server, client } = useMockApi();

describe('error classes, as an app builds them (in its own test doubles, say)', () => {
  it('are named after their class, in toJSON too', () => {
    const errors = [
      new RicloudError('m'),
      new ResponseError('m', answer),
      new ResponseTooLargeError('GET /x', { status: 200, maxResponseBytes: 10 }),
      new ResultExpiredError('m', { ...answer, error: 'result-expired' }),
      new SizeMismatchError('result r_1', 10, 11),
      new ChecksumMismatchError('result r_1', 'a'.repeat(32), 'b'.repeat(32)),
    ];
    const names = errors.map((error) => [error.name, error.toJSON().name]);
    expect(names).toEqual(
      [
        'RicloudError',
        'ResponseError',
        'ResponseTooLargeError',
        'ResultExpiredError',
        'SizeMismatchError',
        'ChecksumMismatchError',
      ].map((name) => [name, name]),
    );
  });

  it('keep a cause only when given one', () => {
    const cause = new Error('socket closed');
    expect(new RicloudError('m', { cause }).cause).toBe(cause);
    expect('cause' in new RicloudError('m')).toBe(false);
  });

  it('say a response error may have succeeded only when told, and carry retryAfter and params only when given', () => {
    const plain = new RequestError('m', { ...answer, error: 'x' });
    expect(plain.mayHaveSucceeded).toBe(false);
    expect(Object.keys(plain)).not.toContain('retryAfter');
    expect(Object.keys(plain)).not.toContain('params');
    const full = new RequestError('m', {
      ...answer,
      error: 'x',
      retryAfter: 3,
      params: { id: 'bad' },
      mayHaveSucceeded: true,
    });
    expect(full).toMatchObject({ mayHaveSucceeded: true, retryAfter: 3, params: { id: 'bad' } });
  });

  it('say how a file failed its checks', () => {
    expect(new SizeMismatchError('result r_1', 10, 11).message).toBe(
      'result r_1: more than 11 bytes arrived, the result states 10',
    );
    expect(new SizeMismatchError('result r_1', 10, 4).message).toBe(
      'result r_1: only 4 bytes arrived, the result states 10',
    );
    expect(new ChecksumMismatchError('result r_1', 'e'.repeat(32), 'f'.repeat(32)).message).toBe(
      `result r_1: the file's MD5 is ${'f'.repeat(32)}, the result's checksum is ${'e'.repeat(32)}`,
    );
  });
});

describe('instanceof across two copies of the error classes (ESM and CommonJS builds Node may load together)', () => {
  it("holds for the other copy's class of the same name and its parents, and for nothing else", async () => {
    // A second instance of the base class, as the other build has: the query makes it a module of its own. Its
    // subclasses are declared as the other build's are, by name; re-importing the whole package instead would run
    // every module's top level inside this test, which the mutation run would count as this test covering them.
    const copy = '../../src/core/ricloud-error?other-build';
    const base: typeof import('../../src/core/ricloud-error') = await import(copy);
    expect(base.RicloudError).not.toBe(RicloudError);
    class OtherResponseError extends base.RicloudError {}
    class OtherRequestError extends OtherResponseError {}
    const other = {
      RicloudError: base.RicloudError,
      ResultExpiredError: class extends OtherRequestError {},
      NotFoundError: class extends OtherRequestError {},
    };
    const names = [
      [OtherResponseError, 'ResponseError'],
      [OtherRequestError, 'RequestError'],
      [other.ResultExpiredError, 'ResultExpiredError'],
      [other.NotFoundError, 'NotFoundError'],
    ] as const;
    for (const [made, name] of names) Object.defineProperty(made, 'name', { value: name });
    const theirs = new other.ResultExpiredError('m', answer);
    const ours = new ResultExpiredError('m', { ...answer, error: 'result-expired' });
    const classes = [ResultExpiredError, RequestError, ResponseError, RicloudError] as const;
    expect(classes.map((kind) => theirs instanceof kind)).toEqual([true, true, true, true]);
    expect([ours instanceof other.ResultExpiredError, ours instanceof other.RicloudError]).toEqual([true, true]);
    expect([theirs instanceof other.NotFoundError, new other.RicloudError('m') instanceof ResponseError]).toEqual([
      false,
      false,
    ]);
    // A class of the same name outside the family, and values that are no error, are not taken for one.
    class RequestErrorLookalike extends Error {}
    Object.defineProperty(RequestErrorLookalike, 'name', { value: 'RequestError' });
    const strangers = [new RequestErrorLookalike('m'), new Error('m'), {}, null, undefined, 'RicloudError', 42];
    expect(strangers.map((value) => value instanceof RequestError || value instanceof RicloudError)).toEqual(
      strangers.map(() => false),
    );
  });

  it('goes by class only within one copy: a minifier may give two of its classes the same name', () => {
    // As a bundler's minifier may name two of this copy's classes alike: a RateLimitError subclass named NotFoundError.
    class Renamed extends RateLimitError {}
    Object.defineProperty(Renamed, 'name', { value: 'NotFoundError' });
    const error = new Renamed('m', { ...answer, status: 429, error: 'rate-limited' });
    expect([error instanceof NotFoundError, error instanceof RateLimitError, error instanceof ResponseError]).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('an error answer whose body is JSON but not an object', () => {
  it.each(['null', '42', '"refused"'])('(%s) is a RequestError from its status', async (body) => {
    server.use(http.get(`${api.baseUrl}/configs/webhook/:id`, () => new HttpResponse(body, { status: 400 })));
    const error = await rejectionOf(client({ maxRetries: 0 }).webhookConfigs.retrieve('wc_1'));
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toBe('webhook_config wc_1: request refused (400)');
  });
});

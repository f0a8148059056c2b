/**
 * A connection failure keeps what a custom `fetch` threw as its `cause`, printed whole by `util.inspect`: the token
 * and a call's secrets are hidden there at any depth, in a thrown object that is no Error too, and in a cycle.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RicloudError } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { client } = useMockApi();

/** The ConnectionError of a GET whose fetch throws `thrown`. */
async function failedWith(thrown: unknown): Promise<RicloudError> {
  const fetch = async () => {
    throw thrown;
  };
  return (await rejectionOf(client({ fetch, maxRetries: 0 }).get('/key'))) as RicloudError;
}

/** Every way the error may be printed, the cause and its fields at any depth included. */
const shown = (error: RicloudError) => `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 20 })}`;

describe("a custom fetch's failure, kept as the cause", () => {
  it.each([
    [
      'two levels down',
      () => Object.assign(new Error('failed'), { config: { headers: { auth: `Token ${TOKEN_A}` } } }),
    ],
    ['in an object that is no Error', () => ({ reason: `proxy refused Token ${TOKEN_A}` })],
    ['in a cause that is no Error', () => new TypeError('fetch failed', { cause: { said: `Token ${TOKEN_A}` } })],
    [
      'deep in an AggregateError of attempts',
      () => new AggregateError([Object.assign(new Error('x'), { info: { deep: [`Token ${TOKEN_A}`] } })], 'failed'),
    ],
    [
      'in a cycle',
      () => {
        const config: Record<string, unknown> = { auth: `Token ${TOKEN_A}` };
        config.self = { config };
        return Object.assign(new Error('failed'), { config });
      },
    ],
  ])('hides the token %s', async (_name, thrown) => {
    const error = await failedWith(thrown());
    expect(error.name).toBe('ConnectionError');
    expect(shown(error)).not.toContain(TOKEN_A);
    expect(shown(error)).toContain('Token [redacted]');
  });

  it('hides the token in the request a wrapping fetch puts on its error (its headers), as in a Headers', async () => {
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const error = new TypeError('fetch failed');
      throw Object.assign(error, { request: input, headers: new Headers(init?.headers ?? (input as Request).headers) });
    };
    const error = (await rejectionOf(client({ fetch, maxRetries: 0 }).get('/key'))) as RicloudError;
    expect(error.name).toBe('ConnectionError');
    expect(shown(error)).not.toContain(TOKEN_A);
    expect(inspect(error.cause, { depth: 5 })).toContain("authorization: '[redacted]'");
  });

  it('walks at most 1000 objects: a longer chain is cut, not followed to a stack overflow', async () => {
    let chain: Record<string, unknown> = { auth: `Token ${TOKEN_A}` };
    for (let i = 0; i < 100_000; i++) chain = { next: chain };
    const error = await failedWith(Object.assign(new Error('failed'), { chain }));
    expect(error.name).toBe('ConnectionError');
    expect(shown(error)).not.toContain(TOKEN_A);
  });

  it('keeps the thrown error itself when it holds no secret', async () => {
    const thrown = Object.assign(new TypeError('fetch failed'), { info: { deep: { port: 443 } } });
    expect((await failedWith(thrown)).cause).toBe(thrown);
  });
});

/**
 * The escape hatch's JSON body (`client.post(path, { body })`): serialised once, so what was checked is what is
 * sent, and refused with InvalidInputError naming `body` before anything is sent when JSON cannot carry it.
 */
import { describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';

const { api, client } = useMockApi();

describe('client.post(path, { body })', () => {
  it('serialises the body once: its toJSON runs once, and what it gave is what the server got', async () => {
    let calls = 0;
    const body = { toJSON: () => ({ url: `https://hooks.example.com/in/${++calls}` }) };
    const created = await client().post<{ url: string }>('/configs/webhook', { body });
    expect(calls).toBe(1);
    expect(created.url).toBe('https://hooks.example.com/in/1');
    expect(JSON.parse(api.requests.at(-1)?.body ?? '')).toEqual({ url: 'https://hooks.example.com/in/1' });
  });

  it.each([
    ['a BigInt', { count: 1n }],
    [
      'a toJSON that throws',
      {
        toJSON: () => {
          throw new Error('no');
        },
      },
    ],
    ['a function (JSON gives no text)', () => 1],
    ['a toJSON that gives nothing', { toJSON: () => undefined }],
  ])('refuses a body holding %s, naming body, before any request or hook', async (_name, body) => {
    const fetch = vi.fn(globalThis.fetch);
    const onRequest = vi.fn();
    const error = await rejectionOf(client({ fetch, onRequest }).post('/configs/webhook', { body }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'body', mayHaveSucceeded: false });
    expect(fetch).not.toHaveBeenCalled();
    expect(onRequest).not.toHaveBeenCalled();
  });
});

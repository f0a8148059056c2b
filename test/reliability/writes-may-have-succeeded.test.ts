/**
 * Any call that writes (an update, a delete), not only a create or test, says `mayHaveSucceeded` when it failed in a
 * way that does not say whether the server acted: a 5xx, a timeout, a connection dropped or an abort after sending. A
 * read never does, and a 4xx says the server refused. An update is still retried (it is idempotent); the flag tells
 * the caller that the config may be in its new state.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  Client,
  ConnectionError,
  RequestError,
  type RicloudError,
  ServerError,
  TimeoutError,
} from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';
import { RECEIVER, sent } from './support';

const CONFIGS = '/configs/webhook';
const APPLIED = 'may have been applied';

/** The RicloudError `call` rejects with. */
const failure = async (call: Promise<unknown>) => (await rejectionOf(call)) as RicloudError;

describe('a write that failed without saying whether the server acted', () => {
  const { api, client } = useMockApi();

  it('an update answered 503 on every attempt: retried, then a ServerError that may have succeeded', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}`;
    api.faults.add({ method: 'POST', path, status: 503, retryAfter: 0, times: Infinity });
    const error = await failure(client().webhookConfigs.update(config.id, { state: 'deactivated' }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, mayHaveSucceeded: true });
    expect(error.message).toContain(APPLIED);
    expect(sent(api, 'POST', path)).toBe(3);
  });

  it('an update whose attempt timed out may have succeeded', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    api.faults.add({ method: 'POST', path: `${CONFIGS}/${config.id}`, hang: true });
    const error = await failure(
      client({ timeout: 50, maxRetries: 0 }).webhookConfigs.update(config.id, { state: 'deactivated' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toContain(APPLIED);
  });

  it('a delete whose connection dropped once sent may have succeeded; one refused before sending did not', async () => {
    // What undici throws: a TypeError whose cause carries the socket's code.
    const failing =
      (code: string): typeof fetch =>
      async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      };
    const remove = (code: string) =>
      new Client({ token: TOKEN_A, logLevel: 'off', maxRetries: 0, fetch: failing(code) }).delete('/sessions/ses_1');
    const after = await failure(remove('ECONNRESET'));
    expect(after).toBeInstanceOf(ConnectionError);
    expect(after.mayHaveSucceeded).toBe(true);
    expect(after.message).toContain(APPLIED);

    const before = await failure(remove('ECONNREFUSED'));
    expect(before).toBeInstanceOf(ConnectionError);
    expect(before.mayHaveSucceeded).toBe(false);
    expect(before.message).not.toContain(APPLIED);
  });

  it('an update aborted once sent may have succeeded, and its AbortError says so', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}`;
    api.faults.add({ method: 'POST', path, latency: 1000 });
    const controller = new AbortController();
    const update = { state: 'deactivated' } as const;
    const call = failure(client().webhookConfigs.update(config.id, update, { signal: controller.signal }));
    // Aborted once the server has the request, however slowly a loaded machine got it there.
    await vi.waitFor(() => expect(sent(api, 'POST', path)).toBe(1), { interval: 5 });
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.mayHaveSucceeded).toBe(true);
    expect(error.message).toBe(`webhook_config ${config.id}: aborted; the request may have been applied`);
  });

  it('an update refused with a 400 did not succeed', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    api.faults.add({ method: 'POST', path: `${CONFIGS}/${config.id}`, status: 400 });
    const error = await failure(client().webhookConfigs.update(config.id, { state: 'deactivated' }));
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 400, mayHaveSucceeded: false });
    expect(error.message).not.toContain(APPLIED);
  });

  it('a read that failed the same ways changed nothing', async () => {
    const config = await client().webhookConfigs.create({ url: RECEIVER });
    const path = `${CONFIGS}/${config.id}`;
    api.faults.add({ method: 'GET', path, status: 503, retryAfter: 0, times: Infinity });
    const failed = await failure(client().webhookConfigs.retrieve(config.id));
    expect(failed).toMatchObject({ status: 503, mayHaveSucceeded: false });
    expect(failed.message).not.toContain(APPLIED);

    api.faults.reset();
    api.faults.add({ method: 'GET', path, hang: true });
    const timedOut = await failure(client({ timeout: 50, maxRetries: 0 }).webhookConfigs.retrieve(config.id));
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect(timedOut.mayHaveSucceeded).toBe(false);
  });
});

/**
 * `Retry-After` as an HTTP date is measured from the server's own `Date` (RFC 9110 §10.2.3), so a client whose clock
 * is minutes off still waits what the server advised: the mock server over HTTP sends its `Date` from the real clock,
 * while the test moves the client's clock (the global `Date`, which Node's HTTP server does not use).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerError } from '../../src/index';
import { rejectionOf } from '../support/core-harness';
import { recordingRetries, seedConfig, useMockServer } from './support';

const mock = useMockServer();
const TEN_MINUTES = 10 * 60_000;

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the client's clock `skew` ms from the real one, the server's. */
const skewLocalClock = (skew: number) =>
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + skew, shouldAdvanceTime: true });

describe('Retry-After as an HTTP date, against a local clock off from the server', () => {
  it.each([
    ['ahead of', TEN_MINUTES],
    ['behind', -TEN_MINUTES],
  ])(
    '10 minutes %s the server: the SDK waits the advice as the server measures it',
    async (_, skew) => {
      const { config, path } = await seedConfig(mock.client());
      // 3 s after the server's now; HTTP dates have whole seconds, so 2 to 3 s after its `Date` header.
      mock.api.faults.add({ method: 'GET', path, status: 503, retryAfter: new Date(Date.now() + 3000).toUTCString() });
      skewLocalClock(skew);
      const { retries, options } = recordingRetries();
      expect((await mock.client().webhookConfigs.retrieve(config.id, options)).id).toBe(config.id);
      expect(retries).toHaveLength(1);
      expect(retries[0]?.delayMs).toBeGreaterThan(0);
      expect(retries[0]?.delayMs).toBeLessThanOrEqual(3000);
    },
    15_000,
  );

  it("past the cap by the server's clock, the local clock as far ahead: fails at once with the advice", async () => {
    const { config, path } = await seedConfig(mock.client());
    const advice = new Date(Date.now() + TEN_MINUTES).toUTCString();
    mock.api.faults.add({ method: 'GET', path, status: 503, retryAfter: advice });
    skewLocalClock(TEN_MINUTES);
    const error = await rejectionOf(mock.client().webhookConfigs.retrieve(config.id));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfter).toBeGreaterThan(590);
    expect((error as ServerError).retryAfter).toBeLessThanOrEqual(600);
  });
});

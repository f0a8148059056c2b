/** Session expiry through the public API: an active session is `expired` after the mock's `sessionLifetime`. */
import { describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';
import { activeSession, configure } from './flow-support';

const { api, client } = useMockApi({ taskDelay: 5, sessionLifetime: 100 });

describe('session expiry', () => {
  it(
    'an active session is expired after the mock sessionLifetime, ' +
      'and a poll on it is refused with session-expired',
    async () => {
      const c = client();
      await configure(c, api);
      const session = await activeSession(c);
      expect(session.state).toBe('active');
      await vi.waitFor(async () => expect((await session.refresh()).state).toBe('expired'), { timeout: 5_000 });
      expect(session.date_expired).toEqual(expect.any(String));
      const error = await rejectionOf(c.polls.create({ session, payload: { info_types: ['*'] } }));
      expect(error).toBeInstanceOf(RequestError);
      expect(error).toMatchObject({ status: 400, error: 'session-expired' });
    },
  );
});

/** Helpers of the data-flow resource tests: an organisation made usable, through the public API only. */
import type { Client, Session } from '../../src/index';
import type { MockApi } from '../../src/mock/index';

/**
 * Gives the client's organisation a valid webhook config and a valid storage config, as sessions and polls need; the
 * storage config signs URLs, so that results can be downloaded.
 */
export async function configure(c: Client, api: MockApi, parts: { webhook?: boolean; storage?: boolean } = {}) {
  if (parts.webhook !== false) await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
  if (parts.storage !== false)
    await c.storageConfigs.create({
      url: 'gs://results-bucket/ricloud',
      credentials: { private_key: 'k' },
      signed_urls_enabled: true,
    });
  await api.settle();
}

/** An `active` session on a new user's iCloud account, waited for. */
export async function activeSession(c: Client, identifier = 'john@icloud.com'): Promise<Session> {
  const user = await c.users.create({ identifier: `owner-of-${identifier}` });
  const session = await c.sessions.create({
    source: { user, type: 'icloud.account', identifier },
    payload: { password: 'right' },
  });
  return session.wait();
}

/** An `active` session on a new user's Relay instance, opened with a pairing code and waited for. */
export async function activeRelaySession(c: Client, identifier?: string): Promise<Session> {
  const user = await c.users.create({ identifier: 'relay-owner' });
  const session = await c.sessions.create({
    source: { user, type: 'rirelay.instance', ...(identifier === undefined ? {} : { identifier }) },
    payload: { code: 'PAIR-1' },
  });
  return session.wait();
}

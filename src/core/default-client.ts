/**
 * The client that static methods (`WebhookConfig.create`, …) send with: the one `configure()` set, else one built
 * from the environment. Kept here, apart from the client classes, so resources need no runtime import of them.
 */
import { BaseClient } from './client';
import { InvalidInputError } from './errors';
import { SHARED } from './shared';
import { HAS_TOKEN, SEND } from './spec';

// On globalThis, so `configure()` in the ESM build reaches static calls in the CommonJS one, and back.
const CURRENT = Symbol.for(`${SHARED}default-client`);
const slot = globalThis as { [CURRENT]?: BaseClient };

/** Makes `client` the default one. */
export function setDefaultClient(client: BaseClient): void {
  slot[CURRENT] = client;
}

/**
 * The client a static call should use: `options.client` when given, else the default one, built from the environment
 * (`RICLOUD_TOKEN`, `RICLOUD_URL`) when `configure()` was never called.
 * @throws InvalidInputError when `options.client` is not a Client.
 */
export function clientFor(options: { client?: BaseClient | undefined } | undefined): BaseClient {
  const client = options?.client;
  if (client !== undefined) {
    if (typeof (client as Partial<BaseClient> | null)?.[SEND] !== 'function')
      throw new InvalidInputError('options.client', 'must be a Client');
    return client;
  }
  const current = slot[CURRENT];
  if (current) return current;
  const made = new BaseClient();
  // Kept only with a token: a call made before RICLOUD_TOKEN was set (secrets loaded at start-up) must not hold a
  // client without one for good.
  if (made[HAS_TOKEN]) slot[CURRENT] = made;
  return made;
}

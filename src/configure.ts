/** `configure()`: the default client that static methods (`WebhookConfig.create`, …) send with. */
import { BaseClient, type ClientOptions } from './core/client';
import { setDefaultClient } from './core/default-client';

/**
 * Sets up the default client that the static methods use, and returns it (`new Client()` has the resource groups).
 * Options not given keep their defaults (`RICLOUD_TOKEN`, `RICLOUD_URL`).
 * @throws InvalidInputError when an option has the wrong type or value.
 */
export function configure(options: ClientOptions = {}): BaseClient {
  const client = new BaseClient(options);
  setDefaultClient(client);
  return client;
}

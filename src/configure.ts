/** `configure()`: the default client that static methods (`WebhookConfig.create`, …) send with. */
import { Client, type ClientOptions } from './client';
import { setDefaultClient } from './core/default-client';

/**
 * Sets up the default client that the static methods use, and returns it.
 * Options not given keep their defaults (`RICLOUD_TOKEN`, `RICLOUD_URL`).
 * @throws InvalidInputError when an option has the wrong type or value.
 */
export function configure(options: ClientOptions = {}): Client {
  const client = new Client(options);
  setDefaultClient(client);
  return client;
}

/**
 * The client that static methods (`WebhookConfig.create`, …) send with. `configure()` sets it; the client module
 * says how to build one from the environment. Kept here, apart from both, so resources need no runtime import of
 * the client.
 */
import type { Client } from '../client';
import { InvalidInputError } from './errors';
import { SEND } from './spec';

let current: Client | undefined;
let fromEnvironment: (() => Client) | undefined;

/** Makes `client` the default one. */
export function setDefaultClient(client: Client): void {
  current = client;
}

/** Says how to build the default client when `configure()` was never called. */
export function buildDefaultWith(build: () => Client): void {
  fromEnvironment = build;
}

/**
 * The client a static call should use: `options.client` when given, else the default one.
 * @throws InvalidInputError when `options.client` is not a Client.
 */
export function clientFor(options: { client?: Client | undefined } | undefined): Client {
  const client = options?.client;
  if (client !== undefined) {
    if (typeof (client as Partial<Client> | null)?.[SEND] !== 'function')
      throw new InvalidInputError('options.client', 'must be a Client');
    return client;
  }
  current ??= fromEnvironment?.();
  if (!current) throw new InvalidInputError('client', 'no default client: call configure() first');
  return current;
}

/**
 * Where a key's events go: the key's `webhook_config` when set, else its organisation's `webhook_config_default`,
 * else the organisation's oldest `valid` config. Only a `valid` config receives events (its own test events aside).
 */
import { UNCONFIGURED } from './choices';
import { ApiError } from './respond';
import type { StoredKey } from './shapes';
import type { MockStore, StoredConfig } from './store';

/** The config a key's events are delivered to, or undefined when the route ends at none that is `valid`. */
export function routeOf(store: MockStore, key: StoredKey): StoredConfig | undefined {
  const chosen = key.webhook_config ?? store.organisations.get(key.organisation)?.webhook_config_default ?? null;
  if (chosen !== null) {
    const config = store.configs.get(chosen);
    return config?.state === 'valid' ? config : undefined;
  }
  return store.mine(store.configs, key.organisation).findLast((config) => config.state === 'valid');
}

/** Whether the organisation has a `valid` webhook config: the docs' rule for an organisation to be usable. */
export const isUsable = (store: MockStore, organisation: string): boolean =>
  [...store.configs.values()].some((config) => config.organisation === organisation && config.state === 'valid');

/**
 * Refuses an operation that would produce events (sessions, polls, subscriptions) for an organisation that is not
 * usable.
 * @throws ApiError 400 `unconfigured`, naming what is missing.
 */
export function checkUsable(store: MockStore, organisation: string): void {
  if (!isUsable(store, organisation)) {
    throw new ApiError(
      UNCONFIGURED.status,
      UNCONFIGURED.code,
      'The organisation has no valid webhook config: create one, let its test pass, then try again.',
    );
  }
}

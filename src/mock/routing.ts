/**
 * Where a key's events go: the key's `webhook_config` when set, else its organisation's `webhook_config_default`,
 * else the organisation's oldest `valid` config. Only a `valid` config receives events (its own test events aside).
 */
import { UNCONFIGURED } from './choices';
import { ApiError } from './respond';
import type { StoredKey, StoredStorageConfig } from './shapes';
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

/**
 * The storage config a key's results are stored at, by the same rule as events: the key's, else the organisation's
 * default, else its oldest `valid` one; undefined when the route ends at none that is `valid`.
 */
export function storageRouteOf(store: MockStore, key: StoredKey): StoredStorageConfig | undefined {
  const chosen = key.storage_config ?? store.organisations.get(key.organisation)?.storage_config_default ?? null;
  if (chosen !== null) {
    const config = store.storageConfigs.get(chosen);
    return config?.state === 'valid' ? config : undefined;
  }
  return store.mine(store.storageConfigs, key.organisation).findLast((config) => config.state === 'valid');
}

/**
 * Whether the organisation has a `valid` webhook config and a `valid` storage config: the docs' rules for an
 * organisation to be usable, and to leave `unconfigured`.
 */
export const isUsable = (store: MockStore, organisation: string): boolean =>
  [store.configs, store.storageConfigs].every((configs) =>
    [...configs.values()].some((config) => config.organisation === organisation && config.state === 'valid'),
  );

/** Which config a key's route lacks: `webhook`, `storage`, or undefined when both end at a `valid` one. */
export const missingConfig = (store: MockStore, key: StoredKey): 'webhook' | 'storage' | undefined =>
  !routeOf(store, key) ? 'webhook' : !storageRouteOf(store, key) ? 'storage' : undefined;

/**
 * Refuses an operation that makes events and results (sessions, polls, subscriptions) for a key whose events or
 * results have nowhere to go: no `valid` webhook config on its route, or no `valid` storage config on its route.
 * @throws ApiError 400 `unconfigured`, naming what is missing.
 */
export function checkUsable(store: MockStore, key: StoredKey): void {
  const missing = missingConfig(store, key);
  if (missing) {
    throw new ApiError(
      UNCONFIGURED.status,
      UNCONFIGURED.code,
      `The organisation has no valid ${missing} config for this key: create one, let its test pass, then try again.`,
    );
  }
}

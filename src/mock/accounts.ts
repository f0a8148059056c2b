/**
 * Organisations and their keys: each token is the token of one key of one organisation. With the `tokens` option the
 * keys exist from the start, several per organisation when tokens share one; without it, a new token is a new key of a
 * new organisation, up to `MAX_MADE_ORGANISATIONS` until `reset()`. A rotated key's old token is refused from then on.
 */
import { MAX_MADE_ORGANISATIONS, MAX_STORED, ORGANISATION_PREFIX, RESET_PATH } from './choices';
import { statusError } from './respond';
import type { StoredKey, StoredOrganisation } from './shapes';
import { newId, newSecret, type MockStore } from './store';

/** A key's or organisation's stamp, to the millisecond: made on a token's first use, it takes no place in the order
 * of the microsecond stamps `store.now()` gives what a call creates. */
const made = (): string => new Date().toISOString();

/** Finds the key of each token, making keys and organisations as the `tokens` option says. */
export class Accounts {
  readonly #byToken = new Map<string, string>();
  readonly #retired = new Set<string>();
  readonly #organisationIds = new Map<string, string>();

  constructor(
    private readonly store: MockStore,
    private readonly tokens: Record<string, string> | undefined,
  ) {
    this.reset();
  }

  /**
   * Forgets rotations, made keys and the organisations of unknown tokens, and makes the keys of the `tokens` option
   * again (the store is already clear).
   */
  reset(): void {
    this.#byToken.clear();
    this.#retired.clear();
    this.#organisationIds.clear();
    for (const [token, organisation] of Object.entries(this.tokens ?? {})) this.#keyFor(token, organisation);
  }

  /**
   * The key a token belongs to; undefined (401) for a rotated token or one the `tokens` option does not list.
   * @throws ApiError 401 saying why, for a new token once `MAX_MADE_ORGANISATIONS` were made: its token is not wrong.
   */
  keyOf(token: string): StoredKey | undefined {
    if (this.#retired.has(token)) return undefined;
    const id = this.#byToken.get(token);
    if (id !== undefined) return this.store.keys.get(id);
    if (this.tokens) return undefined;
    let organisation = this.#organisationIds.get(token);
    if (organisation === undefined) {
      if (this.#organisationIds.size >= MAX_MADE_ORGANISATIONS)
        throw statusError(
          401,
          `The mock has made an organisation for each of ${MAX_MADE_ORGANISATIONS} new tokens, its most: use a token ` +
            `it knows, or reset it (\`api.reset()\`, or \`POST ${RESET_PATH}\` to \`ricloud mock\`).`,
        );
      organisation = `${ORGANISATION_PREFIX}${this.#organisationIds.size + 1}`;
      this.#organisationIds.set(token, organisation);
    }
    return this.#keyFor(token, organisation);
  }

  /** A new key of `organisation` with a new token (`POST /keys`). */
  createKey(organisation: string, overrides: Pick<StoredKey, 'webhook_config' | 'storage_config'>): StoredKey {
    return Object.assign(this.#keyFor(`key_${newSecret()}`, organisation), overrides);
  }

  /** Gives `key` a new token; the old one is refused from now on. */
  rotate(key: StoredKey): void {
    this.#byToken.delete(key.token);
    // The latest retired tokens are kept: an older one is then any unknown token (401, or a new organisation).
    if (this.#retired.size >= MAX_STORED) this.#retired.delete(this.#retired.values().next().value as string);
    this.#retired.add(key.token);
    key.token = `key_${newSecret()}`;
    this.#byToken.set(key.token, key.id);
  }

  #keyFor(token: string, organisation: string): StoredKey {
    const { store } = this;
    if (!store.organisations.has(organisation)) {
      store.add(undefined, store.organisations, {
        id: organisation,
        resource: 'organisation',
        type: 'standard',
        name: organisation,
        slug: organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        api_version: 'v3',
        config: { publish_source_files: false },
        webhook_config_default: null,
        storage_config_default: null,
        date_created: made(),
      } satisfies StoredOrganisation);
    }
    const key = store.add(undefined, store.keys, {
      id: newId(),
      resource: 'key',
      organisation,
      type: 'standard',
      config: { publish_source_files: false },
      webhook_config: null,
      storage_config: null,
      token,
      state: 'active',
      date_created: made(),
      date_expires: null,
    } satisfies StoredKey);
    this.#byToken.set(token, key.id);
    return key;
  }
}

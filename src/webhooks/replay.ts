/** Replay protection: remember the ids of accepted events, and refuse an id seen before. */
import { InvalidInputError } from '../core/errors';
import { RicloudError } from '../core/ricloud-error';
import { checkOptionsObject } from './signature';

/** Where accepted event ids are kept: memory, Redis, a database table. Both methods may be async. */
export interface ReplayStore {
  /** True when `id` was accepted before. */
  has(id: string): boolean | Promise<boolean>;
  /** Records that `id` was accepted. */
  add(id: string): unknown;
}

/** The delivery's event id was accepted before: a replayed request. */
export class ReplayError extends RicloudError {
  override name = 'ReplayError';
  /** The message names the event id and says the delivery is refused. */
  constructor(
    /** The event id seen twice. */
    readonly eventId: string,
  ) {
    super(`event ${eventId} was already received; a replayed delivery is refused`);
  }
}

/**
 * What a receiver reports when the store's `has` failed (`cause`) for event `id`: its handlers did not run, and the
 * delivery is not acknowledged, so the event comes again.
 */
export const lookupFailed = (id: string, cause: unknown): RicloudError =>
  new RicloudError(
    `the replay store failed to look up event ${id} (see cause): its handlers did not run and the delivery is not ` +
      'acknowledged, so the API will deliver the event again. Check the store.',
    { cause },
  );

/**
 * What a receiver reports when the store's `add` failed (`cause`) after the handlers of event `id` resolved: the
 * delivery is not acknowledged, so the event comes again.
 */
export const recordFailed = (id: string, cause: unknown): RicloudError =>
  new RicloudError(
    `event ${id} was handled, but the replay store failed to record its id (see cause): the delivery is not ` +
      'acknowledged, so the API will deliver the event again and its handlers may run again. Check the store.',
    { cause },
  );

/**
 * Checks a `replay` option: undefined, or a store with `has` and `add` methods.
 * @throws InvalidInputError naming `field`.
 */
export function checkReplayStore(store: unknown, field: string): ReplayStore | undefined {
  const methods = store as Partial<Record<keyof ReplayStore, unknown>> | null;
  if (store !== undefined && (typeof methods?.has !== 'function' || typeof methods.add !== 'function'))
    throw new InvalidInputError(field, 'must be a store with has(id) and add(id) methods, such as a MemoryReplayStore');
  return store as ReplayStore | undefined;
}

/**
 * Refuses an event id the store has seen, and records it. With a synchronous store (`MemoryReplayStore`) both happen
 * in one step, so of two copies delivered at once only the first gets through; an async store should make its
 * `add` refuse (throw) an id another delivery recorded since its `has`, for the same guarantee.
 * @throws ReplayError when `store.has(id)`; whatever the store throws.
 */
export async function claimReplay(store: ReplayStore, id: string): Promise<void> {
  const seen = store.has(id);
  if (typeof seen === 'boolean' ? seen : await seen) throw new ReplayError(id);
  await store.add(id);
}

/**
 * A `ReplayStore` in memory, for one process: it keeps the latest `capacity` ids (default 10 000) and forgets the
 * oldest first. To refuse a captured request, ids need only outlive the signature tolerance; to acknowledge the API's
 * retries of a handled event (signed anew, over a few hours), they must outlive those: size `capacity` to match.
 * @throws InvalidInputError when `capacity` is not a positive whole number.
 */
export class MemoryReplayStore implements ReplayStore {
  /** How many ids are kept. */
  readonly capacity: number;
  // A Set iterates in insertion order, so its first entry is the oldest.
  readonly #ids = new Set<string>();

  /**
   * @param options.capacity how many ids to keep (default 10 000); the oldest are forgotten first.
   * @throws InvalidInputError when `options` is not an object, or `capacity` not a positive whole number.
   */
  constructor(options: { capacity?: number | undefined } = {}) {
    checkOptionsObject(options, 'options');
    const capacity = options.capacity ?? 10_000;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new InvalidInputError('options.capacity', 'must be a positive whole number');
    this.capacity = capacity;
  }

  /** True when `id` is among the ids kept. */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Keeps `id`, forgetting the oldest id once there are more than `capacity`. */
  add(id: string): void {
    this.#ids.add(id);
    if (this.#ids.size > this.capacity) this.#ids.delete(this.#ids.values().next().value as string);
  }
}

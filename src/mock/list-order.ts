/** The order of the mock's lists: newest first, creation order breaking ties, and where removed items stood. */
import { MAX_STORED } from './choices';
import { instantKey } from './dates';

/** Where an item stands in a list: its `date_created` as `instantKey` compares it, then its creation order. */
interface Place {
  key: string;
  order: number;
}

/** Sorts places newest first: a negative number when `a` is newer than `b`. */
const newer = (a: Place, b: Place): number => (a.key === b.key ? b.order - a.order : a.key < b.key ? 1 : -1);

/** Each stored item's creation order, and the places of the latest `MAX_STORED` removed ones. */
export class ListOrder {
  // Insertion order breaks ties between items created in the same millisecond.
  readonly #order = new Map<string, number>();
  #sequence = 0;
  // Where the latest removed items stood, so that a list cursor naming one (a config deleted while iterating) goes on.
  readonly #removed = new Map<string, Place & { map: Map<string, unknown>; organisation: unknown }>();

  /** Counts `id` as the newest item created. */
  add(id: string): void {
    this.#order.set(id, this.#sequence++);
  }

  /** Forgets the item `id` of `map`, remembering where it stood. */
  remove(map: Map<string, unknown>, id: string): void {
    const item = map.get(id) as { organisation?: unknown; date_created?: unknown } | undefined;
    const order = this.#order.get(id);
    if (typeof item?.date_created === 'string' && order !== undefined) {
      this.#removed.set(id, { map, organisation: item.organisation, key: instantKey(item.date_created), order });
      if (this.#removed.size > MAX_STORED) this.#removed.delete(this.#removed.keys().next().value as string);
    }
    this.#order.delete(id);
  }

  /**
   * Newest first: by `date_created`, compared as the date filters compare it (`instantKey`), then by creation order.
   */
  newestFirst<T extends { id: string; date_created: string }>(items: Iterable<T>): T[] {
    const keyed = [...items].map((item) => ({ item, ...this.#placeOf(item) }));
    keyed.sort(newer);
    return keyed.map(({ item }) => item);
  }

  /**
   * How many of `sorted` (`organisation`'s items of `map`, newest first) are newer than the item `id` removed from
   * `map`: the place it keeps as a list cursor, as a position in a list. Undefined when no such item of the
   * organisation was removed, or it is no longer remembered (the latest `MAX_STORED` removed are).
   */
  removedPlace<T extends { id: string; date_created: string }>(
    map: Map<string, T>,
    organisation: string,
    id: string,
    sorted: readonly T[],
  ): number | undefined {
    const place = this.#removed.get(id);
    if (place?.map !== map || place.organisation !== organisation) return undefined;
    const older = sorted.findIndex((item) => newer(place, this.#placeOf(item)) < 0);
    return older === -1 ? sorted.length : older;
  }

  /** Forgets every order and place. */
  clear(): void {
    this.#order.clear();
    this.#removed.clear();
  }

  #placeOf(item: { id: string; date_created: string }): Place {
    return { key: instantKey(item.date_created), order: this.#order.get(item.id) ?? 0 };
  }
}

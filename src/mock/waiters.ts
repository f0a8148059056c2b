/** The long-poll waits (`Ricloud-Await`): callers held until what they wait on holds, or their time is up. */

/** One caller held: what it waits for, and how to let it go. */
interface Waiter {
  ready: () => boolean;
  release: () => void;
}

/** Callers waiting on a resource, by its id; `notify(id)` checks again those of `id`. */
export class Waiters {
  readonly #byId = new Map<string, Set<Waiter>>();

  /** Resolves once `ready()` holds (checked now and at each `notify(id)`), or after `ms`, whichever is first. */
  until(id: string, ms: number, ready: () => boolean): Promise<void> {
    if (ready() || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.#byId.get(id) ?? new Set();
      this.#byId.set(id, waiters);
      const waiter = {
        ready,
        release: () => {
          clearTimeout(timer);
          waiters.delete(waiter);
          // Stryker disable next-line ConditionalExpression: memory only; an empty set left releases nothing.
          if (waiters.size === 0) this.#byId.delete(id);
          resolve();
        },
      };
      const timer = setTimeout(waiter.release, ms);
      waiters.add(waiter);
    });
  }

  /** Releases those waiting on `id` whose condition now holds; all of them when `all`. */
  notify(id: string, all = false): void {
    for (const waiter of [...(this.#byId.get(id) ?? [])]) if (all || waiter.ready()) waiter.release();
  }

  /** Releases every caller held. */
  releaseAll(): void {
    for (const id of [...this.#byId.keys()]) this.notify(id, true);
  }
}

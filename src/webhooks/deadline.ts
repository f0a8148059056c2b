/**
 * A delivery's deadline: one timer that every wait of its answer (secret function, replay store, handlers, onError)
 * shares.
 */
import { MAX_DELAY } from './body';

/** What `Deadline.race` gives once the deadline passed. */
export const LATE = Symbol('late');

/** A delivery's `handlerTimeout`: `race` settles as the value given, or as `LATE` once the time is up. */
export interface Deadline {
  /** `value` once it settles, or `LATE` if the deadline passes first. */
  race<T>(value: T): Promise<Awaited<T> | typeof LATE>;
  /** True once the time is up, by the clock: a step that held the thread past it ran before the timer could fire. */
  passed(): boolean;
  /** Stops the timer, once the delivery is answered. */
  clear(): void;
}

/** Starts a deadline `ms` from now; past setTimeout's ceiling it never passes. */
export function startDeadline(ms: number): Deadline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let passed = false;
  const end = performance.now() + ms;
  const late = new Promise<typeof LATE>((resolve) => {
    if (ms <= MAX_DELAY)
      timer = setTimeout(() => {
        passed = true;
        resolve(LATE);
      }, ms);
  });
  return {
    race: (value) => Promise.race([value, late]),
    passed: () => passed || performance.now() >= end,
    clear: () => clearTimeout(timer),
  };
}

/** A delivery's deadline: one timer that several waits (the replay store's calls, the handlers) share. */
import { MAX_DELAY } from './body';

/** What `Deadline.race` gives once the deadline passed. */
export const LATE = Symbol('late');

/** A delivery's `handlerTimeout`: `race` settles as the value given, or as `LATE` once the time is up. */
export interface Deadline {
  /** `value` once it settles, or `LATE` if the deadline passes first. */
  race<T>(value: T): Promise<Awaited<T> | typeof LATE>;
  /** Stops the timer, once the delivery is answered. */
  clear(): void;
}

/** Starts a deadline `ms` from now; past setTimeout's ceiling it never passes. */
export function startDeadline(ms: number): Deadline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    if (ms <= MAX_DELAY) timer = setTimeout(resolve, ms, LATE);
  });
  return { race: (value) => Promise.race([value, late]), clear: () => clearTimeout(timer) };
}

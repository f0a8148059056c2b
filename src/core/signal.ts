/**
 * Signals and time limits of a call. A call's own signal follows the caller's: every call following one signal shares
 * a single listener on it, removed when the last of them ends. A signal passed to many calls (an app's shutdown signal)
 * so gets neither a listener per call (Node warns past ten) nor, through `AbortSignal.any()`, a composite per call that
 * Node 20 keeps for good.
 */

/** What a signal can abort: an AbortController, or a call that ends itself. */
interface Abortable {
  abort(reason?: unknown): void;
}

/** The calls following each signal, and the one listener that aborts them all. */
const followers = new WeakMap<AbortSignal, { calls: Set<Abortable>; relay: () => void }>();

/** Aborts `own` when `signal` aborts; returns what to call when the call ends, so `signal` keeps nothing of it. */
export function follow(signal: AbortSignal, own: Abortable): () => void {
  if (signal.aborted) {
    own.abort(signal.reason);
    return () => undefined;
  }
  let entry = followers.get(signal);
  if (!entry) {
    const calls = new Set<Abortable>();
    const relay = () => {
      followers.delete(signal);
      for (const call of calls) call.abort(signal.reason);
    };
    entry = { calls, relay };
    followers.set(signal, entry);
    signal.addEventListener('abort', relay, { once: true });
  }
  const { calls, relay } = entry;
  calls.add(own);
  return () => {
    calls.delete(own);
    if (calls.size > 0 || followers.get(signal) !== entry) return;
    followers.delete(signal);
    signal.removeEventListener('abort', relay);
  };
}
/** `promise`, or a rejection with `error()` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, error: () => unknown): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), Math.max(0, ms)))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits `ms`, or rejects with `signal`'s reason as soon as it fires. It follows `signal` as a call does, so waits
 * sleeping at once on one signal (an app's shutdown) share its one listener.
 */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      release?.();
      resolve();
    }, ms);
    const release =
      signal &&
      follow(signal, {
        abort: (reason) => {
          clearTimeout(timer);
          reject(reason);
        },
      });
  });
}

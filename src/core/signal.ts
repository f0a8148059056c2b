/**
 * A call's own signal that follows the caller's. Every call following one signal shares a single listener on it,
 * removed when the last of them ends: a signal passed to many calls (an app's shutdown signal) gets neither a listener
 * per call (Node warns past ten) nor, through `AbortSignal.any()`, a composite per call that Node 20 keeps for good.
 */

/** The calls following each signal, and the one listener that aborts them all. */
const followers = new WeakMap<AbortSignal, { calls: Set<AbortController>; relay: () => void }>();

/** A signal that aborts when `signal` does; `release()` when the call ends, so `signal` keeps nothing of it. */
export function follow(signal: AbortSignal): { signal: AbortSignal; release: () => void } {
  const own = new AbortController();
  if (signal.aborted) {
    own.abort(signal.reason);
    return { signal: own.signal, release: () => undefined };
  }
  let entry = followers.get(signal);
  if (!entry) {
    const calls = new Set<AbortController>();
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
  return {
    signal: own.signal,
    release: () => {
      calls.delete(own);
      if (calls.size > 0 || followers.get(signal) !== entry) return;
      followers.delete(signal);
      signal.removeEventListener('abort', relay);
    },
  };
}

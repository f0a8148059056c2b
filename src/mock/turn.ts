/** A turn of the event loop for the mock's answers, which a test's fake clock does not hold. */
import { builtin } from '../core/builtin';

/** Node's own timers where the runtime lends them: fake clocks (vitest's, Jest's) replace only the global ones. */
const nodeTimers = builtin<typeof import('node:timers')>('node:timers');

/**
 * Resolves after a turn of the event loop, as a network answer would: on Node's own timers, so an app testing on a fake
 * clock (`vi.useFakeTimers()`) gets its answers without advancing it (elsewhere, on the global `setTimeout`).
 */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (nodeTimers ?? globalThis).setTimeout(resolve, 0));

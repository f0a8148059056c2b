/** A turn of the event loop for the mock's answers, which a test's fake clock does not hold. */
import { builtin } from '../core/builtin';

/** Node's own timers where the runtime lends them: fake clocks (vitest's, Jest's) replace only the global ones. */
const nodeTimers = builtin<typeof import('node:timers')>('node:timers');

/**
 * Resolves after a turn of the event loop, as a network answer would, on a timer no fake clock (`vi.useFakeTimers()`)
 * replaces, so an app testing on one gets its answers without advancing it: Node's own `setTimeout`, else a message
 * through a `MessageChannel` (browsers, Vitest's browser mode), else the global `setTimeout`.
 */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => {
    if (nodeTimers || typeof MessageChannel !== 'function')
      return void (nodeTimers ?? globalThis).setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      // An open port would keep a process alive (Node before 20.16 comes here).
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });

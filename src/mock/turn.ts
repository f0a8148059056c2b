/** A turn of the event loop for the mock's answers, which a test's fake clock does not hold. */
import { builtin } from '../core/builtin';

/**
 * Node's own `setTimeout`, taken when the mock loads: vitest's and Jest's fake clocks replace only the global one, and
 * node:test's `mock.timers` replaces `node:timers`' too, but only once a test enables it.
 */
const nodeSetTimeout = builtin<typeof import('node:timers')>('node:timers')?.setTimeout;

/**
 * Resolves after a turn of the event loop, as a network answer would, on a timer no fake clock (`vi.useFakeTimers()`,
 * node:test's `mock.timers`) replaces, so an app testing on one gets its answers without advancing it: Node's own
 * `setTimeout`, else a message through a `MessageChannel` (browsers, Vitest's browser mode), else the global
 * `setTimeout`.
 */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => {
    if (nodeSetTimeout) return void nodeSetTimeout(resolve, 0);
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      // An open port would keep a process alive (Node before 20.16 comes here).
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });

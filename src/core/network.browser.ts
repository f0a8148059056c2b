/**
 * `network.ts` as the browser build has it: a browser's failed `fetch` is a bare `TypeError` ("Failed to fetch")
 * with no code, so nothing can tell that a request never left the machine.
 */
import type * as node from './network';

/** No code: browsers do not expose one. */
export const networkCode: typeof node.networkCode = () => undefined;

/** Never known in a browser. */
export const failedBeforeSending: typeof node.failedBeforeSending = () => false;

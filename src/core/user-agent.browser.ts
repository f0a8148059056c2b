/** `user-agent.ts` as the browser build has it: browsers own the `User-Agent` header, so the SDK never sets one there. */
import type * as node from './user-agent';

/** No user agent: see `user-agent.ts`. */
export const userAgent: typeof node.userAgent = () => undefined;

/** `inspect.ts` as the browser build has it: browsers have no `util.inspect`, so there is nothing to set up. */
import type * as node from './inspect';

/** Does nothing: a bundler drops the calls. */
export function showAs(..._args: Parameters<typeof node.showAs>): void {}

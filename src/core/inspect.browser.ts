/** `inspect.ts` as the browser build has it: browsers have no `util.inspect`, so there is nothing to set up. */
import type * as node from './inspect';

type ShowAs = typeof node.showAs;

/**
 * Does nothing, and says so to bundlers (`@__NO_SIDE_EFFECTS__`), which then drop each call with the form it was
 * given. The parameters are spelt out: esbuild ignores the mark on a function with a rest parameter.
 */
/* @__NO_SIDE_EFFECTS__ */
export function showAs(_type: Parameters<ShowAs>[0], _show: Parameters<ShowAs>[1]): void {}

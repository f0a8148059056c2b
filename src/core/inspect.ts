/** How `util.inspect`, and so `console.log` in Node, Deno and Bun, shows the SDK's objects. */

/**
 * The key `util.inspect` looks for, without importing `node:util` (browsers' consoles never read it). A class defines
 * its method under this key in its body (no call at module level, so a bundler can drop an unused class).
 */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What an `[INSPECT]` method returns: `<class name> <shown>`, printed with the caller's inspect options. */
export function inspected(
  self: object,
  shown: unknown,
  options: object,
  inspect: (value: unknown, options: object) => string,
): string {
  return `${self.constructor.name} ${inspect(shown, options)}`;
}

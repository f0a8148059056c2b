/** How `util.inspect`, and so `console.log` in Node, Deno and Bun, shows the SDK's objects. */

/** The key `util.inspect` looks for, without importing `node:util` (browsers' consoles never read it). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Makes `util.inspect` print instances of `type` as `<class name> <what show returns>`, so no secret shows. */
export function showAs<T extends object>(type: abstract new (...args: never[]) => T, show: (self: T) => unknown): void {
  Object.defineProperty(type.prototype, INSPECT, {
    value(this: T, _depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
      return `${this.constructor.name} ${inspect(show(this), options)}`;
    },
  });
}

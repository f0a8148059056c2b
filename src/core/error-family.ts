/**
 * How `instanceof` knows an error of the package's other build: Node loads the ESM and the CommonJS builds side by side
 * when one module imports `ricloud` and another requires it, and each build has its own classes.
 */
import { SHARED } from './shared';

/** Marks the family's classes in both builds. */
export const FAMILY = Symbol.for(`${SHARED}error`);

/**
 * True when `value` is an error of the other build's class of `family`'s name (the build keeps class names); `base` is
 * this build's base class of the family.
 */
export function madeByOtherBuild(family: { name: string }, value: unknown, base: unknown): boolean {
  let named = false;
  // A class's prototype is its parent class: NotFoundError, RequestError, …, RicloudError, Error, Function.prototype.
  for (let made = (value as { constructor?: unknown } | null)?.constructor; typeof made === 'function'; ) {
    // An error of this build: the native check has answered, and a minifier may have given two classes one name.
    if (made === base) return false;
    named ||= FAMILY in made && made.name === family.name;
    made = Object.getPrototypeOf(made);
  }
  return named;
}

import { InvalidInputError } from './errors';

/**
 * What a resource, a page or a list keeps besides what it shows, held so it still works behind a Proxy (Vue's
 * `reactive()`), which runs getters and methods with itself as `this`: there a `#private` field throws `TypeError`,
 * but a symbol-keyed property reads as an attribute does. The state sits in a function, as such a Proxy wraps an
 * object it reads (a wrapped `Map`'s or client's internals would throw, and a wrapped non-configurable value breaks
 * the Proxy's invariants) but hands a function back as it is. Its owner has it as its own property (so has a Proxy's
 * target); an `Object.create` copy only inherits it, and a clone with the owner's prototype has none.
 */
export const HELD = Symbol('ricloud.held');

/** Keeps `state` on `owner`, under a non-enumerable symbol: keys, spread and JSON leave it out. */
export const hold = (owner: object, state: object): void =>
  void Object.defineProperty(owner, HELD, { value: () => state });

/** Why a copy of an owner (`Object.create`'s, a clone with its prototype) is refused what needs its state. */
export const COPY = 'is a copy, with no state of its own (nothing was sent)';

/**
 * The state `hold` kept on `owner` (or on the target of a Proxy `owner`), as its owner's class declares it. Given the
 * `name` errors call `owner` by, only its own: an `Object.create` copy would change its original's.
 * @throws InvalidInputError naming `name` for a copy, which has no state of its own.
 */
export const heldBy = <S>(owner: object, name?: string): S => {
  if (name && !Object.hasOwn(owner, HELD)) throw new InvalidInputError(name, COPY);
  return (owner as { [HELD]: () => S })[HELD]();
};

/**
 * What a resource, a page or a list keeps besides what it shows, held so it still works behind a Proxy (Vue's
 * `reactive()`), which runs getters and methods with itself as `this`: there a `#private` field throws `TypeError`,
 * but a symbol-keyed property reads as an attribute does. The state sits in a function, as such a Proxy wraps an
 * object it reads (a wrapped `Map`'s or client's internals would throw, and a wrapped non-configurable value breaks
 * the Proxy's invariants) but hands a function back as it is. Its owner has it as its own property (so has a Proxy's
 * target); an `Object.create` copy only inherits it, and a clone with the owner's prototype has none.
 */
const HELD = Symbol('ricloud.held');

/** Keeps `state` on `owner`, under a non-enumerable symbol: keys, spread and JSON leave it out. */
export const hold = (owner: object, state: object): void =>
  void Object.defineProperty(owner, HELD, { value: () => state });

/** Why a copy is refused what needs its state: an `Object.create` copy's is its original's, and a clone has none. */
const COPY = 'is a copy, with no state of its own (nothing was sent)';

/**
 * The state `hold` kept on `owner` (or on the target of a Proxy `owner`), as its owner's class declares it: the one
 * place a copy is told apart and refused. A clone with the owner's prototype (lodash's `cloneDeep`) has none, and is
 * refused rather than sent with a guessed client; an `Object.create` copy inherits its original's, and is refused too
 * unless `inherited` (a read: a write would land in its original's state).
 * @throws what `refusal` makes of `owner` and why it is refused (an InvalidInputError naming it), before sending.
 */
export const heldBy = <S, O extends object = object>(
  owner: O,
  refusal: (owner: O, why: string) => Error,
  inherited?: boolean,
): S => {
  if (inherited ? !(owner as { [HELD]?: unknown })[HELD] : !Object.hasOwn(owner, HELD)) throw refusal(owner, COPY);
  return (owner as { [HELD]: () => S })[HELD]();
};

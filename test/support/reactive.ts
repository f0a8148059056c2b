/**
 * A Proxy of `target` as Vue's reactive() makes one: getters and methods run with the Proxy as `this`, and an object
 * value read through it comes back wrapped the same way.
 */
export function reactive<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      return typeof value === 'object' && value !== null ? reactive(value) : value;
    },
  });
}

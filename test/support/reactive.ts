/**
 * A Proxy of `target` as Vue's reactive() makes one: getters and methods run with the Proxy as `this`, an object value
 * read through it comes back wrapped the same way (unless it is frozen or otherwise not extensible: Vue hands those
 * back as they are), and each property set through it is told to `changed` (Vue's trigger, which updates the views
 * that read it; a property defined on the target, not set, tells nothing).
 */
export function reactive<T extends object>(target: T, changed: (key: PropertyKey) => void = () => undefined): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      return typeof value === 'object' && value !== null && Object.isExtensible(value)
        ? reactive(value, changed)
        : value;
    },
    set(object, key, value, receiver) {
      changed(key);
      return Reflect.set(object, key, value, receiver);
    },
  });
}

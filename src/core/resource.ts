/** What every resource instance has: its attributes, the response that produced it, and a redacted print form. */
import type { ResponseMeta } from './request';
import { inspectSymbol, REDACTED, SECRET_ATTRIBUTES as HIDDEN } from './redact';

// The client a resource was fetched with, so instance methods use the same one.
const owner = Symbol('ricloud.client');

/** Base of WebhookConfig, Task and Event. */
export abstract class Resource<C = unknown> {
  /** The HTTP status, headers and request id of the response that produced this value (not enumerable). */
  declare readonly lastResponse: ResponseMeta;
  declare readonly [owner]: C;

  /**
   * @internal Built by the SDK from a validated response: copies `attributes` in, keeping secrets and response facts
   * out of `console.log`, spread and `JSON.stringify`.
   */
  constructor(attributes: object, response: ResponseMeta, client: C) {
    for (const key of Object.keys(attributes)) {
      const value = (attributes as Record<string, unknown>)[key];
      // Assignment makes the same own, writable, enumerable property as defineProperty, at a fraction of the cost.
      // Hidden attributes, and names the prototype chain already has (a getter such as `done`, `__proto__`), are defined.
      if (HIDDEN.has(key) || key in this) {
        Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: !HIDDEN.has(key) });
      } else {
        (this as Record<string, unknown>)[key] = value;
      }
    }
    Object.defineProperty(this, 'lastResponse', { value: response, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(this, owner, { value: client, writable: true, configurable: true, enumerable: false });
  }

  /** Takes over the attributes and response facts of a fresh copy of this resource; returns this. */
  protected absorb(fresh: Resource<C>): this {
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(fresh));
    return this;
  }

  /** The client this resource was fetched with. */
  protected get client(): C {
    return this[owner];
  }

  /** `util.inspect` / `console.log` form: attributes, with hidden ones shown as `[redacted]`. */
  [inspectSymbol](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    const shown: Record<string, unknown> = { ...(this as object) };
    for (const key of HIDDEN) if ((this as unknown as Record<string, unknown>)[key] != null) shown[key] = REDACTED;
    return `${this.constructor.name} ${inspect(shown, options)}`;
  }
}

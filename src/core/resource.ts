/** What every resource instance has: its attributes, the response that produced it, and a redacted print form. */
import type { BaseClient } from './client';
import { InvalidInputError } from './errors';
import { heldBy, hold } from './held';
import type { ResponseMeta } from './spec';
import { INSPECT, inspected } from './inspect';
import { isSecretKey, REDACTED } from './redact';
import { hideNestedSecrets } from './secret-walk';

/**
 * What a resource holds besides its attributes: the client it was fetched with (its instance methods use the same
 * one), the response it came from, the in-place calls sent so far, the latest of them whose answer it holds, and the
 * latest write (`update`, `rotate`, …) whose answer it took. Held (./held), not in `#private` fields, so a resource
 * in Vue's `reactive()` state still works.
 */
interface Held {
  readonly client: BaseClient;
  response: ResponseMeta;
  sent: number;
  kept: number;
  written: number;
}

/** The error refusing a call on `resource` before sending, saying `why`: its static method takes the id. */
const refused = (resource: Resource, why: string) =>
  new InvalidInputError(
    `${(resource.constructor as typeof Resource).resource} ${(resource as { id?: string }).id}`,
    `${why}: use the static method instead`,
  );

/**
 * The client `resource` was fetched with: its instance methods send with the same one. An `Object.create` copy reads
 * its original's.
 * @throws InvalidInputError for a clone of it, which has none.
 */
export const clientOf = (resource: Resource): BaseClient => heldBy<Held, Resource>(resource, refused, true).client;

/**
 * Base of WebhookConfig, Task and the other resources. Only attributes are own enumerable properties: everything else
 * is a hidden symbol-keyed property, an accessor or a class method, so a spread (`{ ...config }`) and its type both
 * hold the attributes alone (TypeScript leaves a class's methods and accessors out of a spread's type).
 */
export abstract class Resource {
  /** The API's name of this kind of resource (`webhook_config`, `task`, …), as error messages name it. */
  declare static readonly resource: string;

  /**
   * Built by the SDK (not by apps) from a validated response: copies `attributes` in, keeping secrets and response
   * facts out of `console.log`, spread and `JSON.stringify`.
   */
  constructor(attributes: object, response: ResponseMeta, client: BaseClient) {
    for (const key of Object.keys(attributes)) {
      // Server data never replaces behaviour: a name the prototype chain has (a method such as `refresh`, the `done`
      // getter, `lastResponse`, `constructor`, `toString`, `__proto__`) is not taken.
      if (key in this) continue;
      const value = (attributes as Record<string, unknown>)[key];
      hideNestedSecrets(key, value);
      // Assignment makes the same own, writable, enumerable property as defineProperty, at a fraction of the cost. A
      // secret in another case (`Token`) is hidden too, as one nested is.
      if (isSecretKey(key))
        Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: false });
      else (this as Record<string, unknown>)[key] = value;
    }
    hold(this, { client, response, sent: 0, kept: 0, written: 0 });
  }

  /**
   * The HTTP status, headers and request id of the response that produced this value (not copied by spread).
   * @throws InvalidInputError for a clone of it, which holds none.
   */
  get lastResponse(): ResponseMeta {
    return heldBy<Held, Resource>(this, refused, true).response;
  }

  /**
   * Fetches a fresh copy of this resource and takes over its attributes and response facts; returns this. When
   * in-place calls overlap, the resource never falls back to older server state: a read's answer is taken unless a
   * call sent after it was; a `write`'s unless a later write's was, and it outdates every call sent before it came
   * (a `refresh` sent during an `update` or `rotate` may have been served before it).
   * Frozen or sealed once the call was sent, it is left as it is and the answer is returned as a new value.
   * @throws InvalidInputError, before sending, when this resource is frozen or sealed (it could not take the answer),
   *   or a copy (`Object.create(resource)`, a clone with its prototype), which has no state of its own.
   */
  protected async reload(fetch: () => Promise<Resource>, write: boolean): Promise<this> {
    // Frozen or sealed (deep-frozen app state): the answer could not be written in, nor add an attribute (rotate's
    // `token`, one the last answer left out), so the call would fail once answered, a write already done. A copy made
    // with `Object.create` would put its answer's response and call counts into its original's state (and fail once
    // answered when that one is frozen); a clone with the prototype has no state to use.
    const cannot = () =>
      refused(this, 'is frozen or sealed, or a copy, so it cannot take an in-place answer (nothing was sent)');
    if (!Object.isExtensible(this)) throw cannot();
    const held = heldBy<Held, Resource>(this, cannot);
    const call = ++held.sent;
    const fresh = await fetch();
    if (write ? call > held.written : call > held.kept) {
      // Frozen or sealed while the call was in flight: the server has acted, so its answer (rotate's new token) is
      // handed back as a new value rather than lost, and this resource is left whole rather than half written.
      if (!Object.isExtensible(this)) return fresh as this;
      held.kept = write ? held.sent : call;
      if (write) held.written = call;
      // Set, not defined, so a Proxy of this resource (Vue's reactive()) sees the change; hidden ones are defined. A
      // secret the answer shows as null (not shown again) keeps the one held: create's, typed `string`.
      for (const [key, attribute] of Object.entries(Object.getOwnPropertyDescriptors(fresh)))
        if (attribute.enumerable) (this as Record<string, unknown>)[key] = attribute.value;
        else if (attribute.value !== null) Object.defineProperty(this, key, attribute);
      held.response = heldBy<Held, Resource>(fresh, refused).response;
    }
    return this;
  }

  /**
   * The `util.inspect` / `console.log` form: attributes, with hidden ones shown as `[redacted]`. Nested secrets are
   * non-enumerable, so they stay out as long as inspect shows no hidden properties, even when asked to (`%o`).
   */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    // A copy of the top level only: inspect walks the rest to its depth, where a JSON copy overflowed the stack on
    // an answer nested far enough.
    const shown: Record<string, unknown> = { ...(this as object) };
    for (const key of Object.getOwnPropertyNames(this))
      if (isSecretKey(key) && (this as unknown as Record<string, unknown>)[key] != null) shown[key] = REDACTED;
    return inspected(this, shown, { ...options, showHidden: false }, inspect);
  }
}

/**
 * RicloudError, the base of every error the SDK reports, and its `instanceof`, which also knows an error that the
 * package's other build made. It imports no HTTP client, so `ricloud/webhooks` can share it.
 */
import { SHARED } from './shared';

// Marks the family's classes in both builds, so `instanceof` knows an error the other build made.
const FAMILY = Symbol.for(`${SHARED}error`);

/** Where a request went, for errors and hooks. Never holds the token. */
export interface RequestInfo {
  /** HTTP method, upper case. */
  method: string;
  /** Path below the base URL, e.g. `/configs/webhook/wc_1`. */
  path: string;
  /** The whole URL of the last attempt, base URL and query included, once one was sent: says where a 404 came from. */
  url?: string | undefined;
  /** How many attempts were made, retries included. */
  attempts: number;
  /** The server's request id, when it sent one. */
  requestId?: string | undefined;
}

/** True when `value` is an error of the other build's class of `family`'s name (the build keeps class names). */
function madeByOtherBuild(family: { name: string }, value: unknown): boolean {
  let named = false;
  // A class's prototype is its parent class: NotFoundError, RequestError, …, RicloudError, Error, Function.prototype.
  for (let made = (value as { constructor?: unknown } | null)?.constructor; typeof made === 'function'; ) {
    // An error of this build: the native check has answered, and a minifier may have given two classes one name.
    if (made === RicloudError) return false;
    named ||= FAMILY in made && made.name === family.name;
    made = Object.getPrototypeOf(made);
  }
  return named;
}

/** Base class of every error the SDK throws. `instanceof RicloudError` catches them all. */
export class RicloudError extends Error {
  override name = 'RicloudError';
  /** Status of the HTTP response, when there was one. */
  declare readonly status?: number | undefined;
  /** The request that failed, when the error came from one. */
  declare readonly request?: RequestInfo | undefined;
  /**
   * True when a call that writes (`create`, `test`, an update, a delete) failed in a way that does not say whether the
   * server acted (a 5xx, a timeout, a connection dropped after sending, an answer refused): check with `list` or
   * `retrieve` before sending a create again. A read, or a 4xx refusal, is always false.
   */
  declare readonly mayHaveSucceeded: boolean;
  /** @internal */
  static readonly [FAMILY] = true;

  /**
   * `instanceof` that also holds for an error from the package's other build: Node loads the ESM and the CommonJS
   * builds side by side when one module imports `ricloud` and another requires it.
   */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about, a subclass too.
    return Function.prototype[Symbol.hasInstance].call(this, value) || madeByOtherBuild(this, value);
  }

  /** `options` sets `cause` and the fields of the same names; `mayHaveSucceeded` defaults to false. */
  constructor(
    message: string,
    options: {
      cause?: unknown;
      status?: number | undefined;
      request?: RequestInfo | undefined;
      mayHaveSucceeded?: boolean | undefined;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.request = options.request;
    this.mayHaveSucceeded = options.mayHaveSucceeded ?? false;
  }

  /** A plain object for logs: the message and the fields, no stack, no cause. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, cause: _cause, ...fields } = { ...this } as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

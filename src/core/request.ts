/**
 * One API call: ky sends it and runs the retries; the call (call.ts and its parts) holds the SDK's own policy (which
 * calls may be re-sent, the whole call's deadline) and turns the outcome into a validated value or one RicloudError.
 */
import { Call } from './call';
import type { RequestOptions } from './options';
import { secretValues } from './redact';
import type { Answer, RequestSpec } from './spec';
import type { Transport } from './transport';

/** Sends one API call and returns the validated body with its response facts and request. Throws only RicloudError. */
export function send<T>(transport: Transport, spec: RequestSpec<T>, options: RequestOptions = {}): Promise<Answer<T>> {
  return new Call(spec.body === undefined ? transport : withSecrets(transport, spec.body), spec, options).run();
}

/**
 * `transport` hiding the values under secret keys of `body` (a password) too, wherever it hides its token, in one pass
 * with it (so a short token inside a password leaves none of the password): found when first needed, so only once
 * the body was sent (it then holds no cycle).
 */
function withSecrets(transport: Transport, body: object): Transport {
  let hide: ((text: string) => string) | undefined;
  return {
    ...transport,
    redact: (text) => {
      hide ??= transport.redactWith(secretValues(body));
      return hide(text);
    },
  };
}

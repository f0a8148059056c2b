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
  return new Call(withSecrets(transport, spec), spec, options).run();
}

/**
 * `transport` hiding the values under secret keys of what `spec` sent (its body's JSON: a password, its query: a
 * `token`) too, wherever it hides its token, in one pass with it (so a short token inside a password leaves none of
 * the password): found when first needed, so once the body was serialised.
 */
function withSecrets<T>(transport: Transport, spec: RequestSpec<T>): Transport {
  let hide: ((text: string) => string) | undefined;
  return {
    ...transport,
    redact: (text) => {
      hide ??= transport.redactWith(secretValues([spec.sent && JSON.parse(spec.sent), spec.query]));
      return hide(text);
    },
  };
}

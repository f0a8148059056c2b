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
  return new Call(withSecrets(transport, [spec.body, spec.query]), spec, options).run();
}

/**
 * `transport` hiding the values under secret keys of `sent` (a body's password, a query's `token`) too, wherever it
 * hides its token, in one pass with it (so a short token inside a password leaves none of the password): found when
 * first needed, so only once the body was sent (it then holds no cycle).
 */
function withSecrets(transport: Transport, sent: unknown[]): Transport {
  let hide: ((text: string) => string) | undefined;
  return {
    ...transport,
    redact: (text) => {
      hide ??= transport.redactWith(secretValues(sent));
      return hide(text);
    },
  };
}

/**
 * One API call: ky sends it and runs the retries; the call (call.ts and its parts) holds the SDK's own policy (which
 * calls may be re-sent, the whole call's deadline) and turns the outcome into a validated value or one RicloudError.
 */
import { Call } from './call';
import type { RequestOptions } from './options';
import { tokenRedactor } from './redact';
import type { RequestSpec, ResponseMeta } from './spec';
import type { Transport } from './transport';

/** Sends one API call and returns the validated body with its response facts. Throws only RicloudError. */
export function send<T>(
  transport: Transport,
  spec: RequestSpec<T>,
  options: RequestOptions = {},
): Promise<{ data: T; response: ResponseMeta }> {
  return new Call(withSecrets(transport, spec.secrets), spec, options).run();
}

/** `transport` hiding `secrets` too, wherever it hides its token. */
function withSecrets(transport: Transport, secrets: readonly string[] | undefined): Transport {
  if (!secrets?.length) return transport;
  const hiders = secrets.map(tokenRedactor);
  return { ...transport, redact: (text) => hiders.reduce((hidden, hide) => hide(hidden), transport.redact(text)) };
}

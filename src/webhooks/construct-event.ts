/** constructEvent: verify a delivery's signature, then read its body as an event. */
import { parseEvent, type WebhookEvent } from './event';
import { checkReplayStore, claimReplay, type ReplayStore } from './replay';
import { verifySignature, type Payload, type Secrets, type VerifyOptions } from './signature';

/** Options of `constructEvent` and `verifyRequest`. */
export interface ConstructEventOptions extends VerifyOptions {
  /** Refuses an event id seen before, and records each accepted one. */
  replay?: ReplayStore | undefined;
}

/**
 * Verifies `header` against the raw `payload` with the secret (or any of a list of secrets), then parses and checks
 * the event. An event of a type the SDK does not know is returned too, not refused (see `GenericWebhookEvent`).
 * @throws SignatureVerificationError for a missing, malformed, stale or non-matching signature (nothing is parsed);
 *   WebhookPayloadError for a signed body that is empty, not JSON or not an event; ReplayError for an id seen before;
 *   InvalidInputError for options that are not numbers of seconds, or a `replay` that is not a store.
 */
export async function constructEvent(
  payload: Payload,
  header: string | readonly string[] | null | undefined,
  secret: Secrets,
  options: ConstructEventOptions = {},
): Promise<WebhookEvent> {
  // Checked first: a store that cannot record ids would fail only once a delivery verified.
  const replay = checkReplayStore((options as ConstructEventOptions | null)?.replay, 'options.replay');
  await verifySignature(payload, header, secret, options);
  const event = parseEvent(payload);
  if (replay) await claimReplay(replay, event.id);
  return event;
}

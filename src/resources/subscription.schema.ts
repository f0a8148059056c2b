/** The subscription schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { SUBSCRIPTION_STATES } from '../core/wire';
import { pollPayloadSchema } from './poll.schema';

/** A subscription: polls of a session made every `interval` seconds from `date_start` until `date_end`. */
export const subscriptionSchema = (kit: Kit) => {
  const { z, id, maybe, datetime, openEnum } = kit;
  return z.looseObject({
    /** Identifier, as `retrieve` and `delete` take it. */
    id: z.string(),
    /** Always `subscription`. */
    resource: z.literal('subscription'),
    /** The organisation the subscription belongs to (its id), by the name the docs give it. */
    org: maybe(id()),
    /** The organisation the subscription belongs to (its id). */
    organisation: maybe(id()),
    /** The key that made the subscription (its id). */
    key: maybe(id()),
    /** The session its polls use (its id). */
    session: maybe(id()),
    /** The source its polls ask (its id). */
    source: maybe(id()),
    /** What each of its polls asks for. */
    poll_payload: maybe(pollPayloadSchema(kit)),
    /** Seconds between its polls. */
    interval: maybe(z.number()),
    /** When its first poll is due (ISO 8601). */
    date_start: maybe(datetime()),
    /** When it stops polling (ISO 8601); null for never. */
    date_end: maybe(datetime()),
    /** `pending` until its first poll, then `active`; `deleted` once deleted. */
    state: openEnum<typeof SUBSCRIPTION_STATES>(),
    /** When the subscription was created (ISO 8601). */
    date_created: maybe(datetime()),
  });
};

/** A subscription's attributes, as the API sends them. */
export type SubscriptionAttributes = {
  [K in keyof Attributes<typeof subscriptionSchema>]: Attributes<typeof subscriptionSchema>[K];
};
/** One of the documented subscription states, or a state added later. */
export type SubscriptionState = SubscriptionAttributes['state'];

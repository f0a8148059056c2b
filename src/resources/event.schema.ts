/** The event schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { EVENT_STATES } from '../core/wire';
import type { WebhookEventSlug } from '../webhooks/event';

/** The two parts of each documented slug (`task.succeeded`): its `type` and its `action`. */
type SlugParts<S extends string = WebhookEventSlug> = S extends `${infer T}.${infer A}` ? [T, A] : never;
/** A documented event `type`, the kind of resource it is about: `webhook_config`, `task`, `poll` or `session`. */
export type EventType = SlugParts[0];
/** A documented event `action`, what happened: `test`, `created`, `succeeded`, `failed`, `completed` or `expired`. */
export type EventAction = SlugParts[1];

/** An event: something that happened to a resource, as delivered to webhook receivers. */
export const eventSchema = ({ z, id, maybe, datetime, openEnum }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve` takes it. */
    id: z.string(),
    /** Always `event`. */
    resource: z.literal('event'),
    /** The organisation the event belongs to (its id). */
    organisation: maybe(id()),
    /** The kind of resource the event is about, e.g. `task`: the first part of its slug. */
    type: openEnum<EventType[]>(),
    /** What happened to it, e.g. `succeeded` or `test`: the second part of its slug. */
    action: openEnum<EventAction[]>(),
    /** The resource the event is about, in full. */
    data: z.unknown(),
    /** Delivery: `pending` while being sent, `delivered` once a receiver accepted it, `failed` after the last retry. */
    state: openEnum<typeof EVENT_STATES>(),
    /** How many delivery retries have been made. */
    retries: maybe(z.number()),
    /** When the event was created (ISO 8601). */
    date_created: datetime(),
    /** When a receiver accepted it (ISO 8601). */
    date_delivered: maybe(datetime()),
  });

/** An event's attributes, as the API sends them. */
export type EventAttributes = { [K in keyof Attributes<typeof eventSchema>]: Attributes<typeof eventSchema>[K] };
/** One of the documented event delivery states, or a state added later. */
export type EventState = EventAttributes['state'];

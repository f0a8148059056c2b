/** The webhook config schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { WEBHOOK_CONFIG_STATES } from '../core/wire';

/** A webhook config: where the API sends events, and the secret it signs them with. */
export const webhookConfigSchema = ({ z, id, maybe, datetime, openEnum }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve`, `update` and `test` take it. */
    id: z.string(),
    /** Always `webhook_config`. */
    resource: z.literal('webhook_config'),
    /** The organisation that owns the config (its id). */
    organisation: id(),
    /** Where the API sends events: an absolute http(s) URL. */
    url: z.string(),
    /** Sent by `create`; later answers may leave it out. */
    secret: maybe(z.string()),
    /** `new` until tested, then `valid` or `invalid`; `deactivated` once switched off. */
    state: openEnum<typeof WEBHOOK_CONFIG_STATES>(),
    /** When the config was created (ISO 8601). */
    date_created: datetime(),
  });

/** A webhook config's attributes, as the API sends them. */
export type WebhookConfigAttributes = {
  [K in keyof Attributes<typeof webhookConfigSchema>]: Attributes<typeof webhookConfigSchema>[K];
};
/** One of the documented webhook config states, or a state added to the API later. */
export type WebhookConfigState = WebhookConfigAttributes['state'];

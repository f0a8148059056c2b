/** The key schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { KEY_STATES, KEY_TYPES } from '../core/wire';

/** A key: a token of the organisation, and the configs that override the organisation's defaults for it. */
export const keySchema = ({ z, id, maybe, datetime, openEnum }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve`, `update` and `rotate` take it. */
    id: z.string(),
    /** Always `key`. */
    resource: z.literal('key'),
    /** The organisation the key belongs to (its id). */
    organisation: id(),
    /** `standard` or `trial`. */
    type: maybe(openEnum<typeof KEY_TYPES>()),
    /** The key's settings, e.g. `publish_source_files`. */
    config: maybe(z.looseObject({})),
    /** The webhook config this key's events go to instead of the organisation's default (its id). */
    webhook_config: maybe(id()),
    /** The storage config this key's results go to instead of the organisation's default (its id). */
    storage_config: maybe(id()),
    /** The token, a secret: sent by create, retrieve, update and rotate; lists leave it out. */
    token: maybe(z.string()),
    /** `active`, `deactivated`, `blocked` or `expired`. */
    state: openEnum<typeof KEY_STATES>(),
    /** When the key was created (ISO 8601). */
    date_created: datetime(),
    /** When the key expires (mostly trials), if ever. */
    date_expires: maybe(datetime()),
  });

/** A key's attributes, as the API sends them. */
export type KeyAttributes = { [K in keyof Attributes<typeof keySchema>]: Attributes<typeof keySchema>[K] };
/** One of the documented key states, or a state added later. */
export type KeyState = KeyAttributes['state'];
/** `standard` or `trial`, or a kind of key added later. */
export type KeyType = Exclude<KeyAttributes['type'], null | undefined>;

/** The storage config schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { STORAGE_TYPES, WEBHOOK_CONFIG_STATES } from '../core/wire';

/** A storage config: the bucket the API publishes results to, and the credentials it writes with. */
export const storageConfigSchema = ({ z, id, maybe, datetime, openEnum }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve`, `update`, `test` and `delete` take it. */
    id: z.string(),
    /** Always `storage_config`. */
    resource: z.literal('storage_config'),
    /** The organisation that owns the config (its id). */
    organisation: id(),
    /** `gs` or `s3`, read from `url`. */
    type: maybe(openEnum<typeof STORAGE_TYPES>()),
    /** The bucket and path: `gs://bucket/path` or `s3://bucket/path`. */
    url: z.string(),
    /** The credentials the API writes with; answers show their field names only. */
    credentials: maybe(z.looseObject({})),
    /** Whether results get signed URLs. */
    signed_urls_enabled: maybe(z.boolean()),
    /** How long signed URLs stay valid, in seconds. */
    signed_urls_expiry: maybe(z.number()),
    /** `new` until tested, then `valid` or `invalid`; `deactivated` once switched off. */
    state: openEnum<typeof WEBHOOK_CONFIG_STATES>(),
    /** When the config was created (ISO 8601). */
    date_created: datetime(),
  });

/** A storage config's attributes, as the API sends them. */
export type StorageConfigAttributes = {
  [K in keyof Attributes<typeof storageConfigSchema>]: Attributes<typeof storageConfigSchema>[K];
};
/** One of the documented storage config states, or a state added later. */
export type StorageConfigState = StorageConfigAttributes['state'];
/** `gs` or `s3`, the bucket's kind read from a storage config's `url`, or a kind added later. */
export type StorageType = Exclude<StorageConfigAttributes['type'], null | undefined>;

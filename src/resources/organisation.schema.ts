/** The organisation schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { ORGANISATION_STATES } from '../core/wire';

/** An organisation: its configs, its defaults and its state. */
export const organisationSchema = ({ z, id, maybe, datetime, openEnum, nestedList }: Kit) =>
  z.looseObject({
    /** Identifier (the API's example shows a number). */
    id: id(),
    /** Always `organisation`. */
    resource: z.literal('organisation'),
    /** `standard` or `super` (a super organisation makes users of others). */
    type: maybe(openEnum<['standard', 'super']>()),
    /** The organisation's name. */
    name: maybe(z.string()),
    /** A short name. */
    slug: maybe(z.string()),
    /** The API version the organisation is set to. */
    api_version: maybe(z.string()),
    /** The organisation's settings, e.g. `publish_source_files`. */
    config: maybe(z.looseObject({})),
    /** Its base permissions (`resource: organisation_permissions`): scopes mapped to limits, as in `Permissions`. */
    permissions: maybe(z.looseObject({})),
    /** Its webhook configs, as a list object (the first page) or, in older answers, an array. */
    webhook_configs: maybe(nestedList()),
    /** The webhook config its keys' events go to unless a key names its own (its id). */
    webhook_config_default: maybe(id()),
    /** Its storage configs, as a list object (the first page) or, in older answers, an array. */
    storage_configs: maybe(nestedList()),
    /** The storage config its keys' results go to unless a key names its own (its id). */
    storage_config_default: maybe(id()),
    /** `unconfigured` until it has valid webhook and storage configs, then `active`; or `deactivated`, `blocked`. */
    state: maybe(openEnum<typeof ORGANISATION_STATES>()),
    /** When the organisation was created (ISO 8601). */
    date_created: maybe(datetime()),
  });

/** An organisation's attributes, as the API sends them. */
export type OrganisationAttributes = {
  [K in keyof Attributes<typeof organisationSchema>]: Attributes<typeof organisationSchema>[K];
};
/** One of the documented organisation states, or a state added later. */
export type OrganisationState = Exclude<OrganisationAttributes['state'], null | undefined>;
/** `standard` or `super` (a super organisation makes users of others), or a type added later. */
export type OrganisationType = Exclude<OrganisationAttributes['type'], null | undefined>;

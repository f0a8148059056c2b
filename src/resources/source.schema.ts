/** The source schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { SOURCE_STATES, SOURCE_TYPES } from '../core/wire';

/** A source: an account (`icloud.account`) or a Relay instance of a user, or a device the API found under one. */
export const sourceSchema = ({ z, id, maybe, datetime, openEnum, nestedList }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve` and `update` take it. */
    id: z.string(),
    /** Always `source`. */
    resource: z.literal('source'),
    /** The organisation the source belongs to (its id). */
    organisation: maybe(id()),
    /** The user the source belongs to (its id). */
    user: maybe(id()),
    /** `icloud.account`, `rirelay.instance`, or `rirelay.source` for a device of a Relay instance. */
    type: openEnum<typeof SOURCE_TYPES>(),
    /** The source's name in its service, e.g. an Apple ID; unique within the service. */
    identifier: z.string(),
    /** The source this one was found under (its id), for a child source; null for a top-level one. */
    parent: maybe(id()),
    /** The sources found under this one, as a list object (the first page) or an array. */
    children: maybe(nestedList()),
    /** `unvalidated` until a session on it is active; `active`, `deactivated`, `blocked` or `locked`. */
    state: openEnum<typeof SOURCE_STATES>(),
    /** When the source was created (ISO 8601). */
    date_created: datetime(),
  });

/** A source's attributes, as the API sends them. */
export type SourceAttributes = { [K in keyof Attributes<typeof sourceSchema>]: Attributes<typeof sourceSchema>[K] };
/** One of the documented source types, or a type added later. */
export type SourceType = SourceAttributes['type'];
/** One of the documented source states, or a state added later. */
export type SourceState = SourceAttributes['state'];

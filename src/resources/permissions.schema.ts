/** The permissions schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';

/** A permissions object: scopes (`source_type:icloud.account`, `task_type:icloud.*`, …) mapped to lists of limits. */
export const permissionsSchema = ({ z, id, maybe, datetime }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve` and `update` take it. */
    id: z.string(),
    /** `permissions`, as ricloud-py names it. */
    resource: z.string(),
    /** The organisation the permissions belong to (its id). */
    organisation: maybe(id()),
    /** Each scope (any name) with its limits, e.g. `{ level: 'user', type: 'count', value: 3 }`. */
    scopes: z.catchall(z.object({}), z.array(z.unknown())),
    /** When the permissions were created (ISO 8601). */
    date_created: maybe(datetime()),
  });

/** A permissions object's attributes, as the API sends them. */
export type PermissionsAttributes = {
  [K in keyof Attributes<typeof permissionsSchema>]: Attributes<typeof permissionsSchema>[K];
};

/** The user schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { USER_STATES } from '../core/wire';

/** A user: the organisation's own name (`identifier`) for one of its end users. */
export const userSchema = ({ z, id, maybe, datetime, openEnum }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve` and `update` take it. */
    id: z.string(),
    /** Always `user`. */
    resource: z.literal('user'),
    /** The organisation the user belongs to (its id). */
    organisation: maybe(id()),
    /** The key that created the user (its id). */
    key: maybe(id()),
    /** The organisation's own value for this user, e.g. an email address. */
    identifier: z.string(),
    /** `active`, `deactivated` or `blocked`. */
    state: openEnum<typeof USER_STATES>(),
    /** When the user was created (ISO 8601). */
    date_created: datetime(),
  });

/** A user's attributes, as the API sends them. */
export type UserAttributes = { [K in keyof Attributes<typeof userSchema>]: Attributes<typeof userSchema>[K] };
/** One of the documented user states, or a state added later. */
export type UserState = UserAttributes['state'];

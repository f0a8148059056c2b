/** The session schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { SESSION_STATES } from '../core/wire';
import { sourceSchema } from './source.schema';

/** A session: an open login on a source, which polls use. */
export const sessionSchema = (kit: Kit) => {
  const { z, id, maybe, datetime, openEnum } = kit;
  return z.looseObject({
    /** Identifier, as `retrieve` and `delete` take it. */
    id: z.string(),
    /** Always `session`. */
    resource: z.literal('session'),
    /** The organisation the session belongs to (its id). */
    organisation: maybe(id()),
    /** The key that opened the session (its id). */
    key: maybe(id()),
    /** The user whose source it is (its id). */
    user: maybe(id()),
    /** The source, nested in full (or its id). */
    source: z.union([sourceSchema(kit), id()]),
    /** `pending` at first, then `active` or `failed` (see `error`); `expired` once it ended. */
    state: openEnum<typeof SESSION_STATES>(),
    /** Why it failed, as a slug: `code-required` (no 2FA code, or a wrong one), `code-invalid` (a wrong Relay code). */
    error: maybe(openEnum<['code-required', 'code-invalid']>()),
    /** When the session was created (ISO 8601). */
    date_created: datetime(),
    /** When the session expired (ISO 8601). */
    date_expired: maybe(datetime()),
  });
};

/** A session's attributes, as the API sends them. */
export type SessionAttributes = { [K in keyof Attributes<typeof sessionSchema>]: Attributes<typeof sessionSchema>[K] };
/** One of the documented session states, or a state added later. */
export type SessionState = SessionAttributes['state'];
/** Why a session failed: the slugs ricloud-py's samples branch on (`code-required`, `code-invalid`), or another. */
export type SessionError = Exclude<SessionAttributes['error'], null | undefined>;

/** The result schema, declared as a function of the kit (see `src/core/schema-kit.ts`). */
import type { Attributes, Kit } from '../core/schema-kit';
import type { RESULT_STATES } from '../core/wire';

/** A result: a file a task published, where to fetch it (`signed_url`) and how to check it (`size`, `checksum`). */
export const resultSchema = ({ z, id, maybe, datetime, openEnum }: Kit) =>
  z.looseObject({
    /** Identifier, as `retrieve` and `acknowledge` take it. */
    id: z.string(),
    /** Always `result`. */
    resource: z.literal('result'),
    /** The organisation the result belongs to (its id). */
    organisation: maybe(id()),
    /** The poll that produced it (its id). */
    poll: maybe(id()),
    /** The task that published it (its id). */
    task: maybe(id()),
    /** What the content is: the data type, info type or file it holds. */
    identifier: maybe(z.string()),
    /** Where the file is stored, e.g. `gs://bucket/path`. */
    url: maybe(z.string()),
    /** The file's type: `json` for JSON data. */
    type: maybe(z.string()),
    /** The MD5 of the file, as hex. */
    checksum: maybe(z.string()),
    /** The file's length in bytes. */
    size: maybe(z.number()),
    /** Where to download the file, and until when; `null` once the result expired. */
    signed_url: maybe(z.looseObject({ url: z.string(), date_expires: maybe(datetime()) })),
    /** `available` until acknowledged, then `consumed`; `expired` once its file is gone. */
    state: openEnum<typeof RESULT_STATES>(),
    /** When the result was published (ISO 8601). */
    date_created: datetime(),
    /** When it was acknowledged (ISO 8601). */
    date_consumed: maybe(datetime()),
    /** When its file was deleted (ISO 8601). */
    date_deleted: maybe(datetime()),
  });

/** A result's attributes, as the API sends them. */
export type ResultAttributes = { [K in keyof Attributes<typeof resultSchema>]: Attributes<typeof resultSchema>[K] };
/** One of the documented result states, or a state added later. */
export type ResultState = ResultAttributes['state'];

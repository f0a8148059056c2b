/** zod helpers for the resource schemas. Only `src/schemas.ts` imports this, and the SDK loads that lazily. */
import * as z from 'zod/mini';

/**
 * A string the API documents with a fixed set of values, typed as that set, but accepting any string at run time:
 * the API may add a state, and a read must not crash because of it.
 */
export function openEnum<const T extends readonly string[]>(_known: T): z.ZodMiniType<T[number] | (string & {})> {
  return z.string();
}

/** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
export const datetime = z.string();

/** An attribute the API may leave out or send as `null`. */
export const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

/**
 * The building blocks of the resource schemas, made with zod's core (`zod/v4/core`): the schemas are plain zod
 * schemas that every zod function takes (`z.parse`, `z.safeParse`, `z.infer`), without the methods zod/mini adds to
 * each one, which cost a browser app about 0.8 KB. Only `src/schemas.ts` imports this, and the SDK loads that lazily.
 */
import { $ZodArray, $ZodCustom, $ZodNullable, $ZodObject, $ZodOptional, $ZodUnknown } from 'zod/v4/core';
import type { $loose, $ZodLooseShape, $ZodType } from 'zod/v4/core';

/** Any value. */
export const unknown = new $ZodUnknown({ type: 'unknown' });

/** An object with these fields; fields it does not declare are kept. */
export const looseObject = <S extends $ZodLooseShape>(shape: S) => new $ZodObject({ type: 'object', shape, catchall: unknown }) as $ZodObject<S, $loose>;

/** A list of `element`. */
export const array = <T extends $ZodType>(element: T) => new $ZodArray({ type: 'array', element }) as $ZodArray<T>;

/** A field that may be left out. */
export const optional = <T extends $ZodType>(innerType: T) => new $ZodOptional({ type: 'optional', innerType }) as $ZodOptional<T>;

/** An attribute the API may leave out or send as `null`. */
export const maybe = <T extends $ZodType>(schema: T) => optional(new $ZodNullable({ type: 'nullable', innerType: schema }) as $ZodNullable<T>);

/**
 * A value that `check` accepts: one schema kind for every check, where zod has one per type. A refusal is a `custom`
 * issue whose `params.mustBe` says what the value must be (`a number`), for the SDK's messages, and whose message
 * says it for zod's users (`Invalid input: expected a number`). `jsonSchema` is what `z.toJSONSchema` shows for it.
 */
export function is<T>(check: (value: unknown) => value is T, mustBe: string, jsonSchema: object): $ZodCustom<T, T> {
  const schema = new $ZodCustom({ type: 'custom', check: 'custom', fn: check, params: { mustBe }, error: () => `Invalid input: expected ${mustBe}` });
  schema._zod.toJSONSchema = () => ({ ...jsonSchema });
  return schema as $ZodCustom<T, T>;
}

/** A value of this `typeof`. */
const typed = <T>(type: 'string' | 'number' | 'boolean') => is((v): v is T => typeof v === type, `a ${type}`, { type });

/** Any string. */
export const string = typed<string>('string');

/** A number. */
export const number = typed<number>('number');

/** `true` or `false`. */
export const boolean = typed<boolean>('boolean');

/** Exactly `value`. */
export const literal = <const L extends string>(value: L) => is((v): v is L => v === value, JSON.stringify(value), { const: value });

/** An id: the API's own examples show both strings and numbers. */
export const id = is((v): v is string | number => typeof v === 'string' || typeof v === 'number', 'a string or a number', { type: ['string', 'number'] });

/**
 * A string the API documents with a fixed set of values, typed as that set, but accepting any string at run time:
 * the API may add a state, and a read must not crash because of it.
 */
export function openEnum<const T extends readonly string[]>(_known: T): $ZodType<T[number] | (string & {})> {
  return string;
}

/** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
export const datetime = string;

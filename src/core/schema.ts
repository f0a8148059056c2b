/**
 * The building blocks of the resource schemas, made with zod's core (`zod/v4/core`): the schemas are plain zod
 * schemas that every zod function takes (`z.parse`, `z.safeParse`, `z.infer`, `z.toJSONSchema`,
 * `z.discriminatedUnion`), without the methods zod/mini adds to each one, which cost a browser app about 0.8 KB.
 * Only `src/schemas.ts` imports this, and the SDK loads that lazily.
 */
import { $constructor, $ZodArray, $ZodNullable, $ZodObject, $ZodOptional, $ZodType, $ZodUnknown } from 'zod/v4/core';
import type { $loose, $ZodLooseShape, $ZodTypeDef } from 'zod/v4/core';

/**
 * True when `schema` accepts `value`, checked through the Standard Schema interface every zod schema has (zod's
 * `safeParse` would add its error class to a browser app). These schemas are synchronous: the result is never a promise.
 */
export const accepts = (schema: $ZodType, value: unknown): boolean =>
  !(schema['~standard'].validate(value) as Awaited<ReturnType<$ZodType['~standard']['validate']>>).issues;

/** Any value. */
export const unknown = new $ZodUnknown({ type: 'unknown' });

/** An object with these fields; fields it does not declare are kept. `shape` lists them, as zod/mini's objects do. */
export const looseObject = <S extends $ZodLooseShape>(shape: S) =>
  Object.assign(new $ZodObject({ type: 'object', shape, catchall: unknown }) as $ZodObject<S, $loose>, { shape });

/** A list of `element`. */
export const array = <T extends $ZodType>(element: T) => new $ZodArray({ type: 'array', element }) as $ZodArray<T>;

/** A field that may be left out. */
export const optional = <T extends $ZodType>(innerType: T) => new $ZodOptional({ type: 'optional', innerType }) as $ZodOptional<T>;

/** An attribute the API may leave out or send as `null`. */
export const maybe = <T extends $ZodType>(schema: T) => optional(new $ZodNullable({ type: 'nullable', innerType: schema }) as $ZodNullable<T>);

/** A leaf check: the def of the zod type it stands for (`string`, `literal`, `union`, …), a test, and its issue. */
interface CheckDef extends $ZodTypeDef {
  /** True for a value the check accepts. */
  ok: (value: unknown) => boolean;
  /** What zod's own type raises for any other value, e.g. `{ code: 'invalid_type', expected: 'string' }`. */
  issue: object;
  /** A literal's value. */
  values?: string[];
  /** A union's options. */
  options?: $ZodType[];
}

/**
 * One small zod type for every leaf (strings, numbers, booleans, literals, ids): it tests with `ok` and raises the
 * issue zod's own type would. Its def mirrors that type's, so zod's messages and locales, `toJSONSchema` and
 * `discriminatedUnion` treat it as the type it stands for; zod's own five types would cost a browser app 0.4 KB more.
 */
const $Check: $constructor<$ZodType, CheckDef> = $constructor('$RicloudCheck', (inst: $ZodType, def: CheckDef) => {
  $ZodType.init(inst, def);
  // A literal's values are what `discriminatedUnion` reads to tell objects apart by this field.
  if (def.values) inst._zod.values = new Set(def.values);
  inst._zod.parse = (payload) => {
    if (!def.ok(payload.value)) payload.issues.push({ ...def.issue, input: payload.value, inst } as never);
    return payload;
  };
});

/** A check with output `T`. */
const check = <T>(def: CheckDef) => new $Check(def) as $ZodType<T, T>;

/** A value of this `typeof`; a number must be finite (JSON's `1e400` reads as `Infinity`). */
const ofType = <T>(type: 'string' | 'number' | 'boolean') =>
  check<T>({ type, ok: (v) => typeof v === type && (type !== 'number' || Number.isFinite(v)), issue: { code: 'invalid_type', expected: type } });

/** Any string. */
export const string = () => ofType<string>('string');

/** A finite number. */
export const number = () => ofType<number>('number');

/** `true` or `false`. */
export const boolean = () => ofType<boolean>('boolean');

/** Exactly `value`. */
export const literal = <const L extends string>(value: L) =>
  check<L>({ type: 'literal', values: [value], ok: (v) => v === value, issue: { code: 'invalid_value', values: [value] } });

/**
 * One of `options`. `ok` tests a value; by default, each option's own test (for options made here). A refusal lists
 * each option's type, as zod's does.
 */
export const union = <T>(options: $ZodType[], ok = (value: unknown) => options.some((o) => (o._zod.def as CheckDef).ok(value))) =>
  check<T>({
    type: 'union',
    options,
    ok,
    issue: { code: 'invalid_union', errors: options.map((o) => [{ code: 'invalid_type', expected: o._zod.def.type, path: [], message: 'Invalid input' }]) },
  });

/** An id: the API's own examples show both strings and numbers. */
export const id = () => union<string | number>([string(), number()]);

/**
 * A string the API documents with a fixed set of values, typed as that set, but accepting any string at run time:
 * the API may add a state, and a read must not crash because of it.
 */
export function openEnum<const T extends readonly string[]>(_known: T): $ZodType<T[number] | (string & {})> {
  return string();
}

/** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
export const datetime = string;

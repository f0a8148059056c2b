/**
 * The building blocks of the resource schemas, made with zod's core (`zod/v4/core`): the schemas are plain zod
 * schemas that every zod function takes (`z.parse`, `z.safeParse`, `z.infer`, `z.toJSONSchema`,
 * `z.discriminatedUnion`, `z.extend`), without the methods zod/mini adds to each one, which cost a browser app about
 * 0.8 KB. Each building block is a small zod type whose def mirrors the def of zod's own type for it (`string`,
 * `object`, …) and whose refusals are zod's own issues, so zod's functions, messages and locales treat it as that type;
 * zod's own types would cost a browser app about 1.4 KB more, for what these schemas never use (transforms, defaults,
 * strict objects, symbol keys, early aborts). `test/schemas.property.test.ts` checks that each schema parses every
 * input as the same schema made of zod's own types does. Only `src/schemas.ts` imports this, and the SDK loads that lazily.
 */
import { $constructor, $ZodOptional, $ZodType } from 'zod/v4/core';
import type {
  $loose,
  $ZodArray,
  $ZodArrayDef,
  $ZodLooseShape,
  $ZodNullable,
  $ZodNullableDef,
  $ZodObject,
  $ZodObjectDef,
  $ZodTypeDef,
  $ZodUnion,
  $ZodUnionDef,
  ParseContext,
  ParsePayload,
  util,
} from 'zod/v4/core';

/** A leaf check: the def of the zod type it stands for (`string`, `literal`, …), a test, and its issue. */
interface CheckDef extends $ZodTypeDef {
  /** True for a value the check accepts. */
  ok: (value: unknown) => boolean;
  /** What zod's own type raises for any other value, e.g. `{ code: 'invalid_type', expected: 'string' }`. */
  issue: object;
  /** A literal's value. */
  values?: string[];
}

/** The zod type of every leaf (strings, numbers, booleans, literals, ids): it tests with `ok` and raises `issue`. */
const $Check: $constructor<$ZodType, CheckDef> = $constructor('$RicloudCheck', (inst: $ZodType, def: CheckDef) => {
  $ZodType.init(inst, def);
  // A literal's values are what `discriminatedUnion` reads to tell objects apart by this field.
  if (def.values) inst._zod.values = new Set(def.values);
  inst._zod.parse = (payload) => {
    // Object.assign rather than a spread: Node 20 spreads an object over ten times slower, and a union's options fail often.
    if (!def.ok(payload.value)) payload.issues.push(Object.assign({}, def.issue, { input: payload.value, inst }) as never);
    return payload;
  };
});

/** A check with output `T`. */
const check = <T>(def: CheckDef) => new $Check(def) as $ZodType<T, T>;

/** Any value. */
export const unknown = check<unknown>({ type: 'unknown', ok: () => true, issue: {} });

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

/** The zod type of a choice: the first option that takes the value gives the output, as in zod's own union. */
const $Union: $constructor<$ZodType, $ZodUnionDef> = $constructor('$RicloudUnion', (inst: $ZodType, def: $ZodUnionDef) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, ctx) => {
    for (const option of def.options) {
      // The options are this module's, all synchronous.
      const result = option._zod.run({ value: payload.value, issues: [] }, ctx) as ParsePayload;
      if (!result.issues.length) return ((payload.value = result.value), payload);
    }
    // zod's issue for a value no option takes, with what each option expected.
    const errors = def.options.map((o) => [{ code: 'invalid_type' as const, expected: o._zod.def.type, path: [], message: 'Invalid input' }]);
    payload.issues.push({ code: 'invalid_union', errors, input: payload.value, inst });
    return payload;
  };
});

/** One of `options`. */
export const union = <const T extends readonly $ZodType[]>(options: T) => new $Union({ type: 'union', options }) as unknown as $ZodUnion<T>;

/** An id: the API's own examples show both strings and numbers. */
export const id = () => union([string(), number()]);

/**
 * A string the API documents with a fixed set of values, typed as that set, but accepting any string at run time:
 * the API may add a state, and a read must not crash because of it.
 */
export function openEnum<const T extends readonly string[]>(_known: T): $ZodType<T[number] | (string & {})> {
  return string();
}

/** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
export const datetime = string;

/** Where a child's result goes in its parent's value. */
interface Slot {
  /** The parent's value, being built. */
  target: object;
  key: PropertyKey;
  /** The child is there (an item, or a field that was sent): its value is set even when it is `undefined`. */
  present: boolean;
  /** The child is a field left out whose schema is not optional: refused even if its schema took `undefined`. */
  required: boolean;
}

/**
 * Runs `schema` on `value`, the child of the value `payload` holds at `slot` (see `take`). Returns a promise only when
 * a caller made the child's schema asynchronous (`z.extend` with an async refinement, say).
 */
function runChild(payload: ParsePayload, ctx: ParseContext<never>, schema: $ZodType, value: unknown, slot: Slot) {
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) return result.then((settled) => take(payload, settled, slot));
  take(payload, result, slot);
  return undefined;
}

/** Takes a child's `result` into its parent's `payload`: its issues, with its key first in their path, and its value. */
function take(payload: ParsePayload, result: ParsePayload, { target, key, present, required }: Slot): void {
  for (const issue of result.issues) payload.issues.push({ ...issue, path: [key, ...(issue.path ?? [])] });
  // zod's own issue for a field that is missing, when its schema did not raise one.
  if (required && !result.issues.length) payload.issues.push({ code: 'invalid_type', expected: 'nonoptional', input: undefined, path: [key] });
  if (present || result.value !== undefined) (target as Record<PropertyKey, unknown>)[key] = result.value;
}

/** `payload`, once the children still `pending` have settled. */
const settled = (payload: ParsePayload, pending: Promise<void>[]) => (pending.length ? Promise.all(pending).then(() => payload) : payload);

/** The zod type of objects that keep the fields they do not declare. */
const $Object: $constructor<$ZodType, $ZodObjectDef> = $constructor('$RicloudObject', (inst: $ZodType, def: $ZodObjectDef) => {
  $ZodType.init(inst, def);
  (inst as { shape?: unknown }).shape = def.shape;
  // The literal values of each field, which `discriminatedUnion` reads to tell objects apart.
  const propValues: Record<string, Set<util.Primitive>> = {};
  for (const key in def.shape) {
    const values = def.shape[key]?._zod.values;
    if (values) propValues[key] = new Set(values);
  }
  inst._zod.propValues = propValues;
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      payload.issues.push({ code: 'invalid_type', expected: 'object', input, inst });
      return payload;
    }
    const fields = input as Record<string, unknown>;
    // Every field is kept but `__proto__`, which an assignment would make the copy's prototype (zod drops it too).
    const copy: Record<string, unknown> = {};
    for (const key in fields) if (key !== '__proto__') copy[key] = fields[key];
    payload.value = copy;
    const pending: Promise<void>[] = [];
    const shape = def.shape;
    for (const key in shape) {
      const field = shape[key]!;
      const present = key in fields;
      // A field left out stays out; unless its schema is optional (`optin`, zod's flag for it), it is refused.
      const wait = runChild(payload, ctx, field, fields[key], { target: copy, key, present, required: !present && field._zod.optin === undefined });
      if (wait) pending.push(wait);
    }
    return settled(payload, pending);
  };
});

/** An object with these fields; fields it does not declare are kept. `shape` lists them, as zod/mini's objects do. */
export const looseObject = <S extends $ZodLooseShape>(shape: S) =>
  new $Object({ type: 'object', shape, catchall: unknown }) as unknown as $ZodObject<S, $loose> & { shape: S };

/** The zod type of lists. */
const $Array: $constructor<$ZodType, $ZodArrayDef> = $constructor('$RicloudArray', (inst: $ZodType, def: $ZodArrayDef) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({ code: 'invalid_type', expected: 'array', input, inst });
      return payload;
    }
    const items: unknown[] = (payload.value = []);
    const pending: Promise<void>[] = [];
    for (let at = 0; at < input.length; at++) {
      const wait = runChild(payload, ctx, def.element, input[at], { target: items, key: at, present: true, required: false });
      if (wait) pending.push(wait);
    }
    return settled(payload, pending);
  };
});

/** A list of `element`. */
export const array = <T extends $ZodType>(element: T) => new $Array({ type: 'array', element }) as unknown as $ZodArray<T>;

/** The zod type of values that may be `null`. Its inner types here have no flags (`optin`, `values`) to pass on. */
const $Nullable: $constructor<$ZodType, $ZodNullableDef> = $constructor('$RicloudNullable', (inst: $ZodType, def: $ZodNullableDef) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, ctx) => (payload.value === null ? payload : def.innerType._zod.run(payload, ctx));
});

/** A field that may be left out: zod's own type, whose flags tell zod's functions the field is optional. */
export const optional = <T extends $ZodType>(innerType: T) => new $ZodOptional({ type: 'optional', innerType }) as $ZodOptional<T>;

/** An attribute the API may leave out or send as `null`. */
export const maybe = <T extends $ZodType>(schema: T) => optional(new $Nullable({ type: 'nullable', innerType: schema }) as unknown as $ZodNullable<T>);

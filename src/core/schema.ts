/**
 * The building blocks of the resource schemas, made with zod's core (`zod/v4/core`): the schemas are plain zod
 * schemas that every zod function takes (`z.parse`, `z.safeParse`, `z.infer`, `z.toJSONSchema`,
 * `z.discriminatedUnion`, `z.extend`), without the methods zod/mini adds to each one, which cost a browser app about
 * 0.8 KB. Each building block is a small zod type whose def mirrors the def of zod's own type for it (`string`,
 * `object`, …) and whose refusals are zod's own issues, so zod's functions, messages and locales treat it as that type;
 * zod's own types would cost a browser app about 1.4 KB more, for what these schemas never use (coercion, strict
 * objects, symbol keys, early aborts, cyclic input). `test/schemas.property.test.ts` checks that each schema parses
 * every input as the same schema made of zod's own types does: the same value with its fields in the same order, or
 * the same issues. Where they still differ: an object's catchall other than the loose one (`z.merge` with a strict
 * object) is not applied; a non-finite number's issue has no `received`; the leaves have no `pattern`, so
 * `z.templateLiteral` refuses them; and a single parse's error map does not reach the issues a union lists for each
 * option. Only `src/schemas.ts` imports this, and the SDK loads that lazily.
 */
import { $constructor, $ZodOptional, $ZodType } from 'zod/v4/core';
import type {
  $loose,
  $ZodArray,
  $ZodArrayDef,
  $ZodIssue,
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

/** What a schema's Standard Schema `validate` gives for these schemas, which are synchronous: never a promise. */
export type StandardResult<T = unknown> = Awaited<ReturnType<$ZodType<T>['~standard']['validate']>>;

/** A leaf check: the def of the zod type it stands for (`string`, `literal`, …), a test, and its issue. */
interface CheckDef extends $ZodTypeDef {
  /** True for a value the check accepts. */
  ok: (value: unknown) => boolean;
  /** What zod's own type raises for any other value, e.g. `{ expected: 'string', code: 'invalid_type' }`. */
  issue: object;
  /** A literal's value. */
  values?: string[];
}

/** The zod type of every leaf (strings, numbers, booleans, literals, ids): it tests with `ok` and raises `issue`. */
const $Check: $constructor<$ZodType, CheckDef> = $constructor('$RicloudCheck', (inst: $ZodType, def: CheckDef) => {
  mirror(inst, def);
  // A literal's values are what `discriminatedUnion` reads to tell objects apart by this field.
  if (def.values) inst._zod.values = new Set(def.values);
  inst._zod.parse = (payload) => {
    // Object.assign rather than a spread: Node 20 spreads an object over ten times slower, and a union's options fail often.
    if (!def.ok(payload.value))
      payload.issues.push(Object.assign({}, def.issue, { input: payload.value, inst }) as never);
    return payload;
  };
});

/** A check with output `T`. */
const check = <T>(def: CheckDef) => new $Check(def) as $ZodType<T, T>;

/** Any value. */
export const unknown = () => check<unknown>({ type: 'unknown', ok: () => true, issue: {} });

/** A value of this `typeof`; a number must be finite (JSON's `1e400` reads as `Infinity`). */
const ofType = <T>(type: 'string' | 'number' | 'boolean') =>
  check<T>({
    type,
    ok: (v) => typeof v === type && (type !== 'number' || Number.isFinite(v)),
    issue: { expected: type, code: 'invalid_type' },
  });

/** Any string. */
export const string = () => ofType<string>('string');

/** A finite number. */
export const number = () => ofType<number>('number');

/** `true` or `false`. */
export const boolean = () => ofType<boolean>('boolean');

/** Exactly `value`. */
export const literal = <const L extends string>(value: L) =>
  check<L>({
    type: 'literal',
    values: [value],
    ok: (v) => v === value,
    issue: { code: 'invalid_value', values: [value] },
  });

/** The zod type of a choice: the first option that takes the value gives the output, as in zod's own union. */
const $Union: $constructor<$ZodType, $ZodUnionDef> = $constructor(
  '$RicloudUnion',
  (inst: $ZodType, def: $ZodUnionDef) => {
    mirror(inst, def);
    inst._zod.parse = (payload, ctx) => {
      for (const option of def.options) {
        // The options are this module's, all synchronous.
        const result = option._zod.run({ value: payload.value, issues: [] }, ctx) as ParsePayload;
        if (!result.issues.length) return ((payload.value = result.value), payload);
      }
      // zod's issue for a value no option takes, with each option's issues finished as zod finishes them: each option
      // checks the value again through its Standard Schema interface (its messages come from the locale or the global
      // error map; a single parse's own error map does not reach them).
      const errors = def.options.map(
        (option) => ((option['~standard'].validate(payload.value) as StandardResult).issues ?? []) as $ZodIssue[],
      );
      payload.issues.push({ code: 'invalid_union', input: payload.value, inst, errors });
      return payload;
    };
  },
);

/** One of `options`. */
export const union = <const T extends readonly $ZodType[]>(options: T) =>
  new $Union({ type: 'union', options }) as unknown as $ZodUnion<T>;

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

/**
 * Takes a child's `result` into its parent's `payload`: the child's issues, with `key` first in their path, and its
 * value as `target[key]` unless it has none and the child was not `present`; a child that was not present and whose
 * schema is not optional (`required`) is refused with zod's issue for it, when its schema raised none.
 */
function take(
  payload: ParsePayload,
  result: ParsePayload,
  target: object,
  key: PropertyKey,
  present: boolean,
  required: boolean,
): void {
  if (result.issues.length)
    for (const issue of result.issues)
      payload.issues.push(Object.assign({}, issue, { path: [key, ...(issue.path ?? [])] }));
  else if (required)
    payload.issues.push({ code: 'invalid_type', expected: 'nonoptional', input: undefined, path: [key] });
  if (present || result.value !== undefined) (target as Record<PropertyKey, unknown>)[key] = result.value;
}

/**
 * Runs `schema` on `value`, a child of the value `payload` holds, and takes its result (see `take`). Returns a promise
 * only when a caller made the child's schema asynchronous (`z.extend` with an async refinement, say).
 */
function runChild(
  payload: ParsePayload,
  ctx: ParseContext<never>,
  schema: $ZodType,
  value: unknown,
  target: object,
  key: PropertyKey,
  present: boolean,
  required: boolean,
) {
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    return result.then((settled) => take(payload, settled, target, key, present, required));
  take(payload, result, target, key, present, required);
  return undefined;
}

/** `payload`, once the children still `pending` have settled. */
const settled = (payload: ParsePayload, pending: Promise<void>[]) =>
  pending.length ? Promise.all(pending).then(() => payload) : payload;

/**
 * Sets up `inst` as a zod type whose def mirrors zod's own type for `def.type`, with that type's trait too, so that
 * `instanceof $ZodString` (`$ZodObject`, …) answers as it would for zod's own.
 */
function mirror(inst: $ZodType, def: $ZodTypeDef): void {
  $ZodType.init(inst, def);
  inst._zod.traits.add(`$Zod${def.type[0]!.toUpperCase()}${def.type.slice(1)}`);
}

/** The zod type of objects that keep the fields they do not declare. */
const $Object: $constructor<$ZodType, $ZodObjectDef> = $constructor(
  '$RicloudObject',
  (inst: $ZodType, def: $ZodObjectDef) => {
    mirror(inst, def);
    // Read when first asked, as zod does: a field may be a getter that refers to a schema made later.
    Object.defineProperty(inst, 'shape', { get: () => def.shape });
    Object.defineProperty(inst._zod, 'propValues', {
      // The literal values of each field, which `discriminatedUnion` reads to tell objects apart; `undefined` too when
      // the field may be left out.
      get() {
        const propValues: Record<string, Set<util.Primitive>> = {};
        for (const [key, field] of Object.entries(def.shape)) {
          const values = field._zod.values;
          if (values) propValues[key] = new Set(field._zod.optin ? [...values, undefined] : values);
        }
        return propValues;
      },
    });
    inst._zod.parse = (payload, ctx) => {
      const input = payload.value;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        payload.issues.push({ expected: 'object', code: 'invalid_type', input, inst });
        return payload;
      }
      const fields = input as Record<string, unknown>;
      const shape = def.shape;
      // The declared fields first, in the shape's order, then the others as sent, as zod's own objects build them.
      const copy: Record<string, unknown> = {};
      const pending: Promise<void>[] = [];
      for (const key in shape) {
        const field = shape[key]!;
        const present = key in fields;
        // A field left out stays out; unless its schema is optional (`optin`, zod's flag for it), it is refused.
        const wait = runChild(
          payload,
          ctx,
          field,
          fields[key],
          copy,
          key,
          present,
          !present && field._zod.optin === undefined,
        );
        if (wait) pending.push(wait);
      }
      // Every other field is kept but `__proto__`, which an assignment would make the copy's prototype (zod drops it too).
      for (const key in fields) if (!(key in shape) && key !== '__proto__') copy[key] = fields[key];
      payload.value = copy;
      return settled(payload, pending);
    };
  },
);

/** An object with these fields; fields it does not declare are kept. `shape` lists them, as zod/mini's objects do. */
export const looseObject = <S extends $ZodLooseShape>(shape: S) =>
  new $Object({ type: 'object', shape, catchall: unknown() }) as unknown as $ZodObject<S, $loose> & { shape: S };

/** The zod type of lists. */
const $Array: $constructor<$ZodType, $ZodArrayDef> = $constructor(
  '$RicloudArray',
  (inst: $ZodType, def: $ZodArrayDef) => {
    mirror(inst, def);
    inst._zod.parse = (payload, ctx) => {
      const input = payload.value;
      if (!Array.isArray(input)) {
        payload.issues.push({ expected: 'array', code: 'invalid_type', input, inst });
        return payload;
      }
      const items: unknown[] = (payload.value = Array(input.length));
      const pending: Promise<void>[] = [];
      for (let at = 0; at < input.length; at++) {
        const result = def.element._zod.run({ value: input[at], issues: [] }, ctx);
        if (result instanceof Promise)
          pending.push(result.then((settled) => take(payload, settled, items, at, true, false)));
        else if (result.issues.length) take(payload, result, items, at, true, false);
        // Most items pass: storing them here rather than in `take` keeps a long list fast (3 to 5 times faster).
        else items[at] = result.value;
      }
      return settled(payload, pending);
    };
  },
);

/** A list of `element`. */
export const array = <T extends $ZodType>(element: T) =>
  new $Array({ type: 'array', element }) as unknown as $ZodArray<T>;

/** The zod type of values that may be `null`. Its inner types here have no flags (`optin`, `values`) to pass on. */
const $Nullable: $constructor<$ZodType, $ZodNullableDef> = $constructor(
  '$RicloudNullable',
  (inst: $ZodType, def: $ZodNullableDef) => {
    mirror(inst, def);
    inst._zod.parse = (payload, ctx) => (payload.value === null ? payload : def.innerType._zod.run(payload, ctx));
  },
);

/** A field that may be left out: zod's own type, whose flags tell zod's functions the field is optional. */
export const optional = <T extends $ZodType>(innerType: T) =>
  new $ZodOptional({ type: 'optional', innerType }) as $ZodOptional<T>;

/** An attribute the API may leave out or send as `null`. */
export const maybe = <T extends $ZodType>(schema: T) =>
  optional(new $Nullable({ type: 'nullable', innerType: schema }) as unknown as $ZodNullable<T>);

/**
 * What the resources' schemas are built with: zod/mini and the API's conventions on top of it. A resource declares its
 * schema as a function of this kit (`({ z, id, maybe }: Kit) => z.looseObject({ … })`); `build` makes the zod schema
 * once, on first use, so neither zod nor an unused resource's schema is loaded with the package.
 */
import {
  array,
  boolean,
  catchall,
  literal,
  looseObject,
  nullable,
  number,
  object,
  optional,
  string,
  union,
  unknown,
  type ZodMiniObject,
  type ZodMiniType,
} from 'zod/mini';
import type * as zod from 'zod/mini';
import type { $loose, $ZodLooseShape } from 'zod/v4/core';

/**
 * The zod/mini functions the schemas are written with, by name: a bundler keeps these and drops the rest of zod (its
 * namespace object would keep every locale). Each one is in the bundle of every app that sends a request, whichever
 * schemas it uses, so a schema says what it needs with these: an object of open fields is `looseObject({})`, a map of
 * any names is `catchall(object({}), …)`. A schema that needs another adds it here.
 */
const z = {
  array,
  boolean,
  catchall,
  literal,
  // Typed with the shape as written: zod's own type passes it through a mapped type (`Writeable`), whose fields the
  // declaration emit prints without their docs (microsoft/TypeScript#62309), so a user's editor would lose them. The
  // shapes here are object literals, with no readonly field for `Writeable` to remove.
  looseObject: looseObject as <T extends $ZodLooseShape>(shape: T) => ZodMiniObject<T, $loose>,
  nullable,
  number,
  object,
  optional,
  string,
  union,
  unknown,
};

/** zod/mini's functions and the API's conventions, as zod/mini schemas. */
export const kit = {
  z,
  /** An id: the API's own examples show both strings and numbers. */
  id: () => z.union([z.string(), z.number()]),
  /** An optional attribute, which the API may also send as `null`. */
  maybe: <T extends ZodMiniType>(schema: T) => z.optional(z.nullable(schema)),
  /** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
  datetime: () => z.string(),
  /**
   * A string the API documents with a fixed set of values (`openEnum<typeof TASK_STATES>()`), typed as that set, but
   * accepting any string at run time: the API may add a state, and a read must not fail because of it.
   */
  openEnum: <T extends readonly string[]>() => z.string() as unknown as ZodMiniType<T[number] | (string & {})>,
  /**
   * A list nested inside another resource (an organisation's `webhook_configs`, a task's `results`): a list object, or
   * a bare array, as an older copy of the docs shows them.
   */
  nestedList: () =>
    z.union([
      z.looseObject({
        data: z.array(z.unknown()),
        has_more: z.optional(z.boolean()),
        total_count: z.optional(z.number()),
      }),
      z.array(z.unknown()),
    ]),
  /** A page of a list endpoint whose items are `item`. */
  page: <T extends ZodMiniType>(item: T) =>
    z.looseObject({
      resource: z.optional(z.literal('list')),
      data: z.array(item),
      has_more: z.boolean(),
      total_count: z.optional(z.number()),
      url: z.optional(z.string()),
    }),
};

/** What a schema declaration is given. */
export type Kit = typeof kit;

/** A resource's schema, declared as a function of the kit. */
export type Schema<T = unknown> = (kit: Kit) => ZodMiniType<T>;

/**
 * The declared attributes of a schema's loose object: the fields kept at run time for unknown names are left out of
 * the type, so a misspelt attribute (`cfg.date_creatd`) is a type error rather than `unknown`. A resource names its own
 * as a mapped type of this (`{ [K in keyof Attributes<…>]: … }`): an editor shows an alias of a generic alias's
 * instantiation as the inner one, every field spelt out, and shows a mapped type by its name.
 */
export type Attributes<S extends Schema> = Declared<zod.output<ReturnType<S>>>;
type Declared<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

const built = new WeakMap<Schema, ZodMiniType>();
const pages = new WeakMap<Schema, ZodMiniType>();

/** The zod schema of a declaration. */
export type Built<S extends Schema> = ReturnType<S>;

/** The zod schema of a declaration, made on first use. */
export function build<S extends Schema>(schema: S): Built<S> {
  let made = built.get(schema);
  if (!made) {
    made = schema(kit);
    built.set(schema, made);
  }
  return made as Built<S>;
}

/** The zod schema of a page of a declaration's items. */
export type Page<S extends Schema> = ReturnType<typeof kit.page<Built<S>>>;

/** The zod schema of a page of a declaration's items, made on first use. */
export function buildPage<S extends Schema>(item: S): Page<S> {
  let made = pages.get(item);
  if (!made) {
    made = kit.page(build(item));
    pages.set(item, made);
  }
  return made as Page<S>;
}

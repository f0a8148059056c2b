/**
 * Parameter declarations: what each field of a body or a list filter takes, checked before anything is sent. A
 * resource declares its parameters as a map of these; `checkFields` applies it.
 */
import { InvalidInputError } from './errors';
import {
  alternatives,
  checkKeys,
  checkObject,
  checkRule,
  checkUrl,
  describe,
  encodeDateFilter,
  encodeId,
  isoInstant,
  MAX_PAGE_SIZE,
  withArticle,
} from './params';
import { numberIn } from './rules';

/** Checks one value and returns what goes on the wire; `query` takes fields that expand to several keys (dates). */
export type Field = (value: unknown, field: string, query: Record<string, unknown>) => unknown;

/** A non-empty string; whitespace alone is empty, as the API refuses it. */
export const text: Field = (value, field) => {
  checkRule(value, field, [(v) => typeof v === 'string' && /\S/.test(v), 'a non-empty string']);
  return value;
};

/** An absolute http(s) URL without credentials. */
export const url: Field = checkUrl;

/** One of `values`. */
export const oneOf =
  (values: readonly string[], verb = 'can only be'): Field =>
  (value, field) => {
    if (!values.includes(value as string)) throw new InvalidInputError(field, `${verb} ${values.join(' or ')}`);
    return value;
  };

/**
 * What `ref` takes: a resource of kind `K` (`Ref<'user'>`: a `User`), its id, or any object with an `id` whose
 * `resource`, if it has one, is `K`; so a resource of another kind, which `refOf` refuses, is a type error. Bare, of
 * any kind.
 */
export type Ref<K extends string = string> = string | { readonly id: string; readonly resource?: K | undefined };

/** A resource's id, or the resource itself (anything with an `id`): `{ webhook_config: cfg }` sends `cfg.id`. */
export const ref: Field = (value, field) => {
  const id = typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : value;
  return decodeURIComponent(encodeId(id, field));
};

/**
 * A reference that may be cleared: a resource of kind `K` or its id, or `null` (a key's override, an organisation's
 * default).
 */
export type RefOrNull<K extends string = string> =
  | string
  | number
  | { readonly id: string | number; readonly resource?: K | undefined }
  | null;

/** A list of 1 to `max` resources or ids, sent as their ids. */
export const refs =
  (max: number): Field =>
  (value, field, query) => {
    if (!Array.isArray(value) || value.length === 0 || value.length > max) {
      // Of a list, what is wrong is its length.
      const got = Array.isArray(value) ? `${value.length} ids` : describe(value);
      throw new InvalidInputError(field, `must be a list of 1 to ${max} ids, got ${got}`);
    }
    return value.map((item, at) => ref(item, `${field}[${at}]`, query));
  };

/** `true` or `false`. */
export const bool: Field = (value, field) => {
  checkRule(value, field, [(v) => typeof v === 'boolean', 'true or false']);
  return value;
};

/** A datetime filter: an instant or a `{ gt, gte, lt, lte }` range, sent as `name` or `name__gt`, … */
export const dateFilter: Field = encodeDateFilter;

/** An instant: a Date or an ISO 8601 string with a zone, sent as ISO 8601 in UTC. */
export const instant: Field = isoInstant;

/** A whole number of seconds, at least 1. */
export const seconds: Field = (value, field) => {
  checkRule(value, field, numberIn(1, Number.MAX_SAFE_INTEGER, ' of seconds', true));
  return value;
};

/** A list of non-empty strings (which may be empty). */
export const names: Field = (value, field) => {
  checkRule(value, field, [(v) => Array.isArray(v), 'a list of strings']);
  for (const [i, name] of (value as unknown[]).entries()) text(name, `${field}.${i}`, {});
  return value;
};

/** A nested object whose fields `spec` checks; messages name them `field.name`. */
export const object =
  (spec: Params): Field =>
  (value, field) =>
    checkFields(value, spec, field);

/** A page size: a whole number from 1 to 1000. */
const pageSize: Field = (value, field) => {
  checkRule(value, field, numberIn(1, MAX_PAGE_SIZE, '', true));
  return String(value);
};

/** The cursors and page size every list takes. */
export const LIST_CURSORS: Record<string, Field> = { limit: pageSize, after_id: ref, before_id: ref };

/** How a call's parameters are checked: each field's rule, which are required, and whether an empty set is refused. */
export interface Params {
  /** How messages name the call: `create`, `update`, `list`. */
  name: string;
  fields: Record<string, Field>;
  required?: readonly string[];
  /** Refuses parameters with no field set, naming the fields in the message and in `InvalidInputError.needs`. */
  nonEmpty?: true;
}

/**
 * Parameters that set at least one field of `T`, as a `nonEmpty` declaration asks: `{}`, or fields all `undefined`, is
 * a type error, as it is refused at run time (`update({})`).
 */
export type AtLeastOne<T> = { [K in keyof T]-?: T & { [F in K]-?: Exclude<T[F], undefined> } }[keyof T];

/**
 * Checks `params` against `spec` and returns what goes on the wire, leaving out fields set to undefined. `at` names a
 * nested object (`payload`): messages then name its fields `payload.code`.
 * @throws InvalidInputError naming the first bad, unknown or missing field.
 */
export function checkFields(params: unknown, spec: Params, at?: string): Record<string, unknown> {
  const p = checkObject(params, at ?? 'params');
  const named = (name: string) => (at ? `${at}.${name}` : name);
  checkKeys(p, Object.keys(spec.fields), withArticle(`${spec.name} parameter`), at);
  for (const name of spec.required ?? [])
    if (p[name] === undefined) throw new InvalidInputError(named(name), 'is required');
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(p)) {
    if (value === undefined) continue;
    const wire = (spec.fields[name] as Field)(value, named(name), out);
    if (wire !== undefined) out[name] = wire;
  }
  if (spec.nonEmpty && Object.keys(out).length === 0) throw nothingToChange(spec, at);
  return out;
}

/** The refusal of parameters that set no field: `an update needs url or state`, with the names in `needs`. */
function nothingToChange(spec: Params, at: string | undefined): InvalidInputError {
  const needs = Object.keys(spec.fields);
  return new InvalidInputError(at ?? 'params', `${withArticle(spec.name)} needs ${alternatives(needs)}`, { needs });
}

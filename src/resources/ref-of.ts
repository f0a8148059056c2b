/** References to a resource of one kind, for the resources a browser app leaves out (their check adds bytes). */
import { InvalidInputError } from '../core/errors';
import { type Field, ref, refs } from '../core/fields';
import { withArticle } from '../core/params';

/**
 * A resource of `kind` or its id, as `ref` takes it; a resource that says it is another kind (`resource: 'source'`
 * where a session is asked for) is refused, as the API would refuse its id. `null` too, when `orNull`.
 */
export const refOf =
  (kind: string, orNull?: true): Field =>
  (value, field, query) => {
    if (value === null && orNull) return null;
    const other = typeof value === 'object' && value !== null ? (value as { resource?: unknown }).resource : kind;
    if (typeof other === 'string' && other !== kind)
      throw new InvalidInputError(field, `must be ${withArticle(kind)} or its id, got ${withArticle(other)}`);
    return ref(value, field, query);
  };

/** A list of 1 to `max` resources of `kind` or their ids, as `refs` takes it, each checked as `refOf` does. */
export const refsOf = (kind: string, max: number): Field => {
  const item = refOf(kind);
  const list = refs(max);
  return (value, field, query) => {
    if (Array.isArray(value)) for (const [at, v] of value.entries()) item(v, `${field}[${at}]`, query);
    return list(value, field, query);
  };
};

/** The params of a list method scoped to one resource (`poll.listTasks()`): the caller's filters, and its own id. */
import { InvalidInputError } from '../core/errors';
import { checkObject } from '../core/params';

/**
 * `params` with `key` set to `id`, the resource `method` is called on (a `kind`).
 * @throws InvalidInputError naming `params` when they are not an object, or `key` when they set it: JavaScript would
 *   otherwise list another resource's items as this one's, or this one's as another's.
 */
export function scoped(params: unknown, key: string, id: string, kind: string, method: string) {
  const filters = checkObject(params, 'params');
  if (filters[key] !== undefined)
    throw new InvalidInputError(key, `cannot be given: ${method}() lists this ${kind}'s own`);
  return { ...filters, [key]: id };
}

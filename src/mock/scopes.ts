/**
 * What the organisation's permissions let it poll: once any of its permissions has a `data_type:` scope, each data
 * type a poll asks for must match one (`*` matches any run of characters, as in `data_type:ios_messages.*`). Limits
 * (counts per organisation, key or user) are kept as sent and not enforced.
 */
import { ApiError } from './respond';
import type { MockStore } from './store';

const PREFIX = 'data_type:';

/** Whether `name` matches the scope pattern `pattern` (`*` any run of characters). */
const matches = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`).test(name);
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Refuses a poll of data types the organisation's `data_type:` scopes do not allow.
 * @throws ApiError 403 `missing-scope` naming the first data type refused, in `params` under `payload.data_types`.
 */
export function checkScopes(store: MockStore, organisation: string, dataTypes: readonly string[]): void {
  const patterns = [...store.permissions.values()]
    .filter((permissions) => permissions.organisation === organisation)
    .flatMap((permissions) => Object.keys(permissions.scopes))
    .filter((scope) => scope.startsWith(PREFIX))
    .map((scope) => scope.slice(PREFIX.length));
  if (patterns.length === 0) return;
  const refused = dataTypes.find((name) => !patterns.some((pattern) => matches(pattern, name)));
  if (refused !== undefined) {
    throw new ApiError(403, 'missing-scope', `No data_type scope of the organisation allows ${refused}.`, {
      'payload.data_types': [`Missing scope data_type:${refused}.`],
    });
  }
}

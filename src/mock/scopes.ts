/**
 * What the organisation's permissions let it poll: once any of its permissions has a `data_type:` scope, each data
 * type a poll asks for must match one (`*` matches any run of characters, as in `data_type:ios_messages.*`). Limits
 * (counts per organisation, key or user) are kept as sent and not enforced.
 */
import { ApiError } from './respond';
import type { MockStore } from './store';

const PREFIX = 'data_type:';

/**
 * Whether `name` matches the scope pattern `pattern` (`*` any run of characters). Each literal part is found at its
 * earliest place, never backtracked over, so many `*` cannot make it slow (as a `.*a.*a…` RegExp would).
 */
function matches(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] ?? '';
  const last = parts.at(-1) ?? '';
  if (!name.startsWith(first) || name.length < first.length + last.length) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > name.length - last.length) return false;
    at = found + part.length;
  }
  return name.endsWith(last);
}

/** The first of `dataTypes` the organisation's `data_type:` scopes do not allow; undefined when they allow all. */
export function refusedDataType(
  store: MockStore,
  organisation: string,
  dataTypes: readonly string[],
): string | undefined {
  const patterns = [...store.permissions.values()]
    .filter((permissions) => permissions.organisation === organisation)
    .flatMap((permissions) => Object.keys(permissions.scopes))
    .filter((scope) => scope.startsWith(PREFIX))
    .map((scope) => scope.slice(PREFIX.length));
  if (patterns.length === 0) return undefined;
  return dataTypes.find((name) => !patterns.some((pattern) => matches(pattern, name)));
}

/**
 * Refuses a poll of data types the organisation's `data_type:` scopes do not allow.
 * @throws ApiError 403 `missing-scope` naming the first data type refused, in `params` under `payload.data_types`.
 */
export function checkScopes(store: MockStore, organisation: string, dataTypes: readonly string[]): void {
  const refused = refusedDataType(store, organisation, dataTypes);
  if (refused !== undefined) {
    throw new ApiError(403, 'missing-scope', `No data_type scope of the organisation allows ${refused}.`, {
      'payload.data_types': [`Missing scope data_type:${refused}.`],
    });
  }
}

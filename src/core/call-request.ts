/** What a call sends, set on its ky options: its JSON body, query and headers, from its spec and request options. */
import type { Options } from 'ky';
import { InvalidInputError } from './errors';
import type { RequestOptions } from './options';
import type { RequestSpec } from './spec';
import { AWAIT_HEADER } from './wire';

/**
 * ky's one serialisation of a body: one JSON cannot carry (a BigInt, a cycle, a function) is refused as ky builds the
 * request, before anything is sent. @throws InvalidInputError naming `body`.
 */
function stringifyBody(body: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch {}
  // JSON.stringify gives nothing for a function or a toJSON that returns nothing: ky would send no body.
  if (text === undefined) throw new InvalidInputError('body', 'must be serialisable as JSON (no BigInt, no cycle)');
  return text;
}

/** Sets on `kyOptions` what the call sends beyond its method: its JSON body, query and headers, when it has them. */
export function setRequest(kyOptions: Options, spec: RequestSpec<unknown>, options: RequestOptions): void {
  // Set only when there is a value: ky treats a key that is present as given.
  if (spec.body !== undefined) {
    kyOptions.json = spec.body;
    kyOptions.stringifyJson = (body) => (spec.sent = stringifyBody(body));
  }
  if (spec.query) kyOptions.searchParams = spec.query;
  const awaitHeader = options.awaitFor === undefined ? undefined : { [AWAIT_HEADER]: String(options.awaitFor) };
  if (options.headers || awaitHeader) kyOptions.headers = { ...options.headers, ...awaitHeader };
}

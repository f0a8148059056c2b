/**
 * Where the mock is served: msw predicates of its paths under its `baseUrl`, which match as the API's paths do (in the
 * case written: msw's own path patterns ignore case), and the API path of a request.
 */
import type { HttpCustomPredicate } from 'msw';

/**
 * How a request url under `base` starts: `base` normalised as request urls are (its host in lower case, the `:443` of
 * https dropped), then `/`. Compared as text, so no character of `base` is read as msw's pattern syntax (`|`, `*`).
 */
const startOf = (base: string): string => `${new URL(base).href.replace(/\/+$/, '')}/`;

/**
 * The API path of a request url under `base` (`/configs/webhook`), without the path of `base`
 * (`https://app.test/ricloud`), which the fault plan and the request log leave out: a fault names the API's path
 * wherever the mock is served.
 */
export function apiPathOf(base: string): (url: URL) => string {
  const skipped = new URL(startOf(base)).pathname.length - 1;
  return ({ pathname }) => pathname.slice(skipped);
}

/** The API path of a request under `base`; undefined for one elsewhere (under the base's path in another case too). */
function pathUnder(base: string): (request: Request) => string | undefined {
  const start = startOf(base);
  const apiPath = apiPathOf(base);
  return ({ url }) => (url.startsWith(start) ? apiPath(new URL(url)) : undefined);
}

/** A route's path (`/configs/webhook/:id`) as a pattern of API paths: `:id` one segment, a trailing `/` allowed. */
const patternOf = (path: string, flags?: string): RegExp =>
  new RegExp(`^${path.replace(':id', '(?<id>[^/]+)')}/?$`, flags);

/**
 * An msw predicate taking the requests for `path` (`/configs/webhook/:id`) under `base` as the API takes them: in the
 * case written (`/Configs/Webhook` is no path of it), `:id` one segment, given decoded as `params.id`.
 */
export function routeOf(base: string, path: string): HttpCustomPredicate<{ id?: string }> {
  const under = pathUnder(base);
  const pattern = patternOf(path);
  return ({ request }) => {
    const match = pattern.exec(under(request) ?? '');
    const id = match?.groups?.id;
    // A malformed escape never reaches this: `malformedPath`'s handler comes first.
    return { matches: match !== null, params: id === undefined ? {} : { id: decodeURIComponent(id) } };
  };
}

/** An msw predicate taking the requests for `path` under `base` that `routeOf` leaves out for their case only. */
export function otherCaseOf(base: string, path: string): HttpCustomPredicate<Record<string, never>> {
  const under = pathUnder(base);
  const [exact, anyCase] = [patternOf(path), patternOf(path, 'i')];
  return ({ request }) => {
    const api = under(request) ?? '';
    return anyCase.test(api) && !exact.test(api);
  };
}

/** An msw predicate taking every request under `base`, whatever its path. */
export function anyPathOf(base: string): HttpCustomPredicate<Record<string, never>> {
  const under = pathUnder(base);
  return ({ request }) => under(request) !== undefined;
}

/**
 * An msw predicate taking the requests under `base` with a malformed percent-escape in the path after `base`'s
 * (`%E0%A4%A`), which no other predicate can decode, so that the mock answers them 400. A `%` of `base`'s own path is
 * matched as written.
 */
export function malformedPath(base: string): HttpCustomPredicate<Record<string, never>> {
  const under = pathUnder(base);
  return ({ request }) => {
    const path = under(request);
    if (path === undefined) return false;
    try {
      decodeURIComponent(path);
      return false;
    } catch {
      return true;
    }
  };
}

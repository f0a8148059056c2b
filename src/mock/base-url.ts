/** Where the mock is served: its `baseUrl` as msw's path patterns, the API path of a request, a malformed path. */
import type { HttpCustomPredicate } from 'msw';

/**
 * `base` as the start of an msw path: what its matcher would read as syntax (the brackets and colons of an IPv6 host,
 * `http://[::1]:8787`) escaped, and the url normalised as requests' are (`:443` of https dropped). msw escapes the
 * port's colon itself. msw cuts a path at `|`, reads `*` as a wildcard and a `:` before digits (`/v:1/`) as a port
 * before any escape is seen, so these three are written as a group of their character code (`(\x7c)`), which none
 * of those reads.
 */
export function patternOf(base: string): string {
  const { protocol, hostname, port, pathname } = new URL(base);
  const literal = (text: string) =>
    text.replace(/[()[\]{}?+!\\]/g, '\\$&').replace(/[|*:]/g, (char) => `(\\x${char.charCodeAt(0).toString(16)})`);
  return `${protocol}//${literal(hostname)}${port ? `:${port}` : ''}${literal(pathname.replace(/\/+$/, ''))}`;
}

/**
 * The API path of a request url (`/configs/webhook`), without the path of `base` (`https://app.test/ricloud`), which
 * the fault plan and the request log leave out: a fault names the API's path wherever the mock is served.
 */
export function apiPathOf(base: string): (url: URL) => string {
  const prefix = new URL(base).pathname.replace(/\/+$/, '');
  return ({ pathname }) => (pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname);
}

/**
 * Whether the request is for `base` (normalised as request urls are) with a malformed percent-escape in its path after
 * `base`'s (`%E0%A4%A`): msw's path matching would throw on it, so this is tried first and answers 400. A `%` of
 * `base`'s own path is matched as written.
 */
export function malformedPath(base: string): HttpCustomPredicate<Record<string, never>> {
  const start = `${base}/`;
  const skipped = new URL(base).pathname.length;
  return ({ request }) => {
    if (!request.url.startsWith(start)) return false;
    try {
      decodeURIComponent(new URL(request.url).pathname.slice(skipped));
      return false;
    } catch {
      return true;
    }
  };
}

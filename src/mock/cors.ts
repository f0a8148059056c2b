/**
 * CORS for the mock server, so that a page in a browser can call it. Off unless asked: the real API's CORS rules are
 * not documented, and a mock that allowed more than the API would hide a page's real failure.
 */
import type { IncomingMessage } from 'node:http';
import { InvalidInputError } from '../core/errors';

/** `true` allows any origin; a string allows that one origin only. */
export type CorsOption = boolean | string;

/**
 * Checks the `cors` option: a boolean, or an origin such as `https://app.example` (no path, no trailing slash).
 * @throws InvalidInputError naming `options.cors`.
 */
export function checkCors(cors: unknown): CorsOption | undefined {
  if (cors === undefined || typeof cors === 'boolean') return cors;
  if (typeof cors === 'string' && URL.canParse(cors) && new URL(cors).origin === cors) return cors;
  throw new InvalidInputError('options.cors', 'must be true, false or an origin such as https://app.example');
}

/** Response headers the SDK reads, which a page sees only when exposed: the request id, a 429's advice, its clock. */
const EXPOSED = 'x-request-id, retry-after, date';

/** Whether `cors` lets a page of `origin` call the mock: `true` lets any, an origin only itself, off none. */
export const allowsOrigin = (cors: CorsOption | undefined, origin: string): boolean =>
  cors === true || (typeof cors === 'string' && origin === cors);

/** The CORS headers of an answer to `req`, or none when CORS is off or the origin is not the allowed one. */
export function corsHeaders(cors: CorsOption | undefined, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowsOrigin(cors, origin)) return {};
  return {
    'access-control-allow-origin': cors === true ? '*' : origin,
    'access-control-expose-headers': EXPOSED,
    vary: 'origin',
  };
}

/** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`), or undefined for any other request. */
export function preflight(
  cors: CorsOption | undefined,
  req: IncomingMessage,
): { status: number; headers: Record<string, string> } | undefined {
  if (!cors || req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return undefined;
  const allowed = corsHeaders(cors, req);
  if (!allowed['access-control-allow-origin']) return { status: 403, headers: {} };
  return {
    status: 204,
    headers: {
      ...allowed,
      'access-control-allow-methods': 'GET, POST, DELETE',
      // Whatever the page asks to send: the SDK's own headers and any a caller adds.
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
      'access-control-max-age': '600',
    },
  };
}

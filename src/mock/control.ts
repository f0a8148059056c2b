/**
 * The mock server's control route, `POST /__mock/reset`: `api.reset()` over HTTP, for a test suite that runs against
 * `ricloud mock` from another process.
 */
import type { MockApi } from './api';
import { RESET_PATH } from './choices';
import { allowsOrigin, type CorsOption } from './cors';
import { ApiError, json, statusError } from './respond';

/**
 * The answer of the control route to `request`, or undefined when it asks for another path. Only `POST` resets (a
 * browser's prefetch or a crawler's `GET` must not wipe a test's state): other methods are 405. A browser page of an
 * origin `cors` does not allow is 403, so a page a developer happens to visit cannot reset the mock behind their tests.
 */
export function controlAnswer(api: MockApi, request: Request, cors: CorsOption | undefined): Response | undefined {
  if (new URL(request.url).pathname !== RESET_PATH) return undefined;
  if (request.method !== 'POST')
    return statusError(405, 'Method not allowed: POST resets the mock.', undefined, { allow: 'POST' }).toResponse();
  const origin = request.headers.get('origin');
  if (origin !== null && !allowsOrigin(cors, origin))
    return new ApiError(
      403,
      'forbidden',
      'A page of this origin may not reset the mock: allow it with `cors`.',
    ).toResponse();
  api.reset();
  return json(200, { reset: true });
}

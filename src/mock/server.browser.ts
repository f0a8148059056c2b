/**
 * `server.ts` as the browser build has it: a page cannot listen for HTTP, so `ricloud/mock` there serves its
 * handlers through msw's own browser worker instead.
 */
import { RicloudError } from '../core/ricloud-error';
import type * as node from './server';

/**
 * Refuses: a browser has no HTTP server.
 * @throws RicloudError always, saying what to use instead.
 */
export const startMockServer: typeof node.startMockServer = () =>
  Promise.reject(
    new RicloudError(
      "startMockServer needs Node's http server; in a browser, pass createMockApi().handlers to msw's setupWorker",
    ),
  );

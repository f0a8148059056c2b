/**
 * `#load-engine` on servers (package.json `imports`): the request engine is imported with the first request, since ky
 * and zod take most of the time Node spends importing `ricloud`.
 */
import { RicloudError } from './ricloud-error';

let engine: Promise<typeof import('./engine')> | undefined;

/**
 * The request engine, loaded once; an import that failed is tried again by the next call.
 * @throws RicloudError when the import fails, with the platform's error as its `cause`.
 */
export const loadEngine = () =>
  (engine ??= import('./engine').catch((error: unknown) => {
    engine = undefined;
    throw new RicloudError(`could not load the request engine, so nothing was sent (${String(error)})`, {
      cause: error,
    });
  }));

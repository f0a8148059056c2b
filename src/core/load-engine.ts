/**
 * `#load-engine` on servers (package.json `imports`): the request engine is imported with the first request, since ky
 * and zod take most of the time Node spends importing `ricloud`.
 */
let engine: Promise<typeof import('./engine')> | undefined;

/** The request engine, loaded once; an import that failed is tried again by the next call. */
export const loadEngine = () =>
  (engine ??= import('./engine').catch((error: unknown) => {
    engine = undefined;
    throw error;
  }));

/**
 * ky and the resource schemas (with zod), loaded with the first request rather than at `import 'ricloud'`: on Node
 * they are most of a cold start. Once loaded, each is handed out as is, so later requests await nothing for them.
 * The browser build (tsup.config.ts) swaps this file for `load.browser.ts`, which imports both statically.
 */

/** ky's default export. */
export type Ky = typeof import('ky').default;
/** The resource schemas module. */
export type Schemas = typeof import('../schemas');

let ky: Ky | undefined;
let schemas: Schemas | undefined;

/** ky: the module itself once loaded, else a promise of it. */
export const loadKy = (): Ky | Promise<Ky> => ky ?? import('ky').then((module) => (ky = module.default));

/** The schemas module: itself once loaded, else a promise of it. */
export const loadSchemas = (): Schemas | Promise<Schemas> =>
  schemas ?? import('../schemas').then((module) => (schemas = module));

/** The one error an app without msw gets from `ricloud/mock`, in place of its runtime's "Cannot find package 'msw'". */
import { peerDependencies } from '../../package.json';

// Node's codes for a package that is not installed (ESM, CommonJS) or lacks the subpath (an msw older than 2), and
// how their messages name msw: `'msw'`, `'msw/core/http'`, `…/node_modules/msw/package.json`.
const NOT_LOADABLE = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED']);
const NAMES_MSW = /'msw['/]|[/\\]msw[/\\]package\.json/;

/**
 * Throws for `error`, the failure to load one of msw's modules: an error saying to install msw when it is missing (or
 * too old to have that module), with `error` as its cause; any other failure as it is.
 */
export function mswMissing(error: unknown): never {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (NOT_LOADABLE.has(String(code)) && NAMES_MSW.test(String(message)))
    throw new Error(
      `ricloud/mock needs msw ${peerDependencies.msw}, an optional peer dependency of ricloud, ` +
        'and could not load it: npm install --save-dev msw',
      { cause: error },
    );
  throw error;
}

/** `#msw` for every `require` (package.json `imports`): msw's modules as `msw.ts` gives them, required in a `try`. */
import { mswMissing } from './msw-missing';

/** msw's modules, or `mswMissing`'s error. */
function load(): [typeof import('msw/core/http'), typeof import('msw/experimental')] {
  try {
    return [require('msw/core/http'), require('msw/experimental')];
  } catch (error) {
    return mswMissing(error);
  }
}

export const [{ http }, { HttpNetworkFrame }] = load();

/**
 * `#msw` for ESM outside browsers (package.json `imports`): the only place the mock imports msw's code, by a dynamic
 * import a failure of which can be caught, so that `import 'ricloud/mock'` without msw throws `mswMissing`'s error.
 */
import { mswMissing } from './msw-missing';

// msw's subpaths, not its index: the index opens a BroadcastChannel at import, which keeps Deno from exiting.
export const [{ http }, { HttpNetworkFrame }] = await Promise.all([
  import('msw/core/http'),
  import('msw/experimental'),
]).catch(mswMissing);

// Vitest as Stryker runs it: only the tests of the mutated modules. Tests of the built files or of child processes are
// left out, since no mutant reaches them; so are the deadline tests, whose budgets of a few hundred ms the
// instrumented code on a loaded machine overruns.
import { mergeConfig } from 'vitest/config';
import { modules } from '../../stryker.config.mjs';
import base from '../../vitest.config';

// The base config resolves `#load-engine` to src/, as the other tests do.
export default mergeConfig(base, {
  test: {
    setupFiles: ['test/mutation/engine.ts'],
    include: [...new Set(modules.flatMap(({ tests }) => tests))],
    exclude: [
      'test/webhooks/examples.test.ts',
      'test/webhooks/web-crypto-built.test.ts',
      'test/reliability/deadline.test.ts',
    ],
  },
});

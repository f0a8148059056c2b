// Vitest as Stryker runs it for one group of stryker.config.mjs (MUTATION_GROUP, set by run.mjs; every group's tests
// without it): only the tests of the mutated modules. Tests of the built files or of child processes are left out,
// since no mutant reaches them; so are the deadline tests, whose budgets of a few hundred ms the instrumented code on a
// loaded machine overruns, and the engine-load test, which needs the request engine not yet imported (see below).
import { mergeConfig } from 'vitest/config';
import { groups } from '../../stryker.config.mjs';
import base from '../../vitest.config';

const group = groups.find(({ name }) => name === process.env.MUTATION_GROUP);

// The base config resolves `#load-engine` to src/, as the other tests do.
export default mergeConfig(base, {
  test: {
    setupFiles: ['test/mutation/engine.ts'],
    include: [...new Set((group ? [group] : groups).flatMap(({ tests }) => tests))],
    exclude: [
      'test/webhooks/examples.test.ts',
      'test/webhooks/web-crypto-built.test.ts',
      'test/reliability/deadline.test.ts',
      'test/core/engine-load.test.ts',
    ],
    // Test files share one module graph per run: importing msw, zod, ky and the SDK afresh for each file was most of
    // the time a mutant took.
    isolate: false,
  },
});

// @ts-check
/**
 * Mutation testing of the modules that guard security and state: `npm run test:mutation` re-tests what changed since
 * the committed baselines (reports/mutation-<group>.json); `npm run test:mutation -- --force` re-tests everything.
 * Modules are grouped by the tests that guard them; test/mutation/run.mjs runs Stryker once per group, with only that
 * group's tests, then checks each module's score against its `break`. A module is one line: its source (a file, or a
 * folder ending in `/`) and the score under which the run fails.
 */

/** The modules mutated, grouped by the tests that guard them (each group is one Stryker run). */
export const groups = [
  {
    name: 'webhooks',
    tests: ['test/webhooks/**/*.test.ts'],
    modules: [{ source: 'src/webhooks/', break: 90 }],
  },
  {
    name: 'mock',
    // The SDK's poll tests drive the mock's poll state machine through the public API.
    tests: ['test/mock/*.test.ts', 'test/resources/poll.test.ts'],
    modules: [
      { source: 'src/mock/test-runner.ts', break: 85 },
      { source: 'src/mock/waiters.ts', break: 85 },
      { source: 'src/mock/sessions.ts', break: 85 },
      { source: 'src/mock/results.ts', break: 85 },
      { source: 'src/mock/subscriptions.ts', break: 85 },
      { source: 'src/mock/routing.ts', break: 85 },
      { source: 'src/mock/polls.ts', break: 85 },
    ],
  },
  {
    name: 'core',
    // The client against the mock, through the public API.
    tests: ['test/core/*.test.ts', 'test/reliability/*.test.ts', 'test/resources/*.test.ts', 'test/bad-input.test.ts'],
    modules: [
      { source: 'src/core/list.ts', break: 85 },
      { source: 'src/core/errors.ts', break: 85 },
      { source: 'src/core/ricloud-error.ts', break: 85 },
      { source: 'src/core/answer-error.ts', break: 85 },
      { source: 'src/core/fields.ts', break: 85 },
      { source: 'src/core/failure.ts', break: 85 },
      { source: 'src/core/retry.ts', break: 85 },
      { source: 'src/core/retry-after.ts', break: 85 },
      { source: 'src/core/call-retry.ts', break: 85 },
      { source: 'src/core/redact.ts', break: 85 },
      { source: 'src/core/params.ts', break: 85 },
      { source: 'src/core/rules.ts', break: 85 },
    ],
  },
];

/** The globs Stryker mutates for a group's modules. */
export const mutateGlobs = (modules) =>
  modules.map(({ source }) => (source.endsWith('/') ? `${source}**/*.ts` : source));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.mjs', related: true },
  mutate: mutateGlobs(groups.flatMap(({ modules }) => modules)),
  coverageAnalysis: 'perTest',
  // A mutant of a module-level constant runs every test, not those that reach it: a tenth of the mutants took half of
  // the run. The behaviour those constants stand for is checked by the tests of the functions that read them.
  ignoreStatic: true,
  incremental: true,
  thresholds: { high: 90, low: 85, break: 85 },
  // Two cores are shared with other work.
  concurrency: 2,
  reporters: ['clear-text', 'progress'],
  ignorePatterns: ['dist', '.vitest-tmp', '.explore'],
  cleanTempDir: 'always',
};

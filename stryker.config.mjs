// @ts-check
/**
 * Mutation testing of the modules that guard security and state: `npm run test:mutation` re-tests what changed since
 * the committed baseline (reports/stryker-incremental.json); `npm run test:mutation -- --force` re-tests everything.
 * Each module is one line: the source (a file, or a folder ending in `/`), its tests, and the score under which the
 * run fails (test/mutation/run.mjs checks it after Stryker).
 */
/** The SDK core's tests: the client against the mock, through the public API. */
const CORE_TESTS = [
  'test/core/*.test.ts',
  'test/reliability/*.test.ts',
  'test/resources/*.test.ts',
  'test/bad-input.test.ts',
];

export const modules = [
  { source: 'src/webhooks/', tests: ['test/webhooks/**/*.test.ts'], break: 90 },
  { source: 'src/mock/test-runner.ts', tests: ['test/mock/*.test.ts'], break: 85 },
  { source: 'src/core/list.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/core/errors.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/core/fields.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/core/failure.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/mock/sessions.ts', tests: ['test/mock/*.test.ts'], break: 85 },
  { source: 'src/mock/results.ts', tests: ['test/mock/*.test.ts'], break: 85 },
  { source: 'src/mock/subscriptions.ts', tests: ['test/mock/*.test.ts'], break: 85 },
  { source: 'src/core/retry.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/core/redact.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/core/params.ts', tests: CORE_TESTS, break: 85 },
  { source: 'src/mock/routing.ts', tests: ['test/mock/*.test.ts'], break: 85 },
  { source: 'src/mock/polls.ts', tests: ['test/mock/*.test.ts'], break: 85 },
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.mjs', related: true },
  mutate: modules.map(({ source }) => (source.endsWith('/') ? `${source}**/*.ts` : source)),
  coverageAnalysis: 'perTest',
  // A mutant of a module-level constant runs every test, not those that reach it: a tenth of the mutants took half of
  // the run. The behaviour those constants stand for is checked by the tests of the functions that read them.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  thresholds: { high: 90, low: 85, break: 85 },
  // Two cores are shared with other work.
  concurrency: 2,
  reporters: ['clear-text', 'progress'],
  ignorePatterns: ['dist', '.vitest-tmp', '.explore'],
  cleanTempDir: 'always',
};

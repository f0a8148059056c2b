import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run src/, so `#load-engine` and `#msw` are the servers' loaders in src/, not the built ones package.json
    // `imports` names (tsconfig.json's `paths` says the same to tsc and to the CLI's build).
    alias: {
      '#load-engine': fileURLToPath(new URL('./src/core/load-engine.ts', import.meta.url)),
      '#msw': fileURLToPath(new URL('./src/mock/msw.ts', import.meta.url)),
    },
  },
  // A mutation run's sandbox holds a copy of the tests, which must not run beside the real ones.
  test: { exclude: [...configDefaults.exclude, '.stryker-tmp/**'] },
});

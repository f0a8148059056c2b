import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: one shared chunk per format, so `instanceof RicloudError` holds across entry points.
    entry: {
      index: 'src/index.ts',
      webhooks: 'src/webhooks/index.ts',
      mock: 'src/mock/index.ts',
      // `ricloud/mock` under the `browser` condition: a page cannot run the mock's HTTP server.
      'mock.browser': 'src/mock/browser.ts',
      schemas: 'src/schemas.ts',
      // `ricloud/node`: file helpers (readCredentialsFile) that need node:fs.
      node: 'src/node.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    treeshake: true,
    clean: true,
    target: 'es2022',
    external: ['msw'],
    // @noble/hashes' MD5 (the browsers' fallback) is built in: loading its modules at `import 'ricloud'` took ~20 ms.
    noExternal: ['@noble/hashes'],
  },
  {
    // The `ricloud` command: ESM only, with a shebang. The mock is a separate chunk, loaded only by `ricloud mock`.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    external: ['msw'],
    noExternal: ['@noble/hashes'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);

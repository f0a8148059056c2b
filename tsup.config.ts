import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: one shared chunk per format, so `instanceof RicloudError` holds across entry points.
    entry: {
      index: 'src/index.ts',
      webhooks: 'src/webhooks/index.ts',
      mock: 'src/mock/index.ts',
      // `ricloud/mock` under the `browser` condition, imported or required: a page cannot run the mock's HTTP server.
      'mock.browser': 'src/mock/browser.ts',
      schemas: 'src/schemas.ts',
      // `ricloud/node`: file helpers (readCredentialsFile) that need node:fs.
      node: 'src/node.ts',
      // `#load-engine` (package.json `imports`): the engine is lazy-loaded on servers, bundled statically in browsers.
      'load-engine': 'src/core/load-engine.ts',
      'load-engine.browser': 'src/core/load-engine.browser.ts',
    },
    format: ['esm', 'cjs'],
    // Declarations of the public entry points only: `#load-engine`'s would pull ky's types, which a CommonJS app's
    // compiler cannot import (ky is ESM only), into the chunks they share.
    dts: {
      entry: {
        index: 'src/index.ts',
        webhooks: 'src/webhooks/index.ts',
        mock: 'src/mock/index.ts',
        schemas: 'src/schemas.ts',
        node: 'src/node.ts',
      },
      compilerOptions: { stripInternal: true },
    },
    splitting: true,
    // Our chunks have no side effects (package.json says so): a bare `import './chunk-….js'` that code splitting hoists
    // into an entry is dropped here, rather than by the app's bundler, which warns of each (esbuild, so wrangler).
    treeshake: { moduleSideEffects: (id, external) => !(external && id.startsWith('./chunk-')) },
    // No `clean`: tsup builds these configs at once, and a config's clean could delete the msw and CLI files the
    // others had written already (a tarball without dist/msw.js). `npm run build` empties dist/ before tsup starts.
    target: 'es2022',
    // Resolved by the app's runtime or bundler, through package.json `imports`.
    external: ['msw', '#load-engine', '#msw'],
    // @noble/hashes' MD5 (the browsers' fallback) is built in: loading its modules at `import 'ricloud'` took ~20 ms.
    noExternal: ['@noble/hashes'],
  },
  {
    // `#msw` (package.json `imports`), the mock's one import of msw: caught by a top-level await in ESM runtimes, which
    // CommonJS cannot have (so `msw.require.ts` below), statically in bundlers, which resolve it.
    entry: { msw: 'src/mock/msw.ts', 'msw.static': 'src/mock/msw.static.ts' },
    format: ['esm'],
    target: 'es2022',
    external: ['msw'],
  },
  {
    entry: { msw: 'src/mock/msw.require.ts' },
    format: ['cjs'],
    target: 'es2022',
    external: ['msw'],
  },
  {
    // The `ricloud` command: ESM only, with a shebang. The mock is a separate chunk, loaded only by `ricloud mock`.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    external: ['msw', '#msw'],
    noExternal: ['@noble/hashes'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);

import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const core = fileURLToPath(new URL('src/core/', import.meta.url));

/**
 * For the browser build, the modules of `core/` that differ in browsers become their `.browser.ts` twins:
 * `load.ts` (ky and the schemas loaded on first use, for Node's cold start) imports both statically, so an app's
 * bundler inlines them without per-module wrappers; `user-agent.ts` sets no `User-Agent`, which browsers own.
 */
const browserTwins: Plugin = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\/(load|user-agent)$/ }, ({ path, importer }) => (importer.startsWith(core) ? { path: `${core}${path.slice(2)}.browser.ts` } : undefined));
  },
};

export default defineConfig([
  {
    // The library: one shared chunk per format, so `instanceof RicloudError` holds across entry points.
    entry: {
      index: 'src/index.ts',
      webhooks: 'src/webhooks/index.ts',
      mock: 'src/mock/index.ts',
      schemas: 'src/schemas.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    treeshake: true,
    clean: true,
    target: 'es2022',
    external: ['msw'],
  },
  {
    // The `browser` export condition: the same entry points (sharing their chunks), with ky and the schemas loaded
    // statically. Types are the library's.
    entry: {
      index: 'src/index.ts',
      webhooks: 'src/webhooks/index.ts',
      schemas: 'src/schemas.ts',
    },
    outDir: 'dist/browser',
    format: ['esm'],
    platform: 'browser',
    splitting: true,
    treeshake: true,
    target: 'es2022',
    esbuildPlugins: [browserTwins],
  },
  {
    // The `ricloud` command: ESM only, with a shebang. The mock is a separate chunk, loaded only by `ricloud mock`.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    external: ['msw'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);

import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const src = fileURLToPath(new URL('src/', import.meta.url));

/**
 * For the browser build, the modules that differ in browsers become their `.browser.ts` twins:
 * `core/inspect.ts` sets up no `util.inspect` form, which browsers' consoles never use;
 * `core/load.ts` (ky and the schemas loaded on first use, for Node's cold start) imports both statically, so an app's
 * bundler inlines them without per-module wrappers; `core/network.ts` reads no error codes, which browsers never give;
 * `core/user-agent.ts` sets no `User-Agent`, which browsers own;
 * `mock/server.ts` (Node's http server) refuses, leaving msw's browser worker to serve the mock's handlers.
 */
const BROWSER_TWINS = ['core/inspect', 'core/load', 'core/network', 'core/user-agent', 'mock/server'];
const browserTwins: Plugin = {
  name: 'browser-twins',
  setup(build) {
    // Any relative import (`./load`, `./core/inspect`, `../core/network`) of a module that has a twin.
    build.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) => {
      const module = relative(src, resolve(dirname(importer), path))
        .split(sep)
        .join('/');
      return BROWSER_TWINS.includes(module) ? { path: `${src}${module}.browser.ts` } : undefined;
    });
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
    // The `browser` export condition: the same entry points (sharing their chunks), with the browser twins above.
    // Types are the library's.
    entry: {
      index: 'src/index.ts',
      webhooks: 'src/webhooks/index.ts',
      mock: 'src/mock/index.ts',
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

/**
 * How a browser app's bundler sees the published package: esbuild with the `browser` condition, resolving `ricloud`
 * by name through package.json `exports` (the package refers to itself, so this is dist/ as published).
 * `npm run size` measures these bundles; `test/browser.test.ts` runs them.
 */
import { fileURLToPath } from 'node:url';
import { build, type Format } from 'esbuild';

/** Bundles an app's ESM `source` (importing `ricloud`, `ricloud/webhooks`, …) for browsers and returns the code. */
export async function bundleBrowserApp(
  source: string,
  options: { minify?: boolean; format?: Format; globalName?: string } = {},
): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    minify: options.minify ?? false,
    format: options.format ?? 'esm',
    ...(options.globalName ? { globalName: options.globalName } : {}),
    // esbuild's browser platform resolves with the `browser`, `import` and `default` conditions.
    platform: 'browser',
    conditions: ['browser'],
    target: 'es2022',
    // The repository's tsconfig maps `ricloud` to src/ for tests; an app sees only the package.
    tsconfigRaw: '{}',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.contents ?? new Uint8Array();
}

/**
 * `#msw` under the `module` condition, which bundlers set (esbuild, webpack, Rollup, Vite) and runtimes do not: static
 * imports, which a bundler resolves (and, when msw is missing, reports) at build time, with no top-level await, which a
 * bundle for CommonJS (esbuild's default for Node, tsup's) cannot hold.
 */
export { http } from 'msw/core/http';
export { HttpNetworkFrame } from 'msw/experimental';

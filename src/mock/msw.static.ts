/**
 * `#msw` for bundlers, which set the `browser` or `module` condition (package.json `imports`) and runtimes do not:
 * static imports, which a bundler resolves (and, when msw is missing, reports) at build time, with no top-level await,
 * which a bundle for CommonJS (esbuild's default for Node, tsup's) or an IIFE cannot hold. A bundle for browsers keeps
 * only `http`: msw has no side effects, so the unused `HttpNetworkFrame` is dropped with its module.
 */
export { http } from 'msw/core/http';
export { HttpNetworkFrame } from 'msw/experimental';

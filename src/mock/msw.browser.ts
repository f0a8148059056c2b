/**
 * `#msw` under the `browser` condition (package.json `imports`): static imports, which a bundler resolves (and, when
 * msw is missing, reports) at build time; only the handlers' `http`, as a page runs no mock server.
 */
export { http } from 'msw/core/http';

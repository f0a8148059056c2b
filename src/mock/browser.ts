/**
 * `ricloud/mock` in browsers (the `browser` export condition): the same mock, with no HTTP server, which a page cannot
 * run.
 */
export * from './public';
export { startMockServer } from './server.browser';

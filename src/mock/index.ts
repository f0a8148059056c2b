/** `ricloud/mock`: a mock of the ricloud API on msw, for the SDK's tests, users' tests, the demo and the CLI. */
export * from './public';
export { startMockServer } from './server';

/** `ricloud/mock`: a mock of the ricloud API on msw, for the SDK's tests, users' tests, the demo and the CLI. */
export { createMockApi } from './api';
export type { MockApi, MockApiOptions } from './api';
export { deliveryUrl, DELIVERY_TIMEOUT, ERROR_CODES, TEST_ERRORS } from './choices';
export type { CorsOption } from './cors';
export { FaultPlan } from './faults';
export type { Fault } from './faults';
export type { ReceivedRequest } from './handlers';
export { startMockServer } from './server';
export type { MockServer, MockServerOptions } from './server';
export type { Deliver } from './test-runner';

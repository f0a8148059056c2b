/** `ricloud/mock` in browsers (the `browser` export condition): the same mock, with no HTTP server, which a page cannot run. */
export { createMockApi } from './api';
export type { MockApi, MockApiOptions } from './api';
export { deliveryUrl, DELIVERY_TIMEOUT, ERROR_CODES, TEST_ERRORS } from './choices';
export type { CorsOption } from './cors';
export { FaultPlan } from './faults';
export type { Fault } from './faults';
export type { ReceivedRequest } from './request-log';
export { startMockServer } from './server.browser';
export type { MockServer, MockServerOptions } from './server';
export type { Deliver } from './deliveries';

/** What `ricloud/mock` exports in every runtime; `index.ts` and `browser.ts` add their own `startMockServer`. */
export { createMockApi } from './api';
export type { MockApi } from './api';
export type { MockApiOptions } from './options';
export {
  deliveryUrl,
  DELIVERY_TIMEOUT,
  ERROR_CODES,
  FAILING_TARGET,
  RESET_PATH,
  RESULT_EXPIRED,
  SESSION_EXPIRED,
  SESSION_OUTCOMES,
  SIGNED_URL_EXPIRED,
  STORAGE_TEST_ERROR,
  SUSPENDED_TARGET,
  TEST_ERRORS,
  UNCONFIGURED,
} from './choices';
export type { CorsOption } from './cors';
export type { Deliver } from './deliveries';
export { FaultPlan } from './faults';
export type { Fault } from './faults';
export type { ReceivedRequest } from './request-log';
// The shapes `api.store` gives, in its order.
export type { StoredOrganisation, StoredKey, StoredStorageConfig, StoredPermissions } from './shapes';
export type {
  StoredUser,
  StoredSource,
  StoredSession,
  StoredPoll,
  PollPayload,
  StoredSubscription,
  StoredResult,
} from './data-shapes';
export type { MockServer, MockServerOptions } from './server';

/**
 * The SDK values the command needs at start-up, taken from the SDK modules that import neither ky nor zod, so
 * `ricloud --help` loads neither. `Context.client()` loads the rest of the SDK (`../index`) when a command calls the
 * API. Types still come from `../index`: they cost nothing at run time.
 */
export {
  AuthenticationError,
  ConnectionError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RequestError,
  TimeoutError,
} from '../core/errors';
export { alternatives, checkUrl, parseIsoInstant } from '../core/params';
export { LOG_LEVELS } from '../core/log';
export { RicloudError } from '../core/ricloud-error';
export { MAX_TIMER_MS } from '../core/rules';
export { hideNestedSecrets } from '../core/secret-walk';
export {
  DEFAULT_BASE_URL,
  DEFAULT_WAIT_TIMEOUT,
  EVENT_STATES,
  POLL_STATES,
  RESULT_STATES,
  SESSION_STATES,
  SOURCE_STATES,
  SOURCE_TYPES,
  SUBSCRIPTION_STATES,
  USER_STATES,
  STORAGE_TYPES,
  TASK_STATES,
  WEBHOOK_CONFIG_STATES,
  WEBHOOK_CONFIG_UPDATE_STATES,
} from '../core/wire';

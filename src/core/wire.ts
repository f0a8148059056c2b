/** Wire names and values shared by the client, the mock and the command line. Imports nothing. */

/** The API's public address. */
export const DEFAULT_BASE_URL = 'https://ricloud-api.reincubate.com';

/** The response header that carries the server's request id. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The long-poll request header: seconds the server may hold the answer. */
export const AWAIT_HEADER = 'ricloud-await';
/** The API's long-poll ceiling, in seconds (newer docs). */
export const MAX_AWAIT_SECONDS = 10;
/** How long `task.wait()` (and the command line's `--wait`) waits unless told otherwise, in milliseconds. */
export const DEFAULT_WAIT_TIMEOUT = 60_000;
/** The most retries a client or a call takes (`maxRetries`). */
export const MAX_RETRIES = 10;

/** The states of a webhook config, in the order the API documents them. */
export const WEBHOOK_CONFIG_STATES = ['new', 'valid', 'invalid', 'deactivated'] as const;
/** The states a caller may set with an update. */
export const WEBHOOK_CONFIG_UPDATE_STATES = ['new', 'deactivated'] as const;
/** The states of a task. */
export const TASK_STATES = ['pending', 'processing', 'suspended', 'succeeded', 'failed'] as const;
/**
 * The states of a task or a poll while its work goes on. `wait()` ends on any other: `succeeded`, `failed`, a task's
 * `suspended` (which ricloud-py's samples stop on too) and any state the API may add, so callers check `state`.
 */
export const RUNNING_STATES: readonly string[] = ['pending', 'processing'];
/** The delivery states of an event. */
export const EVENT_STATES = ['pending', 'delivered', 'failed'] as const;
/** The bucket kinds of a storage config, read from its url. */
export const STORAGE_TYPES = ['gs', 's3'] as const;
/** The states of a key. */
export const KEY_STATES = ['active', 'deactivated', 'blocked', 'expired'] as const;
/** The kinds of key. */
export const KEY_TYPES = ['standard', 'trial'] as const;
/** The states of an organisation. */
export const ORGANISATION_STATES = ['unconfigured', 'active', 'deactivated', 'blocked'] as const;
/** The states of a user. */
export const USER_STATES = ['active', 'deactivated', 'blocked'] as const;
/** The source types: an iCloud account, a Relay instance, and a Relay instance's device (made by the API). */
export const SOURCE_TYPES = ['icloud.account', 'rirelay.instance', 'rirelay.source'] as const;
/**
 * The source types a client may name when it creates a source or a session: not `rirelay.source`, which the API makes
 * when it polls a Relay instance. `mocks.mock` is the API's own test source (ricloud-py's integration test opens one).
 */
export const SOURCE_CREATE_TYPES = ['icloud.account', 'rirelay.instance', 'mocks.mock'] as const;
/** The states of a source. */
export const SOURCE_STATES = ['unvalidated', 'active', 'deactivated', 'blocked', 'locked'] as const;
/** The states of a session. */
export const SESSION_STATES = ['pending', 'active', 'failed', 'expired'] as const;
/** The states of a poll. */
export const POLL_STATES = ['pending', 'processing', 'completed'] as const;
/** The states of a subscription. */
export const SUBSCRIPTION_STATES = ['pending', 'active', 'deleted'] as const;
/** The states of a result. */
export const RESULT_STATES = ['available', 'consumed', 'expired'] as const;

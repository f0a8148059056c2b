/** `ricloud`: the typed client for Reincubate's ricloud API. */
export { Client, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT } from './client';
export { BaseClient } from './core/client';
export { configure } from './configure';
export { DEFAULT_BASE_URL, DEFAULT_WAIT_TIMEOUT } from './core/wire';
export type { ClientOptions, RawOptions } from './client';
export type { Fetch } from './core/client-options';
export {
  AbortError,
  AuthenticationError,
  ConnectionError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestError,
  ResponseError,
  ResponseTooLargeError,
  ResponseValidationError,
  ResultExpiredError,
  ServerError,
  TimeoutError,
} from './core/errors';
export { RicloudError } from './core/ricloud-error';
export { ChecksumMismatchError, SizeMismatchError } from './core/download-errors';
export type { DownloadOptions, DownloadProgress } from './core/download';
export type { ErrorCode } from './core/errors';
export type { RequestInfo } from './core/ricloud-error';
export { Page, PagePromise } from './core/list';
export type { DateFilter, DateInput } from './core/params';
export type { Ref } from './core/fields';
export type { Resource } from './core/resource';
export type {
  CallOptions,
  Hooks,
  RequestHookInfo,
  RequestOptions,
  ResponseHookInfo,
  RetryHookInfo,
} from './core/options';
export type { ResponseMeta } from './core/spec';
export type { Logger, LogLevel } from './core/log';
export type { Validation } from './core/parse';
export type { RetryMode } from './core/retry';
export { Event, Events } from './resources/event';
export type { EventAction, EventListParams, EventType } from './resources/event';
export { Key, Keys } from './resources/key';
export type { KeyCreateParams, KeyListParams, KeyUpdateParams, KeyWithToken } from './resources/key';
export { Organisation, Organisations } from './resources/organisation';
export type { OrganisationUpdateParams } from './resources/organisation';
export { Permissions, PermissionsGroup } from './resources/permissions';
export type {
  PermissionLimit,
  PermissionScopes,
  PermissionsListParams,
  PermissionsParams,
} from './resources/permissions';
export { MAX_ACKNOWLEDGE_IDS, Result, Results } from './resources/result';
export type { ResultListParams } from './resources/result';
export { StorageConfig, StorageConfigs } from './resources/storage-config';
export type {
  StorageConfigCreateParams,
  StorageConfigListParams,
  StorageConfigUpdateParams,
  StorageCredentials,
} from './resources/storage-config';
export { Task, Tasks } from './resources/task';
export type { TaskCreateParams, TaskListParams } from './resources/task';
export type { WaitOptions } from './core/wait';
export { WebhookConfig, WebhookConfigs } from './resources/webhook-config';
export type {
  CreatedWebhookConfig,
  WebhookConfigCreateParams,
  WebhookConfigListParams,
  WebhookConfigUpdateParams,
  WebhookConfigUpdateState,
} from './resources/webhook-config';
export { User, Users, USER_UPDATE_STATES } from './resources/user';
export type { UserCreateParams, UserListParams, UserUpdateParams } from './resources/user';
export { Source, Sources, SOURCE_UPDATE_STATES } from './resources/source';
export type {
  SourceCreateParams,
  SourceCreateType,
  SourceListParams,
  SourceUpdateParams,
} from './resources/source';
export { Session, Sessions } from './resources/session';
export type {
  SessionCreateParams,
  SessionListParams,
  SessionPayload,
  SessionSourceParams,
} from './resources/session';
export { Poll, Polls } from './resources/poll';
export type { PollCreateParams, PollListParams, PollPayloadParams } from './resources/poll';
export { Subscription, Subscriptions } from './resources/subscription';
export type { SubscriptionCreateParams, SubscriptionListParams } from './resources/subscription';
export {
  EVENT_STATES,
  KEY_STATES,
  KEY_TYPES,
  ORGANISATION_STATES,
  STORAGE_TYPES,
  TASK_STATES,
  WEBHOOK_CONFIG_STATES,
} from './core/wire';
export {
  POLL_STATES,
  RESULT_STATES,
  SESSION_STATES,
  SOURCE_STATES,
  SOURCE_TYPES,
  SUBSCRIPTION_STATES,
  USER_STATES,
} from './core/wire';
export type {
  EventAttributes,
  EventState,
  KeyAttributes,
  KeyState,
  KeyType,
  OrganisationAttributes,
  OrganisationState,
  OrganisationType,
  PermissionsAttributes,
  StorageConfigAttributes,
  StorageConfigState,
  StorageType,
  TaskAttributes,
  TaskState,
  WebhookConfigAttributes,
  WebhookConfigState,
} from './schemas';
export type {
  PollAttributes,
  PollPayload,
  PollRequestor,
  PollState,
  ResultAttributes,
  ResultState,
  SessionAttributes,
  SessionError,
  SessionState,
  SourceAttributes,
  SourceState,
  SourceType,
  SubscriptionAttributes,
  SubscriptionState,
  UserAttributes,
  UserState,
} from './schemas';

/**
 * `ricloud/webhooks`: verify, parse and receive the API's signed webhook deliveries, in any runtime. No HTTP client
 * inside.
 */
export { constructEvent } from './construct-event';
export type { ConstructEventOptions } from './construct-event';
export { isEvent, WebhookPayloadError } from './event';
// The resources the documented slugs carry as `data`, for a receiver's own signatures.
export type { PollAttributes, SessionAttributes, TaskAttributes, WebhookConfigAttributes } from '../schemas';
export type {
  GenericWebhookEvent,
  KnownWebhookEvent,
  UnknownActionWebhookEvent,
  WebhookEvent,
  WebhookEventData,
  WebhookEventOf,
  WebhookEventSlug,
  WebhookPayloadProblem,
} from './event';
export { createWebhookHandler } from './handler';
export { DEFAULT_HANDLER_TIMEOUT } from './handler-options';
export type {
  EventHandler,
  EventHandlerContext,
  PlatformContext,
  WebhookEventHandlers,
  WebhookHandlerOptions,
} from './handler-options';
export { toNodeHandler } from './node';
export type { NodeHandler, NodeHandlerOptions, NodeRequest, NodeResponse } from './node';
export { MemoryReplayStore, ReplayError } from './replay';
export type { ReplayStore } from './replay';
export {
  DEFAULT_TOLERANCE,
  parseSignatureHeader,
  SIGNATURE_HEADER,
  SignatureVerificationError,
  signPayload,
  verifySignature,
} from './signature';
export type { ParsedSignature, Payload, Secrets, VerifyOptions } from './signature';
export { createSignedRequest, generateTestHeader } from './testing';
export type { SignedRequestOptions } from './testing';
export { DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_BODY_BYTES } from './body';
export { verifyRequest } from './verify-request';
export type { VerifyRequestOptions } from './verify-request';

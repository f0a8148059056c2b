/**
 * What a delivery's body is: the event types, and the hand-written check of the event envelope.
 * No zod here: the schemas lend their types only, so `ricloud/webhooks` stays small.
 */
import { RicloudError } from '../core/ricloud-error';
import type {
  EventAttributes,
  PollAttributes,
  SessionAttributes,
  TaskAttributes,
  WebhookConfigAttributes,
} from '../schemas';
import type { Payload } from './signature';

/**
 * Why a body is not an event: empty, not JSON, JSON of another shape, already read by someone else, over the size
 * limit, cut off while it was read (`unreadable`), or still arriving when its time ran out (`timeout`).
 */
export type WebhookPayloadProblem =
  | 'empty'
  | 'not-json'
  | 'not-an-event'
  | 'body-used'
  | 'too-large'
  | 'unreadable'
  | 'timeout';

/** A signed body that is not an event, or a body the SDK cannot read raw. `reason` says which. */
export class WebhookPayloadError extends RicloudError {
  override name = 'WebhookPayloadError';
  /** `message` says what is wrong with the body, for people; `reason` says it for code. */
  constructor(
    /** What is wrong with the body. */
    readonly reason: WebhookPayloadProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The event slugs (`<type>.<action>`) the API documents, each with the resource its `data` holds. */
export interface WebhookEventData {
  /** The test a `webhook_config.test` task sends to the config's url; `data` is the config. */
  'webhook_config.test': WebhookConfigAttributes;
  /** A task was created; `data` is the task. */
  'task.created': TaskAttributes;
  /** A task succeeded; `data` is the task. */
  'task.succeeded': TaskAttributes;
  /** A task failed; `data` is the task, with its `error`. */
  'task.failed': TaskAttributes;
  /** A poll was created; `data` is the poll. */
  'poll.created': PollAttributes;
  /** A poll completed; `data` is the poll. */
  'poll.completed': PollAttributes;
  /** A session expired; `data` is the session. */
  'session.expired': SessionAttributes;
}

/** A slug the SDK knows, such as `task.succeeded`. */
export type WebhookEventSlug = keyof WebhookEventData;

/** A documented event type, a documented slug's part before its dot: `webhook_config`, `task`, `poll`, `session`. */
type WebhookEventType = { [S in WebhookEventSlug]: S extends `${infer T}.${string}` ? T : never }[WebhookEventSlug];

// The same types at run time; `Record` makes the compiler keep the two lists equal.
// Stryker disable BooleanLiteral: only the keys are read.
const KNOWN_TYPES: Record<WebhookEventType, true> = { webhook_config: true, task: true, poll: true, session: true };
// Stryker restore BooleanLiteral

/** The attributes every event has, whatever its type. */
type Envelope = Pick<
  EventAttributes,
  'id' | 'resource' | 'organisation' | 'state' | 'retries' | 'date_created' | 'date_delivered'
>;

/**
 * An event of a type the SDK does not know yet: it parses, with `data` left `unknown`. A handler of its slug gets it
 * (`on['subscription.renewed']`); elsewhere it arrives where every documented type has been ruled out, as in the
 * `default` of a `switch (event.type)`, where `const other: GenericWebhookEvent = event` reads it.
 */
export type GenericWebhookEvent = Envelope & { type: string; action: string; data: unknown };

/**
 * The event a handler of slug `S` gets: `WebhookEventOf<'task.succeeded'>` has `type: 'task'`, `action: 'succeeded'`,
 * `data: TaskAttributes`; another action of a documented type (`'task.cancelled'`) is its `UnknownActionWebhookEvent`,
 * and a slug of an unknown type a `GenericWebhookEvent`.
 */
export type WebhookEventOf<S extends string> = S extends `${infer T}.${infer A}`
  ? S extends WebhookEventSlug
    ? Envelope & { type: T; action: A; data: WebhookEventData[S] }
    : T extends WebhookEventType
      ? Extract<UnknownActionWebhookEvent, { type: T }>
      : GenericWebhookEvent
  : GenericWebhookEvent;

/** An event of a documented slug, discriminated on `type` and `action`. */
export type KnownWebhookEvent = WebhookEventOf<WebhookEventSlug>;

/**
 * An event of a documented type with an action the SDK does not know (a `task.cancelled`): its `action` is any string,
 * and its `data` its type's resource, which the parser checks of it as of a documented slug's. A handler of its slug
 * gets it (`on['task.cancelled']`).
 */
export type UnknownActionWebhookEvent = {
  [T in WebhookEventType]: Envelope & {
    type: T;
    action: string;
    data: WebhookEventData[Extract<WebhookEventSlug, `${T}.${string}`>];
  };
}[WebhookEventType];

/**
 * A verified delivery of a documented type, so `switch (event.type)` or `event.type === 'task'` narrows its `data` to
 * the resource. Its `action` is then any string, since the API may add actions to a type: compare it (`event.action
 * === 'succeeded'`), or check the slug with `isEvent(event, 'task.succeeded')`, which narrows the whole event. As with
 * stripe-node's `Stripe.Event`, the union holds the documented types only: a `string` type beside them would keep
 * TypeScript from narrowing on it. An event of a type the SDK does not know yet is returned all the same: see
 * `GenericWebhookEvent`.
 */
export type WebhookEvent = KnownWebhookEvent | UnknownActionWebhookEvent;

/** The event's slug, `<type>.<action>`, the way ricloud-py builds it. */
export const eventSlug = (event: { type: string; action: string }): string => `${event.type}.${event.action}`;

/**
 * True when `event` (also one typed `GenericWebhookEvent`) is a `slug` event; narrows its `data` to the matching
 * resource. Throws nothing.
 */
export function isEvent<S extends WebhookEventSlug>(
  event: WebhookEvent | GenericWebhookEvent,
  slug: S,
): event is WebhookEventOf<S> {
  return eventSlug(event) === slug;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What makes `json` not an event, or undefined when it is one. Checks the envelope, and for a documented type (of any
 * action) the kind of `data`.
 */
function eventProblem(json: unknown): string | undefined {
  if (!isRecord(json)) return 'it is not a JSON object';
  if (json.resource !== 'event') return '`resource` is not "event"';
  for (const key of ['id', 'type', 'action', 'state', 'date_created']) {
    if (typeof json[key] !== 'string' || json[key] === '') return `\`${key}\` is missing or not a string`;
  }
  const slug = eventSlug(json as { type: string; action: string });
  // Only the kind of resource is checked: the body is signed by the API, and its attributes are trusted as sent.
  if (
    Object.hasOwn(KNOWN_TYPES, json.type as string) &&
    !(isRecord(json.data) && json.data.resource === json.type && typeof json.data.id === 'string')
  ) {
    return `\`data\` is not the ${String(json.type)} a ${slug} event carries`;
  }
  return undefined;
}

/**
 * Reads a raw body as an event: UTF-8 JSON with the event envelope, a byte order mark before it passed over (as in
 * bytes, so in text). Call it only on a verified body.
 * @throws WebhookPayloadError when the body is empty, not JSON, or not an event.
 */
export function parseEvent(payload: Payload): WebhookEvent {
  let text: string;
  try {
    // TextDecoder drops a leading BOM of bytes: the same body read as text (`buffer.toString()`) is read the same.
    text =
      typeof payload === 'string'
        ? payload.replace(/^\uFEFF/, '')
        : new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    throw new WebhookPayloadError('not-json', 'the body is not UTF-8 text, so it is not JSON');
  }
  if (text.trim() === '') throw new WebhookPayloadError('empty', 'the body is empty; a delivery carries a JSON event');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebhookPayloadError('not-json', 'the body is not JSON');
  }
  const problem = eventProblem(json);
  if (problem) throw new WebhookPayloadError('not-an-event', `the body is JSON but not a ricloud event: ${problem}`);
  return json as WebhookEvent;
}

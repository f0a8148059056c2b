/**
 * `/polls` (create, retrieve long-polled with `Ricloud-Await` until `completed`, list) and `/subscriptions` (create,
 * retrieve, list, delete). Both need an `active` session, a usable organisation and the scopes for their data types.
 */
import { POLL_STATES, SUBSCRIPTION_STATES } from '../../core/wire';
import { CREATED, MAX_POLL_TASKS, SESSION_EXPIRED, SUBSCRIPTION_INTERVAL } from '../choices';
import { awaitSeconds, bodyOf, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { readDate, readFields, readNames, readRef } from '../fields';
import { listEndpoint } from '../lists';
import { showPoll, startPoll } from '../polls';
import { ApiError, invalidParameter, json } from '../respond';
import { checkUsable } from '../routing';
import { checkScopes } from '../scopes';
import { type PollPayload, showSubscription, type StoredSource, type StoredSubscription } from '../data-shapes';
import { newId } from '../store';
import { endSubscription, scheduleSubscription } from '../subscriptions';
import { checkActive } from './users-sources';

/** A poll payload: lists of info types, data types and files (each name once), 1 to `MAX_POLL_TASKS` names in all. */
function readPayload(value: unknown, field: string): PollPayload {
  const fields = readFields(value, field);
  const payload = {
    info_types: readNames(fields.info_types, `${field}.info_types`),
    data_types: readNames(fields.data_types, `${field}.data_types`),
    files: readNames(fields.files, `${field}.files`),
  };
  const names = payload.info_types.length + payload.data_types.length + payload.files.length;
  if (names === 0) throw invalidParameter(field, 'Ask for at least one info type, data type or file.');
  if (names > MAX_POLL_TASKS)
    throw invalidParameter(field, `Ask for at most ${MAX_POLL_TASKS} info types, data types and files in all.`);
  return payload;
}

/**
 * The session and source a poll or subscription names, once the key may use them: the session `active` (an expired
 * one is 400 `session-expired`), the source the session's own or one of its children, and not deactivated.
 */
function readTarget(call: Call, context: HandlerContext, body: Record<string, unknown>, payload: PollPayload) {
  const { store } = context;
  const session = readRef(store.sessions, body.session, 'session', call.organisation);
  const source =
    body.source === undefined || body.source === null
      ? store.sources.get(session.source)
      : readRef(store.sources, body.source, 'source', call.organisation);
  if (!source || (source.id !== session.source && source.parent !== session.source))
    throw invalidParameter('source', "Name the session's source or one of its children.");
  checkUsable(store, call.key);
  checkScopes(store, call.organisation, payload.data_types);
  if (session.state === 'expired')
    throw new ApiError(SESSION_EXPIRED.status, SESSION_EXPIRED.code, 'The session has expired: open a new one.');
  if (session.state !== 'active') throw invalidParameter('session', `The session is ${session.state}, not active.`);
  checkActive(source, 'source');
  return { session, source };
}

async function createPoll(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const body = bodyOf(call, ['session', 'source', 'subscription', 'payload']);
  const payload = readPayload(body.payload, 'payload');
  const subscription =
    body.subscription === undefined || body.subscription === null
      ? null
      : readRef(context.store.subscriptions, body.subscription, 'subscription', call.organisation);
  // ricloud-py's `rirelay sub poll` names only the subscription: the poll is of its session and source.
  const named =
    subscription && (body.session === undefined || body.session === null)
      ? { ...body, session: subscription.session, source: body.source ?? subscription.source }
      : body;
  const { session, source } = readTarget(call, context, named, payload);
  if (subscription && (subscription.session !== session.id || subscription.state === 'deleted'))
    throw invalidParameter('subscription', 'Name a subscription of this session that is not deleted.');
  const poll = startPoll(context, call.key, session, source, payload, subscription?.id ?? null, 'key');
  await context.runner.waitUntil(poll.id, awaitFor * 1000, () => poll.state === 'completed');
  return json(CREATED, showPoll(context, poll));
}

async function retrievePoll(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const poll = owned(context.store.polls, call.id, call.organisation, 'Poll');
  await context.runner.waitUntil(poll.id, awaitFor * 1000, () => poll.state === 'completed');
  return json(200, showPoll(context, poll));
}

const listPolls = listEndpoint({
  path: '/polls',
  from: 'polls',
  filters: ['session', 'subscription', 'requestor', 'source', 'user'],
  states: POLL_STATES,
  show: (poll, context) => showPoll(context, poll),
});

/** A subscription's `interval`: whole seconds, at least 1; a day when absent. */
function readInterval(value: unknown): number {
  if (value === undefined || value === null) return SUBSCRIPTION_INTERVAL.default;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw invalidParameter('interval', 'Enter a whole number of seconds, at least 1.');
  return value;
}

/** Refuses an `interval` under an hour for a Relay source (`rirelay.instance` or one of its devices) only. */
function checkRelayInterval(interval: number, source: StoredSource): void {
  if (source.type.startsWith('rirelay.') && interval < SUBSCRIPTION_INTERVAL.relayMin)
    throw invalidParameter('interval', `Enter a whole number of seconds, at least ${SUBSCRIPTION_INTERVAL.relayMin}.`);
}

function createSubscription(call: Call, context: HandlerContext): Response {
  const { store } = context;
  const body = bodyOf(call, ['session', 'source', 'poll_payload', 'interval', 'date_start', 'date_end']);
  const payload = readPayload(body.poll_payload, 'poll_payload');
  const interval = readInterval(body.interval);
  const now = store.now();
  const start = readDate(body.date_start, 'date_start') ?? now;
  const end = readDate(body.date_end, 'date_end') ?? null;
  if (end !== null && Date.parse(end) < Date.parse(start))
    throw invalidParameter('date_end', 'Must be after date_start.');
  // A window that has ended could never poll: refused, so the mistake shows at once.
  if (end !== null && Date.parse(end) <= Date.parse(now)) throw invalidParameter('date_end', 'Must be in the future.');
  const { session, source } = readTarget(call, context, body, payload);
  checkRelayInterval(interval, source);
  store.forgetEnded(store.subscriptions, (s) => s.state === 'deleted');
  const subscription = store.add('subscription', store.subscriptions, {
    id: newId(),
    resource: 'subscription',
    organisation: call.organisation,
    key: call.key.id,
    session: session.id,
    source: source.id,
    poll_payload: payload,
    interval,
    date_start: start,
    date_end: end,
    state: 'pending',
    date_created: now,
  } satisfies StoredSubscription);
  scheduleSubscription(context, subscription);
  return json(CREATED, showSubscription(subscription));
}

const findSubscription = (call: Call, context: HandlerContext) =>
  owned(context.store.subscriptions, call.id, call.organisation, 'Subscription');

const listSubscriptions = listEndpoint({
  path: '/subscriptions',
  from: 'subscriptions',
  filters: ['session', 'source'],
  states: SUBSCRIPTION_STATES,
  show: showSubscription,
});

/** Stops the subscription (`deleted`: no more polls) and answers it as JSON. */
function deleteSubscription(call: Call, context: HandlerContext): Response {
  const subscription = findSubscription(call, context);
  endSubscription(context, subscription);
  return json(200, showSubscription(subscription));
}

/** The poll and subscription endpoints. */
export const POLL_AND_SUBSCRIPTION_ROUTES: Route[] = [
  { path: '/polls', methods: { GET: listPolls, POST: createPoll } },
  { path: '/polls/:id', methods: { GET: retrievePoll } },
  { path: '/subscriptions', methods: { GET: listSubscriptions, POST: createSubscription } },
  {
    path: '/subscriptions/:id',
    methods: {
      GET: (call, context) => json(200, showSubscription(findSubscription(call, context))),
      DELETE: deleteSubscription,
    },
  },
];
